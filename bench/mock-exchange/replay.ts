/**
 * Replay throughput and memory: `orderbook_delta` frames per second of CPU from a recorded file
 * (JSONL, the format of `@kalshi-sdk/ws`'s recorder) into the engine, with `startReplay` at
 * `speed: 'max'`, on today's mock and on the baseline commit's in alternating rounds (each into a
 * fresh simulator on a {@link DisposableClock}, disposed with it, so no simulator outlives its round),
 * plus the file reader alone; and, measured first thing in the suite's process
 * ({@link measureLongReplay}), the heap after a full GC before and at 1M, 5M and 10M events of one
 * long replay of today's mock: what the replay holds, not what earlier cases left. The long replay reads
 * a FIFO that a child process fills with the generated recording, so no 1.5 GB file is written
 * (its CPU is not counted).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cpuNowMs, medianResult } from '../rounds.ts';
import type { BenchResult } from '../types.ts';
import { BASELINE_COMMIT, type Baseline, type MockExchangeModule } from './baseline.ts';
import { aimNote } from './aims.ts';
import { DisposableClock } from './disposable-clock.ts';
import { REPLAY_TICKER, writeRecording } from './recording-lines.ts';

const GROUP = 'replay from a recorded file (orderbook_delta frames per CPU second)';
const DELTAS = 500_000;
/**
 * Rounds per recording and module; each row is the median round, and its notes list today's rounds
 * in order: the first round of a shape in a process also pays V8's compiling of that shape's paths
 * (`--trace-opt`, 500k deltas of Kalshi's whole frame in a fresh process: 472, 257 and 52 ms in the
 * first three rounds, at 729k, 865k and 987k/s).
 */
const ROUNDS = 3;
/** The issue's aim for a backtest feed. */
const TARGET_PER_SEC = 1_000_000;
/** Events of the long replay, and where its heap is read. */
const LONG_DELTAS = 10_000_000;
const CHECKPOINTS = [1_000_000, 5_000_000, 10_000_000];
/** Largest spread of the checkpoints' heap that still reads as flat. */
const FLAT_MB = 2;

/** Deltas per CPU second of one whole-file replay into a fresh simulator of `module`. */
async function replayOnce(module: MockExchangeModule, path: string): Promise<number> {
  const clock = new DisposableClock(new module.SystemClock());
  const mock = await module.startMockExchange({ markets: [{ ticker: REPLAY_TICKER, priceLevelStructure: 'linear_cent' }], pingIntervalMs: 0, clock });
  try {
    const start = cpuNowMs();
    const stats = await module.startReplay(mock.exchange, { path, speed: 'max' }).done;
    return ((stats.applied - 1) * 1000) / (cpuNowMs() - start);
  } finally {
    await mock.close();
    clock.dispose();
  }
}

/** A full GC (V8's, exposed at run time). */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A full GC, then the used heap in MB. */
function heapAfterGcMb(): number {
  fullGc();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Replays {@link LONG_DELTAS} generated events from a FIFO into today's mock; the heap after GC before it starts and at each checkpoint. */
async function longReplay(module: MockExchangeModule, dir: string): Promise<{ startMb: number; heapMb: number[]; rate: number }> {
  const fifo = join(dir, 'long.fifo');
  execFileSync('mkfifo', [fifo]);
  const writer = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./recording-lines.ts', import.meta.url)), fifo, String(LONG_DELTAS)], { stdio: 'inherit' });
  const mock = await module.startMockExchange({ markets: [{ ticker: REPLAY_TICKER, priceLevelStructure: 'linear_cent' }], pingIntervalMs: 0 });
  const heapMb: number[] = [];
  const startMb = heapAfterGcMb();
  try {
    const start = cpuNowMs();
    let gcMs = 0;
    const replay = module.startReplay(mock.exchange, { path: fifo, speed: 'max' });
    let finished = false;
    void replay.done.finally(() => (finished = true));
    // The replay yields between file chunks; a checkpoint is read at the first chunk boundary past it.
    while (!finished && heapMb.length < CHECKPOINTS.length) {
      await new Promise((resolve) => setImmediate(resolve));
      if (replay.stats().applied - 1 >= CHECKPOINTS[heapMb.length]!) {
        const before = cpuNowMs();
        heapMb.push(heapAfterGcMb());
        gcMs += cpuNowMs() - before;
      }
    }
    const stats = await replay.done;
    if (heapMb.length < CHECKPOINTS.length) heapMb.push(heapAfterGcMb());
    return { startMb, heapMb, rate: ((stats.applied - 1) * 1000) / (cpuNowMs() - start - gcMs) };
  } finally {
    await mock.close();
    writer.kill();
  }
}

/** The long replay's row: its rate, and the heap before it and at each checkpoint. Run it before anything else in the process. */
export async function measureLongReplay(module: MockExchangeModule): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  try {
    const long = await longReplay(module, dir);
    const heap = long.heapMb.map((mb, i) => `${(CHECKPOINTS[i]! / 1e6).toLocaleString('en-US')}M events ${mb.toFixed(1)} MB`).join(', ');
    const flat = Math.max(...long.heapMb) - Math.min(...long.heapMb) <= FLAT_MB;
    return {
      ...medianResult(GROUP, `startReplay, speed max: ${(LONG_DELTAS / 1e6).toFixed(0)}M generated deltas from a FIFO (memory)`, [long.rate], LONG_DELTAS),
      notes: `heap after a full GC: ${long.startMb.toFixed(1)} MB before the replay, ${heap}, measured first in the suite's process; the aim of a flat heap (no retained per-event state; within ${FLAT_MB} MB from 1M to 10M events): ${flat ? 'met' : 'not met'}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The recordings the replay rows read: the four members the replay reads, and Kalshi's full delta (with `market_id`, `ts`, `ts_ms`, as a live recording has them). */
const SHAPES = [
  { kalshiShape: false, label: `${DELTAS.toLocaleString('en-US')} deltas into the engine` },
  { kalshiShape: true, label: `${DELTAS.toLocaleString('en-US')} deltas of Kalshi's full shape into the engine` },
] as const;

/** The replay rows but the long one: per recording shape, today's replay and the baseline's in alternating rounds; and the reader alone. */
export async function measureReplay(module: MockExchangeModule, baseline: Baseline): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const paths = SHAPES.map((_, i) => join(dir, `deltas-${i}.jsonl`));
  for (const [i, shape] of SHAPES.entries()) await writeRecording(paths[i]!, DELTAS, shape.kalshiShape);
  const rates = SHAPES.map((): number[] => []);
  const baselineRates = SHAPES.map((): number[] => []);
  const readRates: number[] = [];
  // The cases before this group (the engine group's flows) leave ~1.2 GB of garbage (20 MB live
  // after a full GC); collected here, its sweeping is not billed to whichever replay round meets it.
  // Once only: a forced full GC before every round made every round slower (whole-frame rounds at
  // 0.66M–0.74M in two runs, against 0.95M–1.27M without it).
  fullGc();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const start = cpuNowMs();
      let frames = 0;
      for await (const record of module.readRecording(paths[0]!)) if (record.frame !== undefined) frames++;
      readRates.push((frames * 1000) / (cpuNowMs() - start));
      for (const [i, path] of paths.entries()) {
        rates[i]!.push(await replayOnce(module, path));
        if ('module' in baseline) baselineRates[i]!.push(await replayOnce(baseline.module, path));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const results: BenchResult[] = [];
  for (const [i, shape] of SHAPES.entries()) {
    const replay = medianResult(GROUP, `startReplay, speed max: ${shape.label}`, rates[i]!, DELTAS * ROUNDS);
    const old = 'module' in baseline ? medianResult(GROUP, `startReplay, speed max: ${shape.label} (baseline ${BASELINE_COMMIT})`, baselineRates[i]!, DELTAS * ROUNDS) : undefined;
    const versus = old === undefined ? ('skipped' in baseline ? baseline.skipped : '') : `×${(replay.opsPerSec / old.opsPerSec).toFixed(2)} the replay of ${BASELINE_COMMIT} (same run, alternating rounds)`;
    const met = replay.opsPerSec >= TARGET_PER_SEC;
    const rounds = `rounds in order ${rates[i]!.map((rate) => `${(rate / 1e6).toFixed(2)}M`).join(', ')}`;
    results.push({ ...replay, floor: { minOpsPerSec: TARGET_PER_SEC, met }, notes: `${versus}; ${rounds}; ${aimNote(TARGET_PER_SEC, met)}` });
    if (old !== undefined) results.push(old);
  }
  results.push(medianResult(GROUP, 'reading and parsing the file alone (readRecording)', readRates, DELTAS * ROUNDS));
  return results;
}
