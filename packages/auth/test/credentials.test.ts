// One credentials shape (issue 13, item 1): credentialsFromEnv and resolveSigner, Node and web entries.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { credentialsFromEnv, resolveSigner, verifySignature, type KalshiCredentials, type WebCryptoSigningKey } from '../src/index.js';
import * as web from '../src/web.js';
import { keys } from './fixtures.js';

const message = '1700000000000GET/trade-api/v2/portfolio/balance';
const apiKeyId = '11111111-2222-4333-8444-555555555555';

async function verifies(credentials: KalshiCredentials, publicKey = keys.publicKey, resolve = resolveSigner): Promise<boolean> {
  const signature = await resolve(credentials).sign(message);
  return verifySignature({ publicKey, message, signature });
}

const pemFile = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'kalshi-cred-')), 'key.pem');
  writeFileSync(file, keys.pkcs1);
  return file;
};

async function importRsaPss(extra: { hash?: string; usages?: string[]; name?: string } = {}): Promise<WebCryptoSigningKey> {
  const der = keys.privateKey.export({ type: 'pkcs8', format: 'der' });
  return (await webcrypto.subtle.importKey('pkcs8', der, { name: extra.name ?? 'RSA-PSS', hash: extra.hash ?? 'SHA-256' }, false, (extra.usages ?? ['sign']) as ['sign'])) as WebCryptoSigningKey;
}

describe('resolveSigner (Node entry): every credentials form signs verifiably', () => {
  it('PEM text, a PEM file path, a KeyObject, an encrypted PEM with its passphrase', async () => {
    expect(await verifies({ apiKeyId, privateKey: keys.pkcs1 })).toBe(true);
    expect(await verifies({ apiKeyId, privateKey: pemFile() })).toBe(true);
    expect(await verifies({ apiKeyId, privateKey: keys.privateKey })).toBe(true);
    expect(await verifies({ apiKeyId, privateKey: keys.pkcs8Encrypted, passphrase: 'correct horse battery staple' })).toBe(true);
    expect(await verifies({ apiKeyId, privateKey: keys.ed25519PrivateKey }, keys.ed25519PublicKey)).toBe(true);
  });

  it('a WebCrypto CryptoKey (RSA-PSS/SHA-256, non-extractable) and an Ed25519 CryptoKey', async () => {
    expect(await verifies({ apiKeyId, privateKey: await importRsaPss() })).toBe(true);
    const der = keys.ed25519PrivateKey.export({ type: 'pkcs8', format: 'der' });
    const ed = (await webcrypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign'])) as WebCryptoSigningKey;
    expect(await verifies({ apiKeyId, privateKey: ed }, keys.ed25519PublicKey)).toBe(true);
  });

  it('a signer is used as it is', () => {
    const signer = { sign: async () => 'sig' };
    expect(resolveSigner({ apiKeyId, signer })).toBe(signer);
  });

  it.each<[string, unknown, string]>([
    ['no apiKeyId', { privateKey: keys.pkcs1 }, 'credentials.apiKeyId'],
    ['both a key and a signer', { apiKeyId, privateKey: keys.pkcs1, signer: { sign: async () => '' } }, 'credentials.signer'],
    ['neither a key nor a signer', { apiKeyId }, 'credentials.privateKey'],
    ['a signer without sign()', { apiKeyId, signer: {} }, 'credentials.signer'],
    ['a number as the key', { apiKeyId, privateKey: 42 }, 'credentials.privateKey'],
    ['not an object', 'key', 'credentials'],
  ])('refuses %s with CREDENTIALS_INVALID naming the field, without the key text', (_, given, field) => {
    let error: unknown;
    try {
      resolveSigner(given as KalshiCredentials);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'KalshiAuthError', code: 'CREDENTIALS_INVALID', field });
    expect(String((error as Error).message)).not.toContain(keys.pkcs1.slice(40, 80));
  });

  it('refuses CryptoKeys Kalshi cannot verify: RSASSA-PKCS1-v1_5, RSA-PSS over SHA-384, no sign usage', async () => {
    await expect(async () => resolveSigner({ apiKeyId, privateKey: await importRsaPss({ name: 'RSASSA-PKCS1-v1_5' }) })).rejects.toMatchObject({
      code: 'KEY_UNSUPPORTED_TYPE',
      keyType: 'RSASSA-PKCS1-v1_5',
    });
    await expect(async () => resolveSigner({ apiKeyId, privateKey: await importRsaPss({ hash: 'SHA-384' }) })).rejects.toMatchObject({ code: 'KEY_UNSUPPORTED_TYPE' });
    const noSign: WebCryptoSigningKey = { type: 'private', extractable: false, algorithm: { name: 'RSA-PSS', hash: { name: 'SHA-256' } }, usages: ['decrypt'] };
    expect(() => resolveSigner({ apiKeyId, privateKey: noSign })).toThrow(expect.objectContaining({ code: 'KEY_MALFORMED' }));
  });
});

describe('resolveSigner (web entry)', () => {
  it('signs with PEM text (WebCrypto) and with a CryptoKey', async () => {
    expect(await verifies({ apiKeyId, privateKey: keys.pkcs1 }, keys.publicKey, web.resolveSigner)).toBe(true);
    expect(await verifies({ apiKeyId, privateKey: await importRsaPss() }, keys.publicKey, web.resolveSigner)).toBe(true);
  });

  it.each<[string, KalshiCredentials, string]>([
    ['a file path', { apiKeyId, privateKey: './kalshi.key' }, 'credentials.privateKey'],
    ['a passphrase', { apiKeyId, privateKey: keys.pkcs1, passphrase: 'p' }, 'credentials.passphrase'],
    ['a KeyObject', { apiKeyId, privateKey: keys.privateKey }, 'credentials.privateKey'],
  ])('refuses %s with CREDENTIALS_INVALID', (_, given, field) => {
    expect(() => web.resolveSigner(given)).toThrow(expect.objectContaining({ code: 'CREDENTIALS_INVALID', field }));
  });
});

describe('credentialsFromEnv', () => {
  it('returns undefined when none of the three variables is set, and ignores every other variable', () => {
    expect(credentialsFromEnv({})).toBeUndefined();
    expect(credentialsFromEnv({ KALSHI_API_KEY: 'x', KALSHI_KEY_ID: 'y', KALSHI_API_KEY_ID: '' })).toBeUndefined();
  });

  it('reads KALSHI_API_KEY_ID with KALSHI_PRIVATE_KEY (PEM text, \\n escapes allowed) or KALSHI_PRIVATE_KEY_PATH', async () => {
    const escaped = keys.pkcs1.replace(/\n/g, '\\n');
    const fromText = credentialsFromEnv({ KALSHI_API_KEY_ID: apiKeyId, KALSHI_PRIVATE_KEY: escaped });
    expect(fromText).toEqual({ apiKeyId, privateKey: escaped });
    expect(await verifies(fromText!)).toBe(true);
    const fromPath = credentialsFromEnv({ KALSHI_API_KEY_ID: apiKeyId, KALSHI_PRIVATE_KEY_PATH: pemFile() });
    expect(await verifies(fromPath!)).toBe(true);
  });

  it('reads the process environment by default', () => {
    const saved = { ...process.env };
    try {
      delete process.env['KALSHI_PRIVATE_KEY_PATH'];
      process.env['KALSHI_API_KEY_ID'] = apiKeyId;
      process.env['KALSHI_PRIVATE_KEY'] = keys.pkcs1;
      expect(credentialsFromEnv()).toEqual({ apiKeyId, privateKey: keys.pkcs1 });
    } finally {
      for (const name of ['KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY_PATH']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it.each<[string, Record<string, string>, string]>([
    ['both key variables', { KALSHI_API_KEY_ID: apiKeyId, KALSHI_PRIVATE_KEY: keys.pkcs1, KALSHI_PRIVATE_KEY_PATH: '/k.pem' }, 'KALSHI_PRIVATE_KEY_PATH'],
    ['a key without the id', { KALSHI_PRIVATE_KEY: keys.pkcs1 }, 'KALSHI_API_KEY_ID'],
    ['the id without a key', { KALSHI_API_KEY_ID: apiKeyId }, 'KALSHI_PRIVATE_KEY'],
    ['KALSHI_PRIVATE_KEY without PEM armor', { KALSHI_API_KEY_ID: apiKeyId, KALSHI_PRIVATE_KEY: 'MIIEsecretbase64' }, 'KALSHI_PRIVATE_KEY'],
  ])('refuses %s with CREDENTIALS_INVALID naming the variable, never its value', (_, env, field) => {
    let error: unknown;
    try {
      credentialsFromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'KalshiAuthError', code: 'CREDENTIALS_INVALID', field });
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(keys.pkcs1.slice(40, 80));
    expect(text).not.toContain('MIIEsecretbase64');
  });
});
