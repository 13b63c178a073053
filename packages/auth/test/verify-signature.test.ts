import { createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeSigner, verifySignature, type KalshiAuthErrorCode } from '../src/index.js';
import { expectAuthError, keys, pemOf } from './fixtures.js';

const message = '1703123456789GET/trade-api/v2/portfolio/balance';
const signature = await createNodeSigner(keys.privateKey).sign(message);
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const otherSignature = await createNodeSigner(otherKey).sign(message);

describe('verifySignature', () => {
  it.each<[string, KeyObject | string]>([
    ['a public KeyObject', keys.publicKey],
    ['a private KeyObject (public half used)', keys.privateKey],
    ['SPKI PEM', keys.spki],
    ['PKCS#1 public PEM', keys.rsaPublicPkcs1],
    ['a private key PEM', keys.pkcs1],
  ])('accepts a good signature with %s', (_name, publicKey) => {
    expect(verifySignature({ publicKey, message, signature })).toBe(true);
  });

  it.each<[string, { message: string; signature: string }]>([
    ['a different message', { message: message.replace('GET', 'PUT'), signature }],
    ['another key’s signature', { message, signature: otherSignature }],
    ['a truncated signature', { message, signature: signature.slice(0, 100) }],
    ['a non-base64 signature', { message, signature: `${signature.slice(0, -4)}!!!=` }],
    ['an empty signature', { message, signature: '' }],
  ])('returns false for %s', (_name, input) => {
    expect(verifySignature({ publicKey: keys.publicKey, ...input })).toBe(false);
  });

  it.each<[string, { given: KeyObject | string; want: KalshiAuthErrorCode }]>([
    ['garbage PEM', { given: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', want: 'KEY_MALFORMED' }],
    ['an EC public key', { given: keys.ecPublicKey, want: 'KEY_NOT_RSA' }],
    ['an Ed25519 public PEM', { given: pemOf(generateKeyPairSync('ed25519').publicKey, { type: 'spki', format: 'pem' }), want: 'KEY_NOT_RSA' }],
    ['a secret KeyObject', { given: createSecretKey(randomBytes(32)), want: 'KEY_MALFORMED' }],
  ])('throws for %s', (_name, { given, want }) => {
    let error: unknown;
    try {
      verifySignature({ publicKey: given, message, signature });
    } catch (caught) {
      error = caught;
    }
    expectAuthError(error, want);
  });
});
