/**
 * `pnpm docs:check [--rebuild]`: the built docs site in headless Chromium (Debian's package, driven by
 * puppeteer-core). Builds the site first when it is missing or older than its sources (`pnpm run docs`),
 * serves docs/site/ on 127.0.0.1, follows every internal link from the home page (site-crawl.ts),
 * searches for `placeOrder` in the site's search box and expects @kalshi-sdk/rest's placeOrder among
 * the results, opens it, and saves screenshots of the home page, that API page and the getting
 * started guide to docs/screenshots/.
 * Without /usr/bin/chromium it fails naming the Debian package, unless RUNTIMES_BROWSER_UNAVAILABLE
 * says why the machine cannot have it (as .ci/run sets it when apt-get fails): then it reports the
 * check as not run and exits 0.
 * Exit codes: 0 passed (or not run, as above), 1 a broken link, a failed search, a failed build or
 * no Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer, { type Page } from 'puppeteer-core';
import { repoRoot } from '../lib/repo.ts';
import { CHROMIUM, chromiumVerdict } from './site-chromium.ts';
import { crawlSite } from './site-crawl.ts';
import type { InPageDocument } from './site-dom.ts';
import { siteIsStale } from './site-freshness.ts';
import { searchSite } from './site-search.ts';
import { serveDirectory } from './site-server.ts';
import { buildSite, SITE_DIR } from './site.ts';

declare const document: InPageDocument;

const SCREENSHOTS = join(repoRoot, 'docs/screenshots');
/** The page the `placeOrder` search must find: the rest package's function. */
const PLACE_ORDER_PAGE = '/functions/_kalshi-sdk_rest.placeOrder.html';
const SHOTS = [
  { file: 'home.png', path: '/' },
  { file: 'api-rest-placeOrder.png', path: PLACE_ORDER_PAGE },
  { file: 'guide-getting-started.png', path: '/documents/getting-started.html' },
] as const;

async function main(argv: readonly string[]): Promise<number> {
  const { rebuild } = parseArgs({ args: [...argv], options: { rebuild: { type: 'boolean', default: false } }, strict: true }).values;
  const chromium = chromiumVerdict(CHROMIUM, process.env);
  if (!chromium.run) {
    (chromium.exitCode === 0 ? console.log : console.error)(`docs:check: ${chromium.message}`);
    return chromium.exitCode;
  }
  if (rebuild || siteIsStale(repoRoot, SITE_DIR)) {
    console.log('docs:check: building the site (pnpm run docs)');
    const build = await buildSite();
    for (const problem of build.problems) console.error(`docs: ${problem}`);
    if (!build.ok) return 1;
  }

  const started = Date.now();
  const server = await serveDirectory(SITE_DIR);
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const failures: string[] = [];
  try {
    const crawl = await crawlSite(browser, server.origin);
    for (const p of crawl.problems) failures.push(`broken: ${p.url} (linked from ${p.from}): ${p.why}`);
    console.log(`docs:check: crawled ${crawl.pages.length} pages, ${crawl.links} internal links, ${crawl.problems.length} broken`);

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const hits = await searchSite(page, server.origin, 'placeOrder');
    const hit = hits.find((h) => new URL(h.href).pathname === PLACE_ORDER_PAGE);
    if (!hit) failures.push(`search "placeOrder": no result links to ${PLACE_ORDER_PAGE}; results: ${hits.map((h) => h.text).join(', ') || 'none'}`);
    else {
      // The pathname changes when the navigation commits, before the new page is parsed: wait for its
      // `load` (begun with the click, so it cannot be missed) before reading its title.
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load', timeout: 15_000 }),
        page.click(`#tsd-search-results a[href$="${PLACE_ORDER_PAGE.slice(1)}"]`),
      ]);
      const opened = new URL(page.url()).pathname;
      const title = (await page.$eval('h1', (h) => h.textContent ?? '').catch(() => '(no h1)')).trim();
      if (opened !== PLACE_ORDER_PAGE || !title.includes('placeOrder')) {
        failures.push(`search "placeOrder": the result opened ${opened}, a page titled "${title}"`);
      } else console.log(`docs:check: search "placeOrder" → ${hits.length} result(s); "${hit.text}" opens ${PLACE_ORDER_PAGE}`);
    }

    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const shot of SHOTS) {
      const file = join(SCREENSHOTS, shot.file);
      await openPage(page, `${server.origin}${shot.path}`);
      await page.screenshot({ path: file as `${string}.png` });
      console.log(`docs:check: screenshot ${relative(repoRoot, file)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const f of failures) console.error(`docs:check: ${f}`);
  console.log(`docs:check: ${failures.length === 0 ? 'passed' : `FAILED (${failures.length})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures.length === 0 ? 0 : 1;
}

/** Opens `url` and waits until TypeDoc has drawn its navigation, so a screenshot shows the page as read. */
async function openPage(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  if (response?.status() !== 200) throw new Error(`${url}: HTTP ${response?.status() ?? 'no response'}`);
  await page.waitForFunction(() => document.querySelector('#tsd-nav-container a') !== null, { timeout: 15_000 });
}

process.exitCode = await main(process.argv.slice(2));
