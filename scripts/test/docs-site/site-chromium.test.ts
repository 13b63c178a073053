import { describe, expect, it } from 'vitest';
import { chromiumVerdict } from '../../docs/site-chromium.ts';

const missing = '/nonexistent/chromium';

describe('chromiumVerdict: pnpm docs:check without Debian’s Chromium', () => {
  it('runs where the browser is installed', () => {
    expect(chromiumVerdict(process.execPath, {})).toEqual({ run: true });
  });

  it('fails naming the Debian package when it is missing', () => {
    expect(chromiumVerdict(missing, {})).toEqual({
      run: false,
      exitCode: 1,
      message: '/nonexistent/chromium is missing: install the Debian package chromium (apt-get install chromium)',
    });
  });

  it('is reported as not run, with the reason, where RUNTIMES_BROWSER_UNAVAILABLE says the machine cannot have it', () => {
    expect(chromiumVerdict(missing, { RUNTIMES_BROWSER_UNAVAILABLE: 'apt-get failed' })).toEqual({
      run: false,
      exitCode: 0,
      message: 'not run: apt-get failed; the Debian package chromium is not installed (/nonexistent/chromium)',
    });
  });
});
