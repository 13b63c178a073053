import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { EngineEvent, MatchingEngine, MatchingEngineOptions, PlaceOrderInput } from '../../src/index.js';

/** The engine class under test: the package's own, or an older build of it. */
export type EngineClass = new (options?: MatchingEngineOptions) => MatchingEngine;

const D = (wire: string): Dollars => Dollars.parse(wire);
const C = (wire: string): Contracts => Contracts.parse(wire);
const M = 'KXGOLD-26DEC31-A';
const P = 'KXGOLD-26DEC31-B';

/** One line per engine event: every field a transport reads, exact decimals. */
export function formatEvent(event: EngineEvent): string {
  switch (event.type) {
    case 'order': {
      const o = event.order;
      return `  order ${o.orderId} ${o.userId} ${o.status} ${o.side} ${o.price} rem=${o.remaining.toWire()} filled=${o.filled.toWire()} init=${o.initialCount.toWire()} reason=${o.lastUpdateReason ?? '-'} coid=${o.clientOrderId || '-'} exp=${o.expirationMs ?? '-'} taker=${o.takerFillCost}/${o.takerFees} maker=${o.makerFillCost}/${o.makerFees} @${o.updatedMs}`;
    }
    case 'fill': {
      const f = event.fill;
      return `  fill ${f.fillId} trade=${f.tradeId} ${f.orderId} ${f.userId} ${f.side} ${f.price} x${f.count.toWire()} taker=${f.isTaker} fee=${f.fee} (${f.tradeFee}+${f.roundingFee}-${f.rebate}) post=${f.postPosition.outcome}:${f.postPosition.count.toWire()} sub=${f.subaccount} @${f.createdMs}`;
    }
    case 'trade':
      return `  trade ${event.trade.tradeId} ${event.trade.ticker} ${event.trade.price} x${event.trade.count.toWire()} ${event.trade.takerSide} @${event.trade.createdMs}`;
    case 'book_delta':
      return `  book ${event.ticker} ${event.side} ${event.price} ${event.sign > 0 ? '+' : '-'}${event.delta.toWire()} by=${event.cause === undefined ? '-' : `${event.cause.userId}/${event.cause.clientOrderId || '-'}/${event.cause.subaccount}`} @${event.tsMs}`;
    case 'market_stats':
      return `  stats ${event.ticker} @${event.tsMs}`;
    case 'position': {
      const p = event.position;
      return `  position ${event.userId} ${p.ticker} ${p.net.outcome}:${p.net.count.toWire()} cost=${p.cost} pnl=${p.realizedPnl} fees=${p.feesPaid} traded=${p.totalTraded} vol=${p.volume.toWire()} sub=${event.subaccount}`;
    }
    case 'market_lifecycle':
      return `  lifecycle ${event.ticker} ${event.eventType} @${event.tsMs}`;
    case 'event_created':
      return `  event ${event.eventTicker}`;
    case 'order_group':
      return `  group ${event.groupId} ${event.userId} ${event.eventType} limit=${event.limit?.toWire() ?? '-'} @${event.tsMs}`;
  }
}

/**
 * Drives a fresh engine through a fixed script that exercises every job of the engine (catalog,
 * accounts, order entry and its refusals, matching with self-trade prevention and fees, order
 * groups, expiry, halts, settlement, injected trades).
 * @returns the transcript: each operation, its result or error code, and the events it reported.
 */
export function runEngineScript(Engine: EngineClass): string[] {
  let nextId = 0;
  let nowMs = 1_800_000_000_000;
  const engine = new Engine({ newId: () => `id-${++nextId}`, clock: { now: () => nowMs } });
  const out: string[] = [];
  engine.on((event) => out.push(formatEvent(event)));
  const placed: string[] = [];
  const step = (label: string, run: () => unknown): void => {
    out.push(`> ${label}`);
    try {
      const result = run();
      if (result !== undefined) out.push(`  = ${String(result)}`);
    } catch (error) {
      out.push(`  ! ${(error as { code?: string }).code ?? String(error)}`);
    }
    nowMs += 1_000;
  };
  const place = (user: string, input: Omit<PlaceOrderInput, 'ticker' | 'selfTradePrevention'> & { readonly ticker?: string; readonly selfTradePrevention?: PlaceOrderInput['selfTradePrevention'] }) => {
    const { order, fillCount, fillNotional, fees } = engine.placeOrder(user, { ticker: M, selfTradePrevention: 'taker_at_cross', ...input });
    placed.push(order.orderId);
    return `${order.orderId} ${order.status} fill=${fillCount.toWire()} notional=${fillNotional} fees=${fees}`;
  };
  const gtc = 'good_till_canceled' as const;
  const ioc = 'immediate_or_cancel' as const;
  const fok = 'fill_or_kill' as const;
  let group = '';

  step('series', () => engine.createSeries({ ticker: 'KXGOLD', feeMultiplier: '0.7' }).ticker);
  step('series again', () => engine.createSeries({ ticker: 'KXGOLD' }));
  step('series bad multiplier', () => engine.createSeries({ ticker: 'KXBAD', feeMultiplier: '-1' }));
  step('event', () => engine.createEvent({ eventTicker: 'KXGOLD-26DEC31', seriesTicker: 'KXGOLD' }).eventTicker);
  step('event without series', () => engine.createEvent({ eventTicker: 'KXNONE-1', seriesTicker: 'KXNONE' }));
  step('market', () => engine.createMarket({ ticker: M, eventTicker: 'KXGOLD-26DEC31', priceLevelStructure: 'tapered_deci_cent' }).marketId);
  step('market initialized', () => engine.createMarket({ ticker: P, eventTicker: 'KXGOLD-26DEC31', status: 'initialized' }).status);
  for (const user of ['u0', 'u1', 'u2']) step(`user ${user}`, () => engine.addUser({ userId: user, balance: D('500') }));
  step('user again', () => engine.addUser({ userId: 'u0', balance: D('1') }));
  step('poor user', () => engine.addUser({ userId: 'poor', balance: D('0.50') }));
  step('u2 opens subaccounts 1 and 2', () => `${engine.subaccounts.create('u2')} ${engine.subaccounts.create('u2')}`);
  step('u2 moves 100 to subaccount 2', () => engine.subaccounts.transfer('u2', { clientTransferId: 't1', fromSubaccount: 0, toSubaccount: 2, amount: D('100') }).amount.toString());
  step('order on initialized market', () => place('u0', { ticker: P, side: 'bid', price: D('0.50'), count: C('1'), timeInForce: gtc }));
  step('open market', () => engine.openMarket(P));

  step('u0 bids 10 @ 0.40', () => place('u0', { side: 'bid', price: D('0.40'), count: C('10'), timeInForce: gtc, clientOrderId: 'a' }));
  step('u0 bids 5.5 @ 0.41', () => place('u0', { side: 'bid', price: D('0.41'), count: C('5.5'), timeInForce: gtc }));
  step('u2 bids 3 @ 0.41', () => place('u2', { side: 'bid', price: D('0.41'), count: C('3'), timeInForce: gtc, subaccount: 2 }));
  step('u0 reuses client order id', () => place('u0', { side: 'bid', price: D('0.30'), count: C('1'), timeInForce: gtc, clientOrderId: 'a' }));
  step('off-tick price', () => place('u1', { side: 'ask', price: D('0.415'), count: C('1'), timeInForce: gtc }));
  step('deci-cent tail price', () => place('u1', { side: 'ask', price: D('0.955'), count: C('2'), timeInForce: gtc }));
  step('zero count', () => place('u1', { side: 'ask', price: D('0.50'), count: C('0'), timeInForce: gtc }));
  step('poor user', () => place('poor', { side: 'bid', price: D('0.40'), count: C('5'), timeInForce: gtc }));
  step('post-only cross', () => place('u1', { side: 'ask', price: D('0.40'), count: C('1'), timeInForce: gtc, postOnly: true }));
  step('reduce-only needs IOC', () => place('u1', { side: 'ask', price: D('0.40'), count: C('1'), timeInForce: gtc, reduceOnly: true }));
  step('queue position', () => engine.queuePosition('u2', placed[2]!).toWire());
  step('u1 sells 7.25 @ 0.39 IOC', () => place('u1', { side: 'ask', price: D('0.39'), count: C('7.25'), timeInForce: ioc }));
  step('u1 FOK too big', () => place('u1', { side: 'ask', price: D('0.40'), count: C('50'), timeInForce: fok }));
  step('u1 FOK fits', () => place('u1', { side: 'ask', price: D('0.40'), count: C('2'), timeInForce: fok }));
  step('u0 self-cross, taker_at_cross', () => place('u0', { side: 'ask', price: D('0.40'), count: C('1'), timeInForce: gtc }));
  step('u0 bids 2 @ 0.45', () => place('u0', { side: 'bid', price: D('0.45'), count: C('2'), timeInForce: gtc }));
  step('u0 self-cross, maker', () => place('u0', { side: 'ask', price: D('0.40'), count: C('3'), timeInForce: gtc, selfTradePrevention: 'maker' }));
  step('u1 reduce-only closes its NO', () => place('u1', { side: 'bid', price: D('0.60'), count: C('100'), timeInForce: ioc, reduceOnly: true }));

  step('group', () => (group = engine.createOrderGroup('u2', { limit: C('4') }).groupId));
  step('group zero limit', () => engine.createOrderGroup('u2', { limit: C('0') }));
  step('u2 grouped ask 10 @ 0.60', () => place('u2', { side: 'ask', price: D('0.60'), count: C('10'), timeInForce: gtc, orderGroupId: group }));
  step('u1 lifts 6 @ 0.60', () => place('u1', { side: 'bid', price: D('0.60'), count: C('6'), timeInForce: ioc }));
  step('grouped order while triggered', () => place('u2', { side: 'ask', price: D('0.61'), count: C('1'), timeInForce: gtc, orderGroupId: group }));
  step('reset group', () => engine.resetOrderGroup('u2', group));
  step('u2 grouped ask 3 @ 0.62', () => place('u2', { side: 'ask', price: D('0.62'), count: C('3'), timeInForce: gtc, orderGroupId: group }));
  step('limit below window', () => engine.updateOrderGroupLimit('u2', group, C('1')));
  step('group of another user', () => engine.getOrderGroup('u1', group));
  step('delete group', () => engine.deleteOrderGroup('u2', group));

  step('u1 ask 4 @ 0.70 expiring', () => place('u1', { side: 'ask', price: D('0.70'), count: C('4'), timeInForce: gtc, expirationMs: nowMs + 2_500 }));
  step('u1 ask 4 @ 0.71 expired already', () => place('u1', { side: 'ask', price: D('0.71'), count: C('4'), timeInForce: gtc, expirationMs: nowMs - 1 }));
  step('expiry with IOC', () => place('u1', { side: 'ask', price: D('0.71'), count: C('4'), timeInForce: ioc, expirationMs: nowMs + 10 }));
  step('time passes', () => undefined);
  step('expire', () => engine.expireOrders());
  step('u1 ask 3 @ 0.58', () => place('u1', { side: 'ask', price: D('0.58'), count: C('3'), timeInForce: gtc }));
  step('u0 bid 6 @ 0.42 on pause list', () => place('u0', { side: 'bid', price: D('0.42'), count: C('6'), timeInForce: gtc, cancelOnPause: true }));
  step('decrease by 1', () => engine.decreaseOrder('u0', placed.at(-1)!, { reduceBy: C('1') }).order.remaining.toWire());
  step('decrease to more', () => engine.decreaseOrder('u0', placed.at(-1)!, { reduceTo: C('9') }));
  step('decrease both', () => engine.decreaseOrder('u0', placed.at(-1)!, { reduceBy: C('1'), reduceTo: C('1') }));
  step('amend down', () => engine.amendOrder('u0', placed.at(-1)!, { ticker: M, side: 'bid', price: D('0.42'), count: C('4') }).order.remaining.toWire());
  step('amend reprice and cross', () => engine.amendOrder('u0', placed.at(-1)!, { ticker: M, side: 'bid', price: D('0.62'), count: C('8'), updatedClientOrderId: 'b', expirationMs: nowMs + 60_000 }).fillCount.toWire());
  step('cancel all of u0', () => engine.cancelAll('u0').length);
  step('u2 bids 5 @ 0.35', () => place('u2', { side: 'bid', price: D('0.35'), count: C('5'), timeInForce: gtc }));
  const partly = placed.at(-1)!;
  step('u1 sells 2 @ 0.35 IOC', () => place('u1', { side: 'ask', price: D('0.35'), count: C('2'), timeInForce: ioc }));
  step('amend wrong side', () => engine.amendOrder('u2', partly, { ticker: M, side: 'ask', price: D('0.35'), count: C('5') }));
  step('amend below filled', () => engine.amendOrder('u2', partly, { ticker: M, side: 'bid', price: D('0.35'), count: C('1') }).order.status);
  step('amend up keeps price', () => engine.amendOrder('u2', partly, { ticker: M, side: 'bid', price: D('0.35'), count: C('7') }).order.remaining.toWire());
  step('amend to filled count cancels', () => engine.amendOrder('u2', partly, { ticker: M, side: 'bid', price: D('0.35'), count: C('2') }).order.status);
  step('u2 bids 1 @ 0.20 on subaccount 2', () => place('u2', { side: 'bid', price: D('0.20'), count: C('1'), timeInForce: gtc, subaccount: 2 }));
  step('u1 ask 1 @ 0.80 on pause list', () => place('u1', { side: 'ask', price: D('0.80'), count: C('1'), timeInForce: gtc, cancelOnPause: true }));
  step('pause market', () => engine.setMarketPaused(M, true));
  step('order while paused', () => place('u1', { side: 'ask', price: D('0.50'), count: C('1'), timeInForce: gtc }));
  step('pause again', () => engine.setMarketPaused(M, true));
  step('resume market', () => engine.setMarketPaused(M, false));
  step('u2 bid 2 @ 0.30 on pause list', () => place('u2', { side: 'bid', price: D('0.30'), count: C('2'), timeInForce: gtc, cancelOnPause: true }));
  step('halt exchange', () => engine.setTradingActive(false));
  step('order while halted', () => place('u1', { side: 'ask', price: D('0.50'), count: C('1'), timeInForce: gtc }));
  step('resume exchange', () => engine.setTradingActive(true));
  step('cancel unknown order', () => engine.cancelOrder('u0', 'nope'));
  step('cancel all of u2 subaccount 2', () => engine.cancelAll('u2', 2).length);
  step('inject trade', () => engine.injectTrade({ ticker: M, price: D('0.55'), count: C('12'), takerSide: 'ask' }).tradeId);
  step('open interest', () => engine.openInterest(M).toWire());
  step('settle yes', () => engine.settleMarket(M, 'yes'));
  step('settle again', () => engine.settleMarket(M, 'no'));
  for (const user of ['u0', 'u1', 'u2']) {
    step(`balance ${user}`, () => {
      const b = engine.balance(user);
      return `available=${b.available} cash=${b.cash} reserved=${b.reserved} positions=${b.positionsCost} settlements=${engine.settlements(user).length} fills=${engine.fills(user).length}`;
    });
  }
  step('trades', () => engine.trades().length);
  return out;
}
