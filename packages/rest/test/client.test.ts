import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KalshiAuthError } from '@kalshi-sdk/auth';
import { createWebCryptoSigner } from '@kalshi-sdk/auth/web';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, ENVIRONMENTS, KalshiApiError, type ClientOptions, type KalshiClient } from '../src/index.js';
import { startLoopback, makeKeyPair, type Loopback, type LoopbackOptions } from './helpers/loopback-server.js';

const KEY_A = makeKeyPair();
const KEY_B = makeKeyPair();
const KEY_ID_A = '11111111-1111-4111-8111-111111111111';
const KEY_ID_B = '22222222-2222-4222-8222-222222222222';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: LoopbackOptions['handler'], extra: Partial<LoopbackOptions> = {}): Promise<Loopback> {
  server = await startLoopback({ keys: { [KEY_ID_A]: KEY_A.publicKey, [KEY_ID_B]: KEY_B.publicKey }, handler, ...extra });
  return server;
}

const noLimits = { rateLimit: false, retry: false } satisfies ClientOptions;

describe('createClient: public endpoints', () => {
  it('reads public market data with no credentials and sends no KALSHI-ACCESS headers', async () => {
    const s = await serve(() => ({ json: { markets: [{ ticker: 'KXA-1' }], cursor: '' } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits });
    const { data } = await kalshi.GET('/markets', { params: { query: { status: 'open', limit: 2 } } });
    expect(data.markets.map((m) => m.ticker)).toEqual(['KXA-1']);
    const [req] = s.requests;
    expect(req?.method).toBe('GET');
    expect(req?.pathname).toBe('/trade-api/v2/markets');
    expect(Object.fromEntries(req!.query)).toEqual({ status: 'open', limit: '2' });
    expect(Object.keys(req!.headers).filter((h) => h.startsWith('kalshi-'))).toEqual([]);
  });

  it.each([
    ['default is demo', { given: {} as ClientOptions, want: `${ENVIRONMENTS.demo}/exchange/status` }],
    ['production', { given: { environment: 'production' } as ClientOptions, want: 'https://external-api.kalshi.com/trade-api/v2/exchange/status' }],
    ['baseUrl wins over environment', { given: { environment: 'production', baseUrl: 'http://10.0.0.1:9/x/' } as ClientOptions, want: 'http://10.0.0.1:9/x/exchange/status' }],
  ])('base URL: %s', async (_, { given, want }) => {
    const urls: string[] = [];
    const kalshi = createClient({
      ...given,
      ...noLimits,
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ exchange_active: true, trading_active: true });
      },
    });
    await kalshi.GET('/exchange/status');
    expect(urls).toEqual([want]);
  });

  it('sends the headers option on every request', async () => {
    const s = await serve(() => ({ json: { exchange_active: true, trading_active: true } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, headers: { 'User-Agent': 'kalshi-sdk-test/1' } });
    await kalshi.GET('/exchange/status');
    expect(s.requests[0]?.headers['user-agent']).toBe('kalshi-sdk-test/1');
  });
});

describe('createClient: signing', () => {
  const signed = { apiKeyId: KEY_ID_A, privateKey: KEY_A.privateKeyPem };

  it.each([
    [
      'GET with a query string signs the path only',
      { call: (k: KalshiClient) => k.GET('/portfolio/orders', { params: { query: { limit: 5, status: 'resting' } } }), want: '/trade-api/v2/portfolio/orders' },
    ],
    [
      'percent-encoded path parameter',
      { call: (k: KalshiClient) => k.GET('/portfolio/orders/{order_id}', { params: { path: { order_id: 'a b/c' } } }), want: '/trade-api/v2/portfolio/orders/a%20b%2Fc' },
    ],
    [
      'DELETE with query',
      {
        call: (k: KalshiClient) =>
          k.DELETE('/portfolio/events/orders/{order_id}', { params: { path: { order_id: 'o1' }, query: { market_ticker: 'KXA-1' } } }),
        want: '/trade-api/v2/portfolio/events/orders/o1',
      },
    ],
    [
      'POST with a body',
      {
        call: (k: KalshiClient) => k.POST('/portfolio/order_groups/create', { body: { contracts_limit_fp: '10.00', exchange_index: 0 } }),
        want: '/trade-api/v2/portfolio/order_groups/create',
      },
    ],
  ])('%s', async (_, { call, want }) => {
    const s = await serve(() => ({ json: {} }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, ...signed });
    await call(kalshi);
    const [req] = s.requests;
    expect(req?.signedPath).toBe(want);
    expect(req?.signatureValid).toBe(true);
    expect(req?.headers['kalshi-access-key']).toBe(KEY_ID_A);
    expect(req?.headers['kalshi-access-timestamp']).toMatch(/^\d{13}$/);
  });

  it.each([
    ['origin only (no /trade-api/v2 in the base URL)', { suffix: '', pathname: '/portfolio/balance' }],
    ['a proxy prefix', { suffix: '/proxy/kalshi', pathname: '/proxy/kalshi/portfolio/balance' }],
    ['the real root', { suffix: '/trade-api/v2', pathname: '/trade-api/v2/portfolio/balance' }],
  ])('signs /trade-api/v2/... whatever the base path: %s', async (_, { suffix, pathname }) => {
    const s = await serve(() => ({ json: { balance: 0 } }), {
      // What Kalshi would see behind the proxy: the request under its own root.
      signedPathOf: (p) => '/trade-api/v2' + p.slice(p.indexOf('/portfolio')),
    });
    const kalshi = createClient({ baseUrl: s.origin + suffix, ...noLimits, apiKeyId: KEY_ID_A, privateKey: KEY_A.privateKeyPem });
    await kalshi.GET('/portfolio/balance');
    expect(s.requests[0]?.pathname).toBe(pathname);
    expect(s.requests[0]?.signatureValid).toBe(true);
  });

  it('loads privateKey from a PEM file path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kalshi-rest-')), 'key.pem');
    writeFileSync(file, KEY_A.privateKeyPem);
    const s = await serve(() => ({ json: { balance: 0 } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, apiKeyId: KEY_ID_A, privateKey: file });
    await kalshi.GET('/portfolio/balance');
    expect(s.requests[0]?.signatureValid).toBe(true);
  });

  it('signs with a WebCrypto signer', async () => {
    const s = await serve(() => ({ json: { balance: 0 } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, apiKeyId: KEY_ID_A, signer: await createWebCryptoSigner(KEY_A.privateKeyPem) });
    await kalshi.GET('/portfolio/balance');
    expect(s.requests[0]?.signatureValid).toBe(true);
  });

  it('keeps each client on its own key when two accounts run side by side', async () => {
    const s = await serve(() => ({ json: { balance: 0 } }));
    const a = createClient({ baseUrl: s.baseUrl, ...noLimits, apiKeyId: KEY_ID_A, privateKey: KEY_A.privateKeyPem });
    const b = createClient({ baseUrl: s.baseUrl, ...noLimits, apiKeyId: KEY_ID_B, privateKey: KEY_B.privateKeyPem });
    await Promise.all([a.GET('/portfolio/balance'), b.GET('/portfolio/balance'), a.GET('/portfolio/balance'), b.GET('/portfolio/balance')]);
    expect(s.requests.map((r) => r.signatureValid)).toEqual([true, true, true, true]);
    expect(s.requests.map((r) => r.headers['kalshi-access-key']).sort()).toEqual([KEY_ID_A, KEY_ID_A, KEY_ID_B, KEY_ID_B]);
  });

  it('signs requests that client.use() middleware replaced, and still knows their operation', async () => {
    const s = await serve(() => ({ status: 404, json: { error: { code: 'not_found', message: 'no such order' } } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, apiKeyId: KEY_ID_A, privateKey: KEY_A.privateKeyPem });
    kalshi.use({ onRequest: ({ request }) => new Request(request, { headers: { 'x-trace': 't1' } }) });
    const error = await kalshi.GET('/portfolio/orders/{order_id}', { params: { path: { order_id: 'o1' } } }).catch((e: unknown) => e);
    expect(s.requests[0]?.headers['x-trace']).toBe('t1');
    expect(s.requests[0]?.signatureValid).toBe(true);
    expect(error).toBeInstanceOf(KalshiApiError);
    expect((error as KalshiApiError).operationId).toBe('GetOrder');
  });
});

describe('createClient: options', () => {
  it.each([
    ['apiKeyId without a key', { given: { apiKeyId: KEY_ID_A } as ClientOptions, option: 'privateKey' }],
    ['a key without apiKeyId', { given: { privateKey: KEY_A.privateKeyPem } as ClientOptions, option: 'apiKeyId' }],
    ['both privateKey and signer', { given: { apiKeyId: KEY_ID_A, privateKey: KEY_A.privateKeyPem, signer: { sign: async () => '' } } as ClientOptions, option: 'signer' }],
    ['a relative baseUrl', { given: { baseUrl: '/trade-api/v2' } as ClientOptions, option: 'baseUrl' }],
    ['an unknown environment', { given: { environment: 'staging' } as unknown as ClientOptions, option: 'environment' }],
    ['a zero timeout', { given: { timeoutMs: 0 } as ClientOptions, option: 'timeoutMs' }],
    ['an unknown tier', { given: { rateLimit: { tier: 'gold' } } as unknown as ClientOptions, option: 'rateLimit.tier' }],
  ])('refuses %s with REST_CONFIG_INVALID', (_, { given, option }) => {
    expect(() => createClient(given)).toThrow(expect.objectContaining({ code: 'REST_CONFIG_INVALID', option }));
  });

  it('reports an unusable private key with the auth error, without the key text', () => {
    const bad = '-----BEGIN RSA PRIVATE KEY-----\nAAAAsecretish\n-----END RSA PRIVATE KEY-----\n';
    let caught: unknown;
    try {
      createClient({ apiKeyId: KEY_ID_A, privateKey: bad });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KalshiAuthError);
    expect((caught as KalshiAuthError).code).toBe('KEY_MALFORMED');
    expect(String((caught as Error).message)).not.toContain('AAAAsecretish');
  });

  it('returns { data, error } and throws nothing for HTTP errors when throwOnError is false', async () => {
    const s = await serve(() => ({ status: 404, json: { error: { code: 'not_found', message: 'market not found' } } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, throwOnError: false });
    const result = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker: 'NOPE' } } });
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(404);
    expect(result.error).toEqual({ error: { code: 'not_found', message: 'market not found' } });
  });

  it.each([
    ['a per-call signal', { perCall: true }],
    ['the client signal', { perCall: false }],
  ])('aborts a hanging call through %s with the signal reason', async (_, { perCall }) => {
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const s = await serve(() => {
      arrived();
      return { hang: true };
    });
    const ctl = new AbortController();
    const kalshi = createClient({ baseUrl: s.baseUrl, ...noLimits, ...(perCall ? {} : { signal: ctl.signal }) });
    const call = kalshi.GET('/exchange/status', perCall ? { signal: ctl.signal } : {});
    await received; // the call is on the server: in flight
    ctl.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
  });
});
