/**
 * PEM parsing and classification of private keys, shared by the Node loader and the WebCrypto
 * signer. No `node:` imports: this runs in browsers too.
 */
import { base64ToBytes } from './base64.js';
import { assertSingleSequence, pkcs8KeyType } from './der.js';
import { KalshiAuthError } from './errors.js';

/** How the key inside a PEM block is encoded. */
export type PrivateKeyFormat =
  /** `BEGIN RSA PRIVATE KEY`: PKCS#1 RSAPrivateKey, as Kalshi issues it. */
  | 'pkcs1'
  /** `BEGIN RSA PRIVATE KEY` with `Proc-Type: 4,ENCRYPTED`: OpenSSL's legacy encryption of PKCS#1. */
  | 'pkcs1-encrypted'
  /** `BEGIN PRIVATE KEY`: PKCS#8 PrivateKeyInfo holding an RSA key. */
  | 'pkcs8'
  /** `BEGIN ENCRYPTED PRIVATE KEY`: PKCS#8 EncryptedPrivateKeyInfo. */
  | 'pkcs8-encrypted';

/** A private-key PEM block that passed every check possible without decrypting it. */
export interface PrivateKeyPem {
  readonly label: string;
  readonly format: PrivateKeyFormat;
  readonly encrypted: boolean;
  /** The block re-armored canonically (LF line ends, 64-column base64, headers kept). */
  readonly pem: string;
  /** The decoded body: DER, or ciphertext for `pkcs1-encrypted`. */
  readonly der: Uint8Array<ArrayBuffer>;
}

const NOT_RSA_LABELS: Readonly<Record<string, string>> = {
  'EC PRIVATE KEY': 'ec',
  'DSA PRIVATE KEY': 'dsa',
};

/** Checks the DER structure (and for PKCS#8 the algorithm) before any crypto backend sees it. */
function classifyDer(label: string, headers: readonly string[], der: Uint8Array): PrivateKeyFormat {
  try {
    if (label === 'ENCRYPTED PRIVATE KEY') {
      assertSingleSequence(der);
      return 'pkcs8-encrypted';
    }
    if (label === 'RSA PRIVATE KEY') {
      // Legacy encryption: the body is ciphertext, not DER; it is checked when decrypted.
      if (headers.some((h) => /^Proc-Type:\s*4,ENCRYPTED$/i.test(h))) return 'pkcs1-encrypted';
      assertSingleSequence(der);
      return 'pkcs1';
    }
    const keyType = pkcs8KeyType(der);
    if (keyType !== 'rsa') {
      throw new KalshiAuthError('KEY_NOT_RSA', `Only RSA keys are supported; this PKCS#8 key is ${keyType}.`, { pemLabel: label, keyType });
    }
    return 'pkcs8';
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
 *   key or certificate, an OpenSSH key), `KEY_NOT_RSA` (EC, DSA, Ed25519, ... keys).
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
  const notRsa = NOT_RSA_LABELS[label];
  if (notRsa !== undefined) {
    throw new KalshiAuthError('KEY_NOT_RSA', `Only RSA keys are supported; this PEM block is "${label}".`, { pemLabel: label, keyType: notRsa });
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      'OpenSSH-format keys are not supported; convert with `ssh-keygen -p -m PEM -f <file>` to PKCS#1.',
      { pemLabel: label },
    );
  }
  if (label !== 'RSA PRIVATE KEY' && label !== 'PRIVATE KEY' && label !== 'ENCRYPTED PRIVATE KEY') {
    throw new KalshiAuthError(
      'KEY_MALFORMED',
      `The PEM holds a "${label}", not a private key; Kalshi signs with the RSA private key you downloaded.`,
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

  const format = classifyDer(label, headers, der);
  const wrapped = base64.match(/.{1,64}/g) ?? [];
  const pem = [`-----BEGIN ${label}-----`, ...(hasHeaders ? [...headers, ''] : []), ...wrapped, `-----END ${label}-----`, ''].join('\n');
  return { label, format, encrypted: format.endsWith('-encrypted'), pem, der };
}
