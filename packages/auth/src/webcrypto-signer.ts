/**
 * The WebCrypto signer. This file and everything it imports stay free of `node:` modules, so it
 * runs in browsers, Deno, Bun and Cloudflare Workers (import it from `@kalshi-sdk/auth/web`).
 */
import { bytesToBase64 } from './base64.js';
import { wrapPkcs1InPkcs8 } from './der.js';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { hasPemArmor, parsePrivateKeyPem } from './pem.js';
import { RSA_PSS_SALT_LENGTH, type Signer } from './signer.js';

/** The opaque key handle WebCrypto returns (`CryptoKey`). */
export interface WebCryptoKey {
  readonly type: string;
  readonly extractable: boolean;
}

/**
 * The two `SubtleCrypto` methods the signer uses. `globalThis.crypto.subtle` of every runtime,
 * and Node's `crypto.webcrypto.subtle`, fit it; so does a wrapper around a remote key service.
 */
export interface WebCryptoSubtle {
  importKey(
    format: 'pkcs8',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: { name: 'RSA-PSS'; hash: 'SHA-256' },
    extractable: false,
    keyUsages: ['sign'],
  ): Promise<WebCryptoKey>;
  sign(algorithm: { name: 'RSA-PSS'; saltLength: number }, key: WebCryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/** Options of {@link createWebCryptoSigner}. */
export interface WebCryptoSignerOptions {
  /** The SubtleCrypto to use; defaults to `globalThis.crypto.subtle`. */
  readonly subtle?: WebCryptoSubtle;
}

/**
 * A {@link Signer} on WebCrypto (`crypto.subtle`), for browsers, Deno, Bun and Workers.
 * PKCS#1 keys (`BEGIN RSA PRIVATE KEY`, as Kalshi issues them) are rewrapped as PKCS#8 in
 * plain code, then imported once as a non-extractable RSA-PSS/SHA-256 key; each `sign` uses
 * salt length 32. Doc page: /getting_started/api_keys.
 *
 * @param pem PEM text (PKCS#1 or unencrypted PKCS#8). There are no files in a browser, so no paths.
 * @throws KalshiAuthError `KEY_MALFORMED`, `KEY_NOT_RSA`, `KEY_ENCRYPTED` (decrypt it first,
 *   e.g. `openssl pkcs8 -in enc.pem -out key.pem`), `SIGN_FAILED` when the runtime has no
 *   WebCrypto. `sign()` rejects with `SIGN_FAILED` when WebCrypto refuses to sign.
 */
export async function createWebCryptoSigner(pem: string, options: WebCryptoSignerOptions = {}): Promise<Signer> {
  const subtle = options.subtle ?? (globalThis as { crypto?: { subtle?: WebCryptoSubtle } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new KalshiAuthError('SIGN_FAILED', 'This runtime has no WebCrypto (globalThis.crypto.subtle); pass options.subtle.');
  }
  if (!hasPemArmor(pem)) {
    throw new KalshiAuthError('KEY_MALFORMED', 'Expected PEM text ("-----BEGIN RSA PRIVATE KEY-----"); the WebCrypto signer does not read files.');
  }
  const parsed = parsePrivateKeyPem(pem);
  if (parsed.encrypted) {
    throw new KalshiAuthError('KEY_ENCRYPTED', 'WebCrypto cannot import an encrypted key; decrypt it first, or use createNodeSigner with a passphrase.', {
      pemLabel: parsed.label,
    });
  }
  const pkcs8 = parsed.format === 'pkcs1' ? wrapPkcs1InPkcs8(parsed.der) : parsed.der;
  let key: WebCryptoKey;
  try {
    key = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
  } catch (error) {
    const causeCode = errorCodeOf(error);
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      `WebCrypto rejected the "${parsed.label}" key.`,
      causeCode !== undefined ? { pemLabel: parsed.label, causeCode } : { pemLabel: parsed.label },
    );
  }
  const encoder = new TextEncoder();
  return {
    async sign(message: string): Promise<string> {
      let signature: ArrayBuffer;
      try {
        signature = await subtle.sign({ name: 'RSA-PSS', saltLength: RSA_PSS_SALT_LENGTH }, key, encoder.encode(message));
      } catch (error) {
        const causeCode = errorCodeOf(error);
        throw new KalshiAuthError('SIGN_FAILED', 'WebCrypto refused to sign with this key.', causeCode !== undefined ? { causeCode } : {});
      }
      return bytesToBase64(new Uint8Array(signature));
    },
  };
}
