// Both targets of the `#key-signer` import: Node, Bun and Deno (node:crypto: PEM text or a file path)
// and every other runtime (WebCrypto: PEM text only), and both targets of `#recording-file`.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignature } from '@kalshi-sdk/auth';
import { describe, expect, it } from 'vitest';
import { KalshiWsError } from '../src/errors.js';
import { keySigner as nodeKeySigner } from '../src/key-signer-node.js';
import { keySigner as webKeySigner } from '../src/key-signer-web.js';
import { openRecordingFile as webRecordingFile } from '../src/recording-file-web.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed25519 = generateKeyPairSync('ed25519');
const KEYS = {
  'RSA, PKCS#1': { pem: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey: rsa.publicKey },
  'Ed25519, PKCS#8': { pem: ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: ed25519.publicKey },
};
const message = '1700000000000GET/trade-api/ws/v2';

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
    const file = join(mkdtempSync(join(tmpdir(), 'kalshi-ws-key-')), 'key.pem');
    writeFileSync(file, KEYS['RSA, PKCS#1'].pem);
    const signature = await nodeKeySigner(file, undefined).sign(message);
    expect(verifySignature({ publicKey: rsa.publicKey, message, signature })).toBe(true);
  });
});

describe('keySigner (web)', () => {
  it.each<[string, { privateKey: string; passphrase: string | undefined; field: string }]>([
    ['a file path (no file system)', { privateKey: './kalshi-key.pem', passphrase: undefined, field: 'credentials.privateKey' }],
    ['a passphrase (WebCrypto cannot decrypt)', { privateKey: KEYS['RSA, PKCS#1'].pem, passphrase: 'p4ss', field: 'credentials.passphrase' }],
  ])('refuses %s with CREDENTIALS_INVALID naming the field, and no key material', (_, { privateKey, passphrase, field }) => {
    let error: unknown;
    try {
      webKeySigner(privateKey, passphrase);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'KalshiAuthError', code: 'CREDENTIALS_INVALID', field });
    expect((error as Error).message).not.toContain('PRIVATE KEY');
  });
});

describe('openRecordingFile (web)', () => {
  it('rejects with WS_CONFIG_INVALID (option path), saying which runtimes can record', async () => {
    const error = await webRecordingFile('session.jsonl').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiWsError);
    expect(error).toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'path' });
    expect((error as Error).message).toContain('session.jsonl');
    expect((error as Error).message).toContain('Record from Node.js, Bun or Deno');
  });
});
