import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { ManualClock, MatchingEngine, SystemClock, type Clock } from '../src/index.js';

/** A full garbage collection (V8's `gc`, exposed at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Makes an engine with an open market (its close-time timer pending) and a resting order, and keeps only a weak reference to it. */
function droppedEngine(clock: Clock): WeakRef<MatchingEngine> {
  const engine = new MatchingEngine({ clock });
  engine.createSeries({ ticker: 'KXMEM' });
  engine.createEvent({ eventTicker: 'KXMEM-26', seriesTicker: 'KXMEM' });
  engine.createMarket({ ticker: 'KXMEM-26-A', eventTicker: 'KXMEM-26', priceLevelStructure: 'linear_cent', closeTimeMs: clock.now() + 86_400_000 });
  const user = engine.addUser({ balance: Dollars.parse('100') });
  engine.placeOrder(user, {
    ticker: 'KXMEM-26-A',
    side: 'bid',
    price: Dollars.parse('0.40'),
    count: Contracts.parse('1'),
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
    expirationMs: clock.now() + 3_600_000,
  });
  return new WeakRef(engine);
}

describe('engine memory', () => {
  it.each([
    ['the system clock', () => new SystemClock()],
    ['a manual clock still held', () => new ManualClock(1_767_225_600_000)],
  ])('a dropped engine is garbage collected although its timers are pending on %s (market close, order expiry)', async (_, makeClock) => {
    const clock = makeClock();
    const engine = droppedEngine(clock);
    // A WeakRef's target lives at least until the end of the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(engine.deref()).toBeUndefined();
    expect(clock.now()).toBeGreaterThan(0);
  });

  it("still runs a held engine's timers (its market closes at its close time)", () => {
    const clock = new ManualClock(1_767_225_600_000);
    const engine = new MatchingEngine({ clock });
    engine.createSeries({ ticker: 'KXMEM' });
    engine.createEvent({ eventTicker: 'KXMEM-26', seriesTicker: 'KXMEM' });
    engine.createMarket({ ticker: 'KXMEM-26-A', eventTicker: 'KXMEM-26', priceLevelStructure: 'linear_cent', closeTimeMs: clock.now() + 60_000 });
    clock.advance(60_000);
    expect(engine.getMarket('KXMEM-26-A')?.status).toBe('closed');
  });
});
