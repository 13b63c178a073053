import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { errorCodeOf, KalshiAuthError } from './errors.js';
import { signatureAlgorithmOf } from './key-type.js';
import { armorPem, hasPemArmor, parsePrivateKeyPem } from './pem.js';
import type { SignatureAlgorithm } from './signer.js';

/** Options of {@link loadPrivateKey}. */
export interface LoadPrivateKeyOptions {
  /** Decrypts `ENCRYPTED PRIVATE KEY` PEMs and legacy `Proc-Type: 4,ENCRYPTED` PKCS#1 PEMs; ignored for plain keys. */
  readonly passphrase?: string;
}

/** A long run of base64 characters is key material pasted without its armor, not a file name: never echo it. */
function looksLikeBareKeyMaterial(text: string): boolean {
  return text.length >= 64 && /^[A-Za-z0-9+/=\s]+$/.test(text);
}

function readKeyFile(filePath: string): string {
  if (filePath.trim() === '') {
    throw new KalshiAuthError('KEY_MALFORMED', 'The private key is empty: pass PEM text or the path of a PEM file.');
  }
  let contents: Buffer;
  try {
    contents = readFileSync(filePath);
  } catch (error) {
    const causeCode = errorCodeOf(error);
    if (looksLikeBareKeyMaterial(filePath)) {
      throw new KalshiAuthError(
        'KEY_MALFORMED',
        'The input looks like base64 key material without its "-----BEGIN ...-----" armor; pass the whole PEM text.',
        causeCode !== undefined ? { causeCode } : {},
      );
    }
    throw new KalshiAuthError(
      'KEY_FILE_UNREADABLE',
      `Cannot read the private key file "${filePath}"${causeCode !== undefined ? ` (${causeCode})` : ''}.`,
      causeCode !== undefined ? { filePath, causeCode } : { filePath },
    );
  }
  const text = contents.toString('utf8');
  if (!hasPemArmor(text)) {
    throw new KalshiAuthError('KEY_MALFORMED', `The file "${filePath}" holds no PEM block ("-----BEGIN ...-----").`, { filePath });
  }
  return text;
}

/**
 * The signature scheme of a private `KeyObject`: RSA (`'rsa-pss-sha256'`) or Ed25519 (`'ed25519'`),
 * the two Kalshi API key types.
 * @throws KalshiAuthError `KEY_MALFORMED` for a public or secret KeyObject, `KEY_UNSUPPORTED_TYPE`
 *   for other algorithms (EC, Ed448, X25519, DSA, RSA-PSS-only, ...).
 */
export function privateKeyAlgorithm(key: KeyObject): SignatureAlgorithm {
  if (key.type !== 'private') {
    throw new KalshiAuthError('KEY_MALFORMED', `Signing needs the private key; got a ${key.type} key.`, { keyType: key.asymmetricKeyType ?? key.type });
  }
  return signatureAlgorithmOf(key.asymmetricKeyType ?? 'unknown');
}

/**
 * Loads the private key of a Kalshi API key, RSA or Ed25519, into a Node `KeyObject`, once, for
 * signing. `key.asymmetricKeyType` is then `'rsa'` or `'ed25519'` (Kalshi's `ApiKeyType`).
 *
 * Accepts PEM text, or when `pemOrPath` has no `-----BEGIN` armor, the path of a PEM file:
 * PKCS#1 (`BEGIN RSA PRIVATE KEY`, how Kalshi issues RSA keys), PKCS#8 (`BEGIN PRIVATE KEY`,
 * RSA, or Ed25519 as Kalshi issues it), and with `options.passphrase` encrypted PKCS#8
 * (`BEGIN ENCRYPTED PRIVATE KEY`) or legacy encrypted PKCS#1. Errors never include key material
 * or the passphrase.
 * Doc page: /getting_started/api_keys.
 *
 * @param pemOrPath PEM text (CRLF, indentation and literal `\n` escapes are tolerated) or a file path.
 * @throws KalshiAuthError `KEY_MALFORMED`, `KEY_UNSUPPORTED_TYPE` (EC, Ed448, X25519, DSA, ...), `KEY_ENCRYPTED` (no passphrase),
 *   `KEY_PASSPHRASE_WRONG`, `KEY_FILE_UNREADABLE`.
 */
export function loadPrivateKey(pemOrPath: string, options: LoadPrivateKeyOptions = {}): KeyObject {
  const text = hasPemArmor(pemOrPath) ? pemOrPath : readKeyFile(pemOrPath);
  const parsed = parsePrivateKeyPem(text);
  const { passphrase } = options;
  if (parsed.encrypted && passphrase === undefined) {
    throw new KalshiAuthError('KEY_ENCRYPTED', 'The private key is encrypted; pass options.passphrase.', { pemLabel: parsed.label });
  }
  let key: KeyObject;
  try {
    const pem = armorPem(parsed);
    key = createPrivateKey(passphrase === undefined ? pem : { key: pem, format: 'pem', passphrase });
  } catch (error) {
    const causeCode = errorCodeOf(error);
    const facts = causeCode !== undefined ? { pemLabel: parsed.label, causeCode } : { pemLabel: parsed.label };
    // The armor and DER structure were checked above, so a failure on an encrypted key is the passphrase.
    if (parsed.encrypted) throw new KalshiAuthError('KEY_PASSPHRASE_WRONG', 'The passphrase does not decrypt the private key.', facts);
    throw new KalshiAuthError('KEY_MALFORMED', `The "${parsed.label}" PEM does not hold a valid key.`, facts);
  }
  // Encrypted PKCS#8 shows its algorithm only now, after decryption.
  privateKeyAlgorithm(key);
  return key;
}
