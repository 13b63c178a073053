/**
 * PSS salt length in bytes: 32, the SHA-256 digest length (`RSA_PSS_SALTLEN_DIGEST`), as Kalshi
 * verifies it. Doc page: /getting_started/api_keys.
 */
export const RSA_PSS_SALT_LENGTH = 32;

/**
 * Anything that can sign for Kalshi: RSA-PSS with SHA-256, MGF1-SHA-256, salt length 32
 * ({@link RSA_PSS_SALT_LENGTH}), over the UTF-8 bytes of `message`, returning standard base64.
 *
 * Built-in: {@link createNodeSigner} (Node, Bun, Deno) and `createWebCryptoSigner` (any runtime
 * with WebCrypto). Keys held in an HSM or a cloud KMS plug in as a plain object with this one
 * method; see the package README for an AWS KMS example (`RSASSA_PSS_SHA_256` uses salt 32).
 */
export interface Signer {
  /**
   * @param message The exact string to sign (a request message or a FIX logon pre-hash string).
   * @returns The base64 signature (344 characters for a 2048-bit key).
   */
  sign(message: string): Promise<string>;
}
