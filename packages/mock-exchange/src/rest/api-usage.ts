import type { ApiKey } from '../auth.js';
import { MockExchangeError } from '../errors.js';
import type { Clock } from '../engine/types.js';
import { higherTier, type RateLimitTier } from './tiers.js';

/** An API usage-level grant of one user (UpgradeAccountApiUsageLevel). */
export interface UsageGrant {
  readonly tier: RateLimitTier;
  readonly grantedMs: number;
}

/**
 * The simulated API usage tier of each user: the exchange-wide base tier (the `rateLimitTier`
 * the simulator runs at, Basic when rate limiting is off) raised by per-user grants. The rate
 * limiter and GetAccountApiLimits both read {@link effective}, so an upgrade shows in both at once.
 */
export class ApiUsageLevels {
  /** The tier every user has without a grant. */
  base: RateLimitTier = 'basic';
  private readonly grants = new Map<string, UsageGrant>();

  constructor(
    private readonly keys: ReadonlyMap<string, ApiKey>,
    private readonly clock: Clock,
  ) {}

  /** The user's tier: the base tier or its grant, whichever is higher. */
  effective(userId: string): RateLimitTier {
    return higherTier(this.base, this.grants.get(userId)?.tier);
  }

  /** The tier of the user behind an API key id; the base tier for an unknown caller. */
  effectiveForKey(apiKeyId: string): RateLimitTier {
    const key = this.keys.get(apiKeyId);
    return key === undefined ? this.base : this.effective(key.userId);
  }

  /** The user's grant, if any. */
  grant(userId: string): UsageGrant | undefined {
    return this.grants.get(userId);
  }

  /**
   * Creates or refreshes the user's Advanced grant. Kalshi grants it only to users with an
   * API-created order among their latest 100 (every order in the simulator is API-created).
   * Throws `FORBIDDEN` when the user has placed no order.
   */
  upgrade(userId: string, orderCount: number): UsageGrant {
    if (orderCount === 0) {
      throw new MockExchangeError('FORBIDDEN', 'no API-created order among the latest 100 orders', { field: 'orders' });
    }
    const grant: UsageGrant = { tier: 'advanced', grantedMs: this.clock.now() };
    this.grants.set(userId, grant);
    return grant;
  }
}
