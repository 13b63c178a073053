import { TIER_BUDGETS, type RateLimitTier } from '@kalshi-sdk/rest';
import type { Clock } from '../engine/types.js';
import type { Route } from './route.js';

// The per-tier budgets are the client's own (`@kalshi-sdk/rest`), so the server refuses exactly
// what a client pacing by the same tier would not send.
export { TIER_BUDGETS, type RateLimitTier };

/** A token bucket that refuses instead of waiting. Levels in thousandths of a token, so integer clocks stay exact. */
class Bucket {
  private level: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly clock: Clock,
  ) {
    this.level = capacity * 1000;
    this.last = clock.now();
  }

  tryTake(cost: number): boolean {
    const now = this.clock.now();
    if (now > this.last) {
      this.level = Math.min(this.capacity * 1000, this.level + (now - this.last) * this.ratePerSecond);
      this.last = now;
    }
    // A batch costing more than the capacity goes through on a full bucket and leaves a debt.
    if (this.level < Math.min(cost, this.capacity) * 1000) return false;
    this.level -= cost * 1000;
    return true;
  }
}

/**
 * Server-side twin of the client's limiter: per API key, a read and a write bucket refilled at the
 * tier's budget (the write bucket holds two seconds of budget above Basic). A request that finds
 * its bucket short is answered 429.
 */
export class ServerRateLimiter {
  private readonly buckets = new Map<string, { read: Bucket; write: Bucket }>();

  constructor(
    readonly tier: RateLimitTier,
    private readonly clock: Clock,
  ) {}

  /** Tokens a request to `route` with `body` costs: per item for batch routes. */
  static cost(route: Route, body: unknown): number {
    if (route.batchItems !== undefined && typeof body === 'object' && body !== null) {
      const items = (body as Record<string, unknown>)[route.batchItems];
      if (Array.isArray(items) && items.length > 0) return route.cost * items.length;
    }
    return route.cost;
  }

  /** Takes the request's tokens; false when the caller is over its budget. */
  admit(caller: string, route: Route, body: unknown): boolean {
    let pair = this.buckets.get(caller);
    if (pair === undefined) {
      const budget = TIER_BUDGETS[this.tier];
      pair = {
        read: new Bucket(budget.read, budget.read, this.clock),
        write: new Bucket(budget.write, budget.write * (this.tier === 'basic' ? 1 : 2), this.clock),
      };
      this.buckets.set(caller, pair);
    }
    return (route.write ? pair.write : pair.read).tryTake(ServerRateLimiter.cost(route, body));
  }
}
