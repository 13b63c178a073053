// Every link of every README and guide resolves, and a published package's README links only files its
// tarball ships (or the repository on GitHub), so its npm page has no broken links. Rules: docs/guides/README.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorsOf, checkLinks, extractLinks, githubSlug, REPO_URL, shippedBy } from '../../docs/links.ts';
import { documentationFiles } from '../../docs/snippets.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('link checker', () => {
  it('makes heading ids as GitHub does', () => {
    expect(githubSlug('Orders: bid/ask vs yes/no + buy/sell')).toBe('orders-bidask-vs-yesno--buysell');
    expect(githubSlug('Reference prices: `cfbenchmarks_value`, `cfbenchmarks_value_5hz`, `pyth_value`')).toBe(
      'reference-prices-cfbenchmarks_value-cfbenchmarks_value_5hz-pyth_value',
    );
    expect(githubSlug('The main job: `pnpm regen`')).toBe('the-main-job-pnpm-regen');
    expect(githubSlug('[Linked](x.md) **bold** title')).toBe('linked-bold-title');
    expect([...anchorsOf('# A\n## A\n```md\n## B\n```\n<a id="custom"></a>\n')]).toEqual(['a', 'a-1', 'custom']);
  });

  it('reads links from prose only, not from code', () => {
    const markdown = ['[a](a.md) and `[b](b.md)`', '```ts', '[c](c.md)', '```', '![img](i.png "title") <https://x.example/y>', '[ref]: ref.md', '<a href="h.md">h</a>'].join('\n');
    expect(extractLinks(markdown)).toEqual([
      { target: 'a.md', line: 1 },
      { target: 'i.png', line: 5 },
      { target: 'https://x.example/y', line: 5 },
      { target: 'ref.md', line: 6 },
      { target: 'h.md', line: 7 },
    ]);
  });

  it('knows what a tarball ships: `files`, negations, and package.json, README, LICENSE, CHANGELOG', () => {
    const pkg = { files: ['dist', 'control-api.yaml', '!dist/**/*.map'] };
    expect(['dist/index.js', 'control-api.yaml', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].filter((p) => !shippedBy(pkg, p))).toEqual([]);
    expect(['dist/index.js.map', 'examples/bot.ts', 'src/index.ts', 'control-api.yaml.bak'].filter((p) => shippedBy(pkg, p))).toEqual([]);
  });

  describe('on a repository', () => {
    const repo = mkdtempSync(join(tmpdir(), 'kalshi-links-'));
    afterAll(() => rmSync(repo, { recursive: true, force: true }));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    };
    write('packages/p/package.json', JSON.stringify({ name: '@x/p', files: ['dist'] }));
    write('packages/p/dist/index.js', '');
    write('packages/p/examples/bot.ts', '');
    write('packages/q/package.json', JSON.stringify({ name: '@x/q', private: true }));
    write('packages/q/README.md', '# Q\n\n[bot](../p/examples/bot.ts)\n');
    write('docs/guide.md', '# Guide\n\n## Step one\n');
    write(
      'packages/p/README.md',
      [
        '# P',
        '[dist](dist/index.js) [self](#p) [license](LICENSE)',
        '[bot](examples/bot.ts)',
        '[guide](../../docs/guide.md#step-one)',
        '[missing anchor](#nope)',
        `[repo file](${REPO_URL}/blob/main/docs/guide.md#step-two)`,
        `[repo dir](${REPO_URL}/tree/main/packages/p/examples) [site](https://kalshi-sdk.github.io/kalshi-sdk/)`,
        '[bad](https://bad^host.com) [ftp](ftp://host/x) [abs](/docs/guide.md) [gone](gone.md)',
      ].join('\n'),
    );

    it('reports each broken link with its line and the fix', () => {
      expect(checkLinks(repo, 'packages/p/README.md')).toEqual([
        'packages/p/README.md:2: LICENSE: packages/p/LICENSE does not exist',
        `packages/p/README.md:3: examples/bot.ts: not in the packages/p tarball, so broken on npm: link ${REPO_URL}/blob/main/packages/p/examples/bot.ts`,
        `packages/p/README.md:4: ../../docs/guide.md#step-one: not in the packages/p tarball, so broken on npm: link ${REPO_URL}/blob/main/docs/guide.md#step-one`,
        'packages/p/README.md:5: #nope: no heading #nope in this file',
        `packages/p/README.md:6: ${REPO_URL}/blob/main/docs/guide.md#step-two: no heading #step-two in docs/guide.md`,
        'packages/p/README.md:8: https://bad^host.com: not a well-formed URL',
        'packages/p/README.md:8: ftp://host/x: only http(s) and mailto links are allowed',
        `packages/p/README.md:8: /docs/guide.md: an absolute path; use a relative link or ${REPO_URL}/blob/main/<path>`,
        'packages/p/README.md:8: gone.md: packages/p/gone.md does not exist',
      ]);
    });

    it('lets a private package or a guide link any file of the repository', () => {
      expect(checkLinks(repo, 'packages/q/README.md')).toEqual([]);
    });
  });
});

describe('every link of every README and guide resolves', () => {
  const files = documentationFiles(root);

  it('covers the READMEs and the guides', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('packages/rest/README.md');
    expect(files).toContain('docs/guides/getting-started.md');
  });

  it.each(files)('%s', (file) => {
    expect(checkLinks(root, file)).toEqual([]);
  });
});
