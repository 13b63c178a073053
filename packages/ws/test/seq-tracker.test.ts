import { describe, expect, it } from 'vitest';
import { GAP, IN_ORDER, OUT_OF_ORDER, SeqTracker } from '../src/seq-tracker.js';

describe('SeqTracker', () => {
  it.each<[string, { given: Array<number | undefined>; want: { orders: number[]; last: number | undefined } }]>([
    ['the first seq is in order, whatever it is', { given: [7], want: { orders: [IN_ORDER], last: 7 } }],
    ['consecutive', { given: [1, 2, 3], want: { orders: [IN_ORDER, IN_ORDER, IN_ORDER], last: 3 } }],
    ['a skip is a gap and becomes the last', { given: [1, 3, 4], want: { orders: [IN_ORDER, GAP, IN_ORDER], last: 4 } }],
    ['a repeat is out of order and is not taken', { given: [1, 2, 2, 3], want: { orders: [IN_ORDER, IN_ORDER, OUT_OF_ORDER, IN_ORDER], last: 3 } }],
    ['a step back is out of order', { given: [5, 4], want: { orders: [IN_ORDER, OUT_OF_ORDER], last: 5 } }],
    ['a frame without seq changes nothing', { given: [1, undefined, 2], want: { orders: [IN_ORDER, IN_ORDER, IN_ORDER], last: 2 } }],
  ])('%s', (_name, { given, want }) => {
    const t = new SeqTracker();
    expect({ orders: given.map((s) => t.check(s)), last: t.last }).toEqual(want);
  });

  it.each<[string, { given: { last: number | undefined; reply: number }; want: number | undefined }]>([
    ['takes a reply numbered next in the data sequence', { given: { last: 4, reply: 5 }, want: 5 }],
    ['ignores a reply numbered on its own', { given: { last: 4, reply: 1 }, want: 4 }],
    ['ignores a reply before any data', { given: { last: undefined, reply: 1 }, want: undefined }],
  ])('reply: %s', (_name, { given, want }) => {
    const t = new SeqTracker();
    if (given.last !== undefined) t.check(given.last);
    t.reply(given.reply);
    expect(t.last).toBe(want);
  });

  it('reset: the next seq starts a new sequence', () => {
    const t = new SeqTracker();
    t.check(9);
    t.reset();
    expect([t.last, t.check(1)]).toEqual([undefined, IN_ORDER]);
  });
});
