import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

let h: Harness;
let n = 0;
const clock = new ManualClock();
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

/** A fresh market in series KXCDL, created at the start of a fresh minute plus one second. */
function market(): string {
  clock.advance(60_000 - (clock.ms % 60_000) + 1000);
  const ticker = `KXCDL-26JAN01-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

/** key-1 bids `count` at `price` and key-2 sells into it: one trade, and key-1 holds YES. */
function trade(ticker: string, price: string, count: string): void {
  const engine = h.mock.exchange.engine;
  const base = { ticker, price: Dollars.parse(price), count: Contracts.parse(count), selfTradePrevention: 'taker_at_cross' } as const;
  engine.placeOrder(h.mock.exchange.userId('key-1'), { ...base, side: 'bid', timeInForce: 'good_till_canceled' });
  engine.placeOrder(h.mock.exchange.userId('key-2'), { ...base, side: 'ask', timeInForce: 'immediate_or_cancel' });
}

const sec = (): number => Math.floor(clock.ms / 1000);
const minuteEnd = (s: number): number => Math.ceil(s / 60) * 60;

async function candles(ticker: string, query: string): Promise<{ status: number; body: any }> {
  return h.rest().get(`/series/KXCDL/markets/${ticker}/candlesticks?${query}`);
}

describe('GET /series/{series_ticker}/markets/{ticker}/candlesticks', () => {
  it('builds one-minute candles from the engine trades: OHLC, VWAP mean, previous close, volume and open interest', async () => {
    const ticker = market();
    const start = sec();
    trade(ticker, '0.40', '4');
    clock.advance(10_000);
    trade(ticker, '0.50', '6');
    clock.advance(10_000);
    trade(ticker, '0.45', '10');
    clock.advance(60_000);
    trade(ticker, '0.30', '1');
    const first = minuteEnd(start);
    const { status, body } = await candles(ticker, `start_ts=${start}&end_ts=${first + 60}&period_interval=1`);
    expect(status).toBe(200);
    expect(body.ticker).toBe(ticker);
    expect(body.candlesticks.map((c: any) => c.end_period_ts)).toEqual([first, first + 60]);
    const [one, two] = body.candlesticks;
    expect(one.price).toEqual({
      open_dollars: '0.4000',
      high_dollars: '0.5000',
      low_dollars: '0.4000',
      close_dollars: '0.4500',
      // (0.40×4 + 0.50×6 + 0.45×10) / 20 = 0.455
      mean_dollars: '0.4550',
    });
    expect(one.volume_fp).toBe('20.00');
    expect(one.open_interest_fp).toBe('20.00');
    expect(two.price).toEqual({ open_dollars: '0.3000', high_dollars: '0.3000', low_dollars: '0.3000', close_dollars: '0.3000', mean_dollars: '0.3000', previous_dollars: '0.4500' });
    expect(two.volume_fp).toBe('1.00');
    expect(two.open_interest_fp).toBe('21.00');
  });

  it('tracks the best YES bid and ask over the period (open, high, low, close)', async () => {
    const ticker = market();
    const start = sec();
    const engine = h.mock.exchange.engine;
    const user = h.mock.exchange.userId('key-1');
    const rest = (side: 'bid' | 'ask', price: string): void => {
      engine.placeOrder(user, { ticker, side, price: Dollars.parse(price), count: Contracts.ONE, timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
    };
    rest('bid', '0.20');
    rest('ask', '0.80');
    clock.advance(5_000);
    rest('bid', '0.30');
    rest('ask', '0.60');
    const { body } = await candles(ticker, `start_ts=${start}&end_ts=${minuteEnd(start)}&period_interval=1`);
    expect(body.candlesticks).toHaveLength(1);
    const [c] = body.candlesticks;
    // Opens on the empty book (no bid reads $0, no ask $1), as the market's own yes_bid/yes_ask do.
    expect(c.yes_bid).toEqual({ open_dollars: '0.0000', low_dollars: '0.0000', high_dollars: '0.3000', close_dollars: '0.3000' });
    expect(c.yes_ask).toEqual({ open_dollars: '1.0000', low_dollars: '0.6000', high_dollars: '1.0000', close_dollars: '0.6000' });
    expect(c.price).toEqual({});
    expect(c.volume_fp).toBe('0.00');
  });

  it('one-hour candles aggregate the minutes, and the range bounds the period ends', async () => {
    const ticker = market();
    const start = sec();
    trade(ticker, '0.40', '1');
    clock.advance(120_000);
    trade(ticker, '0.60', '1');
    const hourEnd = Math.ceil(start / 3600) * 3600;
    const hour = await candles(ticker, `start_ts=${start}&end_ts=${hourEnd}&period_interval=60`);
    expect(hour.body.candlesticks).toHaveLength(1);
    expect(hour.body.candlesticks[0]).toMatchObject({ end_period_ts: hourEnd, volume_fp: '2.00', price: { open_dollars: '0.4000', close_dollars: '0.6000' } });
    const before = await candles(ticker, `start_ts=${start - 7200}&end_ts=${start - 1}&period_interval=1`);
    expect(before.body.candlesticks).toEqual([]);
  });

  it('include_latest_before_start prepends a synthetic candle at the first boundary after start_ts, prices null and previous its close', async () => {
    const ticker = market();
    trade(ticker, '0.55', '2');
    clock.advance(300_000);
    const start = sec();
    const { body } = await candles(ticker, `start_ts=${start}&end_ts=${start + 600}&period_interval=1&include_latest_before_start=true`);
    expect(body.candlesticks).toHaveLength(1);
    expect(body.candlesticks[0]).toMatchObject({ end_period_ts: minuteEnd(start), price: { previous_dollars: '0.5500' }, volume_fp: '0.00', open_interest_fp: '2.00' });
    expect(body.candlesticks[0].price.close_dollars).toBeUndefined();
    const plain = await candles(ticker, `start_ts=${start}&end_ts=${start + 600}&period_interval=1`);
    expect(plain.body.candlesticks).toEqual([]);
  });

  it('refuses a period_interval other than 1, 60 or 1440, a missing start_ts, and a market of another series', async () => {
    const ticker = market();
    expect((await candles(ticker, `start_ts=0&end_ts=10&period_interval=5`)).status).toBe(400);
    expect((await candles(ticker, `end_ts=10&period_interval=1`)).status).toBe(400);
    expect((await h.rest().get(`/series/KXOTHER/markets/${ticker}/candlesticks?start_ts=0&end_ts=10&period_interval=1`)).status).toBe(404);
    expect((await candles('KXCDL-NOPE', `start_ts=0&end_ts=10&period_interval=1`)).status).toBe(404);
  });
});

describe('GET /markets/candlesticks (batch)', () => {
  it('returns candles per requested market, in request order', async () => {
    const a = market();
    const start = sec();
    trade(a, '0.40', '1');
    const b = market();
    trade(b, '0.70', '3');
    const { status, body } = await h.rest().get(`/markets/candlesticks?market_tickers=${b},${a}&start_ts=${start}&end_ts=${sec() + 600}&period_interval=5`);
    expect(status).toBe(200);
    expect(body.markets.map((m: any) => m.market_ticker)).toEqual([b, a]);
    expect(body.markets[0].candlesticks.at(-1)).toMatchObject({ volume_fp: '3.00', price: { close_dollars: '0.7000' } });
    expect(body.markets[1].candlesticks.at(-1)).toMatchObject({ volume_fp: '1.00', price: { close_dollars: '0.4000' } });
  });

  it('refuses more than 100 tickers and a missing market_tickers', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `KXCDL-X${i}`).join(',');
    expect((await h.rest().get(`/markets/candlesticks?market_tickers=${many}&start_ts=0&end_ts=10&period_interval=1`)).status).toBe(400);
    expect((await h.rest().get(`/markets/candlesticks?start_ts=0&end_ts=10&period_interval=1`)).status).toBe(400);
  });
});

describe('GET /series/{series_ticker}/events/{ticker}/candlesticks', () => {
  it('returns one candle array per market of the event', async () => {
    clock.advance(60_000);
    const start = sec();
    const event = `KXCDL-26FEB${++n}`;
    h.mock.exchange.addMarket({ ticker: `${event}-A` });
    h.mock.exchange.addMarket({ ticker: `${event}-B` });
    trade(`${event}-B`, '0.25', '2');
    const { status, body } = await h.rest().get(`/series/KXCDL/events/${event}/candlesticks?start_ts=${start}&end_ts=${start + 120}&period_interval=1`);
    expect(status).toBe(200);
    expect(body.market_tickers).toEqual([`${event}-A`, `${event}-B`]);
    expect(body.market_candlesticks[1].at(-1)).toMatchObject({ volume_fp: '2.00', price: { close_dollars: '0.2500' } });
    expect(body.market_candlesticks[0].every((c: any) => c.volume_fp === '0.00')).toBe(true);
    expect(body.adjusted_end_ts).toBe(start + 120);
  });
});
