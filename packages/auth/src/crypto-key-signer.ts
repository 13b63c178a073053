/** A {@link Signer} over a WebCrypto `CryptoKey` the caller already imported. No `node:` imports. */
import { bytesToBase64 } from './base64.js';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { RSA_PSS_SALT_LENGTH, type SignatureAlgorithm, type Signer } from './signer.js';
import type { WebCryptoKey, WebCryptoSignerOptions, WebCryptoSubtle } from './webcrypto-signer.js';

/** A WebCrypto `CryptoKey` as far as signing reads it; every runtime's `CryptoKey` fits. */
export interface WebCryptoSigningKey extends WebCryptoKey {
  readonly algorithm: { readonly name: string; readonly hash?: { readonly name: string } | string };
  readonly usages: readonly string[];
}

/** True for a WebCrypto `CryptoKey` (it has `algorithm` and `usages`; a `node:crypto` `KeyObject` has neither). */
export function isCryptoKey(value: unknown): value is WebCryptoSigningKey {
  return typeof value === 'object' && value !== null && 'algorithm' in value && 'usages' in value && 'type' in value;
}

function hashName(hash: { readonly name: string } | string | undefined): string | undefined {
  return typeof hash === 'string' ? hash : hash?.name;
}

/**
 * A {@link Signer} over a `CryptoKey` imported for signing: `RSA-PSS` with `SHA-256` (signs with
 * salt length 32, {@link RSA_PSS_SALT_LENGTH}) or `Ed25519`. The key may be non-extractable; it
 * never leaves WebCrypto. Doc page: /getting_started/api_keys.
 *
 * @param key A private `CryptoKey` with the `sign` usage, e.g. from
 *   `crypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign'])`.
 * @param options `subtle`: the SubtleCrypto to sign with; default `globalThis.crypto.subtle`.
 * @throws KalshiAuthError `KEY_MALFORMED` for a public or secret key or one without the `sign`
 *   usage; `KEY_UNSUPPORTED_TYPE` for other algorithms (`RSASSA-PKCS1-v1_5`, `ECDSA`, RSA-PSS
 *   over another hash); `SIGN_FAILED` when the runtime has no WebCrypto. `sign()` rejects with
 *   `SIGN_FAILED` when WebCrypto refuses.
 */
export function createCryptoKeySigner(key: WebCryptoSigningKey, options: WebCryptoSignerOptions = {}): Signer {
  const subtle = options.subtle ?? (globalThis as { crypto?: { subtle?: WebCryptoSubtle } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new KalshiAuthError('SIGN_FAILED', 'This runtime has no WebCrypto (globalThis.crypto.subtle); pass options.subtle.');
  }
  const name = key.algorithm.name;
  if (key.type !== 'private') throw new KalshiAuthError('KEY_MALFORMED', `Signing needs a private CryptoKey; got a ${key.type} key.`, { keyType: name });
  if (!key.usages.includes('sign')) {
    throw new KalshiAuthError('KEY_MALFORMED', "The CryptoKey was imported without the 'sign' usage; import it with keyUsages ['sign'].", { keyType: name });
  }
  const rsa = name === 'RSA-PSS' && hashName(key.algorithm.hash) === 'SHA-256';
  if (!rsa && name !== 'Ed25519') {
    const what = name === 'RSA-PSS' ? `RSA-PSS over ${hashName(key.algorithm.hash) ?? 'an unknown hash'}` : name;
    throw new KalshiAuthError('KEY_UNSUPPORTED_TYPE', `A Kalshi CryptoKey must be imported as RSA-PSS with SHA-256, or as Ed25519; this one is ${what}.`, {
      keyType: name,
    });
  }
  return subtleSigner(subtle, key, rsa ? 'rsa-pss-sha256' : 'ed25519', 'this CryptoKey');
}

/**
 * @internal The signer both WebCrypto entries return: `subtle.sign` with RSA-PSS (salt length
 * {@link RSA_PSS_SALT_LENGTH}) or Ed25519, base64 out. `sign()` rejects with `SIGN_FAILED`
 * naming `what` (never the key) when WebCrypto refuses.
 */
export function subtleSigner(subtle: WebCryptoSubtle, key: WebCryptoKey, algorithm: SignatureAlgorithm, what: string): Signer {
  const params = algorithm === 'ed25519' ? { name: 'Ed25519' as const } : { name: 'RSA-PSS' as const, saltLength: RSA_PSS_SALT_LENGTH };
  const encoder = new TextEncoder();
  return {
    algorithm,
    async sign(message: string): Promise<string> {
      let signature: ArrayBuffer;
      try {
        signature = await subtle.sign(params, key, encoder.encode(message));
      } catch (error) {
        const causeCode = errorCodeOf(error);
        throw new KalshiAuthError('SIGN_FAILED', `WebCrypto refused to sign with ${what}.`, causeCode !== undefined ? { causeCode } : {});
      }
      return bytesToBase64(new Uint8Array(signature));
    },
  };
}
