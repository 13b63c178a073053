/**
 * `@kalshi-sdk/auth`: Kalshi request and FIX logon signing (RSA-PSS, SHA-256, salt 32).
 * Doc page: /getting_started/api_keys. Browser-safe subset: `@kalshi-sdk/auth/web`.
 */
export * from './web.js';
export { loadPrivateKey, type LoadPrivateKeyOptions } from './load-private-key.js';
export { createNodeSigner } from './node-signer.js';
export { verifySignature, type VerifySignatureInput } from './verify-signature.js';
