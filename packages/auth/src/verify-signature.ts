import { constants, createPublicKey, KeyObject, verify } from 'node:crypto';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { RSA_PSS_SALT_LENGTH } from './signer.js';

/** Input of {@link verifySignature}. */
export interface VerifySignatureInput {
  /** The RSA public key: a `KeyObject` (parse once when verifying many), or PEM text (`PUBLIC KEY`, `RSA PUBLIC KEY`, or a private key PEM). */
  readonly publicKey: KeyObject | string;
  /** The exact string that was signed. */
  readonly message: string;
  /** The base64 signature (`KALSHI-ACCESS-SIGNATURE` or RawData (96)). */
  readonly signature: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function toPublicKey(publicKey: KeyObject | string): KeyObject {
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
  if (key.type !== 'public') throw new KalshiAuthError('KEY_MALFORMED', `Verification needs an RSA public key; got a ${key.type} key.`);
  if (key.asymmetricKeyType !== 'rsa') {
    const keyType = key.asymmetricKeyType ?? 'unknown';
    throw new KalshiAuthError('KEY_NOT_RSA', `Only RSA keys are supported; this key is ${keyType}.`, { keyType });
  }
  return key;
}

/**
 * Checks a Kalshi signature the way Kalshi does: RSA-PSS, SHA-256, MGF1-SHA-256, salt length
 * exactly 32. For servers and the mock exchange. Returns `false` for a wrong, truncated or
 * non-base64 signature; never throws for a bad signature.
 *
 * @throws KalshiAuthError `KEY_MALFORMED` when `publicKey` does not parse or is a secret key,
 *   `KEY_NOT_RSA` for other algorithms.
 */
export function verifySignature(input: VerifySignatureInput): boolean {
  const key = toPublicKey(input.publicKey);
  if (!BASE64.test(input.signature) || input.signature === '') return false;
  return verify(
    'sha256',
    Buffer.from(input.message, 'utf8'),
    { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: RSA_PSS_SALT_LENGTH },
    Buffer.from(input.signature, 'base64'),
  );
}
