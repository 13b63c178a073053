/**
 * `@kalshi-sdk/auth`: Kalshi request and FIX logon signing with RSA keys (RSA-PSS, SHA-256,
 * salt 32) or Ed25519 keys (RFC 8032).
 * Doc page: /getting_started/api_keys. Browser-safe subset: `@kalshi-sdk/auth/web`.
 */
export * from './web.js';
export { loadPrivateKey, type LoadPrivateKeyOptions } from './load-private-key.js';
export { createNodeSigner } from './node-signer.js';
export { verifySignature, type VerifySignatureInput } from './verify-signature.js';
// The Node resolvers also read key files and KeyObjects; they take the place of web.js's.
export { createKeySigner, resolveSigner } from './resolve-signer-node.js';
