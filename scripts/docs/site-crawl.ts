/**
 * Crawls a served site in a real browser, from its home page: every same-origin link is opened
 * once, and a link fails when its page is not a 200, when its `#anchor` names no element of that
 * page, or when the page loads a resource (script, stylesheet, image) that is missing.
 * The first page of each folder is opened with its scripts run to the end (TypeDoc draws its
 * navigation tree in the browser: those links are followed too); the other pages of a folder share
 * its scripts and navigation, so they are read with scripts off, which keeps a 1000-page reference
 * to a few minutes on two cores.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { InPageDocument } from './site-dom.ts';

declare const document: InPageDocument;

export interface CrawlProblem {
  /** The page that links to (or loads) the broken URL. */
  readonly from: string;
  readonly url: string;
  readonly why: string;
}

export interface CrawlReport {
  /** Pages opened, by path. */
  readonly pages: readonly string[];
  /** Same-origin links checked (each page's links, anchors included). */
  readonly links: number;
  readonly problems: readonly CrawlProblem[];
}

interface PageFacts {
  readonly links: string[];
  readonly ids: string[];
}

/** The reference's biggest pages (the REST spec's `paths`, 9 MB of HTML) take a while to lay out. */
const NAV_TIMEOUT_MS = 90_000;

export interface CrawlOptions {
  /**
   * Pages open at once (default 1: a tab in the background may hold its `load` event back, which
   * timed a scripted page out after 90 s with two).
   */
  readonly tabs?: number;
  /** Called after each page, with the number of pages opened so far. */
  readonly onPage?: (path: string, opened: number, ms: number) => void;
}

/** Opens `origin`/ and everything it links to on the same origin. */
export async function crawlSite(browser: Browser, origin: string, options: CrawlOptions = {}): Promise<CrawlReport> {
  const tabs = options.tabs ?? 1;
  const start = `${origin}/`;
  const queue: { url: string; from: string }[] = [{ url: start, from: '(start)' }];
  const seen = new Set([start]);
  const ids = new Map<string, Set<string>>();
  const anchors: { page: string; id: string; from: string; url: string }[] = [];
  const problems: CrawlProblem[] = [];
  const scriptedFolders = new Set<string>();
  const brokenResources = new Set<string>();
  let links = 0;

  const visit = async (page: Page, url: string, from: string): Promise<void> => {
    const failed: { url: string; why: string }[] = [];
    const onResponse = (r: { url(): string; status(): number }) => {
      // Chromium asks for /favicon.ico by itself; no page links it.
      if (r.status() < 400 || r.url() === url || new URL(r.url()).pathname === '/favicon.ico') return;
      failed.push({ url: r.url(), why: `resource failed to load: HTTP ${r.status()}` });
    };
    const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) =>
      failed.push({ url: r.url(), why: `resource failed to load: ${r.failure()?.errorText ?? 'failed'}` });
    const folder = new URL(url).pathname.replace(/[^/]*$/, '');
    const scripted = !scriptedFolders.has(folder);
    scriptedFolders.add(folder);
    page.on('response', onResponse);
    page.on('requestfailed', onFailed);
    try {
      await page.setJavaScriptEnabled(scripted);
      const response = await page.goto(url, { waitUntil: scripted ? 'load' : 'domcontentloaded', timeout: NAV_TIMEOUT_MS });
      if (!response || response.status() !== 200) {
        problems.push({ from, url, why: `HTTP ${response?.status() ?? 'no response'}` });
        return;
      }
      // TypeDoc fills the navigation tree from navigation.js after load.
      if (scripted) {
        await page.waitForFunction(() => !document.getElementById('tsd-nav-container') || document.querySelector('#tsd-nav-container a') !== null, {
          timeout: NAV_TIMEOUT_MS,
        });
      }
      const facts = await page.evaluate(
        (): PageFacts => ({
          links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
          ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || (e.getAttribute('name') ?? '')),
        }),
      );
      ids.set(url, new Set(facts.ids));
      for (const href of new Set(facts.links)) {
        const target = new URL(href);
        if (target.origin !== origin) continue;
        links += 1;
        const id = decodeURIComponent(target.hash.slice(1));
        target.hash = '';
        target.search = '';
        // A folder and its index.html are one page.
        const pageUrl = target.href.replace(/\/index\.html$/, '/');
        if (id) anchors.push({ page: pageUrl, id, from: url, url: href });
        if (!seen.has(pageUrl)) {
          seen.add(pageUrl);
          queue.push({ url: pageUrl, from: url });
        }
      }
    } catch (error) {
      problems.push({ from, url, why: (error as Error).message.split('\n')[0] ?? 'failed' });
    } finally {
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
      // A missing resource is reported once, with the first page that loads it.
      for (const f of failed) {
        if (brokenResources.has(f.url)) continue;
        brokenResources.add(f.url);
        problems.push({ from: url, ...f });
      }
    }
  };

  const tabsOpen = await Promise.all(Array.from({ length: tabs }, () => browser.newPage()));
  const idle = [...tabsOpen];
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let opened = 0;
      const pump = (): void => {
        while (queue.length > 0 && idle.length > 0) {
          const next = queue.shift() as (typeof queue)[number];
          const page = idle.pop() as Page;
          active += 1;
          const began = Date.now();
          visit(page, next.url, next.from).then(() => {
            options.onPage?.(new URL(next.url).pathname, ++opened, Date.now() - began);
            idle.push(page);
            active -= 1;
            pump();
          }, reject);
        }
        if (active === 0) resolve();
      };
      pump();
    });
  } finally {
    await Promise.all(tabsOpen.map((p) => p.close()));
  }

  for (const a of anchors) {
    const known = ids.get(a.page);
    if (known && !known.has(a.id)) problems.push({ from: a.from, url: a.url, why: `no element with id "${a.id}" on that page` });
  }
  return { pages: [...ids.keys()].map((u) => new URL(u).pathname), links, problems };
}
