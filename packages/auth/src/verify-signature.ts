import { constants, createPublicKey, KeyObject, verify } from 'node:crypto';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { signatureAlgorithmOf } from './key-type.js';
import { RSA_PSS_SALT_LENGTH, type SignatureAlgorithm } from './signer.js';

/** Input of {@link verifySignature}. */
export interface VerifySignatureInput {
  /**
   * The RSA or Ed25519 public key: a `KeyObject` (parse once when verifying many), or PEM text
   * (`PUBLIC KEY`, `RSA PUBLIC KEY`, or a private key PEM). Its type picks the scheme.
   */
  readonly publicKey: KeyObject | string;
  /** The exact string that was signed. */
  readonly message: string;
  /** The base64 signature (`KALSHI-ACCESS-SIGNATURE` or RawData (96)). */
  readonly signature: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function toPublicKey(publicKey: KeyObject | string): { key: KeyObject; algorithm: SignatureAlgorithm } {
  let key: KeyObject;
  if (publicKey instanceof KeyObject) {
    key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  } else {
    try {
      key = createPublicKey(publicKey);
    } catch (error) {
      const causeCode = errorCodeOf(error);
      throw new KalshiAuthError('KEY_MALFORMED', 'The public key PEM does not parse.', causeCode !== undefined ? { causeCode } : {});
    }
  }
  if (key.type !== 'public') throw new KalshiAuthError('KEY_MALFORMED', `Verification needs an RSA or Ed25519 public key; got a ${key.type} key.`);
  return { key, algorithm: signatureAlgorithmOf(key.asymmetricKeyType ?? 'unknown') };
}

/**
 * Checks a Kalshi signature the way Kalshi does, with the scheme of the key's type: RSA keys
 * RSA-PSS, SHA-256, MGF1-SHA-256, salt length exactly 32; Ed25519 keys pure Ed25519 (RFC 8032).
 * For servers and the mock exchange. Returns `false` for a wrong, truncated or non-base64
 * signature, or one made with another key or scheme; never throws for a bad signature.
 *
 * @throws KalshiAuthError `KEY_MALFORMED` when `publicKey` does not parse or is a secret key,
 *   `KEY_UNSUPPORTED_TYPE` for other algorithms (EC, Ed448, ...).
 */
export function verifySignature(input: VerifySignatureInput): boolean {
  const { key, algorithm } = toPublicKey(input.publicKey);
  if (!BASE64.test(input.signature) || input.signature === '') return false;
  const data = Buffer.from(input.message, 'utf8');
  const signature = Buffer.from(input.signature, 'base64');
  if (algorithm === 'ed25519') return verify(null, data, key, signature);
  return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: RSA_PSS_SALT_LENGTH }, signature);
}
