/**
 * The `privateKey` option in browsers and edge runtimes (`#key-signer` without the `node`
 * condition): PEM text or a `CryptoKey`, signed with WebCrypto. No `node:` import is reachable from here.
 */
import { createKeySigner, type KalshiPrivateKey, type Signer } from '@kalshi-sdk/auth/web';
import { KalshiConfigError } from './errors.js';

/**
 * The signer for `createClient({ privateKey })`. WebCrypto imports keys asynchronously, so the
 * import starts here and the first `sign` waits for it; a key WebCrypto refuses makes every
 * `sign` reject with that `KalshiAuthError` (`KEY_MALFORMED`, `KEY_ENCRYPTED`, ...).
 * @throws KalshiConfigError `privateKey` when it is not PEM text (there is no file system to read
 *   a path from), `passphrase` when one is given (WebCrypto cannot decrypt keys).
 */
export function keySigner(privateKey: KalshiPrivateKey, passphrase: string | undefined): Signer {
  if (typeof privateKey !== 'string') return createKeySigner(privateKey);
  if (!privateKey.includes('-----BEGIN')) {
    throw new KalshiConfigError(
      'privateKey',
      'privateKey must be PEM text in this runtime: a key file path cannot be read in a browser or edge runtime. Pass the PEM text, or a signer.',
    );
  }
  if (passphrase !== undefined) {
    throw new KalshiConfigError('passphrase', 'WebCrypto cannot decrypt an encrypted key: pass the decrypted PEM, or a signer.');
  }
  return createKeySigner(privateKey);
}
