import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, REPLAY_LIQUIDITY_USER, startReplay } from '../src/index.js';
import { startHarness, type Harness } from './support/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-replay-'));
const T0 = Date.UTC(2026, 0, 1);
const clock = new ManualClock(T0);
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 1, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const HEADER = JSON.stringify({ format: 'kalshi-ws-recording', version: 1, started_ms: T0 });
const snapshot = (ticker: string, yes: string[][], no: string[][]) => ({
  type: 'orderbook_snapshot',
  sid: 1,
  seq: 1,
  msg: { market_ticker: ticker, market_id: 'x', yes_dollars_fp: yes, no_dollars_fp: no },
});
const delta = (ticker: string, side: 'yes' | 'no', price: string, d: string, seq: number) => ({
  type: 'orderbook_delta',
  sid: 1,
  seq,
  msg: { market_ticker: ticker, market_id: 'x', price_dollars: price, delta_fp: d, side, ts_ms: 0 },
});

function file(name: string, lines: readonly string[], gzip = false): string {
  const path = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}
const rec = (t: number, frame: object): string => JSON.stringify({ t: T0 + t, frame });

/** A session on a fresh market: a book, two deltas 1 s and 2 s in, and a trade at 3 s. */
function session(gzip = false): { ticker: string; path: string } {
  const ticker = `KXREPLAY-26JAN01-M${++n}`;
  const path = file(
    `${ticker}.jsonl${gzip ? '.gz' : ''}`,
    [
      HEADER,
      rec(0, { id: 1, type: 'subscribed', msg: { channel: 'orderbook_delta', sid: 1 } }),
      rec(0, snapshot(ticker, [['0.4000', '10.00'], ['0.4200', '5.00']], [['0.5500', '3.00']])),
      rec(1_000, delta(ticker, 'yes', '0.4200', '-2.00', 2)),
      rec(2_000, delta(ticker, 'no', '0.5600', '4.00', 3)),
      rec(3_000, { type: 'trade', sid: 2, seq: 1, msg: { market_ticker: ticker, yes_price_dollars: '0.4500', no_price_dollars: '0.5500', count_fp: '1.00', taker_side: 'yes', ts: 1 } }),
    ],
    gzip,
  );
  return { ticker, path };
}

const book = async (ticker: string) => (await h.rest(0).get(`/markets/${ticker}/orderbook`)).body.orderbook_fp;

describe('startReplay', () => {
  it('turns recorded snapshots and deltas into the engine book, and trades into public trades (as fast as possible)', async () => {
    const { ticker, path } = session();
    const stats = await startReplay(h.mock.exchange, { path, speed: 'max' }).done;
    expect(stats).toMatchObject({ applied: 4, ignored: 1, skipped: 0 });
    expect(await book(ticker)).toEqual({
      yes_dollars: [['0.4000', '10.00'], ['0.4200', '3.00']],
      no_dollars: [['0.5500', '3.00'], ['0.5600', '4.00']],
    });
    const trades = h.mock.exchange.engine.trades().filter((t) => t.ticker === ticker);
    expect(trades.map((t) => [t.price.toWire(), t.count.toWire(), t.takerSide])).toEqual([['0.4500', '1.00', 'bid']]);
  });

  it("matches a bot's order against the replayed book, the synthetic counterparty taking the other side", async () => {
    const { ticker, path } = session(true);
    await startReplay(h.mock.exchange, { path, speed: 'max' }).done;
    // The best NO bid, 4 at 0.56, is a YES ask at 0.44: the bot's 0.45 bid buys 2 YES there.
    const answer = await h.rest(0).post('/portfolio/events/orders', {
      ticker,
      side: 'bid',
      price: '0.45',
      count: '2',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.fill_count).toBe('2.00');
    const liquidity = h.mock.exchange.engine.positions(REPLAY_LIQUIDITY_USER).find((p) => p.ticker === ticker);
    expect(liquidity?.net.outcome).toBe('no');
    expect((await book(ticker)).no_dollars).toEqual([['0.5500', '3.00'], ['0.5600', '2.00']]);
  });

  it('restores a level the bot took from to the recorded size when the recording next changes it', async () => {
    const ticker = `KXREPLAY-26JAN01-M${++n}`;
    const path = file(`${ticker}.jsonl`, [
      HEADER,
      rec(0, snapshot(ticker, [['0.4000', '1.00']], [['0.5600', '4.00']])),
      rec(1_000, delta(ticker, 'no', '0.5600', '1.00', 2)),
    ]);
    const replay = startReplay(h.mock.exchange, { path, clock });
    await replay.idle();
    const bought = await h.rest(0).post('/portfolio/events/orders', {
      ticker,
      side: 'bid',
      price: '0.44',
      count: '2',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(bought.body.fill_count).toBe('2.00');
    expect((await book(ticker)).no_dollars).toEqual([['0.5600', '2.00']]);
    clock.advance(1_000);
    await replay.done;
    expect((await book(ticker)).no_dollars).toEqual([['0.5600', '5.00']]);
  });

  it('paces frames on the clock: 1x applies each at its recorded offset, 10x ten times sooner, with no real waiting', async () => {
    const paced = session();
    const replay = startReplay(h.mock.exchange, { path: paced.path, clock });
    await replay.idle();
    expect(replay.stats().applied).toBe(1); // the snapshot at offset 0
    clock.advance(999);
    await replay.idle();
    expect(replay.stats().applied).toBe(1);
    clock.advance(1);
    await replay.idle();
    expect(replay.stats().applied).toBe(2);
    clock.advance(2_000);
    expect((await replay.done).applied).toBe(4);

    const fast = session();
    const tenfold = startReplay(h.mock.exchange, { path: fast.path, clock, speed: 10 });
    await tenfold.idle();
    clock.advance(200);
    await tenfold.idle();
    expect(tenfold.stats().applied).toBe(3);
    clock.advance(100);
    expect((await tenfold.done).applied).toBe(4);
  });

  it('fails on a corrupt line naming its number, or skips it with a counted warning when lenient', async () => {
    const { path } = session();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    lines.splice(3, 0, '{"t": 12, "frame": {"type": "orderbook_delta", ');
    const corrupt = file('corrupt.jsonl', lines);
    await expect(startReplay(h.mock.exchange, { path: corrupt, speed: 'max' }).done).rejects.toMatchObject({
      code: 'INVALID_RECORDING',
      field: 'line',
      value: 4,
      message: expect.stringContaining('line 4'),
    });
    const seen: number[] = [];
    const stats = await startReplay(h.mock.exchange, { path: corrupt, speed: 'max', lenient: true, onWarning: (w) => seen.push(w.line) }).done;
    expect(stats).toMatchObject({ applied: 4, skipped: 1 });
    expect(seen).toEqual([4]);
  });

  it('fails on a truncated file: a cut last line, or a gzip stream cut short', async () => {
    const { path } = session();
    const text = readFileSync(path, 'utf8');
    const cut = file('cut.jsonl', [text.slice(0, text.length - 20)]);
    const cutPath = join(dir, 'cut-nonl.jsonl');
    writeFileSync(cutPath, readFileSync(cut, 'utf8').trimEnd());
    await expect(startReplay(h.mock.exchange, { path: cutPath, speed: 'max' }).done).rejects.toMatchObject({ code: 'INVALID_RECORDING', value: 6 });
    const gz = gzipSync(text);
    const gzPath = join(dir, 'cut.jsonl.gz');
    writeFileSync(gzPath, gz.subarray(0, gz.length - 12));
    await expect(startReplay(h.mock.exchange, { path: gzPath, speed: 'max' }).done).rejects.toMatchObject({ code: 'INVALID_RECORDING', field: 'line' });
  });

  it('refuses a file without the recording header, and a bad speed', async () => {
    const path = file('noheader.jsonl', [rec(0, { type: 'ticker', msg: {} })]);
    await expect(startReplay(h.mock.exchange, { path, speed: 'max' }).done).rejects.toMatchObject({ code: 'INVALID_RECORDING', value: 1 });
    const future = file('v9.jsonl', [JSON.stringify({ format: 'kalshi-ws-recording', version: 9, started_ms: 0 })]);
    await expect(startReplay(h.mock.exchange, { path: future, speed: 'max' }).done).rejects.toMatchObject({ code: 'INVALID_RECORDING', value: 1 });
    expect(() => startReplay(h.mock.exchange, { path, speed: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', field: 'speed' }));
  });
});
