import type { MarketRecord } from '../../engine/markets.js';
import { MockExchangeError } from '../../errors.js';
import { isoTime } from '../../wire.js';
import { paginate } from '../pagination.js';
import { queryInteger, queryList, queryTimeRange } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import { eventPositionsToWire, fillToWire, marketToWire, orderToWire, positionToWire } from '../serialize.js';
import { tradePage } from './trade-page.js';

const AUTH = { auth: true } as const;

/** A market behind the historical cutoff: missing, or not settled before the cutoff, is `MARKET_NOT_FOUND`. */
export function historicalMarket(ctx: RequestContext, ticker: string): MarketRecord {
  const market = ctx.engine.getMarket(ticker);
  if (market === undefined || !ctx.engine.history.cutoff.isMarketHistorical(market)) {
    throw new MockExchangeError('MARKET_NOT_FOUND', `no historical market ${ticker}: only markets settled before the cutoff are historical`, { ticker });
  }
  return market;
}

/** `subaccount` filter: `undefined` means every subaccount unless `primaryByDefault`. */
function subaccount(ctx: RequestContext, primaryByDefault: boolean): number | undefined {
  return queryInteger(ctx.query, 'subaccount', { min: 0, max: 63 }) ?? (primaryByDefault ? 0 : undefined);
}

/**
 * The historical tier (`/getting_started/historical_data`): the cutoff, and the markets, trades,
 * fills, orders and positions that moved behind it. The live endpoints stop returning the same
 * records (see market-data.ts and portfolio.ts).
 */
export const historicalRoutes: Route[] = [
  route('GetHistoricalCutoff', 'GET', '/historical/cutoff', (ctx) => {
    const cut = ctx.engine.history.cutoff.current();
    return reply('GetHistoricalCutoff', 200, {
      market_settled_ts: isoTime(cut.marketSettledMs),
      trades_created_ts: isoTime(cut.tradesCreatedMs),
      orders_updated_ts: isoTime(cut.ordersUpdatedMs),
      market_positions_last_updated_ts: isoTime(cut.positionsUpdatedMs),
    });
  }),

  route(
    'GetHistoricalMarkets',
    'GET',
    '/historical/markets',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 0, max: 1000 }) || 100;
      const tickers = queryList(ctx.query, 'tickers');
      const eventTicker = ctx.query.get('event_ticker') || null;
      const seriesTicker = ctx.query.get('series_ticker') || null;
      // Get Historical Markets page: "Filters are mutually exclusive."
      const given = [tickers === undefined ? undefined : 'tickers', eventTicker === null ? undefined : 'event_ticker', seriesTicker === null ? undefined : 'series_ticker'].filter(
        (f) => f !== undefined,
      );
      if (given.length > 1) {
        throw new MockExchangeError('INVALID_PARAMETER', `filters are mutually exclusive: got ${given.join(', ')}`, { field: given[1]!, value: ctx.query.get(given[1]!) });
      }
      const markets = ctx.engine
        .listMarkets()
        .filter(
          (m) =>
            ctx.engine.history.cutoff.isMarketHistorical(m) &&
            (tickers === undefined || tickers.includes(m.ticker)) &&
            (eventTicker === null || m.eventTicker === eventTicker) &&
            (seriesTicker === null || m.seriesTicker === seriesTicker),
        );
      const { page, cursor } = paginate(markets, ctx.query.get('cursor'), limit);
      return reply('GetHistoricalMarkets', 200, { markets: page.map((m) => marketToWire(m, ctx.engine)), cursor });
    },
    { notFound: 400 },
  ),

  route('GetHistoricalMarket', 'GET', '/historical/markets/{ticker}', (ctx) => {
    const ticker = ctx.params['ticker']!;
    const market = historicalMarket(ctx, ticker);
    return reply('GetHistoricalMarket', 200, { market: marketToWire(market, ctx.engine) });
  }),

  route(
    'GetTradesHistorical',
    'GET',
    '/historical/trades',
    (ctx) => reply('GetTradesHistorical', 200, tradePage(ctx, 'historical')),
    { notFound: 400 },
  ),

  route(
    'GetFillsHistorical',
    'GET',
    '/historical/fills',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const sub = subaccount(ctx, false);
      const { min, max } = queryTimeRange(ctx.query);
      const fills = ctx.engine
        .fills(ctx.userId)
        .filter(
          (f) =>
            ctx.engine.history.cutoff.isTradeHistorical(f.createdMs) &&
            (ticker === null || f.ticker === ticker) &&
            (sub === undefined || f.subaccount === sub) &&
            f.createdMs >= min &&
            f.createdMs <= max,
        )
        .reverse();
      const { page, cursor } = paginate(fills, ctx.query.get('cursor'), limit);
      return reply('GetFillsHistorical', 200, { fills: page.map(fillToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetHistoricalOrders',
    'GET',
    '/historical/orders',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const sub = subaccount(ctx, false);
      const { min, max } = queryTimeRange(ctx.query);
      const orders = ctx.engine
        .orders(ctx.userId)
        .filter(
          (o) =>
            ctx.engine.history.cutoff.isOrderHistorical(o) &&
            (ticker === null || o.ticker === ticker) &&
            (sub === undefined || o.subaccount === sub) &&
            o.createdMs >= min &&
            o.createdMs <= max,
        )
        .reverse();
      const { page, cursor } = paginate(orders, ctx.query.get('cursor'), limit);
      return reply('GetHistoricalOrders', 200, { orders: page.map(orderToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetHistoricalPositions',
    'GET',
    '/historical/positions',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const eventTicker = ctx.query.get('event_ticker');
      const cut = ctx.engine.history.cutoff.current();
      const positions = ctx.engine.positions(ctx.userId, subaccount(ctx, true)).filter((p) => {
        const market = ctx.engine.getMarket(p.ticker);
        return (
          market?.settledMs !== undefined &&
          p.lastUpdatedMs < cut.positionsUpdatedMs &&
          (ticker === null || p.ticker === ticker) &&
          (eventTicker === null || p.eventTicker === eventTicker)
        );
      });
      const { page, cursor } = paginate(positions, ctx.query.get('cursor'), limit);
      return reply('GetHistoricalPositions', 200, { market_positions: page.map(positionToWire), event_positions: eventPositionsToWire(page), cursor });
    },
    AUTH,
  ),
];
