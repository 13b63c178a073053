// Issue 13, item 1: one `credentials` option, env defaults, and a local error for an
// authenticated operation on a client without credentials (the server never sees the request).
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebCryptoSigner } from '@kalshi-sdk/auth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, KalshiConfigError, type ClientOptions } from '../src/index.js';
import { makeKeyPair, startLoopback, type Loopback } from './helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = '33333333-3333-4333-8333-333333333333';
const ENV_VARS = ['KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY_PATH'] as const;
const noLimits = { rateLimit: false, retry: false } satisfies ClientOptions;

let server: Loopback;
let savedEnv: Record<string, string | undefined>;
beforeEach(async () => {
  savedEnv = Object.fromEntries(ENV_VARS.map((name) => [name, process.env[name]]));
  for (const name of ENV_VARS) delete process.env[name];
  server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: () => ({ json: { balance: 100, portfolio_value: 0, updated_ts: 1 } }) });
});
afterEach(async () => {
  for (const name of ENV_VARS) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  await server.close();
});

async function balanceSigned(options: ClientOptions): Promise<boolean | undefined> {
  await createClient({ baseUrl: server.baseUrl, ...noLimits, ...options }).GET('/portfolio/balance');
  return server.requests.at(-1)?.signatureValid;
}

const keyFile = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'kalshi-rest-cred-')), 'key.pem');
  writeFileSync(file, KEY.privateKeyPem);
  return file;
};

describe('createClient({ credentials })', () => {
  it('signs with every key form: PEM text, a file path, a KeyObject, a CryptoKey, a signer', async () => {
    const keyObject = (await import('node:crypto')).createPrivateKey(KEY.privateKeyPem);
    const der = keyObject.export({ type: 'pkcs8', format: 'der' });
    const cryptoKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
    for (const privateKey of [KEY.privateKeyPem, keyFile(), keyObject, cryptoKey]) {
      expect(await balanceSigned({ credentials: { apiKeyId: KEY_ID, privateKey } })).toBe(true);
    }
    expect(await balanceSigned({ credentials: { apiKeyId: KEY_ID, signer: await createWebCryptoSigner(KEY.privateKeyPem) } })).toBe(true);
    expect(server.requests.map((r) => r.headers['kalshi-access-key'])).toEqual(Array(5).fill(KEY_ID));
  });

  it('still takes the deprecated top-level apiKeyId + privateKey', async () => {
    expect(await balanceSigned({ apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem })).toBe(true);
  });

  it.each<[string, ClientOptions, string]>([
    ['credentials with the deprecated options', { credentials: { apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem }, apiKeyId: KEY_ID }, 'credentials'],
    ['credentials without apiKeyId', { credentials: { privateKey: KEY.privateKeyPem } as never }, 'credentials.apiKeyId'],
    ['credentials with a key and a signer', { credentials: { apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, signer: { sign: async () => '' } } as never }, 'credentials.signer'],
    ['credentials with neither', { credentials: { apiKeyId: KEY_ID } as never }, 'credentials.privateKey'],
  ])('refuses %s with REST_CONFIG_INVALID naming the option', (_, given, option) => {
    expect(() => createClient(given)).toThrow(expect.objectContaining({ name: 'KalshiConfigError', code: 'REST_CONFIG_INVALID', option }));
  });
});

describe('credentials from the environment', () => {
  it('uses KALSHI_API_KEY_ID + KALSHI_PRIVATE_KEY when no credentials are given', async () => {
    process.env['KALSHI_API_KEY_ID'] = KEY_ID;
    process.env['KALSHI_PRIVATE_KEY'] = KEY.privateKeyPem;
    expect(await balanceSigned({})).toBe(true);
  });

  it('uses KALSHI_PRIVATE_KEY_PATH', async () => {
    process.env['KALSHI_API_KEY_ID'] = KEY_ID;
    process.env['KALSHI_PRIVATE_KEY_PATH'] = keyFile();
    expect(await balanceSigned({})).toBe(true);
  });

  it('lets explicit credentials win over the environment', async () => {
    process.env['KALSHI_API_KEY_ID'] = 'not-this-key';
    process.env['KALSHI_PRIVATE_KEY'] = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(await balanceSigned({ credentials: { apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem } })).toBe(true);
  });

  it('refuses both KALSHI_PRIVATE_KEY and KALSHI_PRIVATE_KEY_PATH with a config error naming the variable, not the key', () => {
    process.env['KALSHI_API_KEY_ID'] = KEY_ID;
    process.env['KALSHI_PRIVATE_KEY'] = KEY.privateKeyPem;
    process.env['KALSHI_PRIVATE_KEY_PATH'] = keyFile();
    let error: unknown;
    try {
      createClient({ baseUrl: server.baseUrl });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'KalshiConfigError', code: 'REST_CONFIG_INVALID', option: 'KALSHI_PRIVATE_KEY_PATH' });
    expect((error as Error).message).not.toContain(KEY.privateKeyPem.slice(40, 80));
  });
});

describe('an authenticated operation without credentials', () => {
  it('fails locally with REST_CREDENTIALS_REQUIRED naming the operation; the server sees no request', async () => {
    const kalshi = createClient({ baseUrl: server.baseUrl, ...noLimits });
    const error = await kalshi.GET('/portfolio/balance').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiConfigError);
    expect(error).toMatchObject({ code: 'REST_CREDENTIALS_REQUIRED', option: 'credentials', operationId: 'GetBalance', method: 'GET', path: '/portfolio/balance' });
    expect((error as Error).message).toContain('GetBalance');
    expect(server.requests).toHaveLength(0);
  });

  it('sends public operations unsigned as before', async () => {
    const kalshi = createClient({ baseUrl: server.baseUrl, ...noLimits });
    await kalshi.GET('/exchange/status');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.signatureValid).toBeUndefined();
  });

  it('lets the call through with an Authorization header (OAuth bearer tokens the spec accepts on fills and positions)', async () => {
    const kalshi = createClient({ baseUrl: server.baseUrl, ...noLimits, headers: { Authorization: 'Bearer t' } });
    await kalshi.GET('/portfolio/balance');
    expect(server.requests).toHaveLength(1);
  });
});
