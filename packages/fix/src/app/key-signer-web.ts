/**
 * `credentials` in Cloudflare Workers, browsers and other runtimes without the `node` condition
 * (`#key-signer` there): `privateKey` as PEM text (PKCS#1 or PKCS#8; RSA or Ed25519) or a
 * `CryptoKey`, signed with WebCrypto. No `node:` import is reachable from here: workerd's
 * `node:crypto` cannot sign RSA-PSS (it refuses a `KeyObject`, and signs PKCS#1 v1.5 for PEM text).
 */
import { resolveSigner, type KalshiCredentials, type Signer } from '@kalshi-sdk/auth/web';

/**
 * The signer of the Logon's RawData(96) for `credentials`: `credentials.signer`, or one over
 * `credentials.privateKey`. WebCrypto imports the key asynchronously: a key it refuses makes the
 * Logon's signing reject with that `KalshiAuthError` (`KEY_MALFORMED`, `KEY_ENCRYPTED`, ...), so
 * `connect()` rejects with `FIX_LOGON_SIGN_FAILED`. Doc page: /fix/authentication.
 * @throws KalshiAuthError `CREDENTIALS_INVALID` naming the field: `credentials.privateKey` for a
 *   file path (no file system here) or a `KeyObject`, `credentials.passphrase` for a passphrase
 *   (WebCrypto cannot decrypt a key). Never key material.
 */
export function credentialsSigner(credentials: KalshiCredentials): Signer {
  return resolveSigner(credentials);
}
