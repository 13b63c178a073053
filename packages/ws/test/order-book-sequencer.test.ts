import { describe, expect, it } from 'vitest';
import { KalshiWsError } from '../src/errors.js';
import { OrderBookSequencer, type SequencerHost } from '../src/order-book-sequencer.js';
import type { ResyncNotice } from '../src/resync.js';

// The sequencer alone, no sockets: frames in, deliveries / resync notices / snapshot requests out.

interface Frame {
  readonly type: string;
  readonly seq?: number;
  readonly msg?: { readonly market_ticker?: unknown };
}

const snap = (ticker: string, seq: number): Frame => ({ type: 'orderbook_snapshot', seq, msg: { market_ticker: ticker } });
const delta = (ticker: string, seq: number): Frame => ({ type: 'orderbook_delta', seq, msg: { market_ticker: ticker } });

/** `answer`: how each snapshot request ends ('pending': never; 'manual': when the test calls `answer()`). */
function harness(markets: string[], answer: 'pending' | 'manual' | KalshiWsError = 'pending') {
  const answers: Array<() => void> = [];
  const delivered: string[] = [];
  const notices: Array<[ResyncNotice['reason'], readonly string[], number]> = [];
  const fetches: Array<[number, readonly string[]]> = [];
  const failures: Array<[number, string]> = [];
  const host: SequencerHost = {
    deliver: (f) => delivered.push(`${f.type} ${f.msg.market_ticker} ${f.seq}`),
    notify: (n) => notices.push([n.reason, n.marketTickers, n.discarded]),
    markets: () => markets,
    fetch: (sid, tickers) => {
      fetches.push([sid, tickers]);
      if (answer === 'pending') return new Promise<void>(() => undefined);
      if (answer === 'manual') return new Promise<void>((resolve) => answers.push(resolve));
      return Promise.reject(answer);
    },
    fetchFailed: (sid, error) => failures.push([sid, error.code]),
  };
  const answerNext = (): void => answers.shift()?.();
  return { sequencer: new OrderBookSequencer(host), delivered, notices, fetches, failures, answer: answerNext };
}

describe('OrderBookSequencer.frame', () => {
  it.each<[string, { given: Frame[]; want: { delivered: string[]; notices: Array<[string, string[], number]>; fetches: Array<[number, string[]]>; stale: string[] } }]>([
    [
      'in order: everything delivered',
      {
        given: [snap('A', 1), delta('A', 2), snap('B', 3), delta('B', 4)],
        want: { delivered: ['orderbook_snapshot A 1', 'orderbook_delta A 2', 'orderbook_snapshot B 3', 'orderbook_delta B 4'], notices: [], fetches: [], stale: [] },
      },
    ],
    [
      'a gap: every market stale, one snapshot request, deltas held back until the snapshot',
      {
        given: [snap('A', 1), snap('B', 2), delta('A', 4), delta('B', 5), snap('A', 6), delta('A', 7)],
        want: {
          delivered: ['orderbook_snapshot A 1', 'orderbook_snapshot B 2', 'orderbook_snapshot A 6', 'orderbook_delta A 7'],
          notices: [['sequence_gap', ['A', 'B'], 0]],
          fetches: [[9, ['A', 'B']]],
          stale: ['B'],
        },
      },
    ],
    [
      'a repeated seq: out_of_order, the frame dropped',
      {
        given: [snap('A', 1), delta('A', 2), delta('A', 2)],
        want: { delivered: ['orderbook_snapshot A 1', 'orderbook_delta A 2'], notices: [['out_of_order', ['A', 'B'], 0]], fetches: [[9, ['A', 'B']]], stale: ['A', 'B'] },
      },
    ],
    [
      'a delta for a market without a snapshot: only that market resyncs',
      {
        given: [snap('A', 1), delta('B', 2)],
        want: { delivered: ['orderbook_snapshot A 1'], notices: [['book_inconsistent', ['B'], 0]], fetches: [[9, ['B']]], stale: ['B'] },
      },
    ],
    [
      'a frame without a market ticker: malformed_frame for every market',
      {
        given: [snap('A', 1), { type: 'orderbook_delta', seq: 2, msg: {} }],
        want: { delivered: ['orderbook_snapshot A 1'], notices: [['malformed_frame', ['A', 'B'], 0]], fetches: [[9, ['A', 'B']]], stale: ['A', 'B'] },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const h = harness(['A', 'B']);
    h.sequencer.attach(9);
    for (const f of given) h.sequencer.frame(f);
    expect({ delivered: h.delivered, notices: h.notices, fetches: h.fetches, stale: h.sequencer.staleMarkets }).toEqual(want);
  });

  it('delivers only its own markets on a shared sid', () => {
    const h = harness(['A']);
    h.sequencer.attach(1);
    h.sequencer.filter = (t) => t === 'A';
    for (const f of [snap('A', 1), snap('Z', 2), delta('Z', 3), delta('A', 4)]) h.sequencer.frame(f);
    expect([h.delivered, h.notices]).toEqual([['orderbook_snapshot A 1', 'orderbook_delta A 4'], []]);
  });
});

describe('OrderBookSequencer resync', () => {
  it('detach: every market stale with the reason, no request (the resubscribe brings snapshots); a new sid starts a new sequence', () => {
    const h = harness(['A']);
    h.sequencer.attach(1);
    h.sequencer.frame(snap('A', 5));
    h.sequencer.detach('connection_lost');
    h.sequencer.attach(2);
    h.sequencer.frame(snap('A', 1));
    expect([h.notices, h.fetches, h.delivered, h.sequencer.staleMarkets]).toEqual([
      [['connection_lost', ['A'], 0]],
      [],
      ['orderbook_snapshot A 5', 'orderbook_snapshot A 1'],
      [],
    ]);
  });

  it('keeps one request in flight, and asks again for what is still stale once it is answered', async () => {
    const h = harness(['A', 'B'], 'manual');
    h.sequencer.attach(3);
    h.sequencer.frame(snap('A', 1));
    h.sequencer.frame(snap('B', 2));
    h.sequencer.invalidate('requested', ['A'], 0, true);
    h.sequencer.invalidate('requested', ['B'], 0, true);
    expect(h.fetches).toEqual([[3, ['A']]]);
    h.sequencer.frame(snap('A', 3));
    h.answer();
    await Promise.resolve();
    expect(h.fetches).toEqual([
      [3, ['A']],
      [3, ['B']],
    ]);
    h.sequencer.frame(snap('B', 4));
    h.answer();
    await Promise.resolve();
    expect([h.fetches.length, h.sequencer.staleMarkets]).toEqual([2, []]);
  });

  it('reports a failed request with its sid; a request answered after a detach is ignored', async () => {
    const failed = harness(['A'], new KalshiWsError('WS_SERVER_ERROR', 'no'));
    failed.sequencer.attach(4);
    failed.sequencer.invalidate('requested', undefined, 0, true);
    await Promise.resolve();
    await Promise.resolve();
    expect(failed.failures).toEqual([[4, 'WS_SERVER_ERROR']]);

    const dropped = harness(['A'], new KalshiWsError('WS_CONNECTION_LOST', 'gone'));
    dropped.sequencer.attach(4);
    dropped.sequencer.invalidate('requested', undefined, 0, true);
    dropped.sequencer.detach('connection_lost');
    await Promise.resolve();
    await Promise.resolve();
    expect(dropped.failures).toEqual([]);
  });

  it('a closed sequencer marks nothing stale', () => {
    const h = harness(['A']);
    h.sequencer.attach(1);
    h.sequencer.close();
    h.sequencer.invalidate('requested', undefined, 0, true);
    expect([h.notices, h.fetches]).toEqual([[], []]);
  });
});
