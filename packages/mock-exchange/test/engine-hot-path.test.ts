import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { toNextCent, tradeFee } from '../src/engine/fees.js';
import { randomIds } from '../src/engine/random-ids.js';
import { MatchingEngine } from '../src/index.js';

describe('engine ids', () => {
  it('are random version-4 UUIDs, all different', () => {
    const next = randomIds();
    const ids = Array.from({ length: 5_000 }, next);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("are the default id source of an engine's orders, fills and trades", () => {
    const engine = new MatchingEngine();
    engine.createSeries({ ticker: 'KXID' });
    engine.createEvent({ eventTicker: 'KXID-26', seriesTicker: 'KXID' });
    engine.createMarket({ ticker: 'KXID-26-A', eventTicker: 'KXID-26', priceLevelStructure: 'linear_cent' });
    const [a, b] = [engine.addUser({ balance: Dollars.parse('100') }), engine.addUser({ balance: Dollars.parse('100') })];
    const order = { ticker: 'KXID-26-A', price: Dollars.parse('0.5'), count: Contracts.parse('1'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' } as const;
    engine.placeOrder(a, { ...order, side: 'bid' });
    engine.placeOrder(b, { ...order, side: 'ask' });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const [fill] = engine.fills(b);
    for (const id of [a, b, fill!.orderId, fill!.fillId, fill!.tradeId]) expect(id).toMatch(uuid);
  });
});

describe('fees on the hot path', () => {
  const fee = (price: string, count: string, multiplier: Dollars, isTaker = true) =>
    tradeFee({ price: Dollars.parse(price), count: Contracts.parse(count), isTaker, feeType: 'quadratic_with_maker_fees', multiplier }).toString();

  it('gives the same fee for the same fill every time, per multiplier and side', () => {
    const one = Dollars.parse('1');
    const half = Dollars.parse('0.5');
    // 0.07 × 10 × 0.45 × 0.55 = 0.17325; rounded up to $0.0001.
    expect([fee('0.45', '10', one), fee('0.45', '10', one)]).toEqual(['0.1733', '0.1733']);
    expect(fee('0.45', '10', half)).toBe('0.0867');
    expect(fee('0.45', '10', one, false)).toBe('0.0434');
    // Counts past the memo's key range are computed exactly too.
    expect(fee('0.45', '100000000000000', one)).toBe('1732500000000.0000');
  });

  it('rounds up to the next cent in integers for 4-decimal amounts, and exactly beyond', () => {
    expect(toNextCent(Dollars.parse('0.7350')).toString()).toBe('0.0050');
    expect(toNextCent(Dollars.parse('0.73')).toString()).toBe('0.0000');
    expect(toNextCent(Dollars.parse('0.0001')).toString()).toBe('0.0099');
    expect(toNextCent(Dollars.parse('0.735001', undefined, { maxDecimals: 6 })).toString()).toBe('0.004999');
    expect(toNextCent(Dollars.parse('-0.7350')).toString()).toBe('0.0050');
  });
});
