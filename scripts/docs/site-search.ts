/**
 * The docs site's own search box, driven as a reader uses it: open the search dialog on the home
 * page, type the query, read the result list.
 */
import type { Page } from 'puppeteer-core';
import type { InPageDocument } from './site-dom.ts';

declare const document: InPageDocument;

export interface SearchHit {
  readonly text: string;
  /** Absolute URL of the result's page. */
  readonly href: string;
}

const TIMEOUT_MS = 15_000;

/** Types `query` into the search box of `origin`'s home page and returns the listed results. */
export async function searchSite(page: Page, origin: string, query: string): Promise<SearchHit[]> {
  await page.goto(`${origin}/`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.click('#tsd-search-trigger');
  await page.waitForSelector('#tsd-search-input', { visible: true, timeout: TIMEOUT_MS });
  await page.type('#tsd-search-input', query);
  // The index (assets/search.js) loads after the page; results appear once it has.
  await page.waitForFunction(() => document.querySelector('#tsd-search-results li a') !== null, { timeout: TIMEOUT_MS });
  return page.$$eval('#tsd-search-results li a', (anchors) =>
    anchors.map((a) => ({ text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(), href: (a as unknown as { href: string }).href })),
  );
}
