import { complement, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchingEngine, MockExchangeError, type Order } from '../src/index.js';

/**
 * Regressions: `Account.reserved` re-summed every resting order of the user on each read, and the
 * balance check of every order read it, so each order cost O(resting orders); a position's open
 * count and cost re-summed all its lots, read on every fill. Both are now running totals. These
 * drive the engine through long random sequences of every operation that moves held money or
 * positions (place, fill, cancel, decrease, amend, expire, pause, group trigger, settle) and check
 * after each step that the running totals equal sums recomputed from scratch.
 */

const USERS = ['u0', 'u1', 'u2'] as const;
/** Prices each market slot's orders pick from: whole cents, and the tapered market's 0.1¢ ends. */
const PRICES = [
  ['0.45', '0.47', '0.49', '0.50', '0.51', '0.53', '0.55'],
  ['0.005', '0.015', '0.095', '0.10', '0.50', '0.90', '0.905', '0.955', '0.995'],
] as const;
const STRUCTURES = ['linear_cent', 'tapered_deci_cent'] as const;

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const slot = fc.integer({ min: 0, max: 1 });
/** A count of 0.01 to 25.00 contracts, in hundredths. */
const hundredths = fc.integer({ min: 1, max: 2500 });
/** Which of the user's resting orders an operation acts on (modulo how many there are). */
const pick = fc.nat();

const step = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      user,
      slot,
      side: fc.constantFrom('bid' as const, 'ask' as const),
      price: fc.nat(),
      count: hundredths,
      timeInForce: fc.constantFrom('good_till_canceled' as const, 'good_till_canceled' as const, 'immediate_or_cancel' as const, 'fill_or_kill' as const),
      selfTradePrevention: fc.constantFrom('taker_at_cross' as const, 'maker' as const),
      postOnly: fc.constantFrom(false, false, false, true),
      reduceOnly: fc.constantFrom(false, false, false, true),
      inGroup: fc.boolean(),
      cancelOnPause: fc.boolean(),
      expiresInMs: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('cancel' as const), user, pick }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('decrease' as const), user, pick, by: hundredths, to: fc.boolean() }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('amend' as const), user, pick, price: fc.nat(), extra: hundredths }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancelAll' as const), user }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 4_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pause' as const), slot }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('group' as const), user, action: fc.constantFrom('trigger' as const, 'reset' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const), slot, result: fc.constantFrom('yes' as const, 'no' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** `'12.34'` from 1234 hundredths, without going through a float. */
const count = (h: number): Contracts => Contracts.parse(`${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`);

/** A fresh engine: three users with $300 each, two markets, one order group per user (limit 40 contracts). */
function setUp() {
  let nowMs = 1_800_000_000_000;
  const engine = new MatchingEngine({ clock: { now: () => nowMs } });
  engine.createSeries({ ticker: 'KXPROP' });
  engine.createEvent({ eventTicker: 'KXPROP-26DEC31', seriesTicker: 'KXPROP' });
  let created = 0;
  const newMarket = (s: number): string => {
    const ticker = `KXPROP-26DEC31-M${++created}`;
    engine.createMarket({ ticker, eventTicker: 'KXPROP-26DEC31', priceLevelStructure: STRUCTURES[s]! });
    return ticker;
  };
  const tickers = [newMarket(0), newMarket(1)];
  const groups = USERS.map((u) => {
    engine.addUser({ userId: u, balance: Dollars.parse('300') });
    return engine.createOrderGroup(u, { limit: Contracts.fromWhole(40) }).groupId;
  });
  const resting = (u: number): Order[] => engine.orders(USERS[u]!).filter((o) => o.status === 'resting');
  const nth = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

  const apply = (s: Step): void => {
    switch (s.kind) {
      case 'place': {
        const prices = PRICES[s.slot]!;
        const gtc = s.timeInForce === 'good_till_canceled';
        engine.placeOrder(USERS[s.user]!, {
          ticker: tickers[s.slot]!,
          side: s.side,
          price: Dollars.parse(prices[s.price % prices.length]!),
          count: count(s.count),
          timeInForce: s.timeInForce,
          selfTradePrevention: s.selfTradePrevention,
          postOnly: s.postOnly && gtc,
          reduceOnly: s.reduceOnly && s.timeInForce === 'immediate_or_cancel',
          cancelOnPause: s.cancelOnPause,
          ...(s.inGroup ? { orderGroupId: groups[s.user]! } : {}),
          ...(gtc && s.expiresInMs !== undefined ? { expirationMs: nowMs + s.expiresInMs } : {}),
        });
        return;
      }
      case 'cancel': {
        const order = nth(resting(s.user), s.pick);
        if (order !== undefined) engine.cancelOrder(USERS[s.user]!, order.orderId);
        return;
      }
      case 'decrease': {
        const order = nth(resting(s.user), s.pick);
        if (order === undefined) return;
        const by = count(s.by);
        const input = s.to ? { reduceTo: order.remaining.gt(by) ? order.remaining.minus(by) : Contracts.ZERO } : { reduceBy: by };
        engine.decreaseOrder(USERS[s.user]!, order.orderId, input);
        return;
      }
      case 'amend': {
        const order = nth(resting(s.user), s.pick);
        if (order === undefined) return;
        const prices = PRICES[tickers.indexOf(order.ticker)]!;
        engine.amendOrder(USERS[s.user]!, order.orderId, {
          ticker: order.ticker,
          side: order.side,
          price: Dollars.parse(prices[s.price % prices.length]!),
          count: order.filled.plus(count(s.extra)),
        });
        return;
      }
      case 'cancelAll':
        engine.cancelAll(USERS[s.user]!);
        return;
      case 'wait':
        // Orders past their expiration are swept by the next engine call.
        nowMs += s.ms;
        return;
      case 'pause':
        // Pausing cancels the cancel-on-pause orders; trading resumes at once.
        engine.setMarketPaused(tickers[s.slot]!, true);
        engine.setMarketPaused(tickers[s.slot]!, false);
        return;
      case 'group':
        if (s.action === 'trigger') engine.triggerOrderGroup(USERS[s.user]!, groups[s.user]!);
        else engine.resetOrderGroup(USERS[s.user]!, groups[s.user]!);
        return;
      case 'settle':
        engine.settleMarket(tickers[s.slot]!, s.result);
        tickers[s.slot] = newMarket(s.slot);
        return;
    }
  };
  return { engine, apply };
}

/** What the user's resting orders hold, summed from scratch: p per contract for a bid, 1 − p for an ask. */
function recomputedReserved(engine: MatchingEngine, userId: string): Dollars {
  let sum = Dollars.ZERO;
  for (const o of engine.orders(userId)) {
    if (o.status === 'resting') sum = sum.plus((o.side === 'bid' ? o.price : complement(o.price)).times(o.remaining));
  }
  return sum;
}

/**
 * A position replayed from scratch from the user's fills in one market: FIFO lots of one
 * outcome, a fill of the other outcome closing the oldest lots first. Empty once settled.
 */
function replayedPosition(engine: MatchingEngine, userId: string, ticker: string): { count: Contracts; cost: Dollars } {
  if (engine.getMarket(ticker)?.status === 'finalized') return { count: Contracts.ZERO, cost: Dollars.ZERO };
  let outcome = 'yes';
  const lots: Array<{ count: Contracts; unit: Dollars }> = [];
  for (const fill of engine.fills(userId)) {
    if (fill.ticker !== ticker) continue;
    const bought = fill.side === 'bid' ? 'yes' : 'no';
    let left = fill.count;
    if (bought !== outcome) {
      while (!left.isZero() && lots.length > 0) {
        const lot = lots[0]!;
        const take = left.min(lot.count);
        lot.count = lot.count.minus(take);
        left = left.minus(take);
        if (lot.count.isZero()) lots.shift();
      }
      if (!left.isZero()) outcome = bought;
    }
    if (!left.isZero()) lots.push({ count: left, unit: fill.side === 'bid' ? fill.price : complement(fill.price) });
  }
  return {
    count: lots.reduce((sum, lot) => sum.plus(lot.count), Contracts.ZERO),
    cost: lots.reduce((sum, lot) => sum.plus(lot.unit.times(lot.count)), Dollars.ZERO),
  };
}

/**
 * Runs long random step sequences on fresh engines, calling `check` after every step.
 * @returns how many orders were left resting, steps refused and fills made, over all runs.
 */
function checkAfterEveryStep(check: (engine: MatchingEngine, where: string) => void): { rested: number; refused: number; fills: number } {
  const seen = { rested: 0, refused: 0, fills: 0 };
  fc.assert(
    fc.property(fc.array(step, { maxLength: 300, size: 'max' }), (steps) => {
      const { engine, apply } = setUp();
      steps.forEach((s, i) => {
        try {
          apply(s);
        } catch (error) {
          // Refusals (insufficient balance, post-only cross, triggered group...) change
          // nothing; anything else is a bug.
          if (!(error instanceof MockExchangeError)) throw error;
          seen.refused++;
        }
        check(engine, `after step ${i} (${s.kind})`);
      });
      for (const u of USERS) {
        seen.rested += engine.orders(u).filter((o) => o.status === 'resting').length;
        seen.fills += engine.fills(u).length;
      }
    }),
    { numRuns: 40, seed: 20_260_101 },
  );
  return seen;
}

describe('regression: Account.reserved re-summed every resting order on each read', () => {
  it('keeps a running total equal to the recomputed sum through long random sequences of every operation', () => {
    const seen = checkAfterEveryStep((engine, where) => {
      for (const u of USERS) {
        const { reserved, cash, available } = engine.balance(u);
        // Held money is rounded up to the cent, so the free balance stays cent-aligned (fee_rounding).
        const want = recomputedReserved(engine, u).round(2, 'ceil');
        expect(reserved.eq(want), `${u} reserved ${where}`).toBe(true);
        expect(available.eq(cash.minus(want)), `${u} available ${where}`).toBe(true);
      }
    });
    // The sequences reach the cases that matter: orders left resting, refusals, fills.
    expect(seen.rested).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.fills).toBeGreaterThan(0);
  });
});

describe('regression: PositionState re-summed every lot for its count and cost on each fill', () => {
  it('keeps the open count and cost basis equal to a replay of the fills', () => {
    const seen = checkAfterEveryStep((engine, where) => {
      for (const u of USERS) {
        for (const position of engine.positions(u)) {
          const want = replayedPosition(engine, u, position.ticker);
          expect(position.net.count.eq(want.count), `${u} ${position.ticker} count ${where}`).toBe(true);
          expect(position.cost.eq(want.cost), `${u} ${position.ticker} cost ${where}`).toBe(true);
        }
      }
    });
    expect(seen.fills).toBeGreaterThan(0);
  });
});

describe('fee rounding keeps every balance in whole cents', () => {
  it('leaves cash and the free balance whole cents after every step, with net fees >= 0 that add up', () => {
    const seen = checkAfterEveryStep((engine, where) => {
      for (const u of USERS) {
        const { cash, available } = engine.balance(u);
        expect(cash.round(2, 'floor').eq(cash), `${u} cash ${cash.toString()} ${where}`).toBe(true);
        expect(available.round(2, 'floor').eq(available), `${u} available ${available.toString()} ${where}`).toBe(true);
        for (const fill of engine.fills(u)) {
          expect(fill.fee.isNegative(), `${u} fill ${fill.fillId} net fee ${where}`).toBe(false);
          expect(fill.fee.eq(fill.tradeFee.plus(fill.roundingFee).minus(fill.rebate)), `${u} fill ${fill.fillId} components`).toBe(true);
        }
      }
    });
    expect(seen.fills).toBeGreaterThan(0);
  });
});
