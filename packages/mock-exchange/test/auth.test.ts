import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner, signRequest } from '@kalshi-sdk/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 2 });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const BALANCE = '/trade-api/v2/portfolio/balance';

interface Tamper {
  /** Sign with the other user's key. */
  readonly wrongKey?: boolean;
  /** Milliseconds added to the signed timestamp. */
  readonly skewMs?: number;
  readonly apiKeyId?: string;
  /** Sign this path instead of the requested one. */
  readonly signedPath?: string;
  readonly omit?: 'KALSHI-ACCESS-SIGNATURE' | 'KALSHI-ACCESS-TIMESTAMP' | 'KALSHI-ACCESS-KEY';
}

async function headersFor(method: string, path: string, tamper: Tamper): Promise<Record<string, string>> {
  const user = h.users[0]!;
  const signer = tamper.wrongKey ? createNodeSigner(h.users[1]!.privateKey) : user.signer;
  const headers: Record<string, string> = {
    ...(await signRequest({
      signer,
      apiKeyId: tamper.apiKeyId ?? user.apiKeyId,
      method,
      path: tamper.signedPath ?? path,
      timestampMs: Date.now() + (tamper.skewMs ?? 0),
    })),
  };
  if (tamper.omit !== undefined) delete headers[tamper.omit];
  return headers;
}

describe('REST request signing', () => {
  it.each<[string, { given: Tamper; want: number }]>([
    ['a good signature', { given: {}, want: 200 }],
    ['a timestamp 29 s old', { given: { skewMs: -29_000 }, want: 200 }],
    ['a timestamp 31 s old', { given: { skewMs: -31_000 }, want: 401 }],
    ['a timestamp 31 s ahead', { given: { skewMs: 31_000 }, want: 401 }],
    ['a signature by another key', { given: { wrongKey: true }, want: 401 }],
    ['a signature over another path', { given: { signedPath: '/trade-api/v2/portfolio/fills' }, want: 401 }],
    ['an unknown API key', { given: { apiKeyId: 'nobody' }, want: 401 }],
    ['no signature header', { given: { omit: 'KALSHI-ACCESS-SIGNATURE' }, want: 401 }],
    ['no timestamp header', { given: { omit: 'KALSHI-ACCESS-TIMESTAMP' }, want: 401 }],
  ])('%s', async (_name, { given, want }) => {
    const headers = await headersFor('GET', BALANCE, given);
    const response = await fetch(`${h.mock.restUrl}/portfolio/balance`, { headers });
    expect(response.status).toBe(want);
    const text = await response.text();
    if (want === 401) {
      expect(JSON.parse(text)).toMatchObject({ code: 'unauthorized' });
      const signature = headers['KALSHI-ACCESS-SIGNATURE'];
      if (signature !== undefined) expect(text).not.toContain(signature);
    }
  });

  it('accepts an Ed25519 API key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    h.mock.exchange.addUser({ apiKeyId: 'ed-1', publicKeyPem, balanceDollars: '5' });
    const user = { apiKeyId: 'ed-1', privateKey, publicKeyPem, signer: createNodeSigner(privateKey) };
    expect((await h.rest(user).get('/portfolio/balance')).body.balance_dollars).toBe('5.0000');
  });

  it('signs the path without the query string', async () => {
    const answer = await h.rest(0).get('/portfolio/orders?limit=5&status=resting');
    expect(answer.status).toBe(200);
  });

  it('serves public market data without headers', async () => {
    const response = await fetch(`${h.mock.restUrl}/markets`);
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  it('answers 401 to an unsigned portfolio request', async () => {
    const response = await fetch(`${h.mock.restUrl}/portfolio/positions`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});

describe('WebSocket handshake signing', () => {
  async function handshake(tamper: Tamper): Promise<number> {
    const headers = await headersFor('GET', h.mock.wsUrl, tamper);
    const ws = new WebSocket(h.mock.wsUrl, { headers });
    return new Promise((resolve) => {
      ws.once('open', () => {
        ws.terminate();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
    });
  }

  it.each<[string, { given: Tamper; want: number }]>([
    ['a good signature', { given: {}, want: 101 }],
    ['a signature by another key', { given: { wrongKey: true }, want: 401 }],
    ['a timestamp 31 s old', { given: { skewMs: -31_000 }, want: 401 }],
    ['a signature over the REST path', { given: { signedPath: BALANCE }, want: 401 }],
    ['no key header', { given: { omit: 'KALSHI-ACCESS-KEY' }, want: 401 }],
  ])('%s', async (_name, { given, want }) => {
    expect(await handshake(given)).toBe(want);
  });
});
