import { Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../../errors.js';
import type { FcmSubtrader } from '../../engine/fcm.js';
import { unitCost } from '../../engine/order-record.js';
import type { Fill, Order } from '../../engine/types.js';
import { paginate } from '../pagination.js';
import { bodyObject, optionalBoolean, queryInteger, queryList, queryTimeRange, requiredString } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import { eventPositionsToWire, orderToWire, positionToWire } from '../serialize.js';
import { dollars, isoTime } from '../../wire.js';

const AUTH = { auth: true } as const;
const WRITE = { auth: true, write: true } as const;

function subtraderOf(ctx: RequestContext, id: string | null | undefined): FcmSubtrader {
  ctx.engine.fcm.requireMember(ctx.userId);
  if (id === null || id === undefined || id === '') throw new MockExchangeError('MISSING_PARAMETER', 'subtrader_id is required', { field: 'subtrader_id' });
  return ctx.engine.fcm.subtrader(ctx.userId, id);
}

function capLimit(wire: string): Dollars {
  let limit: Dollars;
  try {
    limit = Dollars.parse(wire, 'limit');
  } catch {
    throw new MockExchangeError('INVALID_PARAMETER', 'limit must be a dollar amount with at most 4 decimals', { field: 'limit', value: wire });
  }
  if (limit.isNegative()) throw new MockExchangeError('INVALID_PARAMETER', 'limit must not be negative', { field: 'limit', value: wire });
  return limit;
}

/** A subtrader's fill as an FCM fill: the subtrader is the taker or the maker of it. */
function fcmFillToWire(fill: Fill, subtraderId: string) {
  const takerBoughtYes = fill.isTaker === (fill.side === 'bid');
  const who = fill.isTaker
    ? { taker_order_id: fill.orderId, taker_subtrader_id: subtraderId, taker_fee_cost: dollars(fill.fee) }
    : { maker_order_id: fill.orderId, maker_subtrader_id: subtraderId, maker_fee_cost: dollars(fill.fee) };
  return {
    fill_id: fill.fillId,
    exchange_index: 0,
    ticker: fill.ticker,
    taker_outcome_side: takerBoughtYes ? ('yes' as const) : ('no' as const),
    count_fp: fill.count.toWire(),
    yes_price_dollars: dollars(fill.price),
    created_time: isoTime(fill.createdMs),
    ...who,
  };
}

/** UTC calendar date of `ms`, `YYYY-MM-DD`. */
function capDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * FCM endpoints (/api-reference/fcm/*) over the engine's simple FCM model (`engine.fcm`): members
 * list and create subtraders, read their orders, fills and positions, and keep each subtrader's
 * event-contract daily cap and blocked categories. Non-members get 403.
 */
export const fcmRoutes: Route[] = [
  route(
    'ListFCMSubtraders',
    'GET',
    '/fcm/subtraders',
    (ctx) =>
      reply('ListFCMSubtraders', 200, {
        subtraders: ctx.engine.fcm.list(ctx.userId).map((s) => ({
          subtrader_id: s.subtraderId,
          exchange_indices: [0],
          trading_blocked: false,
          fcm_trading_blocked: false,
          propagation_pending: false,
        })),
      }),
    AUTH,
  ),

  route(
    'CreateFCMSubtrader',
    'POST',
    '/fcm/subtraders',
    (ctx) => {
      const suffix = requiredString(bodyObject(ctx.body), 'subtrader_suffix', 'MISSING_PARAMETER');
      return reply('CreateFCMSubtrader', 201, { subtrader_id: ctx.engine.fcm.createSubtrader(ctx.userId, suffix).subtraderId });
    },
    WRITE,
  ),

  route(
    'GetFCMOrders',
    'GET',
    '/fcm/orders',
    (ctx) => {
      ctx.engine.fcm.requireMember(ctx.userId);
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const subtraderId = ctx.query.get('subtrader_id');
      const clientOrderIds = queryList(ctx.query, 'client_order_ids');
      if ((subtraderId === null || subtraderId === '') && clientOrderIds === undefined) {
        throw new MockExchangeError('MISSING_PARAMETER', 'one of subtrader_id and client_order_ids is required', { field: 'subtrader_id' });
      }
      const subtraders = subtraderId === null || subtraderId === '' ? ctx.engine.fcm.list(ctx.userId) : [subtraderOf(ctx, subtraderId)];
      const ticker = ctx.query.get('ticker');
      const eventTicker = ctx.query.get('event_ticker');
      const status = ctx.query.get('status');
      const { min, max } = queryTimeRange(ctx.query);
      const orders: Order[] = subtraders
        .flatMap((s) => [...ctx.engine.orders(s.subtraderId)])
        .filter(
          (o) =>
            (clientOrderIds === undefined || clientOrderIds.includes(o.clientOrderId)) &&
            (ticker === null || o.ticker === ticker) &&
            (eventTicker === null || ctx.engine.getMarket(o.ticker)?.eventTicker === eventTicker) &&
            (status === null || o.status === status) &&
            o.createdMs >= min &&
            o.createdMs <= max,
        )
        .sort((a, b) => b.createdMs - a.createdMs);
      const { page, cursor } = paginate(orders, ctx.query.get('cursor'), limit);
      return reply('GetFCMOrders', 200, { orders: page.map(orderToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetFCMFills',
    'GET',
    '/fcm/fills',
    (ctx) => {
      const { min, max } = queryTimeRange(ctx.query);
      const fills = ctx.engine.fcm
        .list(ctx.userId)
        .flatMap((s) => ctx.engine.fills(s.subtraderId).map((f) => ({ f, id: s.subtraderId })))
        .filter(({ f }) => f.createdMs >= min && f.createdMs <= max)
        .sort((a, b) => b.f.createdMs - a.f.createdMs);
      const { page, cursor } = paginate(fills, ctx.query.get('cursor'), 100);
      return reply('GetFCMFills', 200, { fills: page.map(({ f, id }) => fcmFillToWire(f, id)), cursor });
    },
    AUTH,
  ),

  route(
    'GetFCMPositions',
    'GET',
    '/fcm/positions',
    (ctx) => {
      const subtrader = subtraderOf(ctx, ctx.query.get('subtrader_id'));
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
      const ticker = ctx.query.get('ticker');
      const eventTicker = ctx.query.get('event_ticker');
      const countFilter = queryList(ctx.query, 'count_filter') ?? [];
      const settlement = ctx.query.get('settlement_status') ?? 'unsettled';
      if (!['all', 'unsettled', 'settled'].includes(settlement)) {
        throw new MockExchangeError('INVALID_PARAMETER', 'settlement_status must be all, unsettled or settled', { field: 'settlement_status', value: settlement });
      }
      const positions = ctx.engine.positions(subtrader.subtraderId).filter((p) => {
        if (ticker !== null && p.ticker !== ticker) return false;
        if (eventTicker !== null && p.eventTicker !== eventTicker) return false;
        if (countFilter.includes('position') && p.net.count.isZero()) return false;
        if (countFilter.includes('total_traded') && p.totalTraded.isZero()) return false;
        const settled = ctx.engine.getMarket(p.ticker)?.status === 'finalized';
        return settlement === 'all' || (settlement === 'settled') === settled;
      });
      const { page, cursor } = paginate(positions, ctx.query.get('cursor'), limit);
      return reply('GetFCMPositions', 200, { market_positions: page.map(positionToWire), event_positions: eventPositionsToWire(page), cursor });
    },
    AUTH,
  ),

  route(
    'GetFCMEventContractDailyCap',
    'GET',
    '/fcm/subtraders/event_contract_daily_cap',
    (ctx) => {
      const subtrader = subtraderOf(ctx, ctx.query.get('subtrader_id'));
      if (subtrader.dailyCap === undefined) {
        throw new MockExchangeError('SUBTRADER_NOT_FOUND', `subtrader ${subtrader.subtraderId} has no daily cap`, { field: 'subtrader_id', value: subtrader.subtraderId });
      }
      const now = ctx.engine.now();
      const today = capDate(now);
      let executed = Dollars.ZERO;
      for (const fill of ctx.engine.fills(subtrader.subtraderId)) {
        if (capDate(fill.createdMs) === today) executed = executed.plus(unitCost(fill.side, fill.price).times(fill.count));
      }
      let resting = Dollars.ZERO;
      for (const wallet of ctx.engine.subaccounts.wallets(subtrader.subtraderId)) resting = resting.plus(wallet.reserved);
      return reply('GetFCMEventContractDailyCap', 200, {
        subtrader_id: subtrader.subtraderId,
        limit: dollars(subtrader.dailyCap),
        executed_utilization: dollars(executed),
        resting_order_utilization: dollars(resting),
        pending_order_utilization: dollars(Dollars.ZERO),
        cap_date: today,
      });
    },
    AUTH,
  ),

  route(
    'UpdateFCMEventContractDailyCap',
    'PUT',
    '/fcm/subtraders/event_contract_daily_cap',
    (ctx) => {
      const body = bodyObject(ctx.body);
      const subtrader = subtraderOf(ctx, requiredString(body, 'subtrader_id', 'MISSING_PARAMETER'));
      subtrader.dailyCap = capLimit(requiredString(body, 'limit', 'MISSING_PARAMETER'));
      return reply('UpdateFCMEventContractDailyCap', 200, {});
    },
    WRITE,
  ),

  route(
    'DeleteFCMEventContractDailyCap',
    'DELETE',
    '/fcm/subtraders/event_contract_daily_cap',
    (ctx) => {
      subtraderOf(ctx, ctx.query.get('subtrader_id')).dailyCap = undefined;
      return reply('DeleteFCMEventContractDailyCap', 200, {});
    },
    WRITE,
  ),

  route(
    'GetFCMSubtraderBlockedCategories',
    'GET',
    '/fcm/subtraders/blocked_categories',
    (ctx) => reply('GetFCMSubtraderBlockedCategories', 200, { categories: [...subtraderOf(ctx, ctx.query.get('subtrader_id')).blockedCategories].sort() }),
    // The spec lists no 404 here: an unknown subtrader is a 400.
    { auth: true, notFound: 400 },
  ),

  route(
    'UpdateFCMSubtraderBlockedCategories',
    'PUT',
    '/fcm/subtraders/blocked_categories',
    (ctx) => {
      const body = bodyObject(ctx.body);
      const subtrader = subtraderOf(ctx, requiredString(body, 'subtrader_id', 'MISSING_PARAMETER'));
      const category = requiredString(body, 'category', 'MISSING_PARAMETER');
      const blocked = optionalBoolean(body, 'blocked');
      if (blocked === undefined) throw new MockExchangeError('MISSING_PARAMETER', 'blocked is required', { field: 'blocked' });
      if (blocked) subtrader.blockedCategories.add(category);
      else subtrader.blockedCategories.delete(category);
      return reply('UpdateFCMSubtraderBlockedCategories', 200, { categories: [...subtrader.blockedCategories].sort() });
    },
    WRITE,
  ),
];
