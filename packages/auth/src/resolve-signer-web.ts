/** Credentials → {@link Signer} for browsers, Deno, Bun and Workers (`@kalshi-sdk/auth/web`). No `node:` imports. */
import { createCryptoKeySigner, isCryptoKey } from './crypto-key-signer.js';
import { checkCredentials, type KalshiCredentials, type KalshiPrivateKey } from './credentials.js';
import { KalshiAuthError } from './errors.js';
import { hasPemArmor } from './pem.js';
import type { Signer } from './signer.js';
import { createWebCryptoSigner } from './webcrypto-signer.js';

/** Options of `createKeySigner`. */
export interface KeySignerOptions {
  /** Passphrase of an encrypted PEM (the Node entry only; WebCrypto cannot decrypt). */
  readonly passphrase?: string | undefined;
  /** The option name errors give as `field`; default `'privateKey'`. */
  readonly field?: string;
}

/**
 * A {@link Signer} for a private key in any {@link KalshiPrivateKey} form this runtime can use:
 * PEM text (imported into WebCrypto as a non-extractable key; the import is asynchronous, so
 * the first `sign` waits for it and a key WebCrypto refuses makes `sign` reject with that
 * `KalshiAuthError`) or a `CryptoKey`.
 * @throws KalshiAuthError `CREDENTIALS_INVALID` (`field`) for a file path (no file system here),
 *   a passphrase, or a `node:crypto` `KeyObject`; errors of `createCryptoKeySigner`.
 */
export function createKeySigner(privateKey: KalshiPrivateKey, options: KeySignerOptions = {}): Signer {
  const field = options.field ?? 'privateKey';
  if (isCryptoKey(privateKey)) return createCryptoKeySigner(privateKey);
  if (typeof privateKey !== 'string') {
    throw new KalshiAuthError('CREDENTIALS_INVALID', `${field}: a node:crypto KeyObject needs Node, Bun or Deno; here pass PEM text or a CryptoKey.`, { field });
  }
  if (!hasPemArmor(privateKey)) {
    throw new KalshiAuthError('CREDENTIALS_INVALID', `${field} must be PEM text in this runtime: a key file cannot be read here. Pass the PEM text, a CryptoKey or a signer.`, { field });
  }
  if (options.passphrase !== undefined) {
    const passphraseField = field.replace(/privateKey$/, 'passphrase');
    throw new KalshiAuthError('CREDENTIALS_INVALID', 'WebCrypto cannot decrypt an encrypted key: pass the decrypted PEM, or a signer.', { field: passphraseField });
  }
  const ready = createWebCryptoSigner(privateKey);
  ready.catch(() => {}); // reported by the first sign(), not as an unhandled rejection
  return {
    async sign(message) {
      return (await ready).sign(message);
    },
  };
}

/**
 * The {@link Signer} of {@link KalshiCredentials}: the given `signer`, or one over `privateKey`
 * (see `createKeySigner`). This is the browser/edge resolver; the Node entry's `resolveSigner`
 * also reads key files and `KeyObject`s.
 * @param option The option name for error `field`s; default `'credentials'`.
 * @throws KalshiAuthError `CREDENTIALS_INVALID` naming the field; key errors of `createKeySigner`.
 */
export function resolveSigner(credentials: KalshiCredentials, option = 'credentials'): Signer {
  const c = checkCredentials(credentials, option);
  return c.signer ?? createKeySigner(c.privateKey, { passphrase: c.passphrase, field: `${option}.privateKey` });
}
