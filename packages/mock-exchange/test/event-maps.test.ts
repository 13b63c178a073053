import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MatchingEngine, type EmittedMessage, type EngineEvent, type Fill, type FixTraffic, type Order } from '../src/index.js';

/** Every `EngineEvent` type; a `Record` over the union, so a missing or an extra name does not compile. */
const ENGINE_EVENT_TYPES: Readonly<Record<EngineEvent['type'], true>> = {
  order: true,
  fill: true,
  trade: true,
  book_delta: true,
  market_stats: true,
  position: true,
  market_lifecycle: true,
  event_created: true,
  order_group: true,
};

/** Compiles only while the mock's event maps are closed: these checks run in `pnpm typecheck` (tsc over test/). */
function misspeltEventsDoNotCompile(engine: MatchingEngine, hook: (message: EmittedMessage) => void): void {
  engine.on((event) => {
    // @ts-expect-error a misspelt engine event ('fil') must not compile
    if (event.type === 'fil') return;
    // @ts-expect-error a field of another event must not compile without narrowing
    void event.fill;
  });
  // @ts-expect-error a misspelt emitted-message kind ('wss') must not compile
  hook({ kind: 'wss', text: '', frame: undefined, malformed: false });
  const traffic = (t: FixTraffic): boolean =>
    // @ts-expect-error a misspelt FIX traffic direction ('inbound') must not compile
    t.direction === 'inbound';
  void traffic;
}

describe('event maps are closed', () => {
  it('EngineEvent, EmittedMessage and FixTraffic name exactly their events', () => {
    expectTypeOf<EngineEvent['type']>().toEqualTypeOf<
      'order' | 'fill' | 'trade' | 'book_delta' | 'market_stats' | 'position' | 'market_lifecycle' | 'event_created' | 'order_group'
    >();
    expectTypeOf<Extract<EngineEvent, { type: 'fill' }>['fill']>().toEqualTypeOf<Fill>();
    expectTypeOf<Extract<EngineEvent, { type: 'order' }>['order']>().toEqualTypeOf<Order>();
    expectTypeOf<Parameters<Parameters<MatchingEngine['on']>[0]>[0]>().toEqualTypeOf<EngineEvent>();
    expectTypeOf<EmittedMessage['kind']>().toEqualTypeOf<'rest' | 'ws'>();
    expectTypeOf<FixTraffic['direction']>().toEqualTypeOf<'in' | 'out'>();
    expect(typeof misspeltEventsDoNotCompile).toBe('function');
  });

  it('the engine emits every event of the map and no other', () => {
    let tick = 1_800_000_000_000;
    const engine = new MatchingEngine({ clock: { now: () => tick } });
    const seen = new Set<string>();
    engine.on((event) => seen.add(event.type));
    engine.createSeries({ ticker: 'KXEV' });
    engine.createEvent({ eventTicker: 'KXEV-26', seriesTicker: 'KXEV' });
    engine.createMarket({ ticker: 'KXEV-26-A', eventTicker: 'KXEV-26' });
    const [maker, taker] = [engine.addUser({ balance: Dollars.parse('100') }), engine.addUser({ balance: Dollars.parse('100') })];
    engine.createOrderGroup(maker, { limit: Contracts.fromWhole(50) });
    const order = { ticker: 'KXEV-26-A', price: Dollars.parse('0.40'), count: Contracts.fromWhole(5), selfTradePrevention: 'taker_at_cross' } as const;
    engine.placeOrder(maker, { ...order, side: 'bid', timeInForce: 'good_till_canceled' });
    tick += 1;
    engine.placeOrder(taker, { ...order, side: 'ask', timeInForce: 'immediate_or_cancel' });
    engine.settleMarket('KXEV-26-A', 'yes');
    expect([...seen].sort()).toEqual(Object.keys(ENGINE_EVENT_TYPES).sort());
  });
});
