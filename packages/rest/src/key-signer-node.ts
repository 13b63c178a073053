/**
 * The `privateKey` option on Node, Bun and Deno (`#key-signer` under the `node` condition):
 * PEM text or a PEM file path, encrypted keys with `passphrase`, signed with `node:crypto`.
 */
import { createNodeSigner, type Signer } from '@kalshi-sdk/auth';

/**
 * The signer for `createClient({ privateKey, passphrase })`.
 * @throws KalshiAuthError (from `@kalshi-sdk/auth`) when the key cannot be read or parsed.
 */
export function keySigner(privateKey: string, passphrase: string | undefined): Signer {
  return createNodeSigner(privateKey, passphrase !== undefined ? { passphrase } : {});
}
