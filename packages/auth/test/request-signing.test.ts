import { sign as nodeSign, constants } from 'node:crypto';
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
 * A loopback server that authenticates like Kalshi: rebuilds the message from the request line
 * it received (method + path without query) and the timestamp header, then verifies.
 */
describe('against a loopback server that verifies like Kalshi', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const signature = req.headers['kalshi-access-signature'];
      const timestamp = req.headers['kalshi-access-timestamp'];
      const ok =
        req.headers['kalshi-access-key'] === 'key-id' &&
        typeof signature === 'string' &&
        typeof timestamp === 'string' &&
        verifySignature({
          publicKey: keys.spki,
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
  const threadPoolSigner: Signer = {
    sign: (message) =>
      new Promise((resolve, reject) => {
        nodeSign('sha256', Buffer.from(message), { key: keys.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, (error, signature) =>
          error ? reject(error) : resolve(signature.toString('base64')),
        );
      }),
  };

  it.each<[string, () => Promise<Signer>]>([
    ['the Node signer', async () => createNodeSigner(keys.pkcs1)],
    ['the WebCrypto signer', () => createWebCryptoSigner(keys.pkcs1)],
    ['a user-supplied signer', async () => threadPoolSigner],
  ])('accepts requests signed by %s (full URL with query in, path without query signed)', async (_name, make) => {
    const signer = await make();
    const statuses: number[] = [];
    for (const [method, url] of [
      ['GET', `${base}/trade-api/v2/portfolio/orders?limit=5&status=resting`],
      ['POST', `${base}/trade-api/v2/portfolio/orders`],
      ['DELETE', `${base}/trade-api/v2/portfolio/orders/ord-1`],
    ] as const) {
      const headers = await signRequest({ signer, apiKeyId: 'key-id', method, path: url, timestampMs: Date.now() });
      statuses.push((await fetch(url, { method, headers: { ...headers } })).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('is refused when the signed path differs from the requested one', async () => {
    const headers = await signRequest({ signer: createNodeSigner(keys.privateKey), apiKeyId: 'key-id', method: 'GET', path: '/trade-api/v2/portfolio/balance', timestampMs: Date.now() });
    expect((await fetch(`${base}/trade-api/v2/portfolio/positions`, { headers: { ...headers } })).status).toBe(401);
  });
});
