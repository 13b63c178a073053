/**
 * `@kalshi-sdk/auth/web`: the runtime-neutral part of the package, with no `node:` imports, for
 * browsers, Deno, Bun and Cloudflare Workers. Same API as the main entry minus the Node-only
 * `loadPrivateKey`, `createNodeSigner` and `verifySignature`; its `resolveSigner` and
 * `createKeySigner` take PEM text and `CryptoKey`s, not file paths or `KeyObject`s.
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
export { createCryptoKeySigner, isCryptoKey, type WebCryptoSigningKey } from './crypto-key-signer.js';
export {
  credentialsFromEnv,
  CREDENTIAL_ENV_VARS,
  type KalshiCredentials,
  type KalshiPrivateKey,
  type NodeKeyObject,
} from './credentials.js';
export { createKeySigner, resolveSigner, type KeySignerOptions } from './resolve-signer-web.js';
export {
  consoleLogger,
  KALSHI_LOG_LEVELS,
  REDACTED,
  redactFields,
  redactingLogger,
  type ConsoleLike,
  type KalshiLogger,
  type KalshiLogLevel,
} from './logger.js';
