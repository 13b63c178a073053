import { describe, expect, it } from 'vitest';
import { addGithubAnchors, githubSlug } from '../../docs/site-anchors.ts';

const heading = (id: string, inner: string) => `<h3 id="${id}" class="tsd-anchor-link">${inner}<a href="#${id}" aria-label="Permalink" class="tsd-anchor-icon"></a></h3>`;

describe('githubSlug', () => {
  it.each([
    ['Reference prices: cfbenchmarks_value, cfbenchmarks_value_5hz, pyth_value', 'reference-prices-cfbenchmarks_value-cfbenchmarks_value_5hz-pyth_value'],
    ['The main job: pnpm regen', 'the-main-job-pnpm-regen'],
    ['Set up and test', 'set-up-and-test'],
    ['Fees & rounding (v2)', 'fees--rounding-v2'],
  ])('%s', (text, slug) => expect(githubSlug(text)).toBe(slug));
});

describe('addGithubAnchors', () => {
  it('adds the GitHub slug to a heading whose TypeDoc id dropped its code', () => {
    const html = heading('reference-prices-', 'Reference prices: <code>cfbenchmarks_value</code>, <code>pyth_value</code>');
    expect(addGithubAnchors(html)).toBe(
      html.replace('class="tsd-anchor-link">', 'class="tsd-anchor-link"><a id="reference-prices-cfbenchmarks_value-pyth_value"></a>'),
    );
  });

  it('leaves a heading alone when both slugs agree, and never adds an id the page already has', () => {
    const same = heading('set-up-and-test', 'Set up and test');
    expect(addGithubAnchors(same)).toBe(same);
    const taken = `<div id="fees-amp-x"></div>${heading('fees-', 'Fees &amp; <code>x</code>')}`;
    expect(addGithubAnchors(taken)).toContain('<a id="fees--x"></a>');
    const clash = `<div id="a-b"></div>${heading('a-', 'A <code>b</code>')}`;
    expect(addGithubAnchors(clash)).toBe(clash);
  });
});
