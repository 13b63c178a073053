import { createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeSigner, verifySignature, type KalshiAuthErrorCode } from '../src/index.js';
import { expectAuthError, keys, pemOf } from './fixtures.js';

const message = '1703123456789GET/trade-api/v2/portfolio/balance';
const signature = await createNodeSigner(keys.privateKey).sign(message);
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const otherSignature = await createNodeSigner(otherKey).sign(message);
const edSignature = await createNodeSigner(keys.ed25519PrivateKey).sign(message);
const otherEdSignature = await createNodeSigner(generateKeyPairSync('ed25519').privateKey).sign(message);

describe('verifySignature', () => {
  it.each<[string, { publicKey: KeyObject | string; signature: string }]>([
    ['RSA: a public KeyObject', { publicKey: keys.publicKey, signature }],
    ['RSA: a private KeyObject (public half used)', { publicKey: keys.privateKey, signature }],
    ['RSA: SPKI PEM', { publicKey: keys.spki, signature }],
    ['RSA: PKCS#1 public PEM', { publicKey: keys.rsaPublicPkcs1, signature }],
    ['RSA: a private key PEM', { publicKey: keys.pkcs1, signature }],
    ['Ed25519: a public KeyObject', { publicKey: keys.ed25519PublicKey, signature: edSignature }],
    ['Ed25519: a private KeyObject (public half used)', { publicKey: keys.ed25519PrivateKey, signature: edSignature }],
    ['Ed25519: SPKI PEM (what Kalshi stores)', { publicKey: keys.ed25519Spki, signature: edSignature }],
    ['Ed25519: a PKCS#8 private key PEM', { publicKey: keys.ed25519Pkcs8, signature: edSignature }],
  ])('accepts a good signature with %s', (_name, input) => {
    expect(verifySignature({ message, ...input })).toBe(true);
  });

  it.each<[string, { publicKey: KeyObject; message: string; signature: string }]>([
    ['a different message', { publicKey: keys.publicKey, message: message.replace('GET', 'PUT'), signature }],
    ['another key’s signature', { publicKey: keys.publicKey, message, signature: otherSignature }],
    ['a truncated signature', { publicKey: keys.publicKey, message, signature: signature.slice(0, 100) }],
    ['a non-base64 signature', { publicKey: keys.publicKey, message, signature: `${signature.slice(0, -4)}!!!=` }],
    ['an empty signature', { publicKey: keys.publicKey, message, signature: '' }],
    ['an Ed25519 signature under an RSA key', { publicKey: keys.publicKey, message, signature: edSignature }],
    ['Ed25519: a different message', { publicKey: keys.ed25519PublicKey, message: message.replace('GET', 'PUT'), signature: edSignature }],
    ['Ed25519: another key’s signature', { publicKey: keys.ed25519PublicKey, message, signature: otherEdSignature }],
    ['Ed25519: a signature cut to 63 bytes', { publicKey: keys.ed25519PublicKey, message, signature: Buffer.from(edSignature, 'base64').subarray(0, 63).toString('base64') }],
    ['Ed25519: an RSA-PSS signature under an Ed25519 key', { publicKey: keys.ed25519PublicKey, message, signature }],
  ])('returns false for %s', (_name, input) => {
    expect(verifySignature(input)).toBe(false);
  });

  it.each<[string, { given: KeyObject | string; want: KalshiAuthErrorCode }]>([
    ['garbage PEM', { given: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', want: 'KEY_MALFORMED' }],
    ['an EC public key', { given: keys.ecPublicKey, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an Ed448 public key', { given: keys.ed448PublicKey, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an X25519 public PEM', { given: pemOf(generateKeyPairSync('x25519').publicKey, { type: 'spki', format: 'pem' }), want: 'KEY_UNSUPPORTED_TYPE' }],
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
