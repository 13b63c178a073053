import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteIsStale } from '../../docs/site-freshness.ts';

let root: string;
const site = () => join(root, 'docs/site');
const at = (file: string, seconds: number) => {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file === 'typedoc.json' ? JSON.stringify({ entryPoints: ['packages/auth', 'packages/rest', 'packages/ws'] }) : file);
  utimesSync(path, seconds, seconds);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'docs-fresh-'));
  at('typedoc.json', 1000);
  at('README.md', 1000);
  at('docs/guides/orders.md', 1000);
  at('packages/rest/README.md', 1000);
  at('packages/rest/src/orders.ts', 1000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('siteIsStale', () => {
  it('is stale when the site was never built', () => {
    expect(siteIsStale(root, site())).toBe(true);
  });

  it('is fresh when the site is newer than every input', () => {
    at('docs/site/index.html', 2000);
    expect(siteIsStale(root, site())).toBe(false);
  });

  it.each(['README.md', 'docs/guides/orders.md', 'docs/guides/new-guide.md', 'packages/rest/src/orders.ts', 'packages/ws/src/deep/client.ts', 'packages/auth/typedoc.json'])(
    'is stale when %s changed after the build',
    (file) => {
      at('docs/site/index.html', 2000);
      at(file, 3000);
      expect(siteIsStale(root, site())).toBe(true);
    },
  );

  it('ignores packages that are not among typedoc.json\'s entry points', () => {
    at('docs/site/index.html', 2000);
    at('packages/cli/src/main.ts', 3000);
    expect(siteIsStale(root, site())).toBe(false);
  });
});
