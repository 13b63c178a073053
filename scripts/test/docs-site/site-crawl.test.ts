/**
 * The crawler in real headless Chromium (Debian's package) against a small site served on loopback:
 * it must follow links a script draws (TypeDoc draws its navigation in the browser) and report each
 * broken link, anchor and resource once. Where Chromium cannot be installed, .ci/run sets
 * RUNTIMES_BROWSER_UNAVAILABLE and these tests are skipped; otherwise a missing Chromium fails.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../docs/site-chromium.ts';
import { crawlSite, type CrawlReport } from '../../docs/site-crawl.ts';
import { serveDirectory, type StaticServer } from '../../docs/site-server.ts';

const unavailable = process.env['RUNTIMES_BROWSER_UNAVAILABLE'];

const PAGES: Record<string, string> = {
  'index.html': `<html><body>
    <nav><ul id="tsd-nav-container"></ul></nav>
    <a href="a.html">a</a> <a href="a.html#here">a, here</a> <a href="a.html#gone">a, gone</a>
    <a href="missing.html">missing</a> <a href="https://example.invalid/">outside</a> <a href="#top">top</a>
    <img src="nope.png" alt="">
    <h1 id="top">home</h1>
    <script>addEventListener('load', () => Promise.resolve().then(() => {
      document.getElementById('tsd-nav-container').innerHTML = '<li><a href="drawn.html">drawn</a></li>';
    }));</script>
  </body></html>`,
  'a.html': '<html><body><h2 id="here">here</h2><a href="./">home</a> <a href="index.html#top">home, top</a></body></html>',
  'drawn.html': '<html><body><a href="deeper/">deeper</a></body></html>',
};

let dir: string;
let server: StaticServer;
let browser: Browser;
let report: CrawlReport;

describe.skipIf(unavailable !== undefined)('crawlSite in headless Chromium', () => {
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: install the Debian package chromium`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'docs-crawl-'));
    for (const [name, html] of Object.entries(PAGES)) writeFileSync(join(dir, name), html);
    server = await serveDirectory(dir);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    report = await crawlSite(browser, server.origin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens each page once, including one linked only from script-drawn navigation', () => {
    expect([...report.pages].sort()).toEqual(['/', '/a.html', '/drawn.html']);
  });

  it('reports the 404 page, the missing anchor and the missing image, each with the page that links it', () => {
    const o = server.origin;
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { from: `${o}/`, url: `${o}/missing.html`, why: 'HTTP 404' },
        { from: `${o}/drawn.html`, url: `${o}/deeper/`, why: 'HTTP 404' },
        { from: `${o}/`, url: `${o}/a.html#gone`, why: 'no element with id "gone" on that page' },
        { from: `${o}/`, url: `${o}/nope.png`, why: 'resource failed to load: HTTP 404' },
      ]),
    );
    expect(report.problems, JSON.stringify(report.problems, null, 1)).toHaveLength(4);
  });
});
