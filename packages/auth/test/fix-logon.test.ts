import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeSigner, createWebCryptoSigner, fixLogonMessage, signFixLogon, verifySignature, type FixLogonFields, type Signer } from '../src/index.js';
import { keys } from './fixtures.js';

const logon: FixLogonFields = {
  sendingTime: '20240101-12:00:00.000',
  msgType: 'A',
  msgSeqNum: 1,
  senderCompId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
  targetCompId: 'KalshiNR',
};

describe('fixLogonMessage', () => {
  it.each<[string, { given: FixLogonFields; want: string }]>([
    ['first logon', { given: logon, want: '20240101-12:00:00.000\x01A\x011\x01a952bcbe-ec3b-4b5b-b8f9-11dae589608c\x01KalshiNR' }],
    [
      'reconnect to KalshiRT at a later sequence number',
      { given: { ...logon, msgSeqNum: 4821, targetCompId: 'KalshiRT', sendingTime: '20241231-23:59:59.999' }, want: '20241231-23:59:59.999\x01A\x014821\x01a952bcbe-ec3b-4b5b-b8f9-11dae589608c\x01KalshiRT' },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(fixLogonMessage(given)).toBe(want);
  });

  it.each<[string, Partial<FixLogonFields>]>([
    ['MsgSeqNum 0', { msgSeqNum: 0 }],
    ['a fractional MsgSeqNum', { msgSeqNum: 1.5 }],
    ['an empty SenderCompID', { senderCompId: '' }],
    ['SOH inside TargetCompID', { targetCompId: 'Kalshi\x01NR' }],
  ])('rejects %s with RangeError', (_name, change) => {
    expect(() => fixLogonMessage({ ...logon, ...change })).toThrow(RangeError);
  });
});

describe('signFixLogon', () => {
  it.each<[string, { make: () => Promise<Signer>; publicKey: KeyObject }]>([
    ['the Node signer, RSA', { make: async () => createNodeSigner(keys.privateKey), publicKey: keys.publicKey }],
    ['the WebCrypto signer, RSA', { make: () => createWebCryptoSigner(keys.pkcs1), publicKey: keys.publicKey }],
    ['the Node signer, Ed25519', { make: async () => createNodeSigner(keys.ed25519PrivateKey), publicKey: keys.ed25519PublicKey }],
    ['the WebCrypto signer, Ed25519', { make: () => createWebCryptoSigner(keys.ed25519Pkcs8), publicKey: keys.ed25519PublicKey }],
  ])('returns a RawData (96) value that verifies over the SOH-joined fields (%s)', async (_name, { make, publicKey }) => {
    const rawData = await signFixLogon({ signer: await make(), ...logon });
    expect(verifySignature({ publicKey, message: fixLogonMessage(logon), signature: rawData })).toBe(true);
    expect(verifySignature({ publicKey, message: fixLogonMessage({ ...logon, msgSeqNum: 2 }), signature: rawData })).toBe(false);
  });
});
