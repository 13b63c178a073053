import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { MatchingEngine, type Clock, type EngineEvent } from '../src/index.js';

/** A clock that moves 1 ms on every read, so that every read of it shows. */
function tickingClock(startMs: number): Clock & { reads: number } {
  const clock = {
    reads: 0,
    now: () => startMs + clock.reads++,
  };
  return clock;
}

describe('the engine clock within one operation', () => {
  it('stamps everything one order operation does with one instant, read once, and reads the clock afresh for the next', () => {
    const clock = tickingClock(1_767_225_600_000);
    const engine = new MatchingEngine({ clock });
    engine.createSeries({ ticker: 'KXCLK' });
    engine.createEvent({ eventTicker: 'KXCLK-26', seriesTicker: 'KXCLK' });
    engine.createMarket({ ticker: 'KXCLK-26-A', eventTicker: 'KXCLK-26', priceLevelStructure: 'linear_cent' });
    const [maker, taker] = [engine.addUser({ balance: Dollars.parse('100') }), engine.addUser({ balance: Dollars.parse('100') })];
    const order = { ticker: 'KXCLK-26-A', price: Dollars.parse('0.40'), count: Contracts.parse('2'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' } as const;
    const resting = engine.placeOrder(maker, { ...order, side: 'ask' });
    const stamps: number[] = [];
    engine.on((event: EngineEvent) => {
      if ('tsMs' in event) stamps.push(event.tsMs);
      if (event.type === 'trade') stamps.push(event.trade.createdMs);
      if (event.type === 'fill') stamps.push(event.fill.createdMs);
      if (event.type === 'order') stamps.push(event.order.updatedMs);
    });
    const readsBefore = clock.reads;
    const crossing = engine.placeOrder(taker, { ...order, side: 'bid', count: Contracts.parse('1') });
    // book_delta, trade, two fills, positions, the maker's and taker's order events, market_stats.
    expect(stamps.length).toBeGreaterThanOrEqual(7);
    expect(new Set([...stamps, crossing.order.createdMs, crossing.tsMs]).size).toBe(1);
    expect(clock.reads - readsBefore).toBe(1);
    expect(crossing.order.createdMs).toBeGreaterThan(resting.order.createdMs);
  });
});
