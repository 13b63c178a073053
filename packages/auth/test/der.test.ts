import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertSingleSequence, decodeOid, encodeDerLength, pkcs8KeyType, wrapPkcs1InPkcs8 } from '../src/der.js';
import { expectAuthError, keys } from './fixtures.js';

describe('encodeDerLength', () => {
  it.each<[number, number[]]>([
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x81, 0x80]],
    [255, [0x81, 0xff]],
    [256, [0x82, 0x01, 0x00]],
    [1190, [0x82, 0x04, 0xa6]],
    [65536, [0x83, 0x01, 0x00, 0x00]],
  ])('%i', (given, want) => {
    expect(encodeDerLength(given)).toEqual(want);
  });
});

describe('wrapPkcs1InPkcs8', () => {
  it.each<[string, number]>([
    ['RSA-512', 512],
    ['RSA-1024', 1024],
    ['RSA-2048', 2048],
  ])('is byte-identical to OpenSSL’s PKCS#8 export (%s)', (_name, modulusLength) => {
    const key = modulusLength === 2048 ? keys.privateKey : generateKeyPairSync('rsa', { modulusLength }).privateKey;
    const pkcs1 = new Uint8Array(key.export({ type: 'pkcs1', format: 'der' }));
    expect(Buffer.from(wrapPkcs1InPkcs8(pkcs1)).toString('hex')).toBe(key.export({ type: 'pkcs8', format: 'der' }).toString('hex'));
  });
});

describe('pkcs8KeyType', () => {
  it.each<[string, { given: Buffer; want: string }]>([
    ['RSA', { given: keys.privateKey.export({ type: 'pkcs8', format: 'der' }), want: 'rsa' }],
    ['EC P-256', { given: keys.ecPrivateKey.export({ type: 'pkcs8', format: 'der' }), want: 'ec' }],
    ['Ed25519 (OID 1.3.101.112)', { given: keys.ed25519PrivateKey.export({ type: 'pkcs8', format: 'der' }), want: 'ed25519' }],
    ['Ed448', { given: keys.ed448PrivateKey.export({ type: 'pkcs8', format: 'der' }), want: 'ed448' }],
    ['X25519', { given: keys.x25519PrivateKey.export({ type: 'pkcs8', format: 'der' }), want: 'x25519' }],
  ])('%s', (_name, { given, want }) => {
    expect(pkcs8KeyType(new Uint8Array(given))).toBe(want);
  });
});

describe('decodeOid', () => {
  it.each<[string, { given: number[]; want: string }]>([
    ['rsaEncryption', { given: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], want: '1.2.840.113549.1.1.1' }],
    ['id-ecPublicKey', { given: [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01], want: '1.2.840.10045.2.1' }],
    ['Ed25519', { given: [0x2b, 0x65, 0x70], want: '1.3.101.112' }],
    ['first arc 2 with a large second arc', { given: [0x88, 0x37, 0x03], want: '2.999.3' }],
  ])('%s', (_name, { given, want }) => {
    expect(decodeOid(new Uint8Array(given))).toBe(want);
  });
});

describe('assertSingleSequence', () => {
  it.each<[string, number[]]>([
    ['empty', []],
    ['not a SEQUENCE', [0x02, 0x01, 0x00]],
    ['truncated contents', [0x30, 0x05, 0x02, 0x01]],
    ['indefinite length', [0x30, 0x80, 0x00, 0x00]],
    ['non-minimal long length', [0x30, 0x81, 0x03, 0x02, 0x01, 0x00]],
    ['length of more than 4 octets', [0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00]],
    ['high tag number', [0x1f, 0x81, 0x01, 0x00]],
    ['trailing bytes', [0x30, 0x03, 0x02, 0x01, 0x00, 0x00]],
  ])('rejects %s with KEY_MALFORMED', (_name, given) => {
    let error: unknown;
    try {
      assertSingleSequence(new Uint8Array(given));
    } catch (caught) {
      error = caught;
    }
    expectAuthError(error, 'KEY_MALFORMED');
  });
});
