import { constants, KeyObject, sign } from 'node:crypto';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { assertRsaPrivateKey, loadPrivateKey, type LoadPrivateKeyOptions } from './load-private-key.js';
import { RSA_PSS_SALT_LENGTH, type Signer } from './signer.js';

/**
 * A {@link Signer} on `node:crypto` (Node, Bun, Deno). The key is parsed once, here; each
 * `sign` is one RSA-PSS-SHA256 (salt 32) operation on the calling thread, about 0.5 ms for
 * RSA-2048.
 *
 * @param key A `KeyObject` (from {@link loadPrivateKey} or `crypto.createPrivateKey`), or
 *   anything {@link loadPrivateKey} accepts: PEM text or a file path.
 * @param options `passphrase` for encrypted PEMs (when `key` is a string).
 * @throws KalshiAuthError from {@link loadPrivateKey}; `KEY_MALFORMED` for a public KeyObject,
 *   `KEY_NOT_RSA` for a non-RSA one. `sign()` rejects with `SIGN_FAILED` when OpenSSL refuses
 *   (e.g. a 512-bit RSA key is too small for PSS with a 32-byte salt).
 */
export function createNodeSigner(key: KeyObject | string, options: LoadPrivateKeyOptions = {}): Signer {
  const privateKey = key instanceof KeyObject ? assertRsaPrivateKey(key) : loadPrivateKey(key, options);
  const signOptions = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: RSA_PSS_SALT_LENGTH };
  return {
    async sign(message: string): Promise<string> {
      try {
        return sign('sha256', Buffer.from(message, 'utf8'), signOptions).toString('base64');
      } catch (error) {
        const causeCode = errorCodeOf(error);
        throw new KalshiAuthError('SIGN_FAILED', 'node:crypto refused to sign with this key.', causeCode !== undefined ? { causeCode } : {});
      }
    },
  };
}
