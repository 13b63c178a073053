/**
 * `credentials.privateKey` in browsers, Workers and other runtimes without the `node` condition
 * (`#key-signer` there): PEM text or a `CryptoKey`, signed with WebCrypto. No `node:` import is
 * reachable from here, so a bundle for those runtimes does not pull `node:crypto` or `node:fs`.
 */
import { createKeySigner, type KalshiPrivateKey, type Signer } from '@kalshi-sdk/auth/web';

/**
 * The signer of the handshake for `credentials.privateKey`. WebCrypto imports the key
 * asynchronously: a key it refuses makes the first `sign` reject with that `KalshiAuthError`.
 * @throws KalshiAuthError `CREDENTIALS_INVALID` (`field`: `credentials.privateKey` or
 *   `credentials.passphrase`) for a file path (no file system here), a `KeyObject` or a passphrase.
 */
export function keySigner(privateKey: KalshiPrivateKey, passphrase: string | undefined): Signer {
  return createKeySigner(privateKey, { passphrase, field: 'credentials.privateKey' });
}
