import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [{ ticker: 'KXACCT-26DEC31-A' }] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const ticker = 'KXACCT-26DEC31-A';
const batch = (n: number) => ({
  orders: Array.from({ length: n }, () => ({ ticker, side: 'bid', price: '0.01', count: '1', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' })),
});

describe('API limits follow the simulated tier', () => {
  it('reports Basic with no rate limiting set, and the running tier\'s buckets once set', async () => {
    expect((await h.rest(0).get('/account/limits')).body).toEqual({
      usage_tier: 'basic',
      read: { refill_rate: 200, bucket_capacity: 200 },
      write: { refill_rate: 100, bucket_capacity: 100 },
      grants: [],
    });
    h.mock.exchange.faults.rest.setRateLimit('paragon');
    try {
      expect((await h.rest(0).get('/account/limits')).body).toMatchObject({
        usage_tier: 'paragon',
        read: { refill_rate: 2000, bucket_capacity: 2000 },
        write: { refill_rate: 2000, bucket_capacity: 4000 },
      });
    } finally {
      h.mock.exchange.faults.rest.setRateLimit(undefined);
    }
  });

  it('an upgrade needs an order, then shows as an Advanced grant and the rate limiter applies Advanced budgets at once', async () => {
    h.mock.exchange.faults.rest.setRateLimit('basic');
    try {
      expect(await h.rest(1).post('/account/api_usage_level/upgrade', undefined)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      await h.rest(1).order({ ticker, side: 'bid', price: '0.01', count: '1' });
      // 11 orders cost 110 tokens: more than Basic's 100-token write bucket ever holds.
      expect((await h.rest(1).post('/portfolio/events/orders/batched', batch(11))).status).toBe(429);
      expect((await h.rest(1).post('/account/api_usage_level/upgrade', undefined)).status).toBe(201);
      expect((await h.rest(1).get('/account/limits')).body).toEqual({
        usage_tier: 'advanced',
        read: { refill_rate: 300, bucket_capacity: 300 },
        write: { refill_rate: 300, bucket_capacity: 600 },
        grants: [{ exchange_instance: 'event_contract', level: 'advanced', source: 'manual' }],
      });
      expect((await h.rest(1).post('/portfolio/events/orders/batched', batch(11))).status).toBe(201);
      // Another user keeps Basic.
      expect((await h.rest(2).post('/portfolio/events/orders/batched', batch(11))).status).toBe(429);
      expect((await h.rest(2).get('/account/limits')).body.usage_tier).toBe('basic');
    } finally {
      h.mock.exchange.faults.rest.setRateLimit(undefined);
    }
  });

  it('a grant never lowers a higher running tier', async () => {
    h.mock.exchange.faults.rest.setRateLimit('prime');
    try {
      expect((await h.rest(1).get('/account/limits')).body.usage_tier).toBe('prime');
    } finally {
      h.mock.exchange.faults.rest.setRateLimit(undefined);
    }
  });
});

describe('volume progress', () => {
  it('sums the caller\'s filled contracts', async () => {
    await h.rest(2).order({ ticker, side: 'bid', price: '0.02', count: '3.5' });
    await h.rest(0).order({ ticker, side: 'ask', price: '0.02', count: '3.5', time_in_force: 'immediate_or_cancel' });
    const progress = (await h.rest(0).get('/account/api_usage_level/volume_progress')).body.volume_progress;
    expect(progress).toMatchObject([{ trailing_30d_volume_fp: '3.50', goals: [] }]);
  });
});
