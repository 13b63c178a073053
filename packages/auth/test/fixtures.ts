/** Keys generated per test file (never committed), plus helpers shared by the tests. */
import { constants, generateKeyPairSync, verify, webcrypto, type KeyExportOptions, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { KalshiAuthError, type KalshiAuthErrorCode } from '../src/index.js';

export const PASSPHRASE = 'correct horse battery staple';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed25519 = generateKeyPairSync('ed25519');
const ed448 = generateKeyPairSync('ed448');
const x25519 = generateKeyPairSync('x25519');
const dsa = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });

/** PEM export (typed as `string | Buffer` by @types/node; PEM is always a string). */
export const pemOf = (key: KeyObject, options: KeyExportOptions<'pem'>): string => key.export(options).toString();

/** An RSA-2048 and an Ed25519 key pair (Kalshi's two key types) in every encoding, and other keys for the rejection tests. */
export const keys = {
  privateKey: rsa.privateKey,
  publicKey: rsa.publicKey,
  pkcs1: pemOf(rsa.privateKey, { type: 'pkcs1', format: 'pem' }),
  pkcs8: pemOf(rsa.privateKey, { type: 'pkcs8', format: 'pem' }),
  pkcs8Encrypted: pemOf(rsa.privateKey, { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }),
  pkcs1Encrypted: pemOf(rsa.privateKey, { type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }),
  spki: pemOf(rsa.publicKey, { type: 'spki', format: 'pem' }),
  rsaPublicPkcs1: pemOf(rsa.publicKey, { type: 'pkcs1', format: 'pem' }),
  ecPrivateKey: ec.privateKey,
  ecPublicKey: ec.publicKey,
  ecSec1: pemOf(ec.privateKey, { type: 'sec1', format: 'pem' }),
  ecPkcs8: pemOf(ec.privateKey, { type: 'pkcs8', format: 'pem' }),
  ed25519PrivateKey: ed25519.privateKey,
  ed25519PublicKey: ed25519.publicKey,
  ed25519Pkcs8: pemOf(ed25519.privateKey, { type: 'pkcs8', format: 'pem' }),
  ed25519Pkcs8Encrypted: pemOf(ed25519.privateKey, { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }),
  ed25519Spki: pemOf(ed25519.publicKey, { type: 'spki', format: 'pem' }),
  ed448PrivateKey: ed448.privateKey,
  ed448PublicKey: ed448.publicKey,
  ed448Pkcs8: pemOf(ed448.privateKey, { type: 'pkcs8', format: 'pem' }),
  x25519PrivateKey: x25519.privateKey,
  x25519Pkcs8: pemOf(x25519.privateKey, { type: 'pkcs8', format: 'pem' }),
  dsaPkcs8: pemOf(dsa.privateKey, { type: 'pkcs8', format: 'pem' }),
};

/** Every PEM body that must never show up in an error. */
export const secretPems = [
  keys.pkcs1,
  keys.pkcs8,
  keys.pkcs8Encrypted,
  keys.pkcs1Encrypted,
  keys.ecSec1,
  keys.ecPkcs8,
  keys.ed25519Pkcs8,
  keys.ed25519Pkcs8Encrypted,
  keys.ed448Pkcs8,
  keys.x25519Pkcs8,
  keys.dsaPkcs8,
];

/** Overlapping 12-character windows of the base64 body of `pem` (armor and headers dropped). */
export function bodyFragments(pem: string): string[] {
  const body = pem
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----') && !line.includes(':'))
    .join('');
  const out: string[] = [];
  for (let i = 0; i + 12 <= body.length; i += 6) out.push(body.slice(i, i + 12));
  return out;
}

/** Asserts `error` is a KalshiAuthError with `code`, and that none of `secrets` appear in its message, stack, JSON or inspect output. */
export function expectAuthError(error: unknown, code: KalshiAuthErrorCode, secrets: readonly string[] = []): KalshiAuthError {
  expect(error).toBeInstanceOf(KalshiAuthError);
  const authError = error as KalshiAuthError;
  expect(authError.code).toBe(code);
  expect(authError.cause).toBeUndefined();
  const surfaces = [authError.message, authError.stack ?? '', JSON.stringify(authError), inspect(authError, { depth: 5 }), String(authError)].join('\n');
  const fragments = [...secretPems.flatMap(bodyFragments), ...secrets];
  const leaked = fragments.filter((fragment) => surfaces.includes(fragment));
  expect(leaked).toEqual([]);
  return authError;
}

/** Runs `fn` and returns what it threw (sync or async). */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** node:crypto RSA-PSS-SHA256 verification with an explicit salt length. */
export function nodeVerify(publicKey: KeyObject, message: string, signature: string, saltLength: number): boolean {
  return verify('sha256', Buffer.from(message), { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, Buffer.from(signature, 'base64'));
}

/** WebCrypto (crypto.subtle) RSA-PSS-SHA256 verification with an explicit salt length. */
export async function webVerify(publicKey: KeyObject, message: string, signature: string, saltLength: number): Promise<boolean> {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const key = await webcrypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
  return webcrypto.subtle.verify({ name: 'RSA-PSS', saltLength }, key, Buffer.from(signature, 'base64'), Buffer.from(message));
}

/** node:crypto Ed25519 (RFC 8032) verification. */
export function nodeVerifyEd25519(publicKey: KeyObject, message: string, signature: string): boolean {
  return verify(null, Buffer.from(message), publicKey, Buffer.from(signature, 'base64'));
}

/** WebCrypto (crypto.subtle) Ed25519 verification. */
export async function webVerifyEd25519(publicKey: KeyObject, message: string, signature: string): Promise<boolean> {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const key = await webcrypto.subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
  return webcrypto.subtle.verify({ name: 'Ed25519' }, key, Buffer.from(signature, 'base64'), Buffer.from(message));
}
