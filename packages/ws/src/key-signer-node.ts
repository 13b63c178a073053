/**
 * `credentials.privateKey` on Node, Bun and Deno (`#key-signer` under the `node` condition): PEM
 * text, a PEM file path or a `KeyObject` (encrypted PEMs with `passphrase`), signed with
 * `node:crypto`; a `CryptoKey`, signed with WebCrypto.
 */
import { createKeySigner, type KalshiPrivateKey, type Signer } from '@kalshi-sdk/auth';

/**
 * The signer of the handshake for `credentials.privateKey`.
 * @throws KalshiAuthError (from `@kalshi-sdk/auth`) when the key cannot be read or parsed.
 */
export function keySigner(privateKey: KalshiPrivateKey, passphrase: string | undefined): Signer {
  return createKeySigner(privateKey, { passphrase, field: 'credentials.privateKey' });
}
