import { TickSchedule } from '@kalshi-sdk/fixed-point';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelMessage, type DataChannel, OrderBookManager, type Subscription, type SubscriptionItem } from '../../src/index.js';
import { until } from '../support/fake-kalshi.js';
import { type Exchange, expectInStep, LINEAR, startExchange, TAPERED } from './support.js';

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());

/** Collects a subscription's messages through its iterator, as an application would. */
function collect<C extends DataChannel>(sub: Subscription<C>): Array<SubscriptionItem<C>> {
  const out: Array<SubscriptionItem<C>> = [];
  void (async () => {
    for await (const m of sub) out.push(m);
  })();
  return out;
}

const order = (ticker: string, side: 'bid' | 'ask', price: string, count: string, tif: 'good_till_canceled' | 'immediate_or_cancel' = 'good_till_canceled') => ({
  body: { ticker, side, price, count, time_in_force: tif, self_trade_prevention_type: 'maker' as const },
});

describe('full flow against the mock exchange', () => {
  it('orders placed over REST arrive over WebSocket as books, trades, tickers, fills, orders and positions', async () => {
    const client = ex.ws();
    await client.connect();
    const schedules: Record<string, TickSchedule> = { [LINEAR]: TickSchedule.fromMarket({ price_level_structure: 'linear_cent' }), [TAPERED]: TickSchedule.fromMarket({ price_level_structure: 'tapered_deci_cent' }) };
    const books = new OrderBookManager({ client, tickSchedule: (t) => schedules[t] });
    await books.track([LINEAR, TAPERED]);
    const fills = collect(await client.subscribe({ channel: 'fill' }));
    const orders = collect(await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }));
    const positions = collect(await client.subscribe({ channel: 'market_positions' }));
    const trades = collect(await client.subscribe({ channel: 'trade', market_tickers: [LINEAR] }));
    const tickers = collect(await client.subscribe({ channel: 'ticker', market_tickers: [LINEAR] }));

    await ex.rest.POST('/portfolio/events/orders', order(LINEAR, 'bid', '0.4200', '10.00'));
    await ex.rest.POST('/portfolio/events/orders', order(LINEAR, 'bid', '0.4000', '5.50'));
    await ex.rest.POST('/portfolio/events/orders', order(LINEAR, 'ask', '0.4700', '3.00'));
    await ex.rest.POST('/portfolio/events/orders', order(TAPERED, 'bid', '0.0950', '2.00'));
    await ex.rest.POST('/portfolio/events/orders', order(TAPERED, 'bid', '0.0990', '1.00'));
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    const lin = books.book(LINEAR);
    expect([lin?.bestBid()?.price.toWire(), lin?.bestAsk()?.price.toWire(), lin?.bestBid('no')?.price.toWire(), lin?.spread()?.toWire()]).toEqual([
      '0.4200',
      '0.4700',
      '0.5300',
      '0.0500',
    ]);
    expect(lin?.depth({ side: 'yes', of: 'bids', ticks: 2 }).toWire()).toBe('15.50');
    expect(books.book(TAPERED)?.depth({ side: 'yes', of: 'bids', ticks: 4 }).toWire()).toBe('3.00');

    // The taker sells 4 YES into the maker's 0.42 bid.
    await ex.takerRest.POST('/portfolio/events/orders', order(LINEAR, 'ask', '0.4200', '4.00', 'immediate_or_cancel'));
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    expect(lin?.bestBid()?.size.toWire()).toBe('6.00');

    await until(() => fills.length === 1 && trades.length === 1 && positions.length >= 1 && orders.length >= 4 && tickers.length >= 1, 'user and market data');
    const fill = fills[0] as ChannelMessage<'fill'>;
    expect([fill.msg.market_ticker, fill.contracts('count_fp').toWire(), fill.dollars('yes_price_dollars').toWire(), fill.signedContracts('post_position_fp').toWire(), fill.msg.is_taker]).toEqual([
      LINEAR,
      '4.00',
      '0.4200',
      '4.00',
      false,
    ]);
    const trade = trades[0] as ChannelMessage<'trade'>;
    expect([trade.contracts('count_fp').toWire(), trade.dollars('yes_price_dollars').toWire(), trade.dollars('no_price_dollars').toWire(), trade.msg.taker_book_side]).toEqual([
      '4.00',
      '0.4200',
      '0.5800',
      'ask',
    ]);
    const position = positions.at(-1) as ChannelMessage<'market_positions'>;
    expect([position.msg.market_ticker, position.signedContracts('position_fp').toWire(), position.dollars('position_cost_dollars').toWire()]).toEqual([
      LINEAR,
      '4.00',
      '1.6800',
    ]);
    const executed = (orders as Array<ChannelMessage<'user_orders'>>).find((o) => o.contracts('fill_count_fp').toWire() === '4.00');
    expect([executed?.dollars('yes_price_dollars').toWire(), executed?.contracts('remaining_count_fp').toWire()]).toEqual(['0.4200', '6.00']);
    const tick = tickers.at(-1) as ChannelMessage<'ticker'>;
    expect(tick.dollars('price_dollars').toWire()).toBe('0.4200');

    const listed = await client.listSubscriptions();
    expect(listed.map((s) => s.channel).sort()).toEqual(['fill', 'market_positions', 'orderbook_delta', 'ticker', 'trade', 'user_orders']);
    expect(new Set(listed.map((s) => s.sid))).toEqual(new Set(client.subscriptions.map((s) => s.sid)));
    await client.close();
  });

  it('rejects the handshake of an unknown key with WS_HANDSHAKE_REJECTED 401', async () => {
    const client = ex.ws({ apiKeyId: '99999999-aaaa-4bbb-8ccc-000000000009' });
    await expect(client.connect()).rejects.toMatchObject({ code: 'WS_HANDSHAKE_REJECTED', status: 401 });
  });

  it('maps the exchange’s command errors to KalshiWsError codes', async () => {
    const client = ex.ws();
    await expect(client.subscribe({ channel: 'orderbook_delta' })).rejects.toMatchObject({ code: 'WS_SERVER_ERROR', kalshiCode: 14, kalshiCodeName: 'MARKET_TICKER_REQUIRED' });
    await expect(client.subscribe({ channel: 'communications', shard_key: 1 })).rejects.toMatchObject({ kalshiCode: 20, kalshiCodeName: 'SHARD_FACTOR_REQUIRED' });
    await expect(client.subscribe({ channel: 'communications', shard_factor: 4, shard_key: 4 })).rejects.toMatchObject({ kalshiCode: 21 });
    const sub = await client.subscribe({ channel: 'communications', shard_factor: 4, shard_key: 3 });
    expect(sub.state).toBe('active');
    await client.close();
  });
});
