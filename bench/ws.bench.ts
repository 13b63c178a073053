/**
 * `@kalshi-sdk/ws`: three measurements.
 *
 * 1. Recorded stream, frames/s decoded + dispatched + applied. 100,000 frames (bench/ws/stream.ts:
 *    50 `orderbook_snapshot`s, then `orderbook_delta`s with `seq` per sid over 50 markets, plus
 *    `ticker` and `trade` frames) go through the client's real path: a `createWebSocketClient`
 *    whose socket is an in-process stand-in (bench/ws/in-process-socket.ts), so each frame enters
 *    by the transport's 'message' listener, is parsed, routed by sid, sequence-checked by its
 *    subscription and applied by an `OrderBookManager` (ticker / trade go to `message` handlers).
 *    The limit is a bare `JSON.parse` loop over the same frames. Target: ≥ 70% of it.
 *    After every round the books are checked against the recording (bench/ws/replay.ts).
 * 2. `OrderBook.applyDelta` alone, in process, over the recording's parsed deltas. Target:
 *    ≥ 1,000,000 deltas/s.
 * 3. Memory of 1,000 live books with 40 levels per side, in a child process with `--expose-gc`.
 *
 * The machine is shared and its speed changes within seconds, so case 1 interleaves finely, in
 * process CPU time: each round replays the whole stream into a fresh client in chunks, each chunk
 * timed through the client and through bare `JSON.parse` back to back (alternating which goes
 * first). A round's ratio is its two totals (GC included); the ratio reported is the median
 * round's, and frames/s each case's median round.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Bench } from 'tinybench';
import { OrderBook, type OrderbookDeltaPayload, type OrderbookSnapshotPayload } from '../packages/ws/src/index.ts';
import { cpuNowMs, median } from './rounds.ts';
import type { BenchResult, BenchSuite } from './types.ts';
import { connectReplay } from './ws/replay.ts';
import { recordStream } from './ws/stream.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FRAMES = 100_000;
const MARKETS = 50;
const MIN_RATIO = 0.7;
const MIN_DELTAS_PER_SEC = 1_000_000;
/** Measured rounds of case 1, after WARMUP unmeasured ones, and frames per timed chunk. */
const WARMUP = 2;
const ROUNDS = 15;
const CHUNK = 2_000;
const MEMORY_BOOKS = 1_000;
const MEMORY_LEVELS = 40;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const suite: BenchSuite = async () => {
  const stream = recordStream(FRAMES, MARKETS);
  const { frames, counts } = stream;
  const bytes = frames.reduce((n, f) => n + f.length, 0);
  const results: BenchResult[] = [];

  // --- 1. recorded stream through the client vs bare JSON.parse -------------------------------
  const STREAM = 'ws recorded stream: decode + dispatch + apply (frames/s)';
  const CLIENT = '@kalshi-sdk/ws client (socket message path → books)';
  const PARSE = 'bare JSON.parse loop (limit)';
  let sink: unknown;
  const parse = (from: number, to: number): number => {
    const t0 = cpuNowMs();
    for (let i = from; i < to; i++) sink = JSON.parse(frames[i] as string);
    return cpuNowMs() - t0;
  };
  const clientMs: number[] = [];
  const parseMs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const replay = await connectReplay(stream.marketTickers);
    let ours = 0;
    let bare = 0;
    for (let from = 0, chunk = 0; from < frames.length; from += CHUNK, chunk++) {
      const to = Math.min(frames.length, from + CHUNK);
      const oursFirst = (chunk + round) % 2 === 0;
      if (!oursFirst) bare += parse(from, to);
      const t0 = cpuNowMs();
      replay.replay(frames, from, to);
      ours += cpuNowMs() - t0;
      if (oursFirst) bare += parse(from, to);
    }
    replay.check(stream);
    await replay.close();
    if (round < WARMUP) continue;
    clientMs.push(ours);
    parseMs.push(bare);
    ratios.push(bare / ours);
  }
  if (sink === undefined) throw new Error('JSON.parse produced nothing');
  const ratio = median(ratios);
  const streamNotes =
    `${fmt(frames.length)} frames (${fmt(counts.snapshots)} snapshots, ${fmt(counts.deltas)} deltas, ${fmt(counts.tickers)} ticker, ` +
    `${fmt(counts.trades)} trade; ${MARKETS} markets; ${Math.round(bytes / frames.length)} B/frame); ${ROUNDS} rounds, ratio = median round; ` +
    `rounds ${(Math.min(...ratios) * 100).toFixed(0)}–${(Math.max(...ratios) * 100).toFixed(0)}%`;
  const clientRate = (frames.length * 1000) / median(clientMs);
  const parseRate = (frames.length * 1000) / median(parseMs);
  results.push(
    {
      group: STREAM,
      name: CLIENT,
      opsPerSec: clientRate,
      meanNs: 1e9 / clientRate,
      samples: frames.length * ROUNDS,
      target: { against: PARSE, minRatio: MIN_RATIO, ratio, met: ratio >= MIN_RATIO },
      notes: streamNotes,
    },
    { group: STREAM, name: PARSE, opsPerSec: parseRate, meanNs: 1e9 / parseRate, samples: frames.length * ROUNDS },
  );

  // --- 2. OrderBook.applyDelta in process ------------------------------------------------------
  const APPLY = 'ws order book apply, in process (deltas/s)';
  const parsed = frames.map((f) => JSON.parse(f) as { type: string; msg: { market_ticker: string } });
  const books = new Map(stream.marketTickers.map((t) => [t, new OrderBook({ marketTicker: t })]));
  const snapshots = parsed.filter((f): f is OrderbookSnapshotPayload => f.type === 'orderbook_snapshot');
  const deltas = parsed.filter((f): f is OrderbookDeltaPayload => f.type === 'orderbook_delta');
  const targets = deltas.map((d) => books.get(d.msg.market_ticker) as OrderBook);
  const reset = (): void => {
    for (const s of snapshots) (books.get(s.msg.market_ticker) as OrderBook).applySnapshot(s);
  };
  const bench = new Bench({ name: APPLY, time: 2_000, iterations: 10, warmupTime: 300, throws: true, now: cpuNowMs });
  bench.add(
    'OrderBook.applyDelta (parsed frames, 50 books)',
    () => {
      for (let i = 0; i < deltas.length; i++) {
        if (!(targets[i] as OrderBook).applyDelta(deltas[i] as OrderbookDeltaPayload)) throw new Error(`delta ${i} refused`);
      }
    },
    { beforeEach: reset },
  );
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
    const opsPerSec = (deltas.length * 1000) / r.latency.p50;
    results.push({
      group: APPLY,
      name: task.name,
      opsPerSec,
      meanNs: 1e9 / opsPerSec,
      samples: r.latency.samplesCount * deltas.length,
      floor: { minOpsPerSec: MIN_DELTAS_PER_SEC, met: opsPerSec >= MIN_DELTAS_PER_SEC },
      notes: `${fmt(deltas.length)} deltas per pass, books reset from their snapshots between passes; median pass`,
    });
  }
  for (const [ticker, want] of stream.finalBooks) {
    const got = JSON.stringify((books.get(ticker) as OrderBook).toJSON());
    if (got !== JSON.stringify(want)) throw new Error(`${ticker}: book differs from the recording after the apply bench`);
  }

  // --- 3. memory of live books (child process with --expose-gc) --------------------------------
  const MEMORY = 'ws order book memory';
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'ws/memory.ts'), String(MEMORY_BOOKS), String(MEMORY_LEVELS)],
    { cwd: join(here, '..') },
  );
  const memory = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
    books: number;
    levelsPerSide: number;
    heapBytes: number;
    arrayBufferBytes: number;
    buildMs: number;
  };
  const totalBytes = memory.heapBytes + memory.arrayBufferBytes;
  const buildRate = (memory.books * 1000) / memory.buildMs;
  results.push({
    group: MEMORY,
    name: `${fmt(memory.books)} live books × ${memory.levelsPerSide} levels per side (snapshot builds/s)`,
    opsPerSec: buildRate,
    meanNs: 1e9 / buildRate,
    samples: memory.books,
    notes:
      `${(totalBytes / 2 ** 20).toFixed(2)} MiB total, ${(totalBytes / memory.books / 1024).toFixed(2)} KiB per book ` +
      `(JS heap ${(memory.heapBytes / 2 ** 20).toFixed(2)} MiB + ArrayBuffers ${(memory.arrayBufferBytes / 2 ** 20).toFixed(2)} MiB, after gc)`,
  });
  return results;
};

export default suite;
