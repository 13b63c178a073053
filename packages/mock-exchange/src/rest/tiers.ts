/**
 * Kalshi's rate-limit tiers as the mock enforces them, copied from the documentation page
 * /getting_started/rate_limits ("Tiers and budgets"), not from `@kalshi-sdk/rest`: a wrong budget
 * in the client must not hide behind the same wrong budget here.
 * scripts/test/drift-rate-limit-tiers.test.ts compares this table, the client's, and the page.
 */

/** Kalshi API access tiers. */
export type RateLimitTier = 'basic' | 'advanced' | 'premier' | 'paragon' | 'prime';

/** One bucket: tokens added per second, and the most it holds. */
export interface MockBucketLimit {
  readonly ratePerSecond: number;
  readonly capacity: number;
}

/**
 * Per tier, the read and write buckets. Budgets are the page's table; capacities: "Your Write
 * bucket holds **two seconds** of your per-second budget", except that Basic's "Write bucket holds
 * one second of budget". The page gives the Read bucket no headroom, so it holds one second.
 */
export const MOCK_TIERS: Readonly<Record<RateLimitTier, { readonly read: MockBucketLimit; readonly write: MockBucketLimit }>> = {
  basic: { read: { ratePerSecond: 200, capacity: 200 }, write: { ratePerSecond: 100, capacity: 100 } },
  advanced: { read: { ratePerSecond: 300, capacity: 300 }, write: { ratePerSecond: 300, capacity: 600 } },
  premier: { read: { ratePerSecond: 1000, capacity: 1000 }, write: { ratePerSecond: 1000, capacity: 2000 } },
  paragon: { read: { ratePerSecond: 2000, capacity: 2000 }, write: { ratePerSecond: 2000, capacity: 4000 } },
  prime: { read: { ratePerSecond: 4000, capacity: 4000 }, write: { ratePerSecond: 4000, capacity: 8000 } },
};

/** Per-second budgets of each tier's read and write buckets (the page's table). */
export const TIER_BUDGETS: Readonly<Record<RateLimitTier, { readonly read: number; readonly write: number }>> = Object.fromEntries(
  Object.entries(MOCK_TIERS).map(([tier, t]) => [tier, { read: t.read.ratePerSecond, write: t.write.ratePerSecond }]),
) as Record<RateLimitTier, { read: number; write: number }>;

/** The tiers from lowest to highest budget (the page's table order). */
export const TIER_ORDER: readonly RateLimitTier[] = ['basic', 'advanced', 'premier', 'paragon', 'prime'];

/** The higher of two tiers. */
export function higherTier(a: RateLimitTier, b: RateLimitTier | undefined): RateLimitTier {
  return b !== undefined && TIER_ORDER.indexOf(b) > TIER_ORDER.indexOf(a) ? b : a;
}
