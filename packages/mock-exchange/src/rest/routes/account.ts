import { Contracts } from '@kalshi-sdk/fixed-point';
import { reply, route, type Route } from '../route.js';
import { routes, REST_PREFIX } from '../rest-server.js';
import { MOCK_TIERS } from '../tiers.js';
import { unixSeconds } from '../../wire.js';

/** Kalshi's default token cost (/getting_started/rate_limits: "Most requests cost the default of **10 tokens**"). */
const DEFAULT_COST = 10;
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/**
 * The caller's API limits (/api-reference/account/*), from the same tier table and per-user tier
 * the simulator's rate limiter uses, and the endpoint costs it charges.
 */
export const accountRoutes: Route[] = [
  route(
    'GetAccountApiLimits',
    'GET',
    '/account/limits',
    (ctx) => {
      const tier = ctx.usage.effective(ctx.userId);
      const limits = MOCK_TIERS[tier];
      const grant = ctx.usage.grant(ctx.userId);
      return reply('GetAccountApiLimits', 200, {
        usage_tier: tier,
        read: { refill_rate: limits.read.ratePerSecond, bucket_capacity: limits.read.capacity },
        write: { refill_rate: limits.write.ratePerSecond, bucket_capacity: limits.write.capacity },
        // Undocumented: which `source` an upgrade grant reports; the endpoint is Kalshi's own doing, so `manual`.
        grants: grant === undefined ? [] : [{ exchange_instance: 'event_contract', level: grant.tier, source: 'manual' }],
      });
    },
    { auth: true },
  ),

  route(
    'GetAccountEndpointCosts',
    'GET',
    '/account/endpoint_costs',
    () =>
      reply('GetAccountEndpointCosts', 200, {
        default_cost: DEFAULT_COST,
        endpoint_costs: routes.filter((r) => r.cost !== DEFAULT_COST).map((r) => ({ method: r.method, path: `${REST_PREFIX}${r.path}`, cost: r.cost })),
      }),
  ),

  route(
    'GetAccountApiUsageLevelVolumeProgress',
    'GET',
    '/account/api_usage_level/volume_progress',
    (ctx) => {
      const now = ctx.engine.now();
      let volume = Contracts.ZERO;
      for (const fill of ctx.engine.fills(ctx.userId)) if (fill.createdMs > now - THIRTY_DAYS_MS) volume = volume.plus(fill.count);
      // Undocumented: /getting_started/rate_limits says the volume criteria "will be published shortly", so no goals are listed.
      return reply('GetAccountApiUsageLevelVolumeProgress', 200, {
        volume_progress: [{ computed_ts: unixSeconds(now), trailing_30d_volume_fp: volume.toWire(), goals: [] }],
      });
    },
    { auth: true },
  ),

  route(
    'UpgradeAccountApiUsageLevel',
    'POST',
    '/account/api_usage_level/upgrade',
    (ctx) => {
      ctx.usage.upgrade(ctx.userId, Math.min(100, ctx.engine.orders(ctx.userId).length));
      return { status: 201 };
    },
    { auth: true, write: true, cost: 30 },
  ),
];
