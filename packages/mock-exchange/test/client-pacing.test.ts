/**
 * `@kalshi-sdk/rest`'s rate limiter against this simulator's own buckets (issue #16): a client
 * pacing by its tier must never be answered 429 by a server holding it to the same tier. These
 * run on real time because what they check (requests admitted at arrival, not at send) only exists
 * on a real loopback connection; each takes a few seconds of the tier's budget.
 */
import { Worker } from 'node:worker_threads';
import { createClient, SharedArrayBufferRateLimitStore, type RetryEvent } from '@kalshi-sdk/rest';
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

  it('two worker threads sharing one SharedArrayBufferRateLimitStore never over-draw their key', async () => {
    m = await startHarness({ userCount: 1, rateLimitTier: 'basic' });
    const user = m.users[0]!;
    const buffer = new SharedArrayBufferRateLimitStore().buffer;
    const privateKeyPem = user.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const run = () =>
      new Promise<{ limited: number }>((resolve, reject) => {
        const worker = new Worker(new URL('./support/pacing-worker.mjs', import.meta.url), { workerData: { restUrl: m!.mock.restUrl, apiKeyId: user.apiKeyId, privateKeyPem, buffer, count: 40 } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const started = Date.now();
    const results = await Promise.all([run(), run()]);
    // 80 reads, 800 tokens: the first 200 at once, the rest at 200/s, so at least 3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(results).toEqual([{ limited: 0 }, { limited: 0 }]);
  });

  it('two independent clients on one key: a bounded number of 429s each, then clean pacing, no retry storm', async () => {
    m = await startHarness({ userCount: 1, rateLimitTier: 'basic' });
    const user = m.users[0]!;
    const started = Date.now();
    const run = async () => {
      const retries: RetryEvent[] = [];
      const kalshi = createClient({ baseUrl: m!.mock.restUrl, apiKeyId: user.apiKeyId, signer: user.signer, rateLimit: { tier: 'basic' }, retry: { maxAttempts: 8, onRetry: (e) => retries.push(e) } });
      let next = 0;
      const loop = async () => {
        while (next < 40) {
          next++;
          await kalshi.GET('/portfolio/balance');
        }
      };
      await Promise.all([loop(), loop(), loop(), loop()]);
      return retries;
    };
    const [a, b] = await Promise.all([run(), run()]);
    const elapsed = Date.now() - started;
    for (const retries of [a, b]) {
      expect(retries.every((e) => e.status === 429)).toBe(true);
      // Up to 4 from the first overdraw (4 requests in flight each), a few more as the halved refill
      // climbs back; without draining on 429 a client draws 20 to 30 here.
      expect(retries.length).toBeLessThanOrEqual(8);
      expect(retries.every((e) => e.attempt <= 2)).toBe(true); // no request retried into a third 429
    }
    // The two never spent more than the key's budget for long: 80 reads need 3 s at 200 tokens/s.
    expect(elapsed).toBeGreaterThanOrEqual(3000);
  });
});
