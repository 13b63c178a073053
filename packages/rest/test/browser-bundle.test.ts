// The built package bundled as users bundle it (esbuild), for the browser and for Node. Needs `pnpm build`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleApp, type AppBundle } from './helpers/app-bundle.js';
import { makeKeyPair, startLoopback, type Loopback } from './helpers/loopback-server.js';

const ONE_OPERATION = `import { createClient } from '@kalshi-sdk/rest';
export const run = (baseUrl: string) => createClient({ baseUrl }).GET('/markets', { params: { query: { limit: 1 } } });`;

const SIGNED_APP = `import { createClient } from '@kalshi-sdk/rest';
export async function balance(baseUrl: string, apiKeyId: string, privateKey: string) {
  const { data } = await createClient({ baseUrl, apiKeyId, privateKey, rateLimit: false, retry: false }).GET('/portfolio/balance');
  return data.balance;
}
export function keyFileError(privateKey: string) {
  try {
    createClient({ apiKeyId: 'k', privateKey });
  } catch (e) {
    return { name: (e as Error).name, code: (e as { code: string }).code, option: (e as { option: string }).option, message: (e as Error).message };
  }
  return undefined;
}`;

/** The bundle's `node:` imports, static or dynamic, and bare requires of Node built-ins. */
const nodeImports = (code: string) => code.match(/["'`]node:[a-z_/]+["'`]|require\(["'](crypto|fs|path|os)["']\)/g) ?? [];

describe('bundling @kalshi-sdk/rest', () => {
  let browser: AppBundle;
  let node: AppBundle;
  beforeAll(async () => {
    [browser, node] = await Promise.all([bundleApp(ONE_OPERATION, 'browser'), bundleApp(ONE_OPERATION, 'node')]);
  });

  it('bundles a one-operation app for the browser with no node: import left', () => {
    expect(nodeImports(browser.code)).toEqual([]);
    expect(browser.inputs).toContain('dist/key-signer-web.js');
    expect(browser.inputs).not.toContain('dist/key-signer-node.js');
    expect(browser.inputs).not.toContain('../auth/dist/load-private-key.js');
  });

  it('picks the node:crypto signer when bundling for Node (the `node` condition of #key-signer)', () => {
    expect(node.inputs).toContain('dist/key-signer-node.js');
    expect(node.inputs).not.toContain('dist/key-signer-web.js');
    expect(node.inputs).toContain('../auth/dist/load-private-key.js');
  });

  it('leaves fixed-point, big.js, paginate and the order helpers out when they are not imported', () => {
    expect(browser.parts['@kalshi-sdk/fixed-point + big.js']).toBe(0);
    expect(browser.inputs.filter((i) => /fixed-point|big\.js|paginate|orders|fixed-point-fields|generated\/openapi/.test(i))).toEqual([]);
  });

  it('brings fixed-point in once an accessor is used', async () => {
    const withDollars = await bundleApp(`import { dollars } from '@kalshi-sdk/rest'; export const f = (m: { yes_bid_dollars: string }) => dollars(m, 'yes_bid_dollars');`, 'browser');
    expect(withDollars.parts['@kalshi-sdk/fixed-point + big.js']).toBeGreaterThan(0);
  });

  describe('the browser bundle, run against a loopback server', () => {
    const KEY = makeKeyPair();
    const KEY_ID = '77777777-7777-4777-8777-777777777777';
    let server: Loopback;
    let app: { balance(baseUrl: string, apiKeyId: string, pem: string): Promise<number>; keyFileError(path: string): Record<string, string> | undefined };
    beforeAll(async () => {
      server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: () => ({ json: { balance: 4200, portfolio_value: 0, updated_ts: 1 } }) });
      const file = join(mkdtempSync(join(tmpdir(), 'kalshi-rest-bundle-')), 'app.mjs');
      writeFileSync(file, (await bundleApp(SIGNED_APP, 'browser')).code);
      app = (await import(pathToFileURL(file).href)) as typeof app;
    });
    afterAll(() => server.close());

    it('signs with WebCrypto from PEM text, and the server verifies the signature', async () => {
      expect(await app.balance(server.baseUrl, KEY_ID, KEY.privateKeyPem)).toBe(4200);
      expect(server.requests.at(-1)?.signatureValid).toBe(true);
    });

    it('refuses a key file path with a typed error: there is no file system to read it from', () => {
      expect(app.keyFileError('./kalshi-key.pem')).toMatchObject({ name: 'KalshiConfigError', code: 'REST_CONFIG_INVALID', option: 'privateKey' });
      expect(app.keyFileError('./kalshi-key.pem')?.message).toContain('file path cannot be read');
    });
  });
});
