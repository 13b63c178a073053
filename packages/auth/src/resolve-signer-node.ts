/** Credentials → {@link Signer} on Node, Bun and Deno (the main entry of `@kalshi-sdk/auth`). */
import { KeyObject } from 'node:crypto';
import { createCryptoKeySigner, isCryptoKey } from './crypto-key-signer.js';
import { checkCredentials, type KalshiCredentials, type KalshiPrivateKey } from './credentials.js';
import { KalshiAuthError } from './errors.js';
import { createNodeSigner } from './node-signer.js';
import type { KeySignerOptions } from './resolve-signer-web.js';
import type { Signer } from './signer.js';

/**
 * A {@link Signer} for a private key in any {@link KalshiPrivateKey} form: PEM text or a PEM file
 * path, or a `KeyObject` → `createNodeSigner` (parsed now); a `CryptoKey` → `createCryptoKeySigner`.
 * @throws KalshiAuthError from `loadPrivateKey` (`KEY_MALFORMED`, `KEY_ENCRYPTED`,
 *   `KEY_FILE_UNREADABLE`, ...); `CREDENTIALS_INVALID` (`field`) for anything else.
 */
export function createKeySigner(privateKey: KalshiPrivateKey, options: KeySignerOptions = {}): Signer {
  if (isCryptoKey(privateKey)) return createCryptoKeySigner(privateKey);
  if (typeof privateKey === 'string' || privateKey instanceof KeyObject) {
    return createNodeSigner(privateKey, options.passphrase === undefined ? {} : { passphrase: options.passphrase });
  }
  const field = options.field ?? 'privateKey';
  throw new KalshiAuthError('CREDENTIALS_INVALID', `${field} must be PEM text, a PEM file path, a KeyObject or a CryptoKey.`, { field });
}

/**
 * The {@link Signer} of {@link KalshiCredentials}: the given `signer`, or one over `privateKey`
 * (PEM text, a PEM file path, a `KeyObject` or a `CryptoKey`; see `createKeySigner`).
 * Doc page: /getting_started/api_keys.
 * @param option The option name for error `field`s; default `'credentials'`.
 * @throws KalshiAuthError `CREDENTIALS_INVALID` naming the field (no `apiKeyId`, both a key and
 *   a signer, ...); key errors of `loadPrivateKey`. Never key material.
 * @example
 * const signer = resolveSigner(credentialsFromEnv() ?? { apiKeyId, privateKey: './kalshi.key' });
 */
export function resolveSigner(credentials: KalshiCredentials, option = 'credentials'): Signer {
  const c = checkCredentials(credentials, option);
  return c.signer ?? createKeySigner(c.privateKey, { passphrase: c.passphrase, field: `${option}.privateKey` });
}
