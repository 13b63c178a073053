import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type EngineEvent } from '../src/index.js';
import { startHarness, type Harness } from './support/harness.js';

const START = Date.UTC(2026, 0, 1);
const clock = new ManualClock(START);
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(extra: { openTimeMs?: number; closeTimeMs?: number; status?: 'initialized' } = {}): string {
  const ticker = `KXCLOCK-26JAN01-M${++n}`;
  h.mock.exchange.addMarket({ ticker, ...extra });
  return ticker;
}

function record(): EngineEvent[] {
  const seen: EngineEvent[] = [];
  h.mock.exchange.engine.on((e) => seen.push(e));
  return seen;
}

const bid = (ticker: string, price: string, more: { expirationMs?: number } = {}) =>
  h.mock.exchange.engine.placeOrder(h.mock.exchange.userId('key-1'), {
    ticker,
    side: 'bid',
    price: Dollars.parse(price),
    count: Contracts.parse('5'),
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
    ...more,
  });

describe('the engine on a virtual clock', () => {
  it('cancels an expiring order when the clock passes its expiration, with no request arriving', async () => {
    const ticker = market();
    const seen = record();
    const { order } = bid(ticker, '0.40', { expirationMs: clock.now() + 60_000 });
    clock.advance(59_999);
    expect(seen.some((e) => e.type === 'order' && e.order.status === 'canceled')).toBe(false);
    clock.advance(1);
    const canceled = seen.find((e) => e.type === 'order' && e.order.orderId === order.orderId && e.order.status === 'canceled');
    expect(canceled).toBeDefined();
    expect(canceled?.type === 'order' && canceled.order.lastUpdateReason).toBe('ExpiryCancel');
    const answer = await h.rest(0).get(`/portfolio/orders/${order.orderId}`);
    expect(answer.body.order.status).toBe('canceled');
  });

  it('settles a market at its scheduled settlement time and not before', () => {
    const ticker = market();
    const engine = h.mock.exchange.engine;
    engine.scheduleSettlement(ticker, 'yes', clock.now() + 3_600_000);
    clock.advance(3_599_999);
    expect(engine.getMarket(ticker)?.status).toBe('active');
    clock.advance(1);
    expect(engine.getMarket(ticker)?.status).toBe('finalized');
    expect(engine.getMarket(ticker)?.settledMs).toBe(clock.now());
  });

  it('refuses a settlement schedule for an unknown market or a non-finite time', () => {
    const engine = h.mock.exchange.engine;
    expect(() => engine.scheduleSettlement('NOPE', 'yes', clock.now())).toThrow(expect.objectContaining({ code: 'MARKET_NOT_FOUND' }));
    const ticker = market();
    expect(() => engine.scheduleSettlement(ticker, 'no', Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'atMs' }));
  });

  it('measures the order group 15 s window on the injected clock', () => {
    const ticker = market();
    const engine = h.mock.exchange.engine;
    const buyer = h.mock.exchange.userId('key-1');
    const seller = h.mock.exchange.userId('key-2');
    const group = engine.createOrderGroup(buyer, { limit: Contracts.parse('10') });
    const sell = () =>
      engine.placeOrder(seller, { ticker, side: 'ask', price: Dollars.parse('0.50'), count: Contracts.parse('6'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
    const buy = () =>
      engine.placeOrder(buyer, {
        ticker,
        side: 'bid',
        price: Dollars.parse('0.50'),
        count: Contracts.parse('6'),
        timeInForce: 'immediate_or_cancel',
        selfTradePrevention: 'taker_at_cross',
        orderGroupId: group.groupId,
      });
    sell();
    buy();
    clock.advance(15_001); // the first 6 left the window: 6 more stay under the limit of 10
    sell();
    buy();
    expect(engine.getOrderGroup(buyer, group.groupId).triggered).toBe(false);
  });
});
