import { describe, expect, it } from 'vitest';
import { kalshiDocsLinks, REPO_URL, siteLinkFor, type SiteLink } from '../../docs/site-links.ts';

const root = '/repo';

describe('siteLinkFor: where a relative link in a README, guide or comment goes when it is not a page of the site', () => {
  it.each<[string, boolean, SiteLink]>([
    ['/repo/docs/screenshots/home.png', false, { kind: 'media' }],
    ['/repo/packages/cli', true, { kind: 'github', url: `${REPO_URL}/tree/main/packages/cli` }],
    ['/repo/packages/rest/src/orders.ts', false, { kind: 'github', url: `${REPO_URL}/blob/main/packages/rest/src/orders.ts` }],
    ['/repo/docs/runtimes.md', false, { kind: 'github', url: `${REPO_URL}/blob/main/docs/runtimes.md` }],
    ['/repo/examples/demo', true, { kind: 'github', url: `${REPO_URL}/tree/main/examples/demo` }],
    ['/repo/docs/a b.md', false, { kind: 'github', url: `${REPO_URL}/blob/main/docs/a%20b.md` }],
    ['/shared/kalshi-docs/pages/INDEX.md', false, { kind: 'outside' }],
    ['/repository-next-door/x.md', false, { kind: 'outside' }],
  ])('%s', (path, isDirectory, want) => {
    expect(siteLinkFor(path, root, isDirectory)).toEqual(want);
  });
});

describe('kalshiDocsLinks: spec descriptions link Kalshi docs pages by path', () => {
  it('sends a root-path Markdown link to Kalshi’s docs site and leaves other links alone', () => {
    expect(kalshiDocsLinks('See [rate limits](/getting_started/rate_limits) and [x](https://example.com/a) or [y](#z).')).toBe(
      'See [rate limits](https://docs.kalshi.com/getting_started/rate_limits) and [x](https://example.com/a) or [y](#z).',
    );
  });
});
