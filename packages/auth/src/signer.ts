/**
 * PSS salt length in bytes: 32, the SHA-256 digest length (`RSA_PSS_SALTLEN_DIGEST`), as Kalshi
 * verifies it for RSA keys. Doc page: /getting_started/api_keys.
 */
export const RSA_PSS_SALT_LENGTH = 32;

/**
 * The signature scheme of a Kalshi API key (`ApiKeyType` in the OpenAPI spec: `rsa` | `ed25519`):
 *
 * - `'rsa-pss-sha256'`: `rsa` keys. RSA-PSS, SHA-256, MGF1-SHA-256, salt length 32
 *   ({@link RSA_PSS_SALT_LENGTH}); 256-byte signatures for RSA-2048.
 * - `'ed25519'`: `ed25519` keys. Pure Ed25519 (RFC 8032) over the message itself; 64-byte signatures.
 */
export type SignatureAlgorithm = 'rsa-pss-sha256' | 'ed25519';

/**
 * Anything that can sign for Kalshi: over the UTF-8 bytes of `message`, with the scheme of the
 * API key ({@link SignatureAlgorithm}), returning standard base64. Kalshi picks the verification
 * scheme from the key id, so the signer only has to match its own key.
 *
 * Built-in: {@link createNodeSigner} (Node, Bun, Deno) and `createWebCryptoSigner` (any runtime
 * with WebCrypto); both choose the scheme from the key and set `algorithm`. Keys held in an HSM
 * or a cloud KMS plug in as a plain object with just `sign`; see the package README for an AWS
 * KMS example (`RSASSA_PSS_SHA_256` uses salt 32).
 */
export interface Signer {
  /**
   * The scheme this signer uses, when it knows it. Informational: set by the built-in signers,
   * optional for your own; nothing in this package requires it.
   */
  readonly algorithm?: SignatureAlgorithm;
  /**
   * @param message The exact string to sign (a request message or a FIX logon pre-hash string).
   * @returns The base64 signature (344 characters for RSA-2048, 88 for Ed25519).
   */
  sign(message: string): Promise<string>;
}
