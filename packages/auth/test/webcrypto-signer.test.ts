import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeSigner, createWebCryptoSigner, RSA_PSS_SALT_LENGTH, verifySignature, type KalshiAuthErrorCode, type WebCryptoSubtle } from '../src/index.js';
import { expectAuthError, keys, nodeVerify, nodeVerifyEd25519, pemOf, thrown, webVerify, webVerifyEd25519 } from './fixtures.js';

const message = '1703123456789GET/trade-api/ws/v2';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createWebCryptoSigner', () => {
  it.each<[string, string]>([
    ['PKCS#1 PEM (converted to PKCS#8 internally)', keys.pkcs1],
    ['PKCS#8 PEM', keys.pkcs8],
    ['PKCS#1 PEM with CRLF line ends', keys.pkcs1.replace(/\n/g, '\r\n')],
  ])('signs from %s; node:crypto and WebCrypto verify it with salt 32, not salt 0', async (_name, pem) => {
    const signer = await createWebCryptoSigner(pem);
    expect(signer.algorithm).toBe('rsa-pss-sha256');
    const signature = await signer.sign(message);
    expect({
      node32: nodeVerify(keys.publicKey, message, signature, RSA_PSS_SALT_LENGTH),
      web32: await webVerify(keys.publicKey, message, signature, RSA_PSS_SALT_LENGTH),
      node0: nodeVerify(keys.publicKey, message, signature, 0),
      web0: await webVerify(keys.publicKey, message, signature, 0),
    }).toEqual({ node32: true, web32: true, node0: false, web0: false });
  });

  it('agrees with the Node signer: each verifies the other’s scheme under verifySignature', async () => {
    const web = await createWebCryptoSigner(keys.pkcs1);
    const node = createNodeSigner(keys.pkcs1);
    const signatures = [await web.sign(message), await node.sign(message)];
    expect(signatures.map((signature) => verifySignature({ publicKey: keys.publicKey, message, signature }))).toEqual([true, true]);
  });

  it('imports PKCS#8 bytes identical to OpenSSL’s, as a non-extractable sign-only RSA-PSS key, through an injected subtle', async () => {
    const calls: unknown[][] = [];
    const keysMade: Array<{ extractable: boolean; type: string }> = [];
    const subtle: WebCryptoSubtle = {
      async importKey(...args) {
        calls.push(args);
        const key = await webcrypto.subtle.importKey(...args);
        keysMade.push(key);
        return key;
      },
      sign: (algorithm, key, data) => webcrypto.subtle.sign(algorithm, key as webcrypto.CryptoKey, data),
    };
    const signature = await (await createWebCryptoSigner(keys.pkcs1, { subtle })).sign(message);
    expect(nodeVerify(keys.publicKey, message, signature, 32)).toBe(true);
    const [format, keyData, algorithm, extractable, usages] = calls[0]!;
    expect({ format, algorithm, extractable, usages, calls: calls.length }).toEqual({
      format: 'pkcs8',
      algorithm: { name: 'RSA-PSS', hash: 'SHA-256' },
      extractable: false,
      usages: ['sign'],
      calls: 1,
    });
    expect(Buffer.from(keyData as Uint8Array).equals(keys.privateKey.export({ type: 'pkcs8', format: 'der' }))).toBe(true);
    expect(keysMade.map((k) => [k.type, k.extractable])).toEqual([['private', false]]);
  });

  it('fails with SIGN_FAILED when the runtime has no WebCrypto', async () => {
    vi.stubGlobal('crypto', undefined);
    expectAuthError(await thrown(() => createWebCryptoSigner(keys.pkcs1)), 'SIGN_FAILED');
  });

  it('rejects with SIGN_FAILED when WebCrypto refuses to sign (512-bit key, too small for PSS-32)', async () => {
    const small = pemOf(generateKeyPairSync('rsa', { modulusLength: 512 }).privateKey, { type: 'pkcs1', format: 'pem' });
    const signer = await createWebCryptoSigner(small);
    expect(expectAuthError(await thrown(() => signer.sign(message)), 'SIGN_FAILED').causeCode).toBe('OperationError');
  });

  it.each<[string, { given: string; want: KalshiAuthErrorCode }]>([
    ['an EC key (SEC1)', { given: keys.ecSec1, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an EC key (PKCS#8)', { given: keys.ecPkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an Ed448 key', { given: keys.ed448Pkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an X25519 key', { given: keys.x25519Pkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['a DSA key', { given: keys.dsaPkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['encrypted PKCS#8', { given: keys.pkcs8Encrypted, want: 'KEY_ENCRYPTED' }],
    ['encrypted Ed25519 PKCS#8', { given: keys.ed25519Pkcs8Encrypted, want: 'KEY_ENCRYPTED' }],
    ['an Ed25519 public key', { given: keys.ed25519Spki, want: 'KEY_MALFORMED' }],
    ['legacy-encrypted PKCS#1', { given: keys.pkcs1Encrypted, want: 'KEY_ENCRYPTED' }],
    ['a public key', { given: keys.spki, want: 'KEY_MALFORMED' }],
    ['a PEM cut short', { given: keys.pkcs1.slice(0, 900), want: 'KEY_MALFORMED' }],
    ['a PEM whose body lost lines', { given: keys.pkcs1.slice(0, 900) + '\n-----END RSA PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['valid DER that is not an RSA key (WebCrypto refuses it)', { given: '-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['garbage', { given: 'garbage', want: 'KEY_MALFORMED' }],
    ['an empty string', { given: '', want: 'KEY_MALFORMED' }],
    ['a file path (no files in a browser)', { given: '/home/me/kalshi.key', want: 'KEY_MALFORMED' }],
  ])('rejects %s', async (_name, { given, want }) => {
    expectAuthError(await thrown(() => createWebCryptoSigner(given)), want);
  });
});

describe('createWebCryptoSigner with an Ed25519 key', () => {
  it.each<[string, string]>([
    ['PKCS#8 PEM (as Kalshi issues it)', keys.ed25519Pkcs8],
    ['PKCS#8 PEM with CRLF line ends', keys.ed25519Pkcs8.replace(/\n/g, '\r\n')],
  ])('signs Ed25519 from %s; node:crypto and WebCrypto verify it, byte-identical to the Node signer', async (_name, pem) => {
    const signer = await createWebCryptoSigner(pem);
    expect(signer.algorithm).toBe('ed25519');
    const signature = await signer.sign(message);
    expect({
      bytes: Buffer.from(signature, 'base64').length,
      node: nodeVerifyEd25519(keys.ed25519PublicKey, message, signature),
      web: await webVerifyEd25519(keys.ed25519PublicKey, message, signature),
      verifySignature: verifySignature({ publicKey: keys.ed25519Spki, message, signature }),
      sameAsNodeSigner: signature === (await createNodeSigner(keys.ed25519PrivateKey).sign(message)),
    }).toEqual({ bytes: 64, node: true, web: true, verifySignature: true, sameAsNodeSigner: true });
  });

  it('imports the PKCS#8 bytes as a non-extractable sign-only Ed25519 key (OID 1.3.101.112 read in plain code), through an injected subtle', async () => {
    const imports: unknown[][] = [];
    const signs: unknown[] = [];
    const keysMade: Array<{ extractable: boolean; type: string }> = [];
    const subtle: WebCryptoSubtle = {
      async importKey(...args) {
        imports.push(args);
        const key = await webcrypto.subtle.importKey(...args);
        keysMade.push(key);
        return key;
      },
      sign: (algorithm, key, data) => (signs.push(algorithm), webcrypto.subtle.sign(algorithm, key as webcrypto.CryptoKey, data)),
    };
    const signature = await (await createWebCryptoSigner(keys.ed25519Pkcs8, { subtle })).sign(message);
    expect(nodeVerifyEd25519(keys.ed25519PublicKey, message, signature)).toBe(true);
    const [format, keyData, algorithm, extractable, usages] = imports[0]!;
    expect({ format, algorithm, extractable, usages, imports: imports.length, signs }).toEqual({
      format: 'pkcs8',
      algorithm: { name: 'Ed25519' },
      extractable: false,
      usages: ['sign'],
      imports: 1,
      signs: [{ name: 'Ed25519' }],
    });
    expect(Buffer.from(keyData as Uint8Array).equals(keys.ed25519PrivateKey.export({ type: 'pkcs8', format: 'der' }))).toBe(true);
    expect(keysMade.map((k) => [k.type, k.extractable])).toEqual([['private', false]]);
  });

  it('fails with SIGN_FAILED (causeCode NotSupportedError) on a WebCrypto without Ed25519', async () => {
    const subtle: WebCryptoSubtle = {
      importKey: async (_format, _keyData, algorithm, ...rest) => {
        if (algorithm.name === 'Ed25519') throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
        return webcrypto.subtle.importKey(_format, _keyData, algorithm, ...rest);
      },
      sign: (algorithm, key, data) => webcrypto.subtle.sign(algorithm, key as webcrypto.CryptoKey, data),
    };
    const error = expectAuthError(await thrown(() => createWebCryptoSigner(keys.ed25519Pkcs8, { subtle })), 'SIGN_FAILED');
    expect({ causeCode: error.causeCode, pemLabel: error.pemLabel }).toEqual({ causeCode: 'NotSupportedError', pemLabel: 'PRIVATE KEY' });
    // The same runtime still signs with an RSA key.
    expect(nodeVerify(keys.publicKey, message, await (await createWebCryptoSigner(keys.pkcs1, { subtle })).sign(message), 32)).toBe(true);
  });
});
