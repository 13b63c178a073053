/**
 * The one-operation bundle of every publishable package: a few lines that do one typical thing
 * with it, bundled by esbuild (ESM, minified) from the built packages, as an app's bundler would.
 * `@kalshi-sdk/rest`'s is the app of bench/rest-size.ts; the browser-capable packages are
 * bundled for the browser, the Node-only ones (FIX sockets, the mock exchange, the CLI) for Node.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/repo.ts';

/** The part of esbuild's `build` used here (esbuild is a devDependency of packages/rest, at the catalog's version, not of scripts). */
type Build = (options: Record<string, unknown>) => Promise<{ outputFiles: { contents: Uint8Array }[] }>;
const { build } = createRequire(join(repoRoot, 'packages', 'rest', 'package.json'))('esbuild') as { build: Build };

/** One package's app. */
export interface OneOperationApp {
  readonly platform: 'browser' | 'node';
  /** TypeScript source; not type-checked here (the packages' own tests run these calls). */
  readonly source: string;
}

export const ONE_OPERATION_APPS: Readonly<Record<string, OneOperationApp>> = {
  '@kalshi-sdk/auth': {
    platform: 'browser',
    source: `import { createWebCryptoSigner, signRequest } from '@kalshi-sdk/auth/web';
export const run = async (apiKeyId: string, pem: string) =>
  signRequest({ apiKeyId, signer: await createWebCryptoSigner(pem), method: 'GET', path: '/trade-api/v2/portfolio/balance', timestampMs: Date.now() });`,
  },
  '@kalshi-sdk/fixed-point': {
    platform: 'browser',
    source: `import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
export const run = (price: string, count: string) => Dollars.parse(price, 'price').times(Contracts.parse(count, 'count')).toWire();`,
  },
  '@kalshi-sdk/rest': {
    platform: 'browser',
    source: `import { createClient } from '@kalshi-sdk/rest';
export const run = (baseUrl: string) => createClient({ baseUrl }).GET('/markets', { params: { query: { limit: 1 } } });`,
  },
  '@kalshi-sdk/ws': {
    platform: 'browser',
    source: `import { createWebSocketClient } from '@kalshi-sdk/ws';
export const run = async (url: string) => (await createWebSocketClient({ url })).subscribe({ channels: ['ticker'] });`,
  },
  '@kalshi-sdk/fix': {
    platform: 'node',
    source: `import { FixCodec } from '@kalshi-sdk/fix';
export const run = (bytes: Uint8Array) => new FixCodec().decode(bytes);`,
  },
  '@kalshi-sdk/mock-exchange': {
    platform: 'node',
    source: `import { startMockExchange } from '@kalshi-sdk/mock-exchange';
export const run = () => startMockExchange();`,
  },
  '@kalshi-sdk/cli': {
    platform: 'node',
    source: `import { run } from '@kalshi-sdk/cli';
export const main = (argv: string[]) => run(argv);`,
  },
};

/**
 * Folders whose `node_modules` hold links to every package (cli's and mock-exchange's
 * dependencies cover all six libraries), searched like NODE_PATH.
 */
const NODE_PATHS = ['cli', 'mock-exchange'].map((p) => join(repoRoot, 'packages', p, 'node_modules'));

/**
 * Minified bytes of `app` bundled from this repository's built packages.
 * @throws esbuild's error when something does not resolve (a package not built, a `node:` module in a browser bundle).
 */
export async function bundleBytes(app: OneOperationApp): Promise<number> {
  const result = await build({
    // From packages/cli, @kalshi-sdk/cli resolves as a self-reference (its own name and exports map).
    stdin: { contents: app.source, resolveDir: join(repoRoot, 'packages', 'cli'), sourcefile: 'app.ts', loader: 'ts' },
    nodePaths: NODE_PATHS,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: app.platform,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((n, f) => n + f.contents.byteLength, 0);
}
