import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, KalshiApiError, KalshiNetworkError, RateLimiter, type ClientOptions } from '../src/index.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply } from './helpers/loopback-server.js';
import { skippingClock } from './helpers/manual-clock.js';

const KEY = makeKeyPair();
const KEY_ID = '55555555-5555-4555-8555-555555555555';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering the i-th request with replies[i] (the last one repeats). */
async function scripted(...replies: Reply[]): Promise<Loopback> {
  server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: (_, i) => replies[Math.min(i, replies.length - 1)]! });
  return server;
}

const signed = (s: Loopback, extra: ClientOptions = {}) =>
  createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 2 }, clock: skippingClock(), ...extra } as ClientOptions & {
    throwOnError?: true;
  });

/** Middleware that logs each hook it runs as `name:hook`. */
function logging(name: string, log: string[]): Middleware {
  return {
    onRequest() {
      log.push(`${name}:request`);
    },
    onResponse() {
      log.push(`${name}:response`);
    },
    onError() {
      log.push(`${name}:error`);
    },
  };
}

describe('request pipeline: the call is one sequence', () => {
  it('runs onRequest in order and onResponse in reverse, once per call however many attempts', async () => {
    const s = await scripted({ status: 503, json: {} }, { status: 503, json: {} }, { json: { balance: 7 } });
    const kalshi = signed(s);
    const log: string[] = [];
    kalshi.use(logging('a', log), logging('b', log));
    const { data } = await kalshi.GET('/portfolio/balance', { middleware: [logging('call', log)] });
    expect(data.balance).toBe(7);
    expect(s.requests.map((r) => r.signatureValid)).toEqual([true, true, true]);
    expect(new Set(s.requests.map((r) => r.headers['kalshi-access-signature'])).size).toBe(3);
    expect(log).toEqual(['a:request', 'b:request', 'call:request', 'call:response', 'b:response', 'a:response']);
  });

  it('hands middleware the error that ends the retries, and a Response it returns becomes the result', async () => {
    const s = await scripted({ destroy: true });
    const kalshi = signed(s, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const seen: unknown[] = [];
    kalshi.use({
      onError({ error }) {
        seen.push(error);
        return Response.json({ balance: 1 });
      },
    });
    const { data } = await kalshi.GET('/portfolio/balance');
    expect(data.balance).toBe(1);
    expect(s.requests).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(KalshiNetworkError);
    expect(seen[0]).toMatchObject({ code: 'REST_NETWORK', attempts: 2, operationId: 'GetBalance' });
  });

  it('sends nothing and takes no tokens when onRequest answers itself; its 404 still maps to KalshiApiError', async () => {
    const s = await scripted({ json: {} });
    const limiter = new RateLimiter({ limits: { read: { refill_rate: 1, bucket_capacity: 1 }, write: { refill_rate: 1, bucket_capacity: 1 } } });
    const kalshi = signed(s, { rateLimit: limiter });
    kalshi.use({ onRequest: () => Response.json({ error: { code: 'not_found', message: 'cached miss' } }, { status: 404 }) });
    const error = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker: 'KXA-1' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 404, operationId: 'GetMarket', kalshiMessage: 'cached miss' });
    expect(s.requests).toHaveLength(0);
    expect(await limiter.read.available()).toBe(1);
  });

  it('keeps the client state off the Request middleware sees: only what the caller passed', async () => {
    const s = await scripted({ json: { balance: 0 } });
    const kalshi = signed(s);
    let keys: string[] = [];
    kalshi.use({
      onRequest({ request }) {
        keys = Object.keys(request);
      },
    });
    await kalshi.GET('/portfolio/balance', { traceTag: 't-1' });
    // Regression: the call's context used to ride on the Request as `kalshiCallContext`, written back by the transport.
    expect(keys).toEqual(['traceTag']);
  });

  it('signs, paces and retries a per-call fetch like the client fetch: one Request per attempt', async () => {
    const s = await scripted({ status: 500, json: {} }, { json: { balance: 3 } });
    const kalshi = signed(s);
    const seen: { isRequest: boolean; signature: string | null }[] = [];
    const callFetch = (request: Request) => {
      seen.push({ isRequest: request instanceof Request, signature: request.headers.get('KALSHI-ACCESS-SIGNATURE') });
      return fetch(request);
    };
    const { data } = await kalshi.GET('/portfolio/balance', { fetch: callFetch });
    expect(data.balance).toBe(3);
    expect(seen.map((r) => r.isRequest)).toEqual([true, true]);
    expect(seen.every((r) => typeof r.signature === 'string' && r.signature.length > 0)).toBe(true);
    expect(s.requests.map((r) => r.signatureValid)).toEqual([true, true]);
  });
});

describe('request pipeline: what each attempt hands fetch', () => {
  /** Records the init of every call to globalThis.fetch, then sends it on. */
  function recordInits(): RequestInit[] {
    const inits: RequestInit[] = [];
    const send = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      inits.push(init!);
      return send(input, init);
    });
    return inits;
  }
  afterEach(() => vi.restoreAllMocks());

  // Regression (issue 14, signed bench): undici's Request constructor read the spread-built init of
  // signed and timed attempts ({ ...base, headers } / { ...init, signal }) about 3-4 µs slower than a literal.
  it.each([
    ['unsigned', false, {}],
    ['signed', true, {}],
    ['signed, timeoutMs', true, { timeoutMs: 30_000, clock: skippingClock(undefined, { waitsOutMs: 30_000 }) }],
  ] as const)('%s: every attempt gets one init literal of the same shape: method, headers, body, signal', async (_, sign, extra) => {
    const s = await scripted({ status: 503, json: {} }, { json: { balance: 5 } });
    const kalshi = sign ? signed(s, extra) : createClient({ baseUrl: s.baseUrl, rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 2 }, clock: skippingClock(), ...extra });
    const inits = recordInits();
    const { data } = await kalshi.GET(sign ? '/portfolio/balance' : '/markets', sign ? {} : { params: { query: { limit: 1 } } });
    expect(data).toMatchObject(sign ? { balance: 5 } : {});
    expect(inits).toHaveLength(2);
    for (const init of inits) {
      expect(Object.keys(init)).toEqual(['method', 'headers', 'body', 'signal']);
      expect(init.method).toBe('GET');
      expect(init.body).toBeUndefined();
      expect(init.signal === undefined).toBe(!('timeoutMs' in extra));
      expect(init.headers === undefined).toBe(!sign);
    }
    if (sign) expect(s.requests.map((r) => r.signatureValid)).toEqual([true, true]);
  });

  it("passes the call's other RequestInit keys on every attempt, after the method", async () => {
    const s = await scripted({ status: 503, json: {} }, { json: { balance: 6 } });
    const kalshi = signed(s);
    const inits = recordInits();
    const { data } = await kalshi.GET('/portfolio/balance', { credentials: 'omit', keepalive: true });
    expect(data.balance).toBe(6);
    expect(inits.map((i) => [i.method, i.credentials, i.keepalive])).toEqual([
      ['GET', 'omit', true],
      ['GET', 'omit', true],
    ]);
  });
});
