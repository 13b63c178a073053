import { MockExchangeError } from '../../errors.js';
import { paginate } from '../pagination.js';
import { queryInteger, queryList, queryTimeRange } from '../parse.js';
import { reply, route, type Route } from '../route.js';
import { eventPositionsToWire, fillToWire, orderToWire, positionToWire, settlementToWire } from '../serialize.js';
import { dollars } from '../../wire.js';

const AUTH = { auth: true } as const;

/** Balance, positions, fills, settlements, orders and queue positions of the caller. */
export const portfolioRoutes: Route[] = [
  route(
    'GetBalance',
    'GET',
    '/portfolio/balance',
    (ctx) => {
      const balance = ctx.engine.balance(ctx.userId);
      return reply('GetBalance', 200, {
        balance: balance.available.round(2, 'floor').toCents(),
        balance_dollars: dollars(balance.available),
        portfolio_value: balance.positionsCost.round(2, 'floor').toCents(),
        updated_ts: Math.floor(balance.updatedMs / 1000),
        balance_breakdown: [{ exchange_index: 0, balance: dollars(balance.available) }],
      });
    },
    AUTH,
  ),

  route(
    'GetPositions',
    'GET',
    '/portfolio/positions',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const eventTicker = ctx.query.get('event_ticker');
      const countFilter = queryList(ctx.query, 'count_filter') ?? [];
      const positions = ctx.engine.positions(ctx.userId).filter((p) => {
        if (ticker !== null && p.ticker !== ticker) return false;
        if (eventTicker !== null && p.eventTicker !== eventTicker) return false;
        if (countFilter.includes('position') && p.net.count.isZero()) return false;
        if (countFilter.includes('total_traded') && p.totalTraded.isZero()) return false;
        const status = ctx.engine.getMarket(p.ticker)?.status;
        return status !== 'finalized';
      });
      const { page, cursor } = paginate(positions, ctx.query.get('cursor'), limit);
      return reply('GetPositions', 200, {
        market_positions: page.map(positionToWire),
        event_positions: eventPositionsToWire(page),
        cursor,
      });
    },
    AUTH,
  ),

  route(
    'GetFills',
    'GET',
    '/portfolio/fills',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const orderId = ctx.query.get('order_id');
      const { min, max } = queryTimeRange(ctx.query);
      const fills = ctx.engine
        .fills(ctx.userId)
        .filter(
          (f) =>
            !ctx.engine.history.cutoff.isTradeHistorical(f.createdMs) &&
            (ticker === null || f.ticker === ticker) &&
            (orderId === null || f.orderId === orderId) &&
            f.createdMs >= min &&
            f.createdMs <= max,
        )
        .reverse();
      const { page, cursor } = paginate(fills, ctx.query.get('cursor'), limit);
      return reply('GetFills', 200, { fills: page.map(fillToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetSettlements',
    'GET',
    '/portfolio/settlements',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const eventTicker = ctx.query.get('event_ticker');
      const { min, max } = queryTimeRange(ctx.query);
      const settlements = ctx.engine
        .settlements(ctx.userId)
        .filter(
          (s) =>
            (ticker === null || s.ticker === ticker) &&
            (eventTicker === null || s.eventTicker === eventTicker) &&
            s.settledMs >= min &&
            s.settledMs <= max,
        )
        .reverse();
      const { page, cursor } = paginate(settlements, ctx.query.get('cursor'), limit);
      return reply('GetSettlements', 200, { settlements: page.map(settlementToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetOrders',
    'GET',
    '/portfolio/orders',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const events = queryList(ctx.query, 'event_ticker');
      const status = ctx.query.get('status');
      const { min, max } = queryTimeRange(ctx.query);
      const orders = ctx.engine
        .orders(ctx.userId)
        .filter((o) => {
          if (ticker !== null && o.ticker !== ticker) return false;
          if (status !== null && o.status !== status) return false;
          if (ctx.engine.history.cutoff.isOrderHistorical(o)) return false;
          if (o.createdMs < min || o.createdMs > max) return false;
          return events === undefined || events.includes(ctx.engine.getMarket(o.ticker)!.eventTicker);
        })
        .reverse();
      const { page, cursor } = paginate(orders, ctx.query.get('cursor'), limit);
      return reply('GetOrders', 200, { orders: page.map(orderToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetOrderQueuePositions',
    'GET',
    '/portfolio/orders/queue_positions',
    (ctx) => {
      const tickers = queryList(ctx.query, 'market_tickers');
      const eventTicker = ctx.query.get('event_ticker');
      // Changelog: "You must specify one of `market_tickers` and `event_ticker` in the request."
      if (tickers === undefined && (eventTicker === null || eventTicker === '')) {
        throw new MockExchangeError('MISSING_PARAMETER', 'one of market_tickers and event_ticker is required', { field: 'market_tickers' });
      }
      const resting = ctx.engine.orders(ctx.userId).filter(
        (o) =>
          o.status === 'resting' &&
          (tickers === undefined || tickers.includes(o.ticker)) &&
          (eventTicker === null || ctx.engine.getMarket(o.ticker)!.eventTicker === eventTicker),
      );
      return reply('GetOrderQueuePositions', 200, {
        queue_positions: resting.map((o) => ({
          order_id: o.orderId,
          market_ticker: o.ticker,
          queue_position_fp: ctx.engine.queuePosition(ctx.userId, o.orderId).toWire(),
        })),
      });
    },
    AUTH,
  ),

  route(
    'GetOrder',
    'GET',
    '/portfolio/orders/{order_id}',
    (ctx) => reply('GetOrder', 200, { order: orderToWire(ctx.engine.getOrder(ctx.userId, ctx.params['order_id']!)) }),
    { auth: true, cost: 2 },
  ),

  route(
    'GetOrderQueuePosition',
    'GET',
    '/portfolio/orders/{order_id}/queue_position',
    (ctx) =>
      reply('GetOrderQueuePosition', 200, {
        queue_position_fp: ctx.engine.queuePosition(ctx.userId, ctx.params['order_id']!).toWire(),
      }),
    AUTH,
  ),
];
