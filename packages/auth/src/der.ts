/**
 * The few DER operations key handling needs, in plain TypeScript (no `node:` imports), so the
 * WebCrypto signer works in browsers, Deno, Bun and Workers. Not a general ASN.1 parser.
 */
import { KalshiAuthError } from './errors.js';

const TAG_INTEGER = 0x02;
const TAG_OCTET_STRING = 0x04;
const TAG_NULL = 0x05;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;

/** rsaEncryption, 1.2.840.113549.1.1.1: the algorithm of Kalshi RSA API keys. */
export const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';
const RSA_ENCRYPTION_OID_DER = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/**
 * Names (as in Node's `asymmetricKeyType`) for the private-key algorithm OIDs of Kalshi's two key
 * types, rsaEncryption and Ed25519 (1.3.101.112, RFC 8410), and of those people hand us by mistake.
 */
const KEY_TYPE_BY_OID: Readonly<Record<string, string>> = {
  [RSA_ENCRYPTION_OID]: 'rsa',
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10045.2.1': 'ec',
  '1.2.840.10040.4.1': 'dsa',
  '1.3.101.110': 'x25519',
  '1.3.101.111': 'x448',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
};

/** One tag-length-value element: `start` is its first byte, `contentStart..end` its contents. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

function malformed(what: string): KalshiAuthError {
  return new KalshiAuthError('KEY_MALFORMED', `The key is not valid DER: ${what}.`);
}

/**
 * Reads the element at `offset`, within `limit` (default: the end of `der`).
 * @throws KalshiAuthError `KEY_MALFORMED` on high-tag-number forms, indefinite or non-minimal
 *   lengths, or an element running past `limit` (a truncated key).
 */
export function readDerElement(der: Uint8Array, offset: number, limit = der.length): DerElement {
  if (offset + 2 > limit) throw malformed('truncated element header');
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) throw malformed('unsupported high tag number');
  const first = der[offset + 1]!;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw malformed('indefinite length');
    if (count > 4) throw malformed('length too large');
    if (offset + 2 + count > limit) throw malformed('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[offset + 2 + i]!;
    if (length < 0x80 || der[offset + 2] === 0) throw malformed('non-minimal length');
    contentStart = offset + 2 + count;
  }
  const end = contentStart + length;
  if (end > limit) throw malformed('element runs past the end (truncated key?)');
  return { tag, start: offset, contentStart, end };
}

function expectElement(der: Uint8Array, offset: number, limit: number, tag: number, what: string): DerElement {
  const element = readDerElement(der, offset, limit);
  if (element.tag !== tag) throw malformed(`expected ${what}`);
  return element;
}

/**
 * Checks that `der` is exactly one SEQUENCE whose length covers every byte: catches truncated
 * and padded keys before a crypto backend gives a vaguer error.
 * @throws KalshiAuthError `KEY_MALFORMED`
 */
export function assertSingleSequence(der: Uint8Array): void {
  const outer = expectElement(der, 0, der.length, TAG_SEQUENCE, 'a SEQUENCE');
  if (outer.end !== der.length) throw malformed('trailing bytes after the key');
}

/** Dotted form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(contents: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of contents) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/**
 * The key algorithm of a PKCS#8 `PrivateKeyInfo` (RFC 5208): `'rsa'`, `'ec'`, `'ed25519'`, ...
 * or the dotted OID when it is not a common one.
 * @throws KalshiAuthError `KEY_MALFORMED` when the structure is not PrivateKeyInfo.
 */
export function pkcs8KeyType(der: Uint8Array): string {
  assertSingleSequence(der);
  const outer = readDerElement(der, 0);
  const version = expectElement(der, outer.contentStart, outer.end, TAG_INTEGER, 'the PKCS#8 version');
  const algorithm = expectElement(der, version.end, outer.end, TAG_SEQUENCE, 'the PKCS#8 AlgorithmIdentifier');
  const oid = expectElement(der, algorithm.contentStart, algorithm.end, TAG_OID, 'the algorithm OID');
  expectElement(der, algorithm.end, outer.end, TAG_OCTET_STRING, 'the PKCS#8 privateKey');
  const dotted = decodeOid(der.subarray(oid.contentStart, oid.end));
  return KEY_TYPE_BY_OID[dotted] ?? dotted;
}

/** DER length octets for `length` (short form below 128, long form above). */
export function encodeDerLength(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

/**
 * Wraps a PKCS#1 `RSAPrivateKey` (what `BEGIN RSA PRIVATE KEY` holds, and what Kalshi hands
 * out) in a PKCS#8 `PrivateKeyInfo` with the rsaEncryption algorithm, the only private-key
 * format WebCrypto imports. Byte-identical to OpenSSL's own PKCS#8 export of the same key.
 * @throws KalshiAuthError `KEY_MALFORMED` when `pkcs1` is not one complete SEQUENCE.
 */
export function wrapPkcs1InPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  assertSingleSequence(pkcs1);
  const algorithm = [TAG_SEQUENCE, 2 + RSA_ENCRYPTION_OID_DER.length + 2, TAG_OID, RSA_ENCRYPTION_OID_DER.length, ...RSA_ENCRYPTION_OID_DER, TAG_NULL, 0x00];
  const version = [TAG_INTEGER, 0x01, 0x00];
  const keyHeader = [TAG_OCTET_STRING, ...encodeDerLength(pkcs1.length)];
  const contentLength = version.length + algorithm.length + keyHeader.length + pkcs1.length;
  const head = [TAG_SEQUENCE, ...encodeDerLength(contentLength), ...version, ...algorithm, ...keyHeader];
  const out = new Uint8Array(head.length + pkcs1.length);
  out.set(head, 0);
  out.set(pkcs1, head.length);
  return out;
}
