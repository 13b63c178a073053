import { afterEach, describe, expect, it } from 'vitest';
import { createClient, DEFAULT_TOKEN_COST, RateLimiter, TIER_BUDGETS, TokenBucket, type RateLimitTier } from '../src/index.js';
import { flush, ManualClock } from './helpers/manual-clock.js';
import { startLoopback, type Loopback } from './helpers/loopback-server.js';

/** Tracks whether a take has completed. */
function track(p: Promise<void> | undefined): { done: boolean; failed: unknown } {
  const state = { done: p === undefined, failed: undefined as unknown };
  p?.then(
    () => (state.done = true),
    (e: unknown) => (state.failed = e),
  );
  return state;
}

describe('TokenBucket', () => {
  it('starts full, takes at once while tokens last, then waits exactly the refill time', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ ratePerSecond: 100, capacity: 100, clock });
    for (let i = 0; i < 10; i++) expect(bucket.take(10)).toBeUndefined();
    expect(bucket.available()).toBe(0);
    const eleventh = track(bucket.take(10));
    await flush();
    expect(eleventh.done).toBe(false);
    expect(clock.sleeps).toEqual([100]); // 10 tokens at 100/s
    await clock.advance(99);
    expect(eleventh.done).toBe(false);
    await clock.advance(1);
    expect(eleventh.done).toBe(true);
    expect(bucket.available()).toBe(0);
  });

  it('refills continuously up to capacity, never beyond', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ ratePerSecond: 200, capacity: 200, clock });
    bucket.take(150);
    await clock.advance(250); // +50
    expect(bucket.available()).toBe(100);
    await clock.advance(10_000);
    expect(bucket.available()).toBe(200);
  });

  it('serves waiters in arrival order, even when a later one is cheaper', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, capacity: 10, clock });
    bucket.take(10);
    const order: string[] = [];
    const big = bucket.take(10)!.then(() => order.push('big'));
    const small = bucket.take(2)!.then(() => order.push('small'));
    expect(bucket.waiting).toBe(2);
    await clock.advance(200); // 2 tokens: enough for small, but big is first
    expect(order).toEqual([]);
    await clock.advance(800);
    await clock.advance(200);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
    expect(bucket.waiting).toBe(0);
  });

  it('refuses a cost above its capacity at once: no wait would ever admit it', () => {
    const bucket = new TokenBucket({ ratePerSecond: 100, capacity: 100, clock: new ManualClock() });
    expect(() => bucket.take(101)).toThrow(RangeError);
    expect(bucket.available()).toBe(100);
  });

  it('holds refill back while tokens are in flight: level plus in-flight never exceeds the capacity', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ ratePerSecond: 100, capacity: 100, clock });
    expect(bucket.take(100, undefined, true)).toBeUndefined();
    await clock.advance(1000); // a server that has not seen the request yet is full: no refill to credit
    expect(bucket.available()).toBe(0);
    bucket.settle(60);
    await clock.advance(300);
    expect(bucket.available()).toBe(30);
    await clock.advance(1000);
    expect(bucket.available()).toBe(60); // 40 still in flight
    bucket.settle(40);
    await clock.advance(400);
    expect(bucket.available()).toBe(100);
  });

  it('a 429 empties the bucket and halves refill until recoveryMs restores it; a 429 of the same overdraw changes nothing', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ ratePerSecond: 100, capacity: 100, clock, recoveryMs: 1000 });
    const sentAt = clock.now();
    expect(bucket.penalize(sentAt)).toBe(true);
    expect(bucket.available()).toBe(0);
    expect(bucket.penalize(sentAt - 1)).toBe(false); // sent before the drain: same overdraw
    await clock.advance(100);
    expect(bucket.available()).toBe(5); // half of 100/s
    await clock.advance(2000);
    await clock.advance(100);
    expect(bucket.available()).toBe(100);
    expect(bucket.take(10)).toBeUndefined();
  });

  it('rejects an aborted waiter with the signal reason, takes nothing for it, and keeps the queue moving', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, capacity: 10, clock });
    bucket.take(10);
    const ctl = new AbortController();
    const first = track(bucket.take(10, ctl.signal));
    const second = track(bucket.take(5));
    await flush();
    ctl.abort(new Error('stop'));
    await flush();
    expect((first.failed as Error).message).toBe('stop');
    await clock.advance(500);
    expect(second.done).toBe(true);
    expect(bucket.available()).toBe(0);
  });
});

describe('RateLimiter', () => {
  it.each<[RateLimitTier, { read: number; write: number; writeCapacity: number }]>([
    ['basic', { read: 200, write: 100, writeCapacity: 100 }],
    ['advanced', { read: 300, write: 300, writeCapacity: 600 }],
    ['premier', { read: 1000, write: 1000, writeCapacity: 2000 }],
    ['paragon', { read: 2000, write: 2000, writeCapacity: 4000 }],
    ['prime', { read: 4000, write: 4000, writeCapacity: 8000 }],
  ])('%s: read %s/s (1 s), write %s/s holding %s', (tier, { read, write, writeCapacity }) => {
    const limiter = new RateLimiter({ tier, clock: new ManualClock() });
    expect([limiter.read.ratePerSecond, limiter.read.capacity]).toEqual([read, read]);
    expect([limiter.write.ratePerSecond, limiter.write.capacity]).toEqual([write, writeCapacity]);
    expect(TIER_BUDGETS[tier]).toEqual({ read, write });
  });

  it('takes budgets from GET /account/limits when given', () => {
    const limiter = new RateLimiter({ limits: { read: { refill_rate: 50, bucket_capacity: 75 }, write: { refill_rate: 20, bucket_capacity: 40 } }, clock: new ManualClock() });
    expect([limiter.read.ratePerSecond, limiter.read.capacity, limiter.write.ratePerSecond, limiter.write.capacity]).toEqual([50, 75, 20, 40]);
  });

  it.each([
    ['a market read costs the default', { op: 'GetMarkets', body: undefined, want: { bucket: 'read', tokens: 10 } }],
    ['a single-order read costs 2 (documented)', { op: 'GetOrder', body: undefined, want: { bucket: 'read', tokens: 2 } }],
    ['an order create is a write at the default cost', { op: 'CreateOrderV2', body: {}, want: { bucket: 'write', tokens: 10 } }],
    ['a cancel costs 2', { op: 'CancelOrderV2', body: undefined, want: { bucket: 'write', tokens: 2 } }],
    ['cancel-all costs 2', { op: 'CancelAllOrders', body: undefined, want: { bucket: 'write', tokens: 2 } }],
    ['a quote create costs 2', { op: 'CreateQuote', body: {}, want: { bucket: 'write', tokens: 2 } }],
    ['a quote delete costs 2', { op: 'DeleteQuote', body: undefined, want: { bucket: 'write', tokens: 2 } }],
    ['an order group update is a write', { op: 'UpdateOrderGroupLimit', body: {}, want: { bucket: 'write', tokens: 10 } }],
    ['a subaccount transfer is a read-bucket request', { op: 'ApplySubaccountTransfer', body: {}, want: { bucket: 'read', tokens: 10 } }],
    ['the usage-level upgrade costs 30', { op: 'UpgradeAccountApiUsageLevel', body: undefined, want: { bucket: 'read', tokens: 30 } }],
    ['a batch create of 3 costs 3 × 10', { op: 'BatchCreateOrdersV2', body: { orders: [{}, {}, {}] }, want: { bucket: 'write', tokens: 30 } }],
    ['a batch cancel of 5 costs 5 × 2', { op: 'BatchCancelOrdersV2', body: { orders: [{}, {}, {}, {}, {}] }, want: { bucket: 'write', tokens: 10 } }],
    ['a batch with an unreadable body costs one item', { op: 'BatchCancelOrdersV2', body: undefined, want: { bucket: 'write', tokens: 2 } }],
    ['an unknown operation reads at the default', { op: undefined, body: undefined, want: { bucket: 'read', tokens: 10 } }],
  ])('%s', (_, { op, body, want }) => {
    expect(new RateLimiter({ clock: new ManualClock() }).costOf(op, body)).toEqual(want);
  });

  it('treats GET /account/endpoint_costs as authoritative: listed costs (per item for batches), default_cost for the rest', () => {
    const limiter = new RateLimiter({
      clock: new ManualClock(),
      endpointCosts: {
        default_cost: 12,
        endpoint_costs: [
          { method: 'DELETE', path: '/trade-api/v2/portfolio/events/orders/{order_id}', cost: 3 },
          { method: 'delete', path: '/portfolio/events/orders/batched', cost: 4 },
          { method: 'GET', path: '/trade-api/v2/multivariate_event_collections/:collection_ticker', cost: 5 },
          { method: 'GET', path: '/trade-api/v2/not/in/the/spec', cost: 1 },
        ],
      },
    });
    expect(limiter.costOf('CancelOrderV2')).toEqual({ bucket: 'write', tokens: 3 });
    expect(limiter.costOf('BatchCancelOrdersV2', { orders: [{}, {}] })).toEqual({ bucket: 'write', tokens: 8 });
    expect(limiter.costOf('GetMultivariateEventCollection')).toEqual({ bucket: 'read', tokens: 5 });
    expect(limiter.costOf('GetOrder')).toEqual({ bucket: 'read', tokens: 12 }); // not listed: default, not the spec's 2
    expect(limiter.costOf(undefined)).toEqual({ bucket: 'read', tokens: 12 });
  });

  it('counts matched endpoint_costs entries and lets explicit costs win', () => {
    const limiter = new RateLimiter({ clock: new ManualClock(), costs: { GetMarkets: 1, CancelOrderV2: 7 } });
    expect(
      limiter.setEndpointCosts({ default_cost: DEFAULT_TOKEN_COST, endpoint_costs: [{ method: 'DELETE', path: '/portfolio/events/orders/{order_id}', cost: 2 }, { method: 'GET', path: '/nope', cost: 1 }] }),
    ).toBe(1);
    expect(limiter.costOf('GetMarkets').tokens).toBe(1);
    expect(limiter.costOf('CancelOrderV2').tokens).toBe(7);
  });

  it('paces basic-tier writes: 10 creates at once, the 11th after 100 ms; reads are unaffected', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tier: 'basic', clock });
    for (let i = 0; i < 10; i++) expect(limiter.acquire('CreateOrderV2', {})).toBeUndefined();
    const eleventh = track(limiter.acquire('CreateOrderV2', {}));
    expect(limiter.acquire('GetMarkets')).toBeUndefined();
    await clock.advance(99);
    expect(eleventh.done).toBe(false);
    await clock.advance(1);
    expect(eleventh.done).toBe(true);
  });

  it('names the largest batch each tier admits, per item cost', () => {
    expect(new RateLimiter({ tier: 'basic', clock: new ManualClock() }).maxBatchItems('BatchCreateOrdersV2')).toBe(10);
    expect(new RateLimiter({ tier: 'basic', clock: new ManualClock() }).maxBatchItems('BatchCancelOrdersV2')).toBe(50);
    expect(new RateLimiter({ tier: 'advanced', clock: new ManualClock() }).maxBatchItems('BatchCreateOrdersV2')).toBe(60);
    expect(new RateLimiter({ tier: 'basic', clock: new ManualClock() }).maxBatchItems('CreateOrderV2')).toBeUndefined();
  });

  it('an advanced-tier write bucket bursts two seconds of budget', () => {
    const limiter = new RateLimiter({ tier: 'advanced', clock: new ManualClock() });
    for (let i = 0; i < 60; i++) expect(limiter.acquire('CreateOrderV2', {})).toBeUndefined();
    expect(limiter.acquire('CreateOrderV2', {})).toBeInstanceOf(Promise);
  });
});

describe('rate limiting through the client', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('charges each request to its bucket, batches per item, and holds requests until tokens refill', async () => {
    server = await startLoopback({ handler: () => ({ json: { markets: [], cursor: '', orders: [] } }) });
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tier: 'basic', clock });
    // The batch cancel needs credentials (else the client refuses it before sending); the server does not check the signature.
    const kalshi = createClient({ baseUrl: server.baseUrl, rateLimit: limiter, retry: false, clock, credentials: { apiKeyId: 'test-key', signer: { sign: async () => 'c2ln' } } });
    await kalshi.GET('/markets');
    await kalshi.DELETE('/portfolio/events/orders/batched', { body: { orders: [{ order_id: 'a' }, { order_id: 'b' }, { order_id: 'c' }] } });
    expect(limiter.read.available()).toBe(190);
    expect(limiter.write.available()).toBe(94);

    for (let i = 0; i < 19; i++) await kalshi.GET('/markets');
    expect(limiter.read.available()).toBe(0);
    const held = kalshi.GET('/markets');
    await clock.advance(49);
    expect(server.requests).toHaveLength(21);
    await clock.advance(1);
    await held;
    expect(server.requests).toHaveLength(22);
  });
});
