/**
 * Minified size of one-operation apps bundled with esbuild (ESM, `--minify`), written to
 * `bench/results/rest-size.md`. Run by the `rest` bench suite, or alone: `tsx bench/rest-size.ts`.
 * Bundles the built packages, as users get them: run `pnpm build` in auth, fixed-point and rest first.
 *
 * Target (issue 3): the browser one-operation bundle, fixed-point not imported, is at most 15 KB.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp, type AppBundle, type BundlePart } from '../packages/rest/test/helpers/app-bundle.ts';

const TARGET_BYTES = 15 * 1024;

const ONE_OPERATION = `import { createClient } from '@kalshi-sdk/rest';
export const run = (baseUrl: string) => createClient({ baseUrl }).GET('/markets', { params: { query: { limit: 1 } } });`;

const WITH_FIXED_POINT = `import { createClient, dollars } from '@kalshi-sdk/rest';
export const run = async (baseUrl: string) => {
  const { data } = await createClient({ baseUrl }).GET('/markets', { params: { query: { limit: 1 } } });
  return data.markets.map((m) => dollars(m, 'yes_bid_dollars').toWire());
};`;

const OFFICIAL = `import { Configuration, MarketApi } from 'kalshi-typescript';
export const run = (basePath: string) => new MarketApi(new Configuration({ basePath })).getMarkets(1);`;

/** One measured app. */
export interface SizeRow {
  readonly app: string;
  readonly bundle: AppBundle;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Bundles the apps and writes bench/results/rest-size.md; returns the rows. */
export async function recordRestSize(): Promise<readonly SizeRow[]> {
  const rows: SizeRow[] = [
    { app: '`createClient` + `GET /markets`, browser', bundle: await bundleApp(ONE_OPERATION, 'browser') },
    { app: '`createClient` + `GET /markets`, node', bundle: await bundleApp(ONE_OPERATION, 'node') },
    { app: 'the same + `dollars()` (fixed-point), browser', bundle: await bundleApp(WITH_FIXED_POINT, 'browser') },
    { app: '`kalshi-typescript` `MarketApi.getMarkets`, node (its signer needs `crypto`)', bundle: await bundleApp(OFFICIAL, 'node') },
  ];
  const parts: BundlePart[] = ['openapi-fetch', 'generated tables', 'client layer', '@kalshi-sdk/auth', '@kalshi-sdk/fixed-point + big.js', 'other'];
  const target = rows[0]!.bundle.bytes;
  const lines = [
    '# @kalshi-sdk/rest bundle size',
    '',
    `Written by \`bench/rest-size.ts\` on ${new Date().toISOString().slice(0, 10)}: esbuild, ESM, minified; KB = 1024 bytes.`,
    `Target: the browser one-operation bundle ≤ ${kb(TARGET_BYTES)}: ${kb(target)}, ${target <= TARGET_BYTES ? 'met' : 'MISSED'}.`,
    '',
    `| app | minified | gzip | ${parts.join(' | ')} |`,
    `|---|---:|---:|${parts.map(() => '---:').join('|')}|`,
    ...rows.map(({ app, bundle: b }) => `| ${app} | ${kb(b.bytes)} (${b.bytes} B) | ${kb(b.gzipBytes)} | ${parts.map((p) => kb(b.parts[p])).join(' | ')} |`),
    '',
  ];
  await writeFile(join(dirname(fileURLToPath(import.meta.url)), 'results', 'rest-size.md'), lines.join('\n'));
  console.log(lines.join('\n'));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await recordRestSize();
