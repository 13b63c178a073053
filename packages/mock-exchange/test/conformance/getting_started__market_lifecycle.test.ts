import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type EngineEvent } from '../../src/index.js';
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
    const userId = h.mock.exchange.userId('key-1');
    const { order } = h.mock.exchange.engine.placeOrder(userId, {
      ticker,
      side: 'bid',
      price: Dollars.parse('0.30'),
      count: Contracts.parse('2'),
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
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
