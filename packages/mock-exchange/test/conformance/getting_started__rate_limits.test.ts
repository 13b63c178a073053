import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServerRateLimiter } from '../../src/rest/rate-limit.js';
import type { Route } from '../../src/rest/route.js';
import { MOCK_TIERS, type RateLimitTier } from '../../src/rest/tiers.js';
import { ManualClock, startHarness, type Harness } from '../support/harness.js';

const ORDER = { ticker: 'KXMOCK-26DEC31-A', side: 'bid', price: '0.10', count: '1', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' };

describe('/getting_started/rate_limits (mock exchange)', () => {
  const clock = new ManualClock();
  let m: Harness;
  beforeAll(async () => {
    m = await startHarness({ userCount: 2, clock });
  });
  afterEach(() => {
    m.mock.exchange.faults.rest.setRateLimit(undefined);
    m.assertConformance();
  });
  afterAll(() => m.close());

  it('/getting_started/rate_limits: a rate-limited request gets 429 with {"error": "too many requests"} and no Retry-After or X-RateLimit-* headers', async () => {
    // Quote: "A rate-limited request returns `429 Too Many Requests` with the body:"
    // Quote: "{"error": "too many requests"}"
    // Quote: "429 responses don't currently include `Retry-After` or `X-RateLimit-*` headers."
    m.mock.exchange.faults.rest.setRateLimit('basic');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await fetch(`${m.mock.restUrl}/markets?limit=1`);
      statuses.push(last.status);
      if (i < 20) await last.body?.cancel();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(last!.status).toBe(429);
    expect(await last!.json()).toEqual({ error: 'too many requests' });
    expect([...last!.headers.keys()].filter((h) => h === 'retry-after' || h.startsWith('x-ratelimit'))).toEqual([]);
  });

  it('/getting_started/rate_limits: a batch costing more than the write bucket holds is answered 429, even on a full bucket', async () => {
    // Quote: "every item in the batch is billed separately"
    // Quote: "Over-drawing returns `429 Too Many Requests`."
    // Quote: "Basic tier is the exception — its Write bucket holds one second of budget"
    m.mock.exchange.faults.rest.setRateLimit('basic');
    const eleven = await m.rest(0).post('/portfolio/events/orders/batched', { orders: Array.from({ length: 11 }, () => ORDER) });
    expect(eleven).toEqual({ status: 429, body: { error: 'too many requests' } });
    const ten = await m.rest(0).post('/portfolio/events/orders/batched', { orders: Array.from({ length: 10 }, () => ORDER) });
    expect(ten.status).toBe(201);
  });

  it('/getting_started/rate_limits: a signed request to a public endpoint spends its API key\'s read budget', async () => {
    // Quote: "Every authenticated request costs **tokens**."
    m.mock.exchange.faults.rest.setRateLimit('basic');
    for (let i = 0; i < 20; i++) expect((await m.rest(0).get('/markets?limit=1')).status).toBe(200);
    expect((await m.rest(0).get('/portfolio/balance')).status).toBe(429); // same key, same read bucket
    expect((await fetch(`${m.mock.restUrl}/markets?limit=1`)).status).toBe(200); // unsigned: not this key's budget
    expect((await m.rest(1).get('/markets?limit=1')).status).toBe(200); // another key: its own budget
  });

  it('/getting_started/rate_limits: no cooldown: the request is admitted as soon as the bucket holds its cost again', async () => {
    // Quote: "There's no enforced cooldown — your next request is allowed as soon as the bucket has enough tokens to cover it."
    m.mock.exchange.faults.rest.setRateLimit('basic');
    for (let i = 0; i < 20; i++) await m.rest(0).get('/portfolio/balance');
    expect((await m.rest(0).get('/portfolio/balance')).status).toBe(429);
    clock.advance(49); // 9.8 tokens at 200/s
    expect((await m.rest(0).get('/portfolio/balance')).status).toBe(429);
    clock.advance(1);
    expect((await m.rest(0).get('/portfolio/balance')).status).toBe(200);
  });

  it('/getting_started/rate_limits: each tier\'s budgets; the read bucket holds one second, the write bucket two (Basic one)', () => {
    // Quote: "Basic200100"
    // Quote: "Advanced300300"
    // Quote: "Premier1,0001,000"
    // Quote: "Paragon2,0002,000"
    // Quote: "Prime4,0004,000"
    // Quote: "Your Write bucket holds **two seconds** of your per-second budget"
    // Quote: "Basic tier is the exception — its Write bucket holds one second of budget, with no accumulated headroom."
    const want: Record<RateLimitTier, readonly [number, number, number]> = { basic: [200, 100, 1], advanced: [300, 300, 2], premier: [1000, 1000, 2], paragon: [2000, 2000, 2], prime: [4000, 4000, 2] };
    expect(Object.keys(MOCK_TIERS)).toEqual(Object.keys(want));
    for (const [tier, [read, write, writeSeconds]] of Object.entries(want) as Array<[RateLimitTier, readonly [number, number, number]]>) {
      const t = new ManualClock(0);
      const limiter = new ServerRateLimiter(tier, t);
      const route = (w: boolean, cost: number) => ({ write: w, cost }) as Route;
      expect(limiter.admit('k', route(false, read), undefined)).toBe(true);
      expect(limiter.admit('k', route(false, 1), undefined)).toBe(false);
      expect(limiter.admit('k', route(true, write * writeSeconds), undefined)).toBe(true);
      expect(limiter.admit('k', route(true, 1), undefined)).toBe(false);
      t.advance(1000); // one second of refill: the read bucket full again, the write bucket one second's budget
      expect(limiter.admit('k', route(false, read), undefined)).toBe(true);
      expect(limiter.admit('k', route(true, write), undefined)).toBe(true);
      expect(limiter.admit('k', route(true, 1), undefined)).toBe(false);
    }
  });
});
