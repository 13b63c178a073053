/**
 * Whether `pnpm docs:check` can run: it needs Debian's Chromium. Without it the check fails naming
 * the package, unless RUNTIMES_BROWSER_UNAVAILABLE says why this machine cannot have it (.ci/run
 * sets it when apt-get fails, as for the runtime matrix's browser column): then it is not run.
 */
import { accessSync, constants } from 'node:fs';

/** Debian's chromium package installs the browser here. */
export const CHROMIUM = '/usr/bin/chromium';

export type ChromiumVerdict = { readonly run: true } | { readonly run: false; readonly exitCode: 0 | 1; readonly message: string };

/** What to do about the browser at `path`, given the environment `env`. */
export function chromiumVerdict(path: string, env: NodeJS.ProcessEnv): ChromiumVerdict {
  try {
    accessSync(path, constants.X_OK);
    return { run: true };
  } catch {
    const unavailable = env['RUNTIMES_BROWSER_UNAVAILABLE'];
    if (unavailable) return { run: false, exitCode: 0, message: `not run: ${unavailable}; the Debian package chromium is not installed (${path})` };
    return { run: false, exitCode: 1, message: `${path} is missing: install the Debian package chromium (apt-get install chromium)` };
  }
}
