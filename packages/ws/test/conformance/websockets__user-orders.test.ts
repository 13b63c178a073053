import { cancelOrder, type MarketTicks, placeOrder } from '@kalshi-sdk/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderUpdates } from '../../src/index.js';
import { type Exchange, LINEAR, startExchange } from '../mock-exchange/support.js';

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());

const market: MarketTicks = { ticker: LINEAR, price_level_structure: 'linear_cent' };

describe('/websockets/user-orders', () => {
  it('/websockets/user-orders: OrderUpdates.done ends on the update that fills or cancels the order', async () => {
    // Quote: "Updates sent when your orders are created, filled, canceled, or otherwise updated"
    const client = ex.ws();
    const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false }));
    const cancelled = await placeOrder(ex.rest, { market, side: 'bid', price: '0.02', count: '1' });
    const waiting = updates.done(cancelled.order_id);
    await cancelOrder(ex.rest, cancelled.order_id);
    expect(await waiting).toMatchObject({ kind: 'cancelled', reason: undefined });

    const filled = await placeOrder(ex.rest, { market, side: 'bid', price: '0.03', count: '2' });
    const fill = updates.done(filled.order_id);
    await placeOrder(ex.takerRest, { market, side: 'ask', price: '0.03', count: '2' });
    expect((await fill).kind).toBe('filled');
    await client.close();
  });

  it('/websockets/user-orders: with maker self-trade prevention the resting order ends cancelled for SelfTradeCancel', async () => {
    // Quote /changelog/index: "`maker`: the maker is canceled, execution continues."
    const client = ex.ws();
    const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false }));
    const resting = await placeOrder(ex.rest, { market, side: 'ask', price: '0.97', count: '1' });
    await placeOrder(ex.rest, { market, side: 'bid', price: '0.97', count: '1', self_trade_prevention_type: 'maker' });
    expect(await updates.done(resting.order_id)).toMatchObject({ kind: 'cancelled', reason: 'SelfTradeCancel' });
    await client.close();
  });
});
