import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type EngineEvent } from '../../src/index.js';
import { callControl } from '../support/control-client.js';
import { startHarness, type Harness } from '../support/harness.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1));
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 1, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const newTicker = (): string => `KXLIFE-26JAN01-M${++n}`;
/** A 2-contract bid at $0.30 resting on `ticker`, for key-1's user. */
const restingBid = (ticker: string) =>
  h.mock.exchange.engine.placeOrder(h.mock.exchange.userId('key-1'), {
    ticker,
    side: 'bid',
    price: Dollars.parse('0.30'),
    count: Contracts.parse('2'),
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
  }).order;
function record(): EngineEvent[] {
  const seen: EngineEvent[] = [];
  h.mock.exchange.engine.on((e) => seen.push(e));
  return seen;
}

describe('market open and close on the clock', () => {
  it('/getting_started/market_lifecycle: an initialized market opens when open_time passes, with no activated event', async () => {
    // Quote: "Transitions to `active` when `open_time` passes."
    // Quote: "There is no `activated` WebSocket event for this transition."
    const ticker = newTicker();
    const seen = record();
    h.mock.exchange.addMarket({ ticker, status: 'initialized', openTimeMs: clock.now() + 60_000 });
    clock.advance(59_999);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('initialized');
    clock.advance(1);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('active');
    expect(seen.filter((e) => e.type === 'market_lifecycle').map((e) => e.type === 'market_lifecycle' && e.eventType)).toEqual(['created']);
    const answer = await h.rest(0).get(`/markets/${ticker}`);
    expect(answer.body.market.status).toBe('active');
  });

  it('/getting_started/market_lifecycle: past close_time the market is closed, resting orders are canceled and new ones refused', async () => {
    // Quote: "Past `close_time`. No new orders accepted."
    // Quote: "Resting orders are cancelled shortly after close, and cancellation updates are published on the usual user channels."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + 3_600_000 });
    const order = restingBid(ticker);
    const seen = record();
    clock.advance(3_599_999);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('active');
    clock.advance(1);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('closed');
    const canceled = seen.find((e) => e.type === 'order' && e.order.orderId === order.orderId);
    expect(canceled?.type === 'order' && [canceled.order.status, canceled.order.lastUpdateReason]).toEqual(['canceled', 'CloseCancel']);
    const refused = await h.rest(0).post('/portfolio/events/orders', {
      ticker,
      side: 'bid',
      price: '0.30',
      count: '1',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('/getting_started/market_lifecycle: undocumented — no lifecycle event is sent when close_time passes', () => {
    // Undocumented: the page names events for deactivation, reopening, determination and settlement
    // but none for the close itself, so the mock sends none rather than invent one; status reads `closed`.
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + 1_000 });
    const seen = record();
    clock.advance(1_000);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('closed');
    expect(seen.filter((e) => e.type === 'market_lifecycle')).toEqual([]);
  });
});

describe('market lifecycle and the historical tier', () => {
  afterEach(() => h.mock.exchange.engine.history.cutoff.set(undefined));

  it('/getting_started/market_lifecycle: a settled market archived behind the cutoff is served by /historical/markets as finalized, with settlement_ts', async () => {
    // Quote: "In REST, settled markets end up at `finalized` rather than a separate `settled` status, and `settlement_ts` is populated."
    // Quote /getting_started/historical_data: "Markets and their candlesticks that settled before this timestamp are only available via `GET /historical/markets`"
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker });
    h.mock.exchange.settleMarket(ticker, 'no');
    const settledAt = clock.now();
    clock.advance(1000);
    h.mock.exchange.engine.history.cutoff.set({ marketSettledMs: clock.now() });
    const answer = await h.rest(0).get(`/historical/markets/${ticker}`);
    expect(answer.status).toBe(200);
    expect(answer.body.market).toMatchObject({ status: 'finalized', result: 'no', settlement_ts: new Date(settledAt).toISOString() });
  });

  it('/getting_started/market_lifecycle: a closed market awaiting determination has not settled, so it stays live whatever the cutoff', async () => {
    // Quote: "Past `close_time`. No new orders accepted. Awaiting determination."
    // Quote /getting_started/historical_data: "Markets and their candlesticks that settled before this timestamp are only available via `GET /historical/markets`"
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker });
    h.mock.exchange.engine.closeMarket(ticker);
    clock.advance(1000);
    h.mock.exchange.engine.history.cutoff.set({ marketSettledMs: clock.now() });
    expect((await h.rest(0).get(`/markets/${ticker}`)).body.market.status).toBe('closed');
    expect((await h.rest(0).get(`/historical/markets/${ticker}`)).status).toBe(404);
    const historical = await h.rest(0).get(`/historical/markets?tickers=${ticker}`);
    expect(historical.status).toBe(200);
    expect(historical.body.markets).toEqual([]);
  });
});

describe('close_time changes', () => {
  const lifecycleOf = (seen: EngineEvent[], ticker: string): string[] =>
    seen.flatMap((e) => (e.type === 'market_lifecycle' && e.ticker === ticker ? [e.eventType] : []));
  const HOUR = 3_600_000;

  it('/getting_started/market_lifecycle: moving close_time later sends close_date_updated, and the market closes at the new time, not the old one', async () => {
    // Quote: "Close time updated: `close_time` changes. Event: `close_date_updated`."
    // Quote: "`active` / `inactive` → `closed`: when `close_time` passes."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + HOUR });
    const seen = record();
    expect(h.mock.exchange.setMarketCloseTime(ticker, clock.now() + 2 * HOUR)).toBe(true);
    expect(lifecycleOf(seen, ticker)).toEqual(['close_date_updated']);
    clock.advance(HOUR);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('active');
    clock.advance(HOUR);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('closed');
    expect((await h.rest(0).get(`/markets/${ticker}`)).body.market.close_time).toBe(new Date(clock.now()).toISOString());
  });

  it('/getting_started/market_lifecycle: moving close_time earlier closes the market at the new time, with close_date_updated', () => {
    // Quote: "Close time updated: `close_time` changes. Event: `close_date_updated`."
    // Quote: "This can happen when a market is closed ahead of its scheduled close time, including before determination."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + 2 * HOUR });
    const seen = record();
    h.mock.exchange.setMarketCloseTime(ticker, clock.now() + HOUR);
    clock.advance(HOUR);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('closed');
    expect(lifecycleOf(seen, ticker)).toEqual(['close_date_updated']);
  });

  it('/getting_started/market_lifecycle: a close_time set to now closes the market ahead of schedule: close_date_updated, resting orders canceled', () => {
    // Quote: "This can happen when a market is closed ahead of its scheduled close time, including before determination."
    // Quote: "Resting orders are cancelled shortly after close, and cancellation updates are published on the usual user channels."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + HOUR });
    const order = restingBid(ticker);
    const seen = record();
    h.mock.exchange.setMarketCloseTime(ticker, clock.now());
    const market = h.mock.exchange.engine.getMarket(ticker)!;
    expect([market.status, market.closeMs]).toEqual(['closed', clock.now()]);
    expect(lifecycleOf(seen, ticker)).toEqual(['close_date_updated']);
    expect(h.mock.exchange.engine.getOrder(order.userId, order.orderId)).toMatchObject({ status: 'canceled', lastUpdateReason: 'CloseCancel' });
  });

  it('/getting_started/market_lifecycle: closing a market early (engine.closeMarket) sends close_date_updated', () => {
    // Quote: "This can happen when a market is closed ahead of its scheduled close time, including before determination."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + HOUR });
    const seen = record();
    h.mock.exchange.engine.closeMarket(ticker);
    expect(lifecycleOf(seen, ticker)).toEqual(['close_date_updated']);
    expect(h.mock.exchange.engine.getMarket(ticker)?.closeMs).toBe(clock.now());
  });

  it('/getting_started/market_lifecycle: determining a market before its close_time pulls close_time in with close_date_updated, before determined', async () => {
    // Quote: "This can happen when a market is closed ahead of its scheduled close time, including before determination."
    // Quote: "`closed` → `determined`: result is set. Event: `determined`."
    // Spec: asyncapi.yaml says close_ts is updated for markets determined early.
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + HOUR });
    const seen = record();
    h.mock.exchange.settleMarket(ticker, 'yes');
    expect(lifecycleOf(seen, ticker)).toEqual(['close_date_updated', 'determined', 'settled']);
    expect((await h.rest(0).get(`/markets/${ticker}`)).body.market.close_time).toBe(new Date(clock.now()).toISOString());
  });

  it('/getting_started/market_lifecycle: a closed market whose close_time is moved into the future reopens: close_date_updated, then activated', async () => {
    // Quote: "`closed` → reopened `active`: `close_time` is moved into the future. Events: `close_date_updated`, then `activated`."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + HOUR });
    clock.advance(HOUR);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('closed');
    const ws = await h.ws(0);
    const sid = (await ws.command('subscribe', { channels: ['market_lifecycle_v2'] })).msg.sid;
    const answer = await callControl(h.mock.port, 'POST', `markets/${ticker}/close_time`, { close_time: new Date(clock.now() + HOUR).toISOString() });
    expect(answer.body).toEqual({ ok: true, changed: true });
    const frames = await ws.waitForCount((f) => f.sid === sid && f.msg.market_ticker === ticker, 2);
    expect(frames.map((f) => f.msg)).toEqual([
      { market_ticker: ticker, event_type: 'close_date_updated', close_ts: (clock.now() + HOUR) / 1000 },
      { market_ticker: ticker, event_type: 'activated', is_deactivated: false },
    ]);
    expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.30', count: '1' })).status).toBe(201);
    clock.advance(HOUR);
    expect(h.mock.exchange.engine.getMarket(ticker)?.status).toBe('closed');
  });

  it('/getting_started/market_lifecycle: close_time may be moved earlier, so markets report can_close_early true', async () => {
    // Quote: "May be moved earlier if `can_close_early` is true."
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker });
    expect((await h.rest(0).get(`/markets/${ticker}`)).body.market.can_close_early).toBe(true);
  });

  it('/getting_started/market_lifecycle: undocumented — a close_time equal to the current one changes nothing and sends nothing', () => {
    // Undocumented: only a change of close_time is announced ("`close_time` changes"), so setting the same time is a no-op; a client never sees an event that changes nothing.
    const ticker = newTicker();
    h.mock.exchange.addMarket({ ticker, closeTimeMs: clock.now() + HOUR });
    const seen = record();
    expect(h.mock.exchange.setMarketCloseTime(ticker, clock.now() + HOUR)).toBe(false);
    expect(lifecycleOf(seen, ticker)).toEqual([]);
  });
});
