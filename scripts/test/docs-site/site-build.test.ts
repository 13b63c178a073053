/**
 * `buildSite` on a small repository of two packages: TypeDoc's real conversion and rendering, with
 * the relative links of the READMEs and guides placed by site-links.ts, and the site's own search
 * driven in headless Chromium (skipped only where RUNTIMES_BROWSER_UNAVAILABLE says Chromium cannot
 * be installed).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../docs/site-chromium.ts';
import { REPO_URL } from '../../docs/site-links.ts';
import { searchSite } from '../../docs/site-search.ts';
import { serveDirectory } from '../../docs/site-server.ts';
import { buildSite, type SiteBuild } from '../../docs/site.ts';

const validation = { notExported: false, invalidLink: true, rewrittenLink: true, notDocumented: false, invalidPath: false };
const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: [] }, include: ['src'] };

function fixture(readme: string): string {
  const root = mkdtempSync(join(tmpdir(), 'docs-build-'));
  const files: Record<string, string> = {
    'typedoc.json': JSON.stringify({
      name: 'Fixture SDK',
      entryPointStrategy: 'packages',
      entryPoints: ['packages/rest', 'packages/auth'],
      packageOptions: { entryPoints: ['src/index.ts'], tsconfig: 'tsconfig.json', disableSources: true, validation },
      readme: 'README.md',
      projectDocuments: ['docs/guides/*.md'],
      out: 'site',
      validation,
      treatWarningsAsErrors: true,
    }),
    'README.md': readme,
    'docs/notes.md': '# Notes\n',
    'docs/pic.png': 'not really a png',
    'examples/demo/main.ts': 'export {};\n',
    'docs/guides/intro.md': '# Intro\n\nUse [rest](../../packages/rest/README.md); read [notes](../notes.md#top).\n',
    'packages/rest/package.json': JSON.stringify({ name: '@kalshi-sdk/rest', version: '0.0.0', type: 'module' }),
    'packages/rest/tsconfig.json': JSON.stringify(tsconfig),
    'packages/rest/README.md': '# rest\n\nSigns with [auth](../auth); see [the guide](../../docs/guides/intro.md).\n',
    'packages/rest/src/index.ts': '/** Places an order on `ticker`; the order id is returned. */\nexport function placeOrder(ticker: string): string {\n  return ticker;\n}\n',
    'packages/auth/package.json': JSON.stringify({ name: '@kalshi-sdk/auth', version: '0.0.0', type: 'module' }),
    'packages/auth/tsconfig.json': JSON.stringify(tsconfig),
    'packages/auth/README.md': '# auth\n',
    'packages/auth/src/index.ts': '/** Signs `message`. */\nexport function sign(message: string): string {\n  return message;\n}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const README = [
  '# Fixture SDK',
  '',
  'Packages: [rest](packages/rest), [auth](packages/auth/README.md). [Notes](docs/notes.md#top), [the demo](examples/demo),',
  '[the intro guide](docs/guides/intro.md), ![a picture](docs/pic.png), [Layout](#fixture-sdk).',
  '',
].join('\n');

describe('buildSite', () => {
  let root: string;
  let build: SiteBuild;
  const page = (path: string) => readFileSync(join(root, 'site', path), 'utf8');

  beforeAll(async () => {
    root = fixture(README);
    build = await buildSite(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds with no warning', () => {
    expect(build).toMatchObject({ ok: true, problems: [] });
  });

  it('links a package folder or README to its module page, a guide to its page, and keeps an image as media', () => {
    const home = page('index.html');
    expect(home).toContain('href="modules/_kalshi-sdk_rest.html"');
    expect(home).toContain('href="modules/_kalshi-sdk_auth.html"');
    expect(home).toContain('href="documents/intro.html"');
    expect(home).toMatch(/src="media\/pic\.png"/);
    expect(existsSync(join(root, 'site/media/pic.png'))).toBe(true);
    expect(page('modules/_kalshi-sdk_rest.html')).toContain('href="_kalshi-sdk_auth.html"');
    expect(page('documents/intro.html')).toContain('href="../modules/_kalshi-sdk_rest.html"');
  });

  it('links any other file or folder of the repository on GitHub, anchor kept, and copies none of them', () => {
    const home = page('index.html');
    expect(home).toContain(`href="${REPO_URL}/blob/main/docs/notes.md#top"`);
    expect(home).toContain(`href="${REPO_URL}/tree/main/examples/demo"`);
    expect(page('documents/intro.html')).toContain(`href="${REPO_URL}/blob/main/docs/notes.md#top"`);
    expect(existsSync(join(root, 'site/media/notes.md'))).toBe(false);
  });

  it('fails naming a relative link to a path that does not exist', async () => {
    const broken = fixture(`${README}\nSee [the changelog](CHANGELOG.md).\n`);
    try {
      const result = await buildSite(broken);
      expect(result.ok).toBe(false);
      expect(result.problems).toContain('README.md: relative link CHANGELOG.md: no such file or folder');
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it.skipIf(process.env['RUNTIMES_BROWSER_UNAVAILABLE'] !== undefined)('finds placeOrder with the site search, in headless Chromium', async () => {
    const server = await serveDirectory(join(root, 'site'));
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const hits = await searchSite(await browser.newPage(), server.origin, 'placeOrder');
      expect(hits.map((h) => new URL(h.href).pathname)).toContain('/functions/_kalshi-sdk_rest.placeOrder.html');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
