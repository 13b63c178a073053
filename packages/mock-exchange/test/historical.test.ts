import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

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

function tradedMarket(): string {
  const ticker = `KXHP-26JAN01-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  const engine = h.mock.exchange.engine;
  const base = { ticker, price: Dollars.parse('0.60'), count: Contracts.parse('2'), selfTradePrevention: 'taker_at_cross' } as const;
  engine.placeOrder(h.mock.exchange.userId('key-1'), { ...base, side: 'bid', timeInForce: 'good_till_canceled' });
  engine.placeOrder(h.mock.exchange.userId('key-2'), { ...base, side: 'ask', timeInForce: 'immediate_or_cancel' });
  return ticker;
}

describe('GET /historical/positions', () => {
  it('serves the positions in settled markets last updated before the positions cutoff, and no others', async () => {
    const settled = tradedMarket();
    const open = tradedMarket();
    h.mock.exchange.settleMarket(settled, 'yes');
    clock.advance(1000);
    h.mock.exchange.engine.history.cutoff.set({ positionsUpdatedMs: clock.now() });
    const { status, body } = await h.rest(0).get('/historical/positions');
    expect(status).toBe(200);
    expect(body.market_positions.map((p: { ticker: string }) => p.ticker)).toEqual([settled]);
    expect(body.market_positions[0]).toMatchObject({ total_traded_dollars: '1.2000' });
    expect(body.event_positions.map((p: { event_ticker: string }) => p.event_ticker)).toEqual(['KXHP-26JAN01']);
    expect(body.market_positions.map((p: { ticker: string }) => p.ticker)).not.toContain(open);
    const filtered = await h.rest(0).get(`/historical/positions?ticker=${open}`);
    expect(filtered.body.market_positions).toEqual([]);
  });

  it('needs the signed headers', async () => {
    expect((await fetch(`${h.mock.restUrl}/historical/positions`)).status).toBe(401);
    expect((await fetch(`${h.mock.restUrl}/historical/orders`)).status).toBe(401);
    expect((await fetch(`${h.mock.restUrl}/historical/fills`)).status).toBe(401);
  });
});

describe('GET /historical/cutoff with the clock', () => {
  it('a fill moves behind the default cutoff once the clock passes three months, with no pinning', async () => {
    const ticker = tradedMarket();
    expect((await h.rest(0).get(`/historical/fills?ticker=${ticker}`)).body.fills).toEqual([]);
    clock.advance(93 * 86_400_000);
    expect((await h.rest(0).get(`/historical/fills?ticker=${ticker}`)).body.fills).toHaveLength(1);
    expect((await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills).toEqual([]);
  });
});

describe('bad input on the history endpoints', () => {
  it.each([
    ['/historical/trades?cursor=not-a-cursor', 400],
    ['/historical/trades?limit=1001', 400],
    ['/historical/markets?limit=-1', 400],
    ['/historical/orders?subaccount=64', 400],
    ['/historical/fills?min_ts=yesterday', 400],
    ['/events/fee_changes?limit=0', 400],
    ['/markets/candlesticks?market_tickers=A&start_ts=10&end_ts=5&period_interval=1', 400],
    ['/markets/candlesticks?market_tickers=A&start_ts=0&end_ts=5&period_interval=0', 400],
    ['/historical/markets/NOPE', 404],
    ['/historical/markets/NOPE/candlesticks?start_ts=0&end_ts=5&period_interval=1', 404],
  ])('GET %s answers %i with a Kalshi error body', async (path, status) => {
    const answer = await h.rest(0).get(path);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
