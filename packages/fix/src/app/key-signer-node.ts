/**
 * `credentials` on Node, Bun and Deno (`#key-signer` under the `node` condition): `privateKey` as
 * PEM text, a PEM file path or a `KeyObject` (an encrypted PEM with `passphrase`), signed with
 * `node:crypto`; a `CryptoKey`, signed with WebCrypto.
 */
import { resolveSigner, type KalshiCredentials, type Signer } from '@kalshi-sdk/auth';

/**
 * The signer of the Logon's RawData(96) for `credentials`: `credentials.signer`, or one over
 * `credentials.privateKey`. Doc page: /fix/authentication.
 * @throws KalshiAuthError (from `@kalshi-sdk/auth`): `CREDENTIALS_INVALID` naming the field, or a
 *   key error (`KEY_FILE_UNREADABLE`, `KEY_MALFORMED`, `KEY_ENCRYPTED`, ...). Never key material.
 */
export function credentialsSigner(credentials: KalshiCredentials): Signer {
  return resolveSigner(credentials);
}
