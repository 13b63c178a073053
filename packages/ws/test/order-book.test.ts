import { TickSchedule } from '@kalshi-sdk/fixed-point';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, type OrderBookLevelsWire, type ResyncReason } from '../src/index.js';
import { delta, snapshot } from './support/frames.js';

const T = 'KXTEST-25DEC31-T50';

/** YES bids 0.40×10, 0.42×5.50; NO bids 0.55×3, 0.50×7.25 (own-leg prices). */
const levels = {
  yes: [
    ['0.4000', '10.00'],
    ['0.4200', '5.50'],
  ],
  no: [
    ['0.5500', '3.00'],
    ['0.5000', '7.25'],
  ],
};

function live(options: { useYesPrice?: boolean; tickSchedule?: TickSchedule } = {}, given: { yes?: string[][]; no?: string[][] } = levels): OrderBook {
  const book = new OrderBook({ marketTicker: T, ...options });
  expect(book.applySnapshot(snapshot(T, given))).toBe(true);
  return book;
}

const text = (l: { price: { toWire(): string }; size: { toWire(): string } } | undefined): string | undefined =>
  l === undefined ? undefined : `${l.price.toWire()}x${l.size.toWire()}`;

describe('OrderBook readers', () => {
  const book = live();

  it.each<[string, { given: () => unknown; want: unknown }]>([
    ['best YES bid', { given: () => text(book.bestBid('yes')), want: '0.4200x5.50' }],
    ['best NO bid', { given: () => text(book.bestBid('no')), want: '0.5500x3.00' }],
    ['best YES ask is 1 - best NO bid', { given: () => text(book.bestAsk('yes')), want: '0.4500x3.00' }],
    ['best NO ask is 1 - best YES bid', { given: () => text(book.bestAsk('no')), want: '0.5800x5.50' }],
    ['YES spread', { given: () => book.spread('yes')?.toWire(), want: '0.0300' }],
    ['NO spread', { given: () => book.spread('no')?.toWire(), want: '0.0300' }],
    ['YES bids best first', { given: () => book.bids('yes').map(text), want: ['0.4200x5.50', '0.4000x10.00'] }],
    ['YES asks best first', { given: () => book.asks('yes').map(text), want: ['0.4500x3.00', '0.5000x7.25'] }],
    ['NO asks best first', { given: () => book.asks('no').map(text), want: ['0.5800x5.50', '0.6000x10.00'] }],
    ['state', { given: () => [book.state, book.stale, book.seq, book.version, book.marketId], want: ['live', false, 1, 1, `id-${T}`] }],
  ])('%s', (_name, { given, want }) => {
    expect(given()).toEqual(want);
  });

  it('has no best prices or spread on an empty side', () => {
    const empty = live({}, { yes: [['0.3000', '1.00']], no: [] });
    expect([empty.bestBid('no'), empty.bestAsk('yes'), empty.spread('yes')]).toEqual([undefined, undefined, undefined]);
    expect(text(empty.bestAsk('no'))).toBe('0.7000x1.00');
  });
});

describe('OrderBook price conventions', () => {
  it('builds the same book from use_yes_price true and false frames', () => {
    const legacy = live({ useYesPrice: false });
    // The same NO bids (0.55, 0.50 in NO-leg pricing) reported in YES-leg pricing: 0.45, 0.50.
    const unified = live({ useYesPrice: true }, { yes: levels.yes, no: [['0.4500', '3.00'], ['0.5000', '7.25']] });
    expect(unified.toJSON()).toEqual(legacy.toJSON());
    legacy.applyDelta(delta(T, 'no', '0.5300', '4.00'));
    unified.applyDelta(delta(T, 'no', '0.4700', '4.00'));
    expect(unified.toJSON()).toEqual(legacy.toJSON());
    expect(text(unified.bestAsk('yes'))).toBe('0.4500x3.00');
    expect(text(unified.bestBid('no'))).toBe('0.5500x3.00');
  });
});

describe('OrderBook.applyDelta', () => {
  it.each<[string, { given: Array<['yes' | 'no', string, string]>; want: Pick<OrderBookLevelsWire, 'yes_dollars_fp' | 'no_dollars_fp'> }]>([
    [
      'adds to a level',
      { given: [['yes', '0.4200', '1.25']], want: { yes_dollars_fp: [['0.4000', '10.00'], ['0.4200', '6.75']], no_dollars_fp: [['0.5000', '7.25'], ['0.5500', '3.00']] } },
    ],
    [
      'opens a level',
      { given: [['yes', '0.4100', '2.00']], want: { yes_dollars_fp: [['0.4000', '10.00'], ['0.4100', '2.00'], ['0.4200', '5.50']], no_dollars_fp: [['0.5000', '7.25'], ['0.5500', '3.00']] } },
    ],
    [
      'removes a level that reaches zero',
      { given: [['no', '0.5500', '-3.00']], want: { yes_dollars_fp: [['0.4000', '10.00'], ['0.4200', '5.50']], no_dollars_fp: [['0.5000', '7.25']] } },
    ],
    [
      'keeps subpenny prices exact',
      { given: [['yes', '0.4250', '0.01'], ['yes', '0.4250', '0.50']], want: { yes_dollars_fp: [['0.4000', '10.00'], ['0.4200', '5.50'], ['0.4250', '0.51']], no_dollars_fp: [['0.5000', '7.25'], ['0.5500', '3.00']] } },
    ],
  ])('%s', (_name, { given, want }) => {
    const book = live();
    given.forEach(([side, price, d], i) => expect(book.applyDelta(delta(T, side, price, d, i + 2))).toBe(true));
    expect(book.toJSON()).toEqual({ market_ticker: T, ...want });
    expect(book.seq).toBe(given.length + 1);
    expect(book.version).toBe(given.length + 1);
  });

  it.each<[string, { given: ReturnType<typeof delta>; want: ResyncReason }]>([
    ['a level would go negative', { given: delta(T, 'yes', '0.4200', '-6.00'), want: 'book_inconsistent' }],
    ['a removal at an empty price', { given: delta(T, 'no', '0.6000', '-1.00'), want: 'book_inconsistent' }],
    ['a price that is not a decimal', { given: delta(T, 'yes', '0.4x', '1.00'), want: 'malformed_frame' }],
    ['a price of 1', { given: delta(T, 'yes', '1.0000', '1.00'), want: 'malformed_frame' }],
    ['a count with 3 decimals', { given: delta(T, 'yes', '0.4200', '1.001'), want: 'malformed_frame' }],
    ['an unknown side', { given: { ...delta(T, 'yes', '0.4200', '1.00'), msg: { ...delta(T, 'yes', '0.4200', '1.00').msg, side: 'maybe' as 'yes' } }, want: 'malformed_frame' }],
    ['another market', { given: delta('OTHER', 'yes', '0.4200', '1.00'), want: 'malformed_frame' }],
  ])('goes stale, unchanged, on %s', (_name, { given, want }) => {
    const book = live();
    const before = book.toJSON();
    const events: string[] = [];
    book.on('stale', (e) => events.push(e.reason));
    expect(book.applyDelta(given)).toBe(false);
    expect([book.state, book.staleReason, events]).toEqual(['stale', want, [want]]);
    expect(book.toJSON()).toEqual(before);
    expect(book.version).toBe(1);
  });

  it('ignores deltas while stale and emits resynced when a snapshot rebuilds it', () => {
    const book = live();
    const resynced: string[] = [];
    book.on('resynced', (e) => resynced.push(e.reason));
    book.markStale('sequence_gap');
    expect(book.applyDelta(delta(T, 'yes', '0.4200', '1.00'))).toBe(false);
    expect(book.toJSON().yes_dollars_fp).toEqual(levels.yes);
    expect(book.applySnapshot(snapshot(T, { yes: [['0.3000', '1.00']] }, 9))).toBe(true);
    expect([book.state, book.seq, resynced]).toEqual(['live', 9, ['sequence_gap']]);
    expect(book.toJSON()).toEqual({ market_ticker: T, yes_dollars_fp: [['0.3000', '1.00']], no_dollars_fp: [] });
  });

  it('waits for a snapshot before applying deltas', () => {
    const book = new OrderBook({ marketTicker: T });
    expect(book.applyDelta(delta(T, 'yes', '0.4200', '1.00'))).toBe(false);
    expect(book.state).toBe('empty');
  });
});

describe('OrderBook.applySnapshot', () => {
  it.each<[string, { yes?: string[][]; no?: string[][] }]>([
    ['a malformed price', { yes: [['0.4O00', '1.00']] }],
    ['a repeated price', { yes: [['0.4000', '1.00'], ['0.4000', '2.00']] }],
    ['a zero size', { no: [['0.5000', '0.00']] }],
    ['a price of 0', { no: [['0.0000', '1.00']] }],
    ['a negative count', { yes: [['0.4000', '-1.00']] }],
    ['a level that is not a pair', { yes: ['0.4000' as unknown as string[]] }],
  ])('refuses %s and keeps the previous levels', (_name, given) => {
    const book = live();
    const before = book.toJSON();
    expect(book.applySnapshot(snapshot(T, given, 5))).toBe(false);
    expect([book.state, book.staleReason, book.seq]).toEqual(['stale', 'malformed_frame', 1]);
    expect(book.toJSON()).toEqual(before);
  });

  it('treats a missing side as empty', () => {
    const book = live({}, {});
    expect(book.toJSON()).toEqual({ market_ticker: T, yes_dollars_fp: [], no_dollars_fp: [] });
  });
});

describe('OrderBook.depth', () => {
  const ladder = {
    yes: [
      ['0.3000', '100.00'],
      ['0.3900', '1.00'],
      ['0.4000', '10.00'],
      ['0.4200', '5.50'],
    ],
    no: [
      ['0.5500', '3.00'],
      ['0.5300', '2.00'],
    ],
  };

  it.each<[string, { side: 'yes' | 'no'; of: 'bids' | 'asks'; ticks: number; want: string }]>([
    ['best YES bid only', { side: 'yes', of: 'bids', ticks: 0, want: '5.50' }],
    ['YES bids within 2 ticks', { side: 'yes', of: 'bids', ticks: 2, want: '15.50' }],
    ['YES bids within 3 ticks', { side: 'yes', of: 'bids', ticks: 3, want: '16.50' }],
    ['YES bids within 12 ticks', { side: 'yes', of: 'bids', ticks: 12, want: '116.50' }],
    ['YES asks within 1 tick', { side: 'yes', of: 'asks', ticks: 1, want: '3.00' }],
    ['YES asks within 2 ticks', { side: 'yes', of: 'asks', ticks: 2, want: '5.00' }],
    ['NO asks within 2 ticks', { side: 'no', of: 'asks', ticks: 2, want: '15.50' }],
  ])('%s', (_name, { side, of, ticks, want }) => {
    expect(live({}, ladder).depth({ side, of, ticks }).toWire()).toBe(want);
  });

  it('counts ticks with the market schedule (tapered_deci_cent)', () => {
    const tapered = TickSchedule.fromMarket({ price_level_structure: 'tapered_deci_cent' });
    const book = live({ tickSchedule: tapered }, { yes: [['0.0950', '1.00'], ['0.0990', '2.00'], ['0.1000', '4.00'], ['0.1100', '8.00']] });
    // 0.11 -> 0.10 is one $0.01 tick; 0.10 -> 0.099 one $0.001 tick; 0.099 -> 0.095 four more.
    expect([0, 1, 2, 5, 6].map((ticks) => book.depth({ side: 'yes', of: 'bids', ticks }).toWire())).toEqual([
      '8.00',
      '12.00',
      '14.00',
      '14.00',
      '15.00',
    ]);
  });

  it('is zero on an empty side and refuses negative ticks', () => {
    const book = live({}, { yes: [['0.5000', '1.00']] });
    expect(book.depth({ side: 'no', of: 'bids', ticks: 5 }).toWire()).toBe('0.00');
    expect(() => book.depth({ side: 'yes', of: 'bids', ticks: -1 })).toThrow(RangeError);
  });
});

describe('OrderBook against a model', () => {
  const price = fc.integer({ min: 1, max: 99 }).map((c) => `0.${String(c).padStart(2, '0')}00`);
  const op = fc.record({ side: fc.constantFrom<'yes' | 'no'>('yes', 'no'), price, size: fc.integer({ min: 1, max: 50_000 }), remove: fc.boolean() });

  it('matches a map of levels after every delta, and listeners only see whole updates', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.boolean(), (ops, useYesPrice) => {
        const model = { yes: new Map<string, number>(), no: new Map<string, number>() };
        const wireOf = (): Pick<OrderBookLevelsWire, 'yes_dollars_fp' | 'no_dollars_fp'> => {
          const side = (m: Map<string, number>): Array<[string, string]> =>
            [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([p, h]) => [p, `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`]);
          return { yes_dollars_fp: side(model.yes), no_dollars_fp: side(model.no) };
        };
        const book = new OrderBook({ marketTicker: T, useYesPrice });
        let seen = 0;
        book.on('update', (b) => {
          seen++;
          expect(b.toJSON()).toEqual({ market_ticker: T, ...wireOf() });
        });
        book.applySnapshot(snapshot(T, {}));
        let seq = 1;
        for (const o of ops) {
          const current = model[o.side].get(o.price) ?? 0;
          const change = o.remove && current > 0 ? -Math.min(current, o.size) : o.size;
          const next = current + change;
          if (next === 0) model[o.side].delete(o.price);
          else model[o.side].set(o.price, next);
          const wirePrice = o.side === 'no' && useYesPrice ? `0.${String(100 - Number(o.price.slice(2, 4))).padStart(2, '0')}00` : o.price;
          const text = `${change < 0 ? '-' : ''}${Math.floor(Math.abs(change) / 100)}.${String(Math.abs(change) % 100).padStart(2, '0')}`;
          expect(book.applyDelta(delta(T, o.side, wirePrice, text, ++seq))).toBe(true);
        }
        expect(book.toJSON()).toEqual({ market_ticker: T, ...wireOf() });
        expect(seen).toBe(ops.length + 1);
      }),
      { numRuns: 100 },
    );
  });
});
