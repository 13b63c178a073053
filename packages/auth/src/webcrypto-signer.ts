/**
 * The WebCrypto signer. This file and everything it imports stay free of `node:` modules, so it
 * runs in browsers, Deno, Bun and Cloudflare Workers (import it from `@kalshi-sdk/auth/web`).
 */
import { subtleSigner } from './crypto-key-signer.js';
import { wrapPkcs1InPkcs8 } from './der.js';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { hasPemArmor, parsePrivateKeyPem } from './pem.js';
import type { Signer } from './signer.js';

/** The opaque key handle WebCrypto returns (`CryptoKey`). */
export interface WebCryptoKey {
  readonly type: string;
  readonly extractable: boolean;
}

/**
 * The two `SubtleCrypto` methods the signer uses. `globalThis.crypto.subtle` of every runtime,
 * and Node's `crypto.webcrypto.subtle`, fit it; so does a wrapper around a remote key service.
 * RSA keys are imported as `RSA-PSS`/`SHA-256`, Ed25519 keys as `Ed25519`.
 */
export interface WebCryptoSubtle {
  importKey(
    format: 'pkcs8',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: { name: 'RSA-PSS'; hash: 'SHA-256' } | { name: 'Ed25519' },
    extractable: false,
    keyUsages: ['sign'],
  ): Promise<WebCryptoKey>;
  sign(algorithm: { name: 'RSA-PSS'; saltLength: number } | { name: 'Ed25519' }, key: WebCryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/** Options of {@link createWebCryptoSigner}. */
export interface WebCryptoSignerOptions {
  /** The SubtleCrypto to use; defaults to `globalThis.crypto.subtle`. */
  readonly subtle?: WebCryptoSubtle;
}

/**
 * A {@link Signer} on WebCrypto (`crypto.subtle`), for browsers, Deno, Bun and Workers.
 * The key type is read from the PEM in plain code (the PKCS#8 AlgorithmIdentifier OID) and picks
 * the scheme (`signer.algorithm`):
 * - RSA: PKCS#1 keys (`BEGIN RSA PRIVATE KEY`, as Kalshi issues them) are rewrapped as PKCS#8,
 *   then imported once as a non-extractable RSA-PSS/SHA-256 key; each `sign` uses salt length 32.
 * - Ed25519 (`BEGIN PRIVATE KEY`, OID 1.3.101.112, as Kalshi issues them): imported once as a
 *   non-extractable `Ed25519` key. Needs a WebCrypto with Ed25519 (Node 20+, Deno, Bun, Workers,
 *   current browsers).
 *
 * Doc page: /getting_started/api_keys.
 *
 * @param pem PEM text (PKCS#1 or unencrypted PKCS#8). There are no files in a browser, so no paths.
 * @throws KalshiAuthError `KEY_MALFORMED`, `KEY_UNSUPPORTED_TYPE` (EC, Ed448, X25519, ...),
 *   `KEY_ENCRYPTED` (decrypt it first, e.g. `openssl pkcs8 -in enc.pem -out key.pem`),
 *   `SIGN_FAILED` when the runtime has no WebCrypto, or no Ed25519 in it (`causeCode`
 *   `NotSupportedError`). `sign()` rejects with `SIGN_FAILED` when WebCrypto refuses to sign.
 */
export async function createWebCryptoSigner(pem: string, options: WebCryptoSignerOptions = {}): Promise<Signer> {
  const subtle = options.subtle ?? (globalThis as { crypto?: { subtle?: WebCryptoSubtle } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new KalshiAuthError('SIGN_FAILED', 'This runtime has no WebCrypto (globalThis.crypto.subtle); pass options.subtle.');
  }
  if (!hasPemArmor(pem)) {
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      'Expected PEM text ("-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----"); the WebCrypto signer does not read files.',
    );
  }
  const parsed = parsePrivateKeyPem(pem);
  if (parsed.encrypted) {
    throw new KalshiAuthError('KEY_ENCRYPTED', 'WebCrypto cannot import an encrypted key; decrypt it first, or use createNodeSigner with a passphrase.', {
      pemLabel: parsed.label,
    });
  }
  const ed25519 = parsed.algorithm === 'ed25519';
  const pkcs8 = parsed.format === 'pkcs1' ? wrapPkcs1InPkcs8(parsed.der) : parsed.der;
  let key: WebCryptoKey;
  try {
    key = await subtle.importKey('pkcs8', pkcs8, ed25519 ? { name: 'Ed25519' } : { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
  } catch (error) {
    const causeCode = errorCodeOf(error);
    const facts = causeCode !== undefined ? { pemLabel: parsed.label, causeCode } : { pemLabel: parsed.label };
    if (ed25519 && causeCode === 'NotSupportedError') {
      throw new KalshiAuthError('SIGN_FAILED', "This runtime's WebCrypto has no Ed25519; use an RSA key here, or createNodeSigner.", facts);
    }
    throw new KalshiAuthError('KEY_MALFORMED', `WebCrypto rejected the "${parsed.label}" key.`, facts);
  }
  return subtleSigner(subtle, key, ed25519 ? 'ed25519' : 'rsa-pss-sha256', 'this key');
}
