import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from '../support/harness.js';

// Each test builds its own markets, moves records behind a cutoff by pinning the cutoff at the
// clock's now (engine.history.cutoff.set), and checks both tiers: the live endpoint stops
// returning the record, the historical endpoint returns it.

let h: Harness;
let n = 0;
const clock = new ManualClock();
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [], clock });
});
afterEach(() => {
  h.mock.exchange.engine.history.cutoff.set(undefined);
  h.assertConformance();
});
afterAll(() => h.close());

function market(): string {
  const ticker = `KXHIST-26JAN01-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

const userId = (key: string): string => h.mock.exchange.userId(key);
const order = (key: string, ticker: string, side: 'bid' | 'ask', price: string, count: string, tif: 'good_till_canceled' | 'immediate_or_cancel' = 'good_till_canceled') =>
  h.mock.exchange.engine.placeOrder(userId(key), {
    ticker,
    side,
    price: Dollars.parse(price),
    count: Contracts.parse(count),
    timeInForce: tif,
    selfTradePrevention: 'taker_at_cross',
  });

/** key-1 buys `count` YES from key-2 at `price`. */
function trade(ticker: string, price: string, count: string): void {
  order('key-1', ticker, 'bid', price, count);
  order('key-2', ticker, 'ask', price, count, 'immediate_or_cancel');
}

/** Advances the clock a second, moves every cutoff there, then advances the clock a minute. */
function cutNow(): void {
  clock.advance(1000);
  const now = clock.now();
  h.mock.exchange.engine.history.cutoff.set({ marketSettledMs: now, tradesCreatedMs: now, ordersUpdatedMs: now, positionsUpdatedMs: now });
  clock.advance(60_000);
}

describe('/getting_started/historical_data', () => {
  it('/getting_started/historical_data: GET /historical/cutoff returns cutoffs that advance with the clock, 3 months behind it', async () => {
    // Quote: "The cutoff timestamps will be regularly updated, advancing forward over time."
    // Quote: "The target window for live data is **3 months**."
    const first = await h.rest().get('/historical/cutoff');
    expect(first.status).toBe(200);
    const expected = new Date(clock.now());
    expected.setUTCMonth(expected.getUTCMonth() - 3);
    expect(first.body).toEqual({
      market_settled_ts: expected.toISOString(),
      trades_created_ts: expected.toISOString(),
      orders_updated_ts: expected.toISOString(),
      market_positions_last_updated_ts: expected.toISOString(),
    });
    clock.advance(86_400_000);
    const later = await h.rest().get('/historical/cutoff');
    expect(Date.parse(later.body.trades_created_ts) - Date.parse(first.body.trades_created_ts)).toBe(86_400_000);
  });

  it('/getting_started/historical_data: a market settled before market_settled_ts leaves GET /markets and moves to GET /historical/markets', async () => {
    // Quote: "Markets and their candlesticks that settled before this timestamp are only available via `GET /historical/markets`"
    // Quote: "Settled markets and their candlesticks older than the cutoff will not appear"
    const old = market();
    const live = market();
    h.mock.exchange.settleMarket(old, 'yes');
    cutNow();
    const settledLater = market();
    h.mock.exchange.settleMarket(settledLater, 'no');
    const listed = (await h.rest().get('/markets?limit=1000')).body.markets.map((m: any) => m.ticker);
    expect(listed).toContain(live);
    expect(listed).toContain(settledLater);
    expect(listed).not.toContain(old);
    expect((await h.rest().get(`/markets/${old}`)).status).toBe(404);
    const historical = await h.rest().get('/historical/markets?limit=1000');
    expect(historical.body.markets.map((m: any) => m.ticker)).toContain(old);
    expect(historical.body.markets.map((m: any) => m.ticker)).not.toContain(live);
    expect(historical.body.markets.map((m: any) => m.ticker)).not.toContain(settledLater);
    const one = await h.rest().get(`/historical/markets/${old}`);
    expect(one.status).toBe(200);
    expect(one.body.market).toMatchObject({ ticker: old, result: 'yes' });
    expect((await h.rest().get(`/historical/markets/${live}`)).status).toBe(404);
  });

  it('/getting_started/historical_data: candlesticks of a market settled before the cutoff are served only by the historical candlesticks endpoint', async () => {
    // Quote: "Markets and their candlesticks that settled before this timestamp are only available via `GET /historical/markets`"
    // Quote /api-reference/market/get-market-candlesticks: "Candlesticks for markets that settled before the historical cutoff are only available via `GET /historical/markets/{ticker}/candlesticks`."
    const ticker = market();
    const start = Math.floor(clock.now() / 1000);
    trade(ticker, '0.35', '3');
    h.mock.exchange.settleMarket(ticker, 'no');
    cutNow();
    const query = `start_ts=${start - 60}&end_ts=${start + 3600}&period_interval=60`;
    expect((await h.rest().get(`/series/KXHIST/markets/${ticker}/candlesticks?${query}`)).status).toBe(404);
    const historical = await h.rest().get(`/historical/markets/${ticker}/candlesticks?${query}`);
    expect(historical.status).toBe(200);
    expect(historical.body.candlesticks[0]).toMatchObject({ volume: '3.00', price: { open: '0.3500', close: '0.3500', mean: '0.3500' } });
  });

  it('/getting_started/historical_data: GET /events with nested markets drops only the markets behind the cutoff; the event itself stays', async () => {
    // Quote: "Nested markets older than the cutoff will not be included, only markets impacted"
    // Quote: "Old **Events** and **Series** will always still be available through their original endpoints."
    const event = `KXHIST-26MAR${++n}`;
    h.mock.exchange.addMarket({ ticker: `${event}-OLD` });
    h.mock.exchange.addMarket({ ticker: `${event}-LIVE` });
    h.mock.exchange.settleMarket(`${event}-OLD`, 'yes');
    cutNow();
    const events = await h.rest().get(`/events?with_nested_markets=true&limit=200`);
    const found = events.body.events.find((e: any) => e.event_ticker === event);
    expect(found.markets.map((m: any) => m.ticker)).toEqual([`${event}-LIVE`]);
    expect((await h.rest().get(`/events/${event}`)).status).toBe(200);
    expect((await h.rest().get('/series/KXHIST')).status).toBe(200);
  });

  it('/getting_started/historical_data: trades before trades_created_ts leave GET /markets/trades and are served by GET /historical/trades', async () => {
    // Quote: "Trades that occurred before this timestamp are only available via `GET /historical/trades`."
    // Quote: "Trades older than the cutoff will not appear"
    const ticker = market();
    trade(ticker, '0.41', '1');
    cutNow();
    trade(ticker, '0.42', '2');
    const live = await h.rest().get(`/markets/trades?ticker=${ticker}`);
    expect(live.body.trades.map((t: any) => t.yes_price_dollars ?? t.price_dollars)).toHaveLength(1);
    expect(live.body.trades[0].count_fp).toBe('2.00');
    const historical = await h.rest().get(`/historical/trades?ticker=${ticker}`);
    expect(historical.body.trades).toHaveLength(1);
    expect(historical.body.trades[0].count_fp).toBe('1.00');
  });

  it('/getting_started/historical_data: fills before trades_created_ts leave GET /portfolio/fills and are served by GET /historical/fills', async () => {
    // Quote: "User fills are only available via `GET /historical/fills`"
    // Quote: "Fills older than the cutoff will not appear"
    const ticker = market();
    trade(ticker, '0.30', '1');
    cutNow();
    trade(ticker, '0.31', '5');
    const live = await h.rest().get(`/portfolio/fills?ticker=${ticker}`);
    expect(live.body.fills.map((f: any) => f.count_fp)).toEqual(['5.00']);
    const historical = await h.rest().get(`/historical/fills?ticker=${ticker}`);
    expect(historical.body.fills.map((f: any) => f.count_fp)).toEqual(['1.00']);
  });

  it('/getting_started/historical_data: orders canceled or executed before orders_updated_ts move to GET /historical/orders; resting orders always stay live', async () => {
    // Quote: "Orders canceled or fully executed before this timestamp are only available via `GET /historical/orders`"
    // Quote: "Resting (active) orders are unaffected and always appear in `GET /portfolio/orders`, regardless of the cutoff."
    const ticker = market();
    const resting = order('key-1', ticker, 'bid', '0.10', '1').order.orderId;
    const canceled = order('key-1', ticker, 'bid', '0.11', '1').order.orderId;
    h.mock.exchange.engine.cancelOrder(userId('key-1'), canceled);
    cutNow();
    const canceledLater = order('key-1', ticker, 'bid', '0.12', '1').order.orderId;
    h.mock.exchange.engine.cancelOrder(userId('key-1'), canceledLater);
    const live = (await h.rest().get(`/portfolio/orders?ticker=${ticker}`)).body.orders.map((o: any) => o.order_id);
    expect(live.sort()).toEqual([resting, canceledLater].sort());
    const historical = (await h.rest().get(`/historical/orders?ticker=${ticker}`)).body.orders.map((o: any) => o.order_id);
    expect(historical).toEqual([canceled]);
  });

  it('/getting_started/historical_data: the historical endpoints page with cursors like the live ones', async () => {
    // Quote: "The historical endpoints support the same [cursor-based pagination](/getting_started/pagination) as their live counterparts."
    const ticker = market();
    trade(ticker, '0.50', '1');
    trade(ticker, '0.51', '1');
    trade(ticker, '0.52', '1');
    cutNow();
    const first = await h.rest().get(`/historical/trades?ticker=${ticker}&limit=2`);
    expect(first.body.trades).toHaveLength(2);
    expect(first.body.cursor).not.toBe('');
    const second = await h.rest().get(`/historical/trades?ticker=${ticker}&limit=2&cursor=${first.body.cursor}`);
    expect(second.body.trades).toHaveLength(1);
    expect(second.body.cursor).toBe('');
  });
});
