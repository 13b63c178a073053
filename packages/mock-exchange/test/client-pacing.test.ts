/**
 * `@kalshi-sdk/rest`'s rate limiter against this simulator's own buckets (issue #16): a client
 * pacing by its tier must never be answered 429 by a server holding it to the same tier. These
 * run on real time because what they check (requests admitted at arrival, not at send) only exists
 * on a real loopback connection; each takes a few seconds of the tier's budget.
 */
import { createClient, type RetryEvent } from '@kalshi-sdk/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

const ORDER = { ticker: 'KXMOCK-26DEC31-A', side: 'bid', price: '0.10', count: '1', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' } as const;

describe('rest client pacing against the mock exchange (real time)', () => {
  let m: Harness | undefined;
  afterEach(async () => {
    await m?.close();
    m = undefined;
  });

  it('Basic: 120 concurrent GET /markets then 60 concurrent V2 creates draw no 429', async () => {
    m = await startHarness({ userCount: 1, rateLimitTier: 'basic' });
    const user = m.users[0]!;
    const retries: RetryEvent[] = [];
    const kalshi = createClient({ baseUrl: m.mock.restUrl, apiKeyId: user.apiKeyId, signer: user.signer, rateLimit: { tier: 'basic' }, retry: { onRetry: (e) => retries.push(e) } });
    const reads = Array.from({ length: 120 }, () => kalshi.GET('/markets', { params: { query: { limit: 1 } } }));
    const creates = Array.from({ length: 60 }, () => kalshi.POST('/portfolio/events/orders', { body: { ...ORDER } }));
    const results = await Promise.allSettled([...reads, ...creates]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(retries.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([]);
  });
});
