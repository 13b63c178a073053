import { describe, expect, it } from 'vitest';
import { KalshiConfigError, MemoryRateLimitStore, RateLimiter, SharedArrayBufferRateLimitStore, type BucketLimits, type BucketName, type RateLimitStore } from '../src/index.js';
import { ManualClock } from './helpers/manual-clock.js';

/** A store answering through promises, as a networked one (Redis) would. */
class AsyncStore implements RateLimitStore {
  readonly inner = new MemoryRateLimitStore();
  calls = 0;
  async take(bucket: BucketName, limits: BucketLimits, tokens: number, inFlight: boolean, now: number): Promise<number> {
    this.calls++;
    return this.inner.take(bucket, limits, tokens, inFlight, now);
  }
  async settle(bucket: BucketName, limits: BucketLimits, tokens: number, now: number): Promise<void> {
    this.inner.settle(bucket, limits, tokens, now);
  }
  async penalize(bucket: BucketName, limits: BucketLimits, sentAt: number, now: number): Promise<boolean> {
    return this.inner.penalize(bucket, limits, sentAt, now);
  }
  async available(bucket: BucketName, limits: BucketLimits, now: number): Promise<number> {
    return this.inner.available(bucket, limits, now);
  }
}

describe('rate-limit stores', () => {
  it('two limiters on one SharedArrayBufferRateLimitStore spend one budget; a limiter of its own does not', async () => {
    const clock = new ManualClock();
    const shared = new SharedArrayBufferRateLimitStore();
    const a = new RateLimiter({ tier: 'basic', clock, store: shared });
    const b = new RateLimiter({ tier: 'basic', clock, store: new SharedArrayBufferRateLimitStore(shared.buffer) });
    for (let i = 0; i < 10; i++) expect(a.acquire('GetMarkets')).toBeUndefined();
    for (let i = 0; i < 10; i++) expect(b.acquire('GetMarkets')).toBeUndefined();
    expect(a.acquire('GetMarkets')).toBeInstanceOf(Promise); // the 21st read of the key waits
    expect(new RateLimiter({ tier: 'basic', clock }).acquire('GetMarkets')).toBeUndefined();
    expect(b.read.available()).toBe(0);
    await clock.advance(50);
    expect(b.read.available()).toBe(0); // the waiter took the 10 tokens that came back
  });

  it('in-flight tokens recorded by one thread hold back refill for every thread', async () => {
    const clock = new ManualClock();
    const shared = new SharedArrayBufferRateLimitStore();
    const a = new RateLimiter({ tier: 'basic', clock, store: shared });
    const b = new RateLimiter({ tier: 'basic', clock, store: new SharedArrayBufferRateLimitStore(shared.buffer) });
    const cost = a.costOf('GetMarkets');
    for (let i = 0; i < 20; i++) a.takeInFlight('GetMarkets', cost);
    await clock.advance(1000);
    expect(b.read.available()).toBe(0);
    for (let i = 0; i < 20; i++) a.settle(cost);
    await clock.advance(1000);
    expect(b.read.available()).toBe(200);
  });

  it('refuses a buffer too small for both buckets with KalshiConfigError', () => {
    expect(() => new SharedArrayBufferRateLimitStore(new SharedArrayBuffer(16))).toThrow(KalshiConfigError);
  });

  it('paces through a store that answers with promises', async () => {
    const clock = new ManualClock();
    const store = new AsyncStore();
    const limiter = new RateLimiter({ tier: 'basic', clock, store });
    const takes = Array.from({ length: 21 }, () => limiter.acquire('GetMarkets'));
    let last = false;
    void takes[20]!.then(() => (last = true));
    await clock.advance(49);
    expect(last).toBe(false);
    await clock.advance(1);
    expect(last).toBe(true);
    expect(await limiter.read.available()).toBe(0);
  });
});
