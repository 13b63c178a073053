import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** packages/rest: apps bundled here import `@kalshi-sdk/rest` as users do, from its built `dist/`. */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the bytes of a bundle come from. */
export type BundlePart = 'generated tables' | 'openapi-fetch' | '@kalshi-sdk/auth' | '@kalshi-sdk/fixed-point + big.js' | 'client layer' | 'app' | 'other';

/** One esbuild bundle (minified ESM) of an app. */
export interface AppBundle {
  readonly code: string;
  /** Minified size in bytes. */
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Minified bytes by where they come from. */
  readonly parts: Readonly<Record<BundlePart, number>>;
  /** Every input file that contributed bytes, relative to packages/rest. */
  readonly inputs: readonly string[];
}

function partOf(input: string): BundlePart {
  if (input.includes('/openapi-fetch/')) return 'openapi-fetch';
  if (input.startsWith('../auth/')) return '@kalshi-sdk/auth';
  if (input.startsWith('../fixed-point/') || input.includes('/big.js/')) return '@kalshi-sdk/fixed-point + big.js';
  if (input.startsWith('dist/generated/')) return 'generated tables';
  if (input.startsWith('dist/')) return 'client layer';
  if (input === 'app.ts') return 'app';
  return 'other';
}

/**
 * Bundles `source` (a TypeScript module importing `@kalshi-sdk/rest`) with esbuild, minified, for
 * `platform`. Needs `pnpm build` of rest, auth and fixed-point first.
 * @throws esbuild's error when something does not resolve, e.g. a `node:` module for the browser.
 */
export async function bundleApp(source: string, platform: 'browser' | 'node'): Promise<AppBundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    // For CommonJS-first packages (kalshi-typescript), prefer their ESM build, as a bundler for the web would.
    mainFields: platform === 'node' ? ['module', 'main'] : ['browser', 'module', 'main'],
    target: 'es2022',
    write: false,
    metafile: true,
    outfile: 'app.js',
    logLevel: 'silent',
    absWorkingDir: packageDir,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const parts: Record<BundlePart, number> = {
    'generated tables': 0,
    'openapi-fetch': 0,
    '@kalshi-sdk/auth': 0,
    '@kalshi-sdk/fixed-point + big.js': 0,
    'client layer': 0,
    app: 0,
    other: 0,
  };
  const inputs: string[] = [];
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    inputs.push(input);
    parts[partOf(input)] += bytesInOutput;
  }
  const contents = result.outputFiles[0]!.contents;
  return { code: result.outputFiles[0]!.text, bytes: contents.length, gzipBytes: gzipSync(contents).length, parts, inputs };
}
