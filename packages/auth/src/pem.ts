/**
 * PEM parsing and classification of private keys, shared by the Node loader and the WebCrypto
 * signer. No `node:` imports: this runs in browsers too.
 */
import { base64ToBytes } from './base64.js';
import { assertSingleSequence, pkcs8KeyType } from './der.js';
import { KalshiAuthError } from './errors.js';
import { signatureAlgorithmOf, unsupportedKeyType } from './key-type.js';
import type { SignatureAlgorithm } from './signer.js';

/** How the key inside a PEM block is encoded. */
export type PrivateKeyFormat =
  /** `BEGIN RSA PRIVATE KEY`: PKCS#1 RSAPrivateKey, as Kalshi issues RSA keys. */
  | 'pkcs1'
  /** `BEGIN RSA PRIVATE KEY` with `Proc-Type: 4,ENCRYPTED`: OpenSSL's legacy encryption of PKCS#1. */
  | 'pkcs1-encrypted'
  /** `BEGIN PRIVATE KEY`: PKCS#8 PrivateKeyInfo holding an RSA or Ed25519 key (Kalshi issues Ed25519 keys so). */
  | 'pkcs8'
  /** `BEGIN ENCRYPTED PRIVATE KEY`: PKCS#8 EncryptedPrivateKeyInfo. */
  | 'pkcs8-encrypted';

/** A private-key PEM block that passed every check possible without decrypting it. */
export interface PrivateKeyPem {
  readonly label: string;
  readonly format: PrivateKeyFormat;
  readonly encrypted: boolean;
  /** The key's signature scheme; `undefined` for encrypted PKCS#8, whose algorithm is only visible after decryption. */
  readonly algorithm: SignatureAlgorithm | undefined;
  /** The block's headers (`Proc-Type: ...`), for {@link armorPem}. */
  readonly headers: readonly string[];
  /** The block's base64 body, whitespace removed. */
  readonly base64: string;
  /** The decoded body: DER, or ciphertext for `pkcs1-encrypted`. */
  readonly der: Uint8Array<ArrayBuffer>;
}

/** Traditional (pre-PKCS#8) PEM labels of key types Kalshi does not use. */
const UNSUPPORTED_LABELS: Readonly<Record<string, string>> = {
  'EC PRIVATE KEY': 'ec',
  'DSA PRIVATE KEY': 'dsa',
};

/** Checks the DER structure (and for PKCS#8 the algorithm) before any crypto backend sees it. */
function classifyDer(label: string, headers: readonly string[], der: Uint8Array): Pick<PrivateKeyPem, 'format' | 'algorithm'> {
  try {
    if (label === 'ENCRYPTED PRIVATE KEY') {
      assertSingleSequence(der);
      return { format: 'pkcs8-encrypted', algorithm: undefined };
    }
    if (label === 'RSA PRIVATE KEY') {
      // Legacy encryption: the body is ciphertext, not DER; it is checked when decrypted.
      if (headers.some((h) => /^Proc-Type:\s*4,ENCRYPTED$/i.test(h))) return { format: 'pkcs1-encrypted', algorithm: 'rsa-pss-sha256' };
      assertSingleSequence(der);
      return { format: 'pkcs1', algorithm: 'rsa-pss-sha256' };
    }
    return { format: 'pkcs8', algorithm: signatureAlgorithmOf(pkcs8KeyType(der), { pemLabel: label }) };
  } catch (error) {
    if (error instanceof KalshiAuthError && error.pemLabel === undefined) {
      throw new KalshiAuthError(error.code, error.message, { pemLabel: label });
    }
    throw error;
  }
}

/** True when `text` has PEM armor; anything else is taken as a file path by `loadPrivateKey`. */
export function hasPemArmor(text: string): boolean {
  return text.includes('-----BEGIN');
}

/**
 * Finds the private key in PEM text and classifies it. Tolerates what keys pasted into env vars
 * and YAML usually suffer: CRLF, indentation, literal `\n` escapes, text around the block.
 * The first block whose label ends in `PRIVATE KEY` is used, so a bundle with a certificate works.
 * @throws KalshiAuthError `KEY_MALFORMED` (no or truncated armor, bad base64, bad DER, a public
 *   key or certificate, an OpenSSH key), `KEY_UNSUPPORTED_TYPE` (EC, DSA, Ed448, X25519, ... keys).
 */
export function parsePrivateKeyPem(text: string): PrivateKeyPem {
  const lines = text
    .replace(/\\r/g, '')
    .replace(/\\n/g, '\n')
    .split(/\r?\n/)
    .map((line) => line.trim());
  const blocks: Array<{ label: string; body: string[] }> = [];
  let open: { label: string; body: string[] } | undefined;
  for (const line of lines) {
    const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(line);
    const end = /^-----END ([A-Z0-9 ]+)-----$/.exec(line);
    if (begin) open = { label: begin[1]!, body: [] };
    else if (end && open && end[1] === open.label) {
      blocks.push(open);
      open = undefined;
    } else if (open) open.body.push(line);
  }
  // A key block cut short after a complete certificate is reported as truncated, not as a certificate.
  const block = blocks.find((b) => b.label.endsWith('PRIVATE KEY')) ?? (open === undefined ? blocks[0] : undefined);
  if (block === undefined) {
    const pemLabel = open?.label;
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      pemLabel !== undefined
        ? `The PEM block "${pemLabel}" has no END line; the key text is truncated.`
        : 'No PEM block found: expected "-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----".',
      pemLabel !== undefined ? { pemLabel } : {},
    );
  }
  const { label } = block;
  const unsupported = UNSUPPORTED_LABELS[label];
  if (unsupported !== undefined) throw unsupportedKeyType(unsupported, { pemLabel: label });
  if (label === 'OPENSSH PRIVATE KEY') {
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      'OpenSSH-format keys are not supported; use the PEM file Kalshi issued (an RSA key converts with `ssh-keygen -p -m PEM -f <file>`).',
      { pemLabel: label },
    );
  }
  if (label !== 'RSA PRIVATE KEY' && label !== 'PRIVATE KEY' && label !== 'ENCRYPTED PRIVATE KEY') {
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      `The PEM holds a "${label}", not a private key; Kalshi requests are signed with the private key you downloaded.`,
      { pemLabel: label },
    );
  }

  const headerEnd = block.body.indexOf('');
  const hasHeaders = headerEnd > 0 && block.body.slice(0, headerEnd).every((l) => /^[A-Za-z-]+:/.test(l));
  const headers = hasHeaders ? block.body.slice(0, headerEnd) : [];
  const base64 = (hasHeaders ? block.body.slice(headerEnd + 1) : block.body).join('').replace(/\s+/g, '');
  const der = base64ToBytes(base64);
  if (der === undefined || der.length === 0) {
    throw new KalshiAuthError('KEY_MALFORMED', `The "${label}" PEM body is not base64.`, { pemLabel: label });
  }

  const { format, algorithm } = classifyDer(label, headers, der);
  return { label, format, encrypted: format.endsWith('-encrypted'), algorithm, headers, base64, der };
}

/**
 * The block of a {@link parsePrivateKeyPem} result re-armored canonically (LF line ends, 64-column
 * base64, headers kept), for `node:crypto`. Separate so the WebCrypto path does not bundle it.
 */
export function armorPem({ label, headers, base64 }: PrivateKeyPem): string {
  const wrapped = base64.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...(headers.length > 0 ? [...headers, ''] : []), ...wrapped, `-----END ${label}-----`, ''].join('\n');
}
