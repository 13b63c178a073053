/** Which key algorithms Kalshi accepts, and the signature scheme of each. No `node:` imports. */
import { KalshiAuthError, type KalshiAuthErrorFacts } from './errors.js';
import type { SignatureAlgorithm } from './signer.js';

/**
 * The signature scheme of a key type, named as node:crypto's `asymmetricKeyType` names it
 * (`'rsa'`, `'ed25519'`, `'ec'`, ...; `pkcs8KeyType` uses the same names).
 * Kalshi API keys are `rsa` (RSA-PSS-SHA256) or `ed25519` (Ed25519). Doc page: /getting_started/api_keys.
 *
 * @throws KalshiAuthError `KEY_UNSUPPORTED_TYPE` for any other type, with `keyType` and the given facts.
 */
export function signatureAlgorithmOf(keyType: string, facts: KalshiAuthErrorFacts = {}): SignatureAlgorithm {
  switch (keyType) {
    case 'rsa':
      return 'rsa-pss-sha256';
    case 'ed25519':
      return 'ed25519';
    default:
      throw unsupportedKeyType(keyType, facts);
  }
}

/** The `KEY_UNSUPPORTED_TYPE` error for a key of type `keyType` (a node:crypto type name or a dotted OID, never key material). */
export function unsupportedKeyType(keyType: string, facts: KalshiAuthErrorFacts = {}): KalshiAuthError {
  return new KalshiAuthError('KEY_UNSUPPORTED_TYPE', `Kalshi API keys are RSA or Ed25519; this key is ${keyType}.`, { ...facts, keyType });
}
