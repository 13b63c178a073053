import { paginate } from '../pagination.js';
import { queryInteger, queryTimeRange } from '../parse.js';
import type { RequestContext } from '../route.js';
import { tradeToWire } from '../serialize.js';

/**
 * One page of public trades, newest first, for `GET /markets/trades` (`tier: 'live'`, trades after the
 * historical cutoff) and `GET /historical/trades` (`'historical'`, trades before it). Query: `limit`
 * (default 100, at most 1000), `ticker`, `min_ts`/`max_ts`, `cursor`; `is_block_trade=true` gives none,
 * as the mock prints no block trades on the public tape.
 */
export function tradePage(ctx: RequestContext, tier: 'live' | 'historical'): { trades: ReturnType<typeof tradeToWire>[]; cursor: string } {
  const limit = queryInteger(ctx.query, 'limit', { min: 0, max: 1000 }) || 100;
  const ticker = ctx.query.get('ticker');
  const { min, max } = queryTimeRange(ctx.query);
  const historical = tier === 'historical';
  const trades =
    ctx.query.get('is_block_trade') === 'true'
      ? []
      : ctx.engine
          .trades()
          .filter(
            (t) =>
              ctx.engine.history.cutoff.isTradeHistorical(t.createdMs) === historical &&
              (ticker === null || t.ticker === ticker) &&
              t.createdMs >= min &&
              t.createdMs <= max,
          )
          .reverse();
  const { page, cursor } = paginate(trades, ctx.query.get('cursor'), limit);
  return { trades: page.map(tradeToWire), cursor };
}
