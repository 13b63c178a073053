import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ladder } from '../src/ladder.js';

const levels = (ladder: Ladder): Array<[number, number]> => Array.from({ length: ladder.length }, (_, i) => [ladder.price(i), ladder.size(i)]);

describe('Ladder', () => {
  it.each<[string, { given: Array<[number, number]>; want: Array<[number, number]> | undefined }]>([
    ['sorts snapshot levels by price', { given: [[4200, 550], [4000, 1000]], want: [[4000, 1000], [4200, 550]] }],
    ['an empty side', { given: [], want: [] }],
    ['refuses a repeated price', { given: [[4000, 100], [4000, 200]], want: undefined }],
    ['refuses a zero size', { given: [[4000, 0]], want: undefined }],
  ])('fromPairs: %s', (_name, { given, want }) => {
    const ladder = Ladder.fromPairs(given);
    expect(ladder === undefined ? undefined : levels(ladder)).toEqual(want);
  });

  it.each<[string, { given: Array<[number, number]>; want: Array<[number, number]>; ok: boolean[] }]>([
    ['inserts below, between and above', { given: [[5000, 100], [3000, 100], [4000, 100], [6000, 100]], want: [[3000, 100], [4000, 100], [5000, 100], [6000, 100]], ok: [true, true, true, true] }],
    ['removes a level that reaches zero', { given: [[5000, 100], [4000, 100], [5000, -100]], want: [[4000, 100]], ok: [true, true, true] }],
    ['refuses to go negative, changing nothing', { given: [[5000, 100], [5000, -101], [4000, -1]], want: [[5000, 100]], ok: [true, false, false] }],
    ['a zero delta at an empty price is a no-op', { given: [[5000, 0]], want: [], ok: [true] }],
  ])('apply: %s', (_name, { given, want, ok }) => {
    const ladder = new Ladder();
    expect(given.map(([p, d]) => ladder.apply(p, d))).toEqual(ok);
    expect(levels(ladder)).toEqual(want);
  });

  it('matches a map of levels over long runs, deep and near the top, past its capacity', () => {
    // Prices over the whole range (deep levels take the binary search, top ones the scan) and
    // sizes up to 2^40 hundredths (beyond int32) stay exact.
    const op = fc.record({ price: fc.integer({ min: 1, max: 9999 }), size: fc.integer({ min: 1, max: 2 ** 40 }), remove: fc.boolean(), near: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 40, maxLength: 400, size: 'max' }), (ops) => {
        const model = new Map<number, number>();
        const ladder = Ladder.fromPairs([]) as Ladder;
        for (const o of ops) {
          const top = Math.max(0, ...model.keys());
          const price = o.near && top > 0 ? Math.max(1, top - (o.price % 12)) : o.price;
          const current = model.get(price) ?? 0;
          const delta = o.remove && current > 0 ? -Math.min(current, o.size) : o.size;
          expect(ladder.apply(price, delta)).toBe(true);
          if (current + delta === 0) model.delete(price);
          else model.set(price, current + delta);
        }
        expect(levels(ladder)).toEqual([...model.entries()].sort((a, b) => a[0] - b[0]));
      }),
      { numRuns: 150 },
    );
  });
});
