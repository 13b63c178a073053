/**
 * `@kalshi-sdk/auth/web`: the runtime-neutral part of the package, with no `node:` imports, for
 * browsers, Deno, Bun and Cloudflare Workers. Same API as the main entry minus the Node-only
 * `loadPrivateKey`, `createNodeSigner` and `verifySignature`.
 */
export { KalshiAuthError, type KalshiAuthErrorCode, type KalshiAuthErrorFacts } from './errors.js';
export { RSA_PSS_SALT_LENGTH, type SignatureAlgorithm, type Signer } from './signer.js';
export { createWebCryptoSigner, type WebCryptoKey, type WebCryptoSignerOptions, type WebCryptoSubtle } from './webcrypto-signer.js';
export {
  requestSigningMessage,
  signRequest,
  type KalshiAuthHeaders,
  type RequestSigningInput,
  type SignRequestInput,
} from './request-signing.js';
export { fixLogonMessage, signFixLogon, type FixLogonFields } from './fix-logon.js';
