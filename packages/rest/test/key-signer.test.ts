// Both targets of the `#key-signer` import: Node (node:crypto, PEM or path) and the rest (WebCrypto, PEM only).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignature } from '@kalshi-sdk/auth';
import { describe, expect, it } from 'vitest';
import { keySigner as nodeKeySigner } from '../src/key-signer-node.js';
import { keySigner as webKeySigner } from '../src/key-signer-web.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed25519 = generateKeyPairSync('ed25519');
const KEYS = {
  'RSA, PKCS#1': { pem: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey: rsa.publicKey },
  'Ed25519, PKCS#8': { pem: ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: ed25519.publicKey },
};
const message = '1700000000000GET/trade-api/v2/portfolio/balance';

describe.each([
  ['node', nodeKeySigner],
  ['web', webKeySigner],
])('keySigner (%s)', (_, keySigner) => {
  it.each(Object.entries(KEYS))('signs with a %s key from PEM text', async (_, { pem, publicKey }) => {
    const signature = await keySigner(pem, undefined).sign(message);
    expect(verifySignature({ publicKey, message, signature })).toBe(true);
  });
});

describe('keySigner (node)', () => {
  it('reads a PEM file path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kalshi-key-')), 'key.pem');
    writeFileSync(file, KEYS['RSA, PKCS#1'].pem);
    const signature = await nodeKeySigner(file, undefined).sign(message);
    expect(verifySignature({ publicKey: rsa.publicKey, message, signature })).toBe(true);
  });

  it('decrypts an encrypted key with the passphrase', async () => {
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p4ss' }).toString();
    const signature = await nodeKeySigner(pem, 'p4ss').sign(message);
    expect(verifySignature({ publicKey: rsa.publicKey, message, signature })).toBe(true);
  });
});

describe('keySigner (web)', () => {
  it.each<[string, { privateKey: string; passphrase: string | undefined; option: string }]>([
    ['a file path', { privateKey: './kalshi-key.pem', passphrase: undefined, option: 'privateKey' }],
    ['a passphrase (WebCrypto cannot decrypt)', { privateKey: KEYS['RSA, PKCS#1'].pem, passphrase: 'p4ss', option: 'passphrase' }],
  ])('refuses %s with REST_CONFIG_INVALID', (_, { privateKey, passphrase, option }) => {
    expect(() => webKeySigner(privateKey, passphrase)).toThrow(expect.objectContaining({ name: 'KalshiConfigError', code: 'REST_CONFIG_INVALID', option }));
  });

  it('reports a PEM WebCrypto cannot import on sign(), with the auth error and without the key text', async () => {
    const bad = '-----BEGIN RSA PRIVATE KEY-----\nAAAAsecretish\n-----END RSA PRIVATE KEY-----\n';
    const error = await webKeySigner(bad, undefined)
      .sign(message)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KalshiAuthError', code: 'KEY_MALFORMED' });
    expect(String((error as Error).message)).not.toContain('AAAAsecretish');
  });
});
