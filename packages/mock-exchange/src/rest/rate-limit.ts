import type { Clock } from '../engine/types.js';
import type { Route } from './route.js';
import { MOCK_TIERS, type MockBucketLimit, type RateLimitTier } from './tiers.js';

export { MOCK_TIERS, TIER_BUDGETS, type RateLimitTier } from './tiers.js';

/**
 * An exact token bucket that refuses instead of waiting, with no safety margin: it refills
 * continuously at its rate up to its capacity, and admits a request only when it holds the whole
 * cost, charged at the moment the request arrives. Levels in thousandths of a token, so integer
 * clocks stay exact.
 */
class Bucket {
  private level: number;
  private last: number;

  constructor(
    private readonly limit: MockBucketLimit,
    private readonly clock: Clock,
  ) {
    this.level = limit.capacity * 1000;
    this.last = clock.now();
  }

  tryTake(cost: number): boolean {
    const now = this.clock.now();
    if (now > this.last) {
      this.level = Math.min(this.limit.capacity * 1000, this.level + (now - this.last) * this.limit.ratePerSecond);
      this.last = now;
    }
    // Over-drawing returns 429, a batch costing more than the capacity included: it never fits.
    if (this.level < cost * 1000) return false;
    this.level -= cost * 1000;
    return true;
  }
}

/**
 * Kalshi's rate limiting as /getting_started/rate_limits documents it, independent of the client's
 * limiter: per API key, a read and a write bucket of the tier ({@link MOCK_TIERS}), created full on
 * the key's first request. A request that finds its bucket short is answered 429.
 */
export class ServerRateLimiter {
  private readonly buckets = new Map<string, { tier: RateLimitTier; read: Bucket; write: Bucket }>();

  /** `tierOf` gives a caller's own tier (an upgraded user's); default `tier` for everyone. */
  constructor(
    readonly tier: RateLimitTier,
    private readonly clock: Clock,
    private readonly tierOf: (caller: string) => RateLimitTier = () => tier,
  ) {}

  /** Tokens a request to `route` with `body` costs: per item for batch routes. */
  static cost(route: Route, body: unknown): number {
    if (route.batchItems !== undefined && typeof body === 'object' && body !== null) {
      const items = (body as Record<string, unknown>)[route.batchItems];
      if (Array.isArray(items) && items.length > 0) return route.cost * items.length;
    }
    return route.cost;
  }

  /** Takes the request's tokens; false when the caller is over its budget. A caller whose tier changed starts with full buckets of the new tier. */
  admit(caller: string, route: Route, body: unknown): boolean {
    const tier = this.tierOf(caller);
    let pair = this.buckets.get(caller);
    if (pair === undefined || pair.tier !== tier) {
      const limits = MOCK_TIERS[tier];
      pair = { tier, read: new Bucket(limits.read, this.clock), write: new Bucket(limits.write, this.clock) };
      this.buckets.set(caller, pair);
    }
    return (route.write ? pair.write : pair.read).tryTake(ServerRateLimiter.cost(route, body));
  }
}
