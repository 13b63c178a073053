import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

/** One V2 order: `u` is the user index, the rest is the request body minus the ticker. */
interface Given {
  readonly u: number;
  readonly side: 'bid' | 'ask';
  readonly price: string;
  readonly count: string;
  readonly time_in_force?: string;
  readonly self_trade_prevention_type?: string;
  readonly post_only?: boolean;
  readonly reduce_only?: boolean;
}

/** What each order's answer should be: status, and for 201s fill and remaining counts. */
type WantAnswer = readonly [status: number, fill?: string, remaining?: string, averagePrice?: string];

interface Case {
  readonly structure?: 'linear_cent' | 'tapered_deci_cent';
  readonly given: readonly Given[];
  readonly want: {
    readonly answers: readonly WantAnswer[];
    /** `[yes_dollars, no_dollars]` levels of GET orderbook afterwards. */
    readonly book: readonly [yes: ReadonlyArray<readonly [string, string]>, no: ReadonlyArray<readonly [string, string]>];
    /** Total contracts filled per user index. */
    readonly filled?: Readonly<Record<number, string>>;
  };
}

const bid = (u: number, price: string, count: string, more: Partial<Given> = {}): Given => ({ u, side: 'bid', price, count, ...more });
const ask = (u: number, price: string, count: string, more: Partial<Given> = {}): Given => ({ u, side: 'ask', price, count, ...more });
const IOC = { time_in_force: 'immediate_or_cancel' } as const;
const FOK = { time_in_force: 'fill_or_kill' } as const;

const cases: Array<[string, Case]> = [
  [
    'orders that do not cross both rest',
    { given: [bid(0, '0.40', '10'), ask(1, '0.45', '5')], want: { answers: [[201, '0.00', '10.00'], [201, '0.00', '5.00']], book: [[['0.4000', '10.00']], [['0.5500', '5.00']]] } },
  ],
  [
    'a crossing ask fills at the resting bid price',
    { given: [bid(0, '0.40', '10'), ask(1, '0.38', '4')], want: { answers: [[201], [201, '4.00', '0.00', '0.4000']], book: [[['0.4000', '6.00']], []] } },
  ],
  [
    'a partial fill rests the remainder',
    { given: [bid(0, '0.40', '3'), ask(1, '0.40', '5')], want: { answers: [[201], [201, '3.00', '2.00', '0.4000']], book: [[], [['0.6000', '2.00']]] } },
  ],
  [
    'price then time priority',
    {
      given: [bid(0, '0.40', '2'), bid(2, '0.41', '2'), bid(0, '0.41', '3'), ask(1, '0.40', '4')],
      want: { answers: [[201], [201], [201], [201, '4.00', '0.00', '0.4100']], book: [[['0.4000', '2.00'], ['0.4100', '1.00']], []], filled: { 0: '2.00', 1: '4.00', 2: '2.00' } },
    },
  ],
  [
    'the taker walks the book best price first',
    {
      given: [ask(0, '0.45', '1'), ask(0, '0.43', '1'), ask(0, '0.44', '1'), bid(1, '0.45', '3')],
      want: { answers: [[201], [201], [201], [201, '3.00', '0.00', '0.4400']], book: [[], []] },
    },
  ],
  [
    'a YES bid at 0.30 crosses a NO bid at 0.70 (an ask at 0.30)',
    { given: [bid(0, '0.30', '5'), ask(1, '0.30', '5')], want: { answers: [[201], [201, '5.00', '0.00', '0.3000']], book: [[], []] } },
  ],
  [
    'a YES bid at 0.30 does not cross a NO bid at 0.69',
    { given: [bid(0, '0.30', '5'), ask(1, '0.31', '5')], want: { answers: [[201], [201, '0.00', '5.00']], book: [[['0.3000', '5.00']], [['0.6900', '5.00']]] } },
  ],
  [
    'post-only that would cross is rejected',
    { given: [bid(0, '0.40', '3'), ask(1, '0.40', '1', { post_only: true })], want: { answers: [[201], [400]], book: [[['0.4000', '3.00']], []] } },
  ],
  [
    'post-only that does not cross rests',
    { given: [bid(0, '0.40', '3'), ask(1, '0.41', '1', { post_only: true })], want: { answers: [[201], [201, '0.00', '1.00']], book: [[['0.4000', '3.00']], [['0.5900', '1.00']]] } },
  ],
  [
    'immediate-or-cancel fills what it can and cancels the rest',
    { given: [bid(0, '0.40', '3'), ask(1, '0.40', '5', IOC)], want: { answers: [[201], [201, '3.00', '0.00']], book: [[], []] } },
  ],
  [
    'fill-or-kill without enough volume fills nothing',
    { given: [bid(0, '0.40', '3'), ask(1, '0.40', '5', FOK)], want: { answers: [[201], [201, '0.00', '0.00']], book: [[['0.4000', '3.00']], []] } },
  ],
  [
    'fill-or-kill with enough volume across levels fills it all',
    {
      given: [bid(0, '0.40', '3'), bid(0, '0.39', '3'), ask(1, '0.39', '5', FOK)],
      want: { answers: [[201], [201], [201, '5.00', '0.00', '0.3960']], book: [[['0.3900', '1.00']], []] },
    },
  ],
  [
    'self-trade taker_at_cross cancels the taker',
    { given: [bid(0, '0.40', '3'), ask(0, '0.40', '2')], want: { answers: [[201], [201, '0.00', '0.00']], book: [[['0.4000', '3.00']], []] } },
  ],
  [
    'self-trade taker_at_cross keeps fills made before reaching the own order',
    {
      given: [bid(1, '0.41', '1'), bid(0, '0.40', '3'), ask(0, '0.40', '5')],
      want: { answers: [[201], [201], [201, '1.00', '0.00', '0.4100']], book: [[['0.4000', '3.00']], []] },
    },
  ],
  [
    'self-trade maker cancels the resting own order and keeps matching',
    {
      given: [bid(0, '0.40', '3'), bid(1, '0.39', '2'), ask(0, '0.39', '4', { self_trade_prevention_type: 'maker' })],
      want: { answers: [[201], [201], [201, '2.00', '2.00', '0.3900']], book: [[], [['0.6100', '2.00']]] },
    },
  ],
  [
    'fill-or-kill counts own orders as volume, then keeps the fills made before a self-cross',
    {
      given: [bid(1, '0.41', '1'), bid(0, '0.40', '5'), ask(0, '0.40', '2', FOK)],
      want: { answers: [[201], [201], [201, '1.00', '0.00', '0.4100']], book: [[['0.4000', '5.00']], []] },
    },
  ],
  [
    'reduce-only needs immediate-or-cancel',
    { given: [ask(0, '0.40', '1', { reduce_only: true })], want: { answers: [[400]], book: [[], []] } },
  ],
  [
    'reduce-only with no position to reduce fills nothing',
    { given: [bid(1, '0.40', '3'), ask(0, '0.40', '1', { ...IOC, reduce_only: true })], want: { answers: [[201], [201, '0.00', '0.00']], book: [[['0.4000', '3.00']], []] } },
  ],
  [
    'reduce-only is capped at the position',
    {
      given: [bid(0, '0.40', '3'), ask(1, '0.40', '3'), bid(1, '0.45', '10'), ask(0, '0.45', '5', { ...IOC, reduce_only: true })],
      want: { answers: [[201], [201, '3.00', '0.00'], [201], [201, '3.00', '0.00', '0.4500']], book: [[['0.4500', '7.00']], []] },
    },
  ],
  [
    'fractional counts at sub-penny prices',
    {
      structure: 'tapered_deci_cent',
      given: [bid(0, '0.055', '2.5'), ask(1, '0.055', '1.25'), ask(1, '0.951', '0.01')],
      want: { answers: [[201], [201, '1.25', '0.00', '0.0550'], [201, '0.00', '0.01']], book: [[['0.0550', '1.25']], [['0.0490', '0.01']]] },
    },
  ],
  [
    'a sub-penny price on a one-cent market is rejected',
    { given: [bid(0, '0.055', '1')], want: { answers: [[400]], book: [[], []] } },
  ],
  [
    'a sub-penny price inside the one-cent band of a tapered market is rejected',
    { structure: 'tapered_deci_cent', given: [bid(0, '0.405', '1')], want: { answers: [[400]], book: [[], []] } },
  ],
  [
    'a count finer than 0.01 is rejected',
    { given: [bid(0, '0.40', '1.005')], want: { answers: [[400]], book: [[], []] } },
  ],
];

describe('matching', () => {
  let n = 0;
  it.each(cases)('%s', async (_name, { structure, given, want }) => {
    const ticker = `KXMATCH-CASE${++n}`;
    h.mock.exchange.addMarket({ ticker, priceLevelStructure: structure ?? 'linear_cent' });
    const answers = [];
    for (const g of given) {
      const { u, ...order } = g;
      answers.push(await h.rest(u).order({ ticker, ...order }));
    }
    answers.forEach((answer, i) => {
      const [status, fill, remaining, average] = want.answers[i]!;
      expect(answer.status, `order ${i}: ${JSON.stringify(answer.body)}`).toBe(status);
      if (fill !== undefined) expect(answer.body.fill_count, `order ${i} fill_count`).toBe(fill);
      if (remaining !== undefined) expect(answer.body.remaining_count, `order ${i} remaining_count`).toBe(remaining);
      if (average !== undefined) expect(answer.body.average_fill_price, `order ${i} average_fill_price`).toBe(average);
    });
    const book = await h.rest(0).get(`/markets/${ticker}/orderbook`);
    expect([book.body.orderbook_fp.yes_dollars, book.body.orderbook_fp.no_dollars]).toEqual(want.book);
    for (const [u, count] of Object.entries(want.filled ?? {})) {
      const fills = await h.rest(Number(u)).get(`/portfolio/fills?ticker=${ticker}`);
      const total = fills.body.fills.reduce((sum: number, f: { count_fp: string }) => sum + Math.round(Number(f.count_fp) * 100), 0);
      expect((total / 100).toFixed(2), `user ${u} filled`).toBe(count);
    }
  });

  it.each([
    ['a post-only cross', { price: '0.40', post_only: true }, 'invalid_order'],
    ['a bad tick', { price: '0.401' }, 'invalid_order'],
    ['a missing ticker', { ticker: undefined }, 'missing_parameters'],
    ['a missing side', { side: undefined }, 'invalid_order'],
    ['a count of the wrong JSON type', { count: 5 }, 'bad_request'],
    ['an unknown market', { ticker: 'KXNOPE-1' }, 'market_not_found'],
  ])('rejects %s with Kalshi error code %s', async (_name, override, code) => {
    const ticker = `KXMATCH-ERR${++n}`;
    h.mock.exchange.addMarket({ ticker });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '1' });
    const answer = await h.rest(0).order({ ticker, side: 'bid', price: '0.39', count: '1', ...override });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(code);
  });

  it('answers a body that is not JSON with a top-level bad_request', async () => {
    const answer = await h.rest(0).request('POST', '/portfolio/events/orders', '{"ticker":');
    expect(answer).toMatchObject({ status: 400, body: { code: 'bad_request' } });
  });
});
