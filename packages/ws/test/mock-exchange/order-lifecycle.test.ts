/**
 * Issue #13 items 3 and 5 against the mock exchange's matching engine, over real REST and WebSocket:
 * the outcome `placeOrder` reports (rested, filled, cancelled by self-trade prevention or IOC), and a bot
 * that waits for its order to finish is told at once when self-trade prevention cancels it, or stops
 * waiting when its signal aborts. (The rest package's own tests cannot use the mock exchange: the mock
 * depends on rest, and a dev dependency back would make a package cycle.)
 */
import { getEventListeners } from 'node:events';
import { Contracts } from '@kalshi-sdk/fixed-point';
import { cancelOrder, decreaseOrder, type MarketTicks, type OrderOutcome, placeOrder, type PlaceOrderParams } from '@kalshi-sdk/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderUpdates } from '../../src/index.js';
import { type Exchange, LINEAR, startExchange } from './support.js';

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());

const market: MarketTicks = { ticker: LINEAR, price_level_structure: 'linear_cent' };
const order = (side: 'bid' | 'ask', price: string, count: string, extra: Partial<PlaceOrderParams> = {}): PlaceOrderParams => ({ market, side, price, count, ...extra });

/** The outcome with its counts as wire strings. */
function plain(outcome: OrderOutcome): Record<string, string> {
  return Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, v instanceof Contracts ? v.toWire() : String(v)]));
}

/** Cancels every resting order of both users, so each test starts from an empty book. */
async function clearBook(): Promise<void> {
  for (const rest of [ex.rest, ex.takerRest]) {
    const { data } = await rest.GET('/portfolio/orders', { params: { query: { ticker: LINEAR, status: 'resting' } } });
    for (const o of data.orders) await cancelOrder(rest, o.order_id);
  }
}

describe('placeOrder outcome against the matching engine', () => {
  it('rested, partly filled and resting, filled, IOC unfilled, and stopped by self-trade prevention', async () => {
    await clearBook();
    const resting = await placeOrder(ex.rest, order('bid', '0.40', '5'));
    expect(plain(resting.outcome)).toEqual({ kind: 'resting', filled: '0.00', resting: '5.00' });

    // The taker sells 8 into the maker's 5 at 0.40: 5 fill, 3 rest at 0.40.
    const partly = await placeOrder(ex.takerRest, order('ask', '0.40', '8'));
    expect(plain(partly.outcome)).toEqual({ kind: 'partially_filled_resting', filled: '5.00', resting: '3.00' });

    // The maker buys the 3 resting.
    const filled = await placeOrder(ex.rest, order('bid', '0.40', '3'));
    expect(plain(filled.outcome)).toEqual({ kind: 'filled', filled: '3.00' });

    const ioc = await placeOrder(ex.rest, order('bid', '0.30', '2', { time_in_force: 'immediate_or_cancel' }));
    expect(plain(ioc.outcome)).toEqual({ kind: 'cancelled', reason: 'immediate_or_cancel_unfilled', filled: '0.00', cancelled: '2.00' });

    // The maker's own resting ask at 0.45 meets the maker's crossing bid (taker_at_cross): the bid is cancelled.
    await placeOrder(ex.rest, order('ask', '0.45', '4'));
    const stp = await placeOrder(ex.rest, order('bid', '0.50', '4', { self_trade_prevention_type: 'taker_at_cross' }));
    expect(plain(stp.outcome)).toEqual({ kind: 'cancelled', reason: 'self_trade_prevention', filled: '0.00', cancelled: '4.00' });
  });

  it('decreaseOrder and cancelOrder work on a resting order; a bad count is refused before sending', async () => {
    await clearBook();
    const placed = await placeOrder(ex.rest, order('bid', '0.20', '10'));
    expect((await decreaseOrder(ex.rest, { orderId: placed.order_id, marketTicker: LINEAR }, { reduceBy: '4' })).remaining_count).toBe('6.00');
    expect((await decreaseOrder(ex.rest, placed.order_id, { reduceTo: '2.5' })).remaining_count).toBe('2.50');
    await expect(decreaseOrder(ex.rest, placed.order_id, { reduceBy: '0.001' })).rejects.toMatchObject({ code: 'REST_ORDER_INVALID', field: 'reduce_by', value: '0.001' });
    expect((await cancelOrder(ex.rest, placed.order_id)).reduced_by).toBe('2.50');
  });
});

describe('waiting for an order to finish (user_orders)', () => {
  it('a bot waiting on its resting bid learns at once that self-trade prevention cancelled it (the 60 s hang of issue #13)', async () => {
    await clearBook();
    const client = ex.ws();
    const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false }));
    const controller = new AbortController();

    const bid = await placeOrder(ex.rest, order('bid', '0.40', '5'));
    const waiting = updates.done(bid.order_id, { signal: controller.signal });
    // The same bot sells at 0.40 with maker self-trade prevention: its own resting bid is cancelled.
    const ask = await placeOrder(ex.rest, order('ask', '0.40', '5', { self_trade_prevention_type: 'maker' }));
    expect(ask.outcome.kind).toBe('resting');

    const done = await waiting;
    expect(done.kind).toBe('cancelled');
    expect(done.kind === 'cancelled' && done.reason).toBe('SelfTradeCancel');
    expect(done.filled.toWire()).toBe('0.00');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await client.close();
  });

  it('an order whose last update came before the wait answers at once (taker_at_cross cancels the taker)', async () => {
    await clearBook();
    const client = ex.ws();
    const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false }));
    await placeOrder(ex.rest, order('ask', '0.45', '2'));
    const taker = await placeOrder(ex.rest, order('bid', '0.45', '2', { self_trade_prevention_type: 'taker_at_cross' }));
    expect(taker.outcome).toMatchObject({ kind: 'cancelled', reason: 'self_trade_prevention' });
    // The update may have landed before placeOrder resolved; wait for it without racing.
    const done = await updates.done(taker.order_id);
    expect(done).toMatchObject({ kind: 'cancelled', reason: 'SelfTradeCancel' });
    expect(await updates.done(taker.order_id)).toBe(done);
    await client.close();
  });

  it('a filled order resolves as filled', async () => {
    await clearBook();
    const client = ex.ws();
    const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false }));
    const bid = await placeOrder(ex.rest, order('bid', '0.33', '3'));
    const waiting = updates.done(bid.order_id);
    await placeOrder(ex.takerRest, order('ask', '0.33', '3'));
    expect(await waiting).toMatchObject({ kind: 'filled' });
    expect((await waiting).filled.toWire()).toBe('3.00');
    await client.close();
  });

  it('the wait ends with the AbortError when its signal aborts, and leaves no listener behind', async () => {
    await clearBook();
    const client = ex.ws();
    const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false }));
    const bid = await placeOrder(ex.rest, order('bid', '0.10', '1'));
    const controller = new AbortController();
    const waiting = updates.done(bid.order_id, { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // An already aborted signal ends the wait at once.
    await expect(updates.done(bid.order_id, { signal: AbortSignal.abort(new Error('stop')) })).rejects.toThrow('stop');
    // The subscription ending ends every wait.
    const other = updates.done(bid.order_id).catch((e: unknown) => e);
    await client.close();
    expect(await other).toMatchObject({ code: 'WS_SUBSCRIPTION_CLOSED', channel: 'user_orders' });
  });
});
