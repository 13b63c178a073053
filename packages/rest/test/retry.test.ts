import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  isIdempotent,
  isRetryable,
  KalshiApiError,
  KalshiNetworkError,
  KalshiTimeoutError,
  type ClientOptions,
  type KalshiClient,
  type RetryEvent,
} from '../src/index.js';
import { resolveRetryPolicy } from '../src/retry.js';
import { systemClock } from '../src/clock.js';
import { flush, ManualClock, skippingClock, steppingClock, turnsUntil } from './helpers/manual-clock.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply } from './helpers/loopback-server.js';
import { factsById } from '../src/operation-facts.js';

const KEY = makeKeyPair();
const KEY_ID = '33333333-3333-4333-8333-333333333333';

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

function client(s: Loopback, extra: ClientOptions = {}): KalshiClient {
  return createClient({
    baseUrl: s.baseUrl,
    apiKeyId: KEY_ID,
    privateKey: KEY.privateKeyPem,
    rateLimit: false,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    clock: skippingClock(),
    ...extra,
  } as ClientOptions & { throwOnError?: true });
}

const order = { ticker: 'KXA-1', side: 'bid', count: '1', price: '0.5000', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' } as const;
const ok = { json: {} } satisfies Reply;
const err500 = { status: 500, json: { error: { code: 'internal_server_error', message: 'boom' } } } satisfies Reply;

describe('retry policy (decision table)', () => {
  it.each([
    ['GET 500', { given: { method: 'GET', op: 'GetMarkets', body: undefined, status: 500 }, want: true }],
    ['GET network error', { given: { method: 'GET', op: 'GetMarkets', body: undefined, status: undefined }, want: true }],
    ['GET 404', { given: { method: 'GET', op: 'GetMarket', body: undefined, status: 404 }, want: false }],
    ['GET 429', { given: { method: 'GET', op: 'GetMarkets', body: undefined, status: 429 }, want: true }],
    ['create with client_order_id, 500', { given: { method: 'POST', op: 'CreateOrderV2', body: { client_order_id: 'c1' }, status: 500 }, want: true }],
    ['create with client_order_id, network error', { given: { method: 'POST', op: 'CreateOrderV2', body: { client_order_id: 'c1' }, status: undefined }, want: true }],
    ['create without client_order_id, 500', { given: { method: 'POST', op: 'CreateOrderV2', body: {}, status: 500 }, want: false }],
    ['create with empty client_order_id, 503', { given: { method: 'POST', op: 'CreateOrderV2', body: { client_order_id: '' }, status: 503 }, want: false }],
    ['create without client_order_id, 429', { given: { method: 'POST', op: 'CreateOrderV2', body: {}, status: 429 }, want: true }],
    ['create with client_order_id, 400', { given: { method: 'POST', op: 'CreateOrderV2', body: { client_order_id: 'c1' }, status: 400 }, want: false }],
    ['batch create, every item keyed, 502', { given: { method: 'POST', op: 'BatchCreateOrdersV2', body: { orders: [{ client_order_id: 'a' }, { client_order_id: 'b' }] }, status: 502 }, want: true }],
    ['batch create, one item unkeyed, 502', { given: { method: 'POST', op: 'BatchCreateOrdersV2', body: { orders: [{ client_order_id: 'a' }, {}] }, status: 502 }, want: false }],
    ['amend (carries client_order_id, not a create), 500', { given: { method: 'POST', op: 'AmendOrderV2', body: { client_order_id: 'c1' }, status: 500 }, want: false }],
    ['cancel, 500', { given: { method: 'DELETE', op: 'CancelOrderV2', body: undefined, status: 500 }, want: false }],
    ['order group reset, network error', { given: { method: 'PUT', op: 'ResetOrderGroup', body: {}, status: undefined }, want: false }],
    ['unknown POST, 500', { given: { method: 'POST', op: undefined, body: { client_order_id: 'c1' }, status: 500 }, want: false }],
  ])('%s → %s', (_, { given, want }) => {
    const facts = given.op ? factsById(given.op) : undefined;
    expect(isRetryable({ method: given.method, facts, body: given.body, status: given.status })).toBe(want);
  });

  it('marks exactly the two order creates as idempotent-with-a-key, from the spec', () => {
    expect(isIdempotent('POST', factsById('CreateOrderV2'), { client_order_id: 'x' })).toBe(true);
    expect(isIdempotent('POST', factsById('BatchCreateOrdersV2'), { orders: [{ client_order_id: 'x' }] })).toBe(true);
    expect(isIdempotent('POST', factsById('BatchCreateOrdersV2'), { orders: [] })).toBe(false);
    expect(isIdempotent('POST', factsById('CreateOrderV2'), 'not json')).toBe(false);
  });

  it('resolves defaults and turns retries off with false', () => {
    expect(resolveRetryPolicy(undefined)).toMatchObject({ maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 8000, maxElapsedMs: 30_000 });
    expect(resolveRetryPolicy(false).maxAttempts).toBe(1);
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toMatchObject({ maxAttempts: 2, baseDelayMs: 250 });
  });
});

describe('retry against a loopback server', () => {
  it('429, 429, then success: three attempts, each with a fresh timestamp and a valid signature', async () => {
    const s = await scripted({ status: 429, json: { error: 'too many requests' } }, { status: 429, json: { error: 'too many requests' } }, { json: { balance: 42 } });
    const clock = steppingClock();
    const events: RetryEvent[] = [];
    const kalshi = client(s, { clock, retry: { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, onRetry: (e) => events.push(e) } });
    const { data } = await kalshi.GET('/portfolio/balance');
    expect(data.balance).toBe(42);
    expect(s.requests).toHaveLength(3);
    expect(s.requests.every((r) => r.signatureValid)).toBe(true);
    const stamps = s.requests.map((r) => r.headers['kalshi-access-timestamp']);
    expect(new Set(stamps).size).toBe(3);
    expect(new Set(s.requests.map((r) => r.headers['kalshi-access-signature'])).size).toBe(3);
    // Full jitter: random 0.5 of 100·2^(n-1).
    expect(events.map((e) => [e.attempt, e.status, e.delayMs, e.operationId])).toEqual([
      [1, 429, 50, 'GetBalance'],
      [2, 429, 100, 'GetBalance'],
    ]);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('retries a 429 on a POST without client_order_id (Kalshi refused it unprocessed)', async () => {
    const s = await scripted({ status: 429, json: { error: 'too many requests' } }, { status: 201, json: { order_id: 'o1' } });
    const { data } = await client(s).POST('/portfolio/events/orders', { body: order });
    expect(data.order_id).toBe('o1');
    expect(s.requests).toHaveLength(2);
  });

  it('does not retry a 500 on a POST without client_order_id', async () => {
    const s = await scripted(err500, ok);
    const error = await client(s).POST('/portfolio/events/orders', { body: order }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiApiError);
    expect((error as KalshiApiError).code).toBe('REST_SERVER');
    expect(s.requests).toHaveLength(1);
  });

  it('retries a 500 on an order create that carries client_order_id, resending the same body', async () => {
    const s = await scripted(err500, { status: 201, json: { order_id: 'o1' } });
    await client(s).POST('/portfolio/events/orders', { body: { ...order, client_order_id: 'c-1' } });
    expect(s.requests).toHaveLength(2);
    expect(s.requests[1]?.body).toBe(s.requests[0]?.body);
    expect(s.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it.each([
    ['amend', (k: KalshiClient) => k.POST('/portfolio/events/orders/{order_id}/amend', { params: { path: { order_id: 'o1' } }, body: { ticker: order.ticker, side: order.side, price: order.price, count: '2', client_order_id: 'c-1' } })],
    ['cancel', (k: KalshiClient) => k.DELETE('/portfolio/events/orders/{order_id}', { params: { path: { order_id: 'o1' } } })],
    ['batch cancel', (k: KalshiClient) => k.DELETE('/portfolio/events/orders/batched', { body: { orders: [{ order_id: 'o1' }] } })],
    ['order group create', (k: KalshiClient) => k.POST('/portfolio/order_groups/create', { body: { contracts_limit_fp: '5', exchange_index: 0 } })],
  ])('never retries a 503 on another write: %s', async (_, call) => {
    const s = await scripted({ status: 503, json: {} }, ok);
    await expect(call(client(s))).rejects.toMatchObject({ code: 'REST_SERVER', status: 503 });
    expect(s.requests).toHaveLength(1);
  });

  it('bounds attempts: maxAttempts 3 against a server that always fails', async () => {
    const s = await scripted(err500);
    const error = await client(s, { retry: { maxAttempts: 3, baseDelayMs: 1 } }).GET('/markets').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REST_SERVER', status: 500, kalshiCode: 'internal_server_error' });
    expect(s.requests).toHaveLength(3);
  });

  it('bounds total time: no retry starts past maxElapsedMs', async () => {
    const s = await scripted({ status: 429, json: {} });
    // Each clock read moves 1 s; with a 2.5 s budget only one retry fits.
    const kalshi = client(s, { clock: steppingClock(0, 1000), retry: { maxAttempts: 10, maxElapsedMs: 2500, baseDelayMs: 1 } });
    await expect(kalshi.GET('/markets')).rejects.toMatchObject({ code: 'REST_RATE_LIMITED', kind: 'rate_limited' });
    expect(s.requests.length).toBe(2);
  });

  it('retries a dropped connection on GET, then reports KalshiNetworkError with the attempt count', async () => {
    const s = await scripted({ destroy: true });
    const events: RetryEvent[] = [];
    const error = await client(s, { retry: { maxAttempts: 2, baseDelayMs: 1, onRetry: (e) => events.push(e) } })
      .GET('/markets')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiNetworkError);
    expect(error).toMatchObject({ code: 'REST_NETWORK', attempts: 2, operationId: 'GetMarkets', method: 'GET', path: '/trade-api/v2/markets' });
    expect(s.requests).toHaveLength(2);
    expect(events[0]?.error).toBeInstanceOf(KalshiNetworkError);
  });

  it('recovers from a dropped connection on GET', async () => {
    const s = await scripted({ destroy: true }, { json: { markets: [], cursor: '' } });
    const { data } = await client(s).GET('/markets');
    expect(data.markets).toEqual([]);
    expect(s.requests).toHaveLength(2);
  });

  it('does not retry a dropped connection on a POST without client_order_id', async () => {
    const s = await scripted({ destroy: true }, ok);
    await expect(client(s).POST('/portfolio/events/orders', { body: order })).rejects.toMatchObject({ code: 'REST_NETWORK', attempts: 1 });
    expect(s.requests).toHaveLength(1);
  });

  it('times out an attempt with no response headers: KalshiTimeoutError', async () => {
    const s = await scripted({ hang: true });
    const clock = new ManualClock();
    let settled = false;
    const call = client(s, { clock, timeoutMs: 50, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 } })
      .GET('/exchange/status')
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    // Attempt 1: its timeout sleeps on the client's clock, not on a real timer.
    await turnsUntil(() => s.requests.length === 1 && clock.pending === 1);
    await clock.advance(49);
    expect(settled).toBe(false);
    await clock.advance(1);
    // Attempt 2, after a 0 ms backoff.
    await turnsUntil(() => s.requests.length === 2 && clock.pending === 1);
    expect(settled).toBe(false);
    await clock.advance(50);
    const error = await call;
    expect(error).toBeInstanceOf(KalshiTimeoutError);
    expect(error).toMatchObject({ code: 'REST_TIMEOUT', timeoutMs: 50, attempts: 2, operationId: 'GetExchangeStatus' });
    expect(clock.sleeps).toEqual([50, 0, 50]);
    expect(clock.pending).toBe(0);
  });

  it('with the default systemClock the attempt timeout is one setTimeout: fires at timeoutMs, cleared when the attempt ends', async () => {
    const s = await scripted(ok, { hang: true });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const kalshi = client(s, { clock: systemClock, timeoutMs: 50, retry: false });
      // Answered: the attempt's timer is cleared with it.
      await kalshi.GET('/exchange/status');
      expect(vi.getTimerCount()).toBe(0);
      let settled = false;
      const call = kalshi
        .GET('/exchange/status')
        .catch((e: unknown) => e)
        .finally(() => (settled = true));
      await turnsUntil(() => s.requests.length === 2);
      vi.advanceTimersByTime(49);
      await flush();
      expect(settled).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await call).toMatchObject({ code: 'REST_TIMEOUT', timeoutMs: 50, attempts: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('an attempt answered in time ends its timeout sleep: no sleeper outlives it', async () => {
    const s = await scripted(err500, ok);
    const clock = new ManualClock();
    const call = client(s, { clock, timeoutMs: 50, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 } }).GET('/exchange/status');
    // Attempt 1 answers 500: its timeout sleep ends, only the 0 ms backoff waits.
    await turnsUntil(() => clock.sleeps.length === 2);
    expect(clock.pending).toBe(1);
    await clock.advance(0);
    const { response } = await call;
    expect(response.status).toBe(200);
    expect(clock.sleeps).toEqual([50, 0, 50]);
    expect(clock.pending).toBe(0);
  });

  it('makes one attempt when retry is false', async () => {
    const s = await scripted({ status: 429, json: {} }, ok);
    await expect(client(s, { retry: false }).GET('/markets')).rejects.toMatchObject({ code: 'REST_RATE_LIMITED' });
    expect(s.requests).toHaveLength(1);
  });
});
