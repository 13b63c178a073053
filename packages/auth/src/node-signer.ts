import { constants, KeyObject, sign } from 'node:crypto';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { loadPrivateKey, privateKeyAlgorithm, type LoadPrivateKeyOptions } from './load-private-key.js';
import { RSA_PSS_SALT_LENGTH, type Signer } from './signer.js';

/**
 * A {@link Signer} on `node:crypto` (Node, Bun, Deno). The key is parsed once, here, and its
 * type picks the scheme (`signer.algorithm`): RSA keys sign RSA-PSS-SHA256 with salt 32 (about
 * 0.4 ms for RSA-2048), Ed25519 keys sign pure Ed25519 (`crypto.sign(null, data, key)`, tens of
 * microseconds). Each `sign` runs on the calling thread.
 *
 * @param key A `KeyObject` (from {@link loadPrivateKey} or `crypto.createPrivateKey`), or
 *   anything {@link loadPrivateKey} accepts: PEM text or a file path.
 * @param options `passphrase` for encrypted PEMs (when `key` is a string).
 * @throws KalshiAuthError from {@link loadPrivateKey}; `KEY_MALFORMED` for a public KeyObject,
 *   `KEY_UNSUPPORTED_TYPE` for one that is neither RSA nor Ed25519. `sign()` rejects with
 *   `SIGN_FAILED` when OpenSSL refuses (e.g. a 512-bit RSA key is too small for PSS with a 32-byte salt).
 */
export function createNodeSigner(key: KeyObject | string, options: LoadPrivateKeyOptions = {}): Signer {
  const privateKey = key instanceof KeyObject ? key : loadPrivateKey(key, options);
  const algorithm = privateKeyAlgorithm(privateKey);
  const rsaOptions = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: RSA_PSS_SALT_LENGTH };
  const signBytes = algorithm === 'ed25519' ? (data: Buffer) => sign(null, data, privateKey) : (data: Buffer) => sign('sha256', data, rsaOptions);
  return {
    algorithm,
    async sign(message: string): Promise<string> {
      try {
        return signBytes(Buffer.from(message, 'utf8')).toString('base64');
      } catch (error) {
        const causeCode = errorCodeOf(error);
        throw new KalshiAuthError('SIGN_FAILED', 'node:crypto refused to sign with this key.', causeCode !== undefined ? { causeCode } : {});
      }
    },
  };
}
