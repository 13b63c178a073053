import { constants, createSecretKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeSigner, RSA_PSS_SALT_LENGTH, type KalshiAuthErrorCode, type Signer } from '../src/index.js';
import { expectAuthError, keys, nodeVerify, nodeVerifyEd25519, PASSPHRASE, thrown, webVerify, webVerifyEd25519 } from './fixtures.js';

const message = '1703123456789GET/trade-api/v2/portfolio/balance';
const dir = mkdtempSync(join(tmpdir(), 'kalshi-auth-'));
const keyFile = join(dir, 'kalshi.key');
writeFileSync(keyFile, keys.pkcs1);
const ed25519KeyFile = join(dir, 'kalshi-ed25519.key');
writeFileSync(ed25519KeyFile, keys.ed25519Pkcs8);

describe('createNodeSigner', () => {
  it.each<[string, () => Signer]>([
    ['a KeyObject', () => createNodeSigner(keys.privateKey)],
    ['PKCS#1 PEM text', () => createNodeSigner(keys.pkcs1)],
    ['PKCS#8 PEM text', () => createNodeSigner(keys.pkcs8)],
    ['encrypted PKCS#8 with a passphrase', () => createNodeSigner(keys.pkcs8Encrypted, { passphrase: PASSPHRASE })],
    ['a file path', () => createNodeSigner(keyFile)],
  ])('signs from %s; node:crypto and WebCrypto verify it with salt 32', async (_name, make) => {
    const signer = make();
    expect(signer.algorithm).toBe('rsa-pss-sha256');
    const signature = await signer.sign(message);
    expect(Buffer.from(signature, 'base64')).toHaveLength(256);
    expect(nodeVerify(keys.publicKey, message, signature, RSA_PSS_SALT_LENGTH)).toBe(true);
    expect(await webVerify(keys.publicKey, message, signature, RSA_PSS_SALT_LENGTH)).toBe(true);
  });

  it('uses PSS with a 32-byte salt: verification with salt 0 or PKCS#1 v1.5 fails, auto-detected salt passes', async () => {
    const signature = await createNodeSigner(keys.privateKey).sign(message);
    const bytes = Buffer.from(signature, 'base64');
    const data = Buffer.from(message);
    expect({
      salt32: nodeVerify(keys.publicKey, message, signature, 32),
      salt0: nodeVerify(keys.publicKey, message, signature, 0),
      salt20: nodeVerify(keys.publicKey, message, signature, 20),
      saltAuto: verify('sha256', data, { key: keys.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, bytes),
      pkcs1v15: verify('sha256', data, { key: keys.publicKey, padding: constants.RSA_PKCS1_PADDING }, bytes),
      webSalt0: await webVerify(keys.publicKey, message, signature, 0),
    }).toEqual({ salt32: true, salt0: false, salt20: false, saltAuto: true, pkcs1v15: false, webSalt0: false });
  });

  it('salts randomly: the same message signs differently each time, and both verify', async () => {
    const signer = createNodeSigner(keys.privateKey);
    const [a, b] = [await signer.sign(message), await signer.sign(message)];
    expect(a).not.toBe(b);
    expect([nodeVerify(keys.publicKey, message, a, 32), nodeVerify(keys.publicKey, message, b, 32)]).toEqual([true, true]);
  });

  it('signs the UTF-8 bytes of the message', async () => {
    const text = '1703123456789GET/trade-api/v2/markets/é✓';
    const signature = await createNodeSigner(keys.privateKey).sign(text);
    expect(nodeVerify(keys.publicKey, text, signature, 32)).toBe(true);
  });

  it.each<[string, { given: () => unknown; want: KalshiAuthErrorCode }]>([
    ['a public KeyObject', { given: () => createNodeSigner(keys.publicKey), want: 'KEY_MALFORMED' }],
    ['a secret KeyObject', { given: () => createNodeSigner(createSecretKey(randomBytes(32))), want: 'KEY_MALFORMED' }],
    ['an Ed25519 public KeyObject', { given: () => createNodeSigner(keys.ed25519PublicKey), want: 'KEY_MALFORMED' }],
    ['an EC KeyObject', { given: () => createNodeSigner(keys.ecPrivateKey), want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an EC PEM', { given: () => createNodeSigner(keys.ecSec1), want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an Ed448 KeyObject', { given: () => createNodeSigner(keys.ed448PrivateKey), want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an X25519 KeyObject', { given: () => createNodeSigner(keys.x25519PrivateKey), want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an encrypted Ed25519 PEM without passphrase', { given: () => createNodeSigner(keys.ed25519Pkcs8Encrypted), want: 'KEY_ENCRYPTED' }],
    ['an encrypted PEM without passphrase', { given: () => createNodeSigner(keys.pkcs8Encrypted), want: 'KEY_ENCRYPTED' }],
    ['a missing file', { given: () => createNodeSigner('/nonexistent/kalshi.key'), want: 'KEY_FILE_UNREADABLE' }],
  ])('rejects %s', async (_name, { given, want }) => {
    expectAuthError(await thrown(given), want, [PASSPHRASE]);
  });

  it('rejects with SIGN_FAILED when the key is too small for PSS-32 (512-bit RSA)', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 512 }).privateKey;
    const signer = createNodeSigner(small);
    const error = expectAuthError(await thrown(() => signer.sign(message)), 'SIGN_FAILED');
    expect(error.causeCode).toMatch(/^ERR_OSSL_/);
  });
});

describe('createNodeSigner with an Ed25519 key', () => {
  it.each<[string, () => Signer]>([
    ['a KeyObject', () => createNodeSigner(keys.ed25519PrivateKey)],
    ['PKCS#8 PEM text (as Kalshi issues it)', () => createNodeSigner(keys.ed25519Pkcs8)],
    ['encrypted PKCS#8 with a passphrase', () => createNodeSigner(keys.ed25519Pkcs8Encrypted, { passphrase: PASSPHRASE })],
    ['a file path', () => createNodeSigner(ed25519KeyFile)],
  ])('signs Ed25519 from %s; node:crypto and WebCrypto verify it', async (_name, make) => {
    const signer = make();
    expect(signer.algorithm).toBe('ed25519');
    const signature = await signer.sign(message);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(nodeVerifyEd25519(keys.ed25519PublicKey, message, signature)).toBe(true);
    expect(await webVerifyEd25519(keys.ed25519PublicKey, message, signature)).toBe(true);
    expect(nodeVerifyEd25519(keys.ed25519PublicKey, message.replace('GET', 'PUT'), signature)).toBe(false);
  });

  it('signs pure Ed25519 over the UTF-8 message (RFC 8032, deterministic): byte-identical to crypto.sign(null, ...)', async () => {
    const signer = createNodeSigner(keys.ed25519Pkcs8);
    const text = '1703123456789GET/trade-api/v2/markets/é✓';
    const [a, b] = [await signer.sign(text), await signer.sign(text)];
    expect(a).toBe(b);
    expect(a).toBe(sign(null, Buffer.from(text, 'utf8'), keys.ed25519PrivateKey).toString('base64'));
  });
});
