import { sign as nodeSign, constants, type SignKeyObjectInput } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNodeSigner,
  createWebCryptoSigner,
  requestSigningMessage,
  signRequest,
  verifySignature,
  type RequestSigningInput,
  type Signer,
} from '../src/index.js';
import { expectAuthError, keys, thrown } from './fixtures.js';

const ts = 1703123456789;

describe('requestSigningMessage', () => {
  it.each<[string, { given: RequestSigningInput; want: string }]>([
    ['GET path', { given: { method: 'GET', path: '/trade-api/v2/portfolio/balance', timestampMs: ts }, want: `${ts}GET/trade-api/v2/portfolio/balance` }],
    ['lower-case method is upper-cased', { given: { method: 'post', path: '/trade-api/v2/portfolio/orders', timestampMs: ts }, want: `${ts}POST/trade-api/v2/portfolio/orders` }],
    ['query string stripped', { given: { method: 'GET', path: '/trade-api/v2/portfolio/orders?limit=5&cursor=abc', timestampMs: ts }, want: `${ts}GET/trade-api/v2/portfolio/orders` }],
    ['fragment stripped', { given: { method: 'GET', path: '/trade-api/v2/markets#top', timestampMs: ts }, want: `${ts}GET/trade-api/v2/markets` }],
    ['path parameter kept', { given: { method: 'DELETE', path: '/trade-api/v2/portfolio/orders/ord-123', timestampMs: ts }, want: `${ts}DELETE/trade-api/v2/portfolio/orders/ord-123` }],
    ['full production URL with query', { given: { method: 'GET', path: 'https://api.elections.kalshi.com/trade-api/v2/markets?status=open&limit=100', timestampMs: ts }, want: `${ts}GET/trade-api/v2/markets` }],
    ['full demo URL', { given: { method: 'GET', path: 'https://demo-api.kalshi.co/trade-api/v2/portfolio/positions', timestampMs: ts }, want: `${ts}GET/trade-api/v2/portfolio/positions` }],
    ['loopback URL with a port', { given: { method: 'GET', path: 'http://127.0.0.1:40123/trade-api/v2/exchange/status?x=1', timestampMs: ts }, want: `${ts}GET/trade-api/v2/exchange/status` }],
    ['WebSocket handshake URL', { given: { method: 'GET', path: 'wss://api.elections.kalshi.com/trade-api/ws/v2', timestampMs: ts }, want: `${ts}GET/trade-api/ws/v2` }],
    ['WebSocket handshake path', { given: { method: 'GET', path: '/trade-api/ws/v2', timestampMs: ts }, want: `${ts}GET/trade-api/ws/v2` }],
    ['timestamp zero', { given: { method: 'GET', path: '/trade-api/v2/markets', timestampMs: 0 }, want: '0GET/trade-api/v2/markets' }],
  ])('%s', (_name, { given, want }) => {
    expect(requestSigningMessage(given)).toBe(want);
  });

  it.each<[string, string]>([
    ['a path relative to the v2 base', '/portfolio/balance'],
    ['a path without the leading slash', 'trade-api/v2/portfolio/balance'],
    ['a URL outside /trade-api/', 'https://api.elections.kalshi.com/v2/markets'],
    ['a look-alike prefix', '/trade-apix/v2/markets'],
    ['the bare prefix', '/trade-api'],
    ['an empty path', ''],
    ['a URL that does not parse', 'http://[::1/trade-api/v2/markets'],
  ])('rejects %s with PATH_INVALID', (_name, path) => {
    let error: unknown;
    try {
      requestSigningMessage({ method: 'GET', path, timestampMs: ts });
    } catch (caught) {
      error = caught;
    }
    expect(expectAuthError(error, 'PATH_INVALID').path).toBe(path);
  });

  it.each<[string, number]>([
    ['fractional', 1703123456789.5],
    ['negative', -1],
    ['NaN', Number.NaN],
  ])('rejects a %s timestamp with RangeError', (_name, timestampMs) => {
    expect(() => requestSigningMessage({ method: 'GET', path: '/trade-api/v2/markets', timestampMs })).toThrow(RangeError);
  });
});

describe('signRequest', () => {
  it('returns the three KALSHI-ACCESS-* headers over the stripped path', async () => {
    const headers = await signRequest({
      signer: createNodeSigner(keys.privateKey),
      apiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
      method: 'get',
      path: 'https://api.elections.kalshi.com/trade-api/v2/portfolio/orders?limit=5',
      timestampMs: ts,
    });
    expect({ ...headers, 'KALSHI-ACCESS-SIGNATURE': '<checked below>' }).toEqual({
      'KALSHI-ACCESS-KEY': 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
      'KALSHI-ACCESS-SIGNATURE': '<checked below>',
      'KALSHI-ACCESS-TIMESTAMP': '1703123456789',
    });
    const message = `${ts}GET/trade-api/v2/portfolio/orders`;
    expect(verifySignature({ publicKey: keys.publicKey, message, signature: headers['KALSHI-ACCESS-SIGNATURE'] })).toBe(true);
  });

  it('rejects a bad path before calling the signer', async () => {
    const calls: string[] = [];
    const signer: Signer = { sign: async (message) => (calls.push(message), 'unused') };
    const error = await thrown(() => signRequest({ signer, apiKeyId: 'k', method: 'GET', path: '/v2/markets', timestampMs: ts }));
    expectAuthError(error, 'PATH_INVALID');
    expect(calls).toEqual([]);
  });
});

/**
 * A loopback server that authenticates like Kalshi: looks up the public key of the key id (RSA
 * or Ed25519), rebuilds the message from the request line it received (method + path without
 * query) and the timestamp header, then verifies with that key's scheme.
 */
describe('against a loopback server that verifies like Kalshi', () => {
  const publicKeys = new Map([
    ['rsa-key-id', keys.spki],
    ['ed25519-key-id', keys.ed25519Spki],
  ]);
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const publicKey = publicKeys.get(String(req.headers['kalshi-access-key']));
      const signature = req.headers['kalshi-access-signature'];
      const timestamp = req.headers['kalshi-access-timestamp'];
      const ok =
        publicKey !== undefined &&
        typeof signature === 'string' &&
        typeof timestamp === 'string' &&
        verifySignature({
          publicKey,
          message: requestSigningMessage({ method: req.method ?? '', path: req.url ?? '', timestampMs: Number(timestamp) }),
          signature,
        });
      res.writeHead(ok ? 200 : 401).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** A user-supplied signer (standing in for an HSM/KMS): node:crypto's async sign, off the main thread. */
  const threadPoolSigner = (algorithm: 'sha256' | null, options: SignKeyObjectInput): Signer => ({
    sign: (message) =>
      new Promise((resolve, reject) => {
        nodeSign(algorithm, Buffer.from(message), options, (error, signature) => (error ? reject(error) : resolve(signature.toString('base64'))));
      }),
  });

  it.each<[string, { apiKeyId: string; make: () => Promise<Signer> }]>([
    ['the Node signer (RSA)', { apiKeyId: 'rsa-key-id', make: async () => createNodeSigner(keys.pkcs1) }],
    ['the WebCrypto signer (RSA)', { apiKeyId: 'rsa-key-id', make: () => createWebCryptoSigner(keys.pkcs1) }],
    ['a user-supplied signer (RSA)', { apiKeyId: 'rsa-key-id', make: async () => threadPoolSigner('sha256', { key: keys.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }) }],
    ['the Node signer (Ed25519)', { apiKeyId: 'ed25519-key-id', make: async () => createNodeSigner(keys.ed25519Pkcs8) }],
    ['the WebCrypto signer (Ed25519)', { apiKeyId: 'ed25519-key-id', make: () => createWebCryptoSigner(keys.ed25519Pkcs8) }],
    ['a user-supplied signer (Ed25519)', { apiKeyId: 'ed25519-key-id', make: async () => threadPoolSigner(null, { key: keys.ed25519PrivateKey }) }],
  ])('accepts requests signed by %s (full URL with query in, path without query signed)', async (_name, { apiKeyId, make }) => {
    const signer = await make();
    const statuses: number[] = [];
    for (const [method, url] of [
      ['GET', `${base}/trade-api/v2/portfolio/orders?limit=5&status=resting`],
      ['POST', `${base}/trade-api/v2/portfolio/orders`],
      ['DELETE', `${base}/trade-api/v2/portfolio/orders/ord-1`],
    ] as const) {
      const headers = await signRequest({ signer, apiKeyId, method, path: url, timestampMs: Date.now() });
      statuses.push((await fetch(url, { method, headers: { ...headers } })).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
  });

  it.each<[string, { apiKeyId: string; signer: Signer; signedPath: string }]>([
    ['the signed path differs from the requested one', { apiKeyId: 'rsa-key-id', signer: createNodeSigner(keys.privateKey), signedPath: '/trade-api/v2/portfolio/balance' }],
    ['the signed path differs from the requested one (Ed25519)', { apiKeyId: 'ed25519-key-id', signer: createNodeSigner(keys.ed25519PrivateKey), signedPath: '/trade-api/v2/portfolio/balance' }],
    ['an RSA signature is sent under an Ed25519 key id', { apiKeyId: 'ed25519-key-id', signer: createNodeSigner(keys.privateKey), signedPath: '/trade-api/v2/portfolio/positions' }],
    ['an Ed25519 signature is sent under an RSA key id', { apiKeyId: 'rsa-key-id', signer: createNodeSigner(keys.ed25519PrivateKey), signedPath: '/trade-api/v2/portfolio/positions' }],
  ])('is refused when %s', async (_name, { apiKeyId, signer, signedPath }) => {
    const headers = await signRequest({ signer, apiKeyId, method: 'GET', path: signedPath, timestampMs: Date.now() });
    expect((await fetch(`${base}/trade-api/v2/portfolio/positions`, { headers: { ...headers } })).status).toBe(401);
  });
});
