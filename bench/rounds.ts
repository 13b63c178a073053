/**
 * Timing shared by the suites that run on this shared machine: process CPU time instead of wall
 * time, and the cases of one group interleaved over many short rounds, each case reporting its
 * median round. A neighbour taking the core mid-case would otherwise decide the ratio (on an idle
 * core the two clocks agree); interleaving finely makes a neighbour's burst hit every case alike,
 * and the median drops the rounds it hit.
 *
 * The garbage one case leaves behind is collected on the clock of whichever case runs next, so
 * the order is balanced: every case follows every other case equally often (see {@link roundOrder}).
 * A full GC before each case was tried instead: it flattered the cases that allocate least within
 * a 25 ms slice (raw fetch +40%), so it is not used.
 */
import { Bench, type Task } from 'tinybench';
import type { BenchResult } from './types.ts';

/** Milliseconds of CPU (user + system) this process has used. GC threads' time counts, as it should. */
export const cpuNowMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The median (the mean of the middle two for an even count). */
export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A case's result from its per-round rates: the median round (the rates kept for {@link ratioTo}). */
export const medianResult = (group: string, name: string, rates: readonly number[], samples: number): BenchResult => {
  const opsPerSec = median(rates);
  return { group, name, opsPerSec, meanNs: 1e9 / opsPerSec, samples, roundRates: rates };
};

/**
 * `result`'s speed as a fraction of `raw`'s: with the rounds of one interleaved group, the median
 * of the per-round ratios (each round's two cases ran back to back, so a neighbour's burst or a
 * drift of the machine's speed over the run cancels out of each ratio); otherwise the ratio of
 * the two median rates.
 */
export const ratioTo = (result: BenchResult, raw: BenchResult): number => {
  const a = result.roundRates;
  const b = raw.roundRates;
  if (a && b && a.length === b.length && a.length > 0) return median(a.map((rate, i) => rate / b[i]!));
  return result.opsPerSec / raw.opsPerSec;
};

/** `result` with its ratio to `raw` ({@link ratioTo}) as a ≥ `minRatio` target. */
export const withRatioTarget = (result: BenchResult, raw: BenchResult, minRatio: number): BenchResult => {
  const ratio = ratioTo(result, raw);
  return { ...result, target: { against: raw.name, minRatio, ratio, met: ratio >= minRatio } };
};

/**
 * The order of the cases in round `round`: rotated by one every two rounds and reversed in odd
 * rounds, so that over the rounds every case runs right after every other case equally often
 * (plain forward/reverse alternation never puts the first case right after the last).
 */
export const roundOrder = (names: readonly string[], round: number): string[] => {
  const shift = Math.floor(round / 2) % names.length;
  const rotated = [...names.slice(shift), ...names.slice(0, shift)];
  return round % 2 === 1 ? rotated.reverse() : rotated;
};

/** What {@link measureRounds} runs. */
export interface RoundsInput {
  /** The group's name; every case is reported under it. */
  readonly group: string;
  /** The cases, by name; each round runs them in {@link roundOrder}. */
  readonly cases: Readonly<Record<string, () => unknown>>;
  readonly rounds: number;
  /** CPU milliseconds per case per round. */
  readonly roundMs: number;
  /** Least calls per case per round. */
  readonly iterations: number;
  /** Operations one call of a case performs (default 1): rates and samples count operations. */
  readonly opsPerCall?: number;
  /** Called after each round with each case's CPU milliseconds in it, by name. */
  readonly afterRound?: (cpuMs: ReadonlyMap<string, number>) => void;
}

/**
 * Runs the cases of one group interleaved over `rounds` rounds (tinybench, timed by
 * {@link cpuNowMs}, warm-up in the first round only), in {@link roundOrder}.
 * @returns each case's median-round result, by name.
 * @throws Error when a case throws.
 */
export async function measureRounds(input: RoundsInput): Promise<Map<string, BenchResult>> {
  const { group, cases, rounds, roundMs, iterations, opsPerCall = 1, afterRound } = input;
  const rates = new Map<string, number[]>();
  const samples = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    const names = roundOrder(Object.keys(cases), round);
    const bench = new Bench({ name: group, time: roundMs, iterations, warmup: round === 0, throws: true, now: cpuNowMs });
    for (const name of names) bench.add(name, cases[name]!);
    await bench.run();
    const cpuMs = new Map<string, number>();
    for (const task of bench.tasks as Task[]) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      const ops = result.latency.samplesCount * opsPerCall;
      rates.set(task.name, [...(rates.get(task.name) ?? []), (ops * 1000) / result.totalTime]);
      samples.set(task.name, (samples.get(task.name) ?? 0) + ops);
      cpuMs.set(task.name, result.totalTime);
    }
    afterRound?.(cpuMs);
  }
  return new Map(Object.keys(cases).map((name) => [name, medianResult(group, name, rates.get(name)!, samples.get(name)!)]));
}

/** What {@link measureBlocks} runs. */
export interface BlocksInput {
  /** The group's name; every case is reported under it. */
  readonly group: string;
  /** The cases, by name; each block runs every case `callsPerBlock` times, in {@link roundOrder}. */
  readonly cases: Readonly<Record<string, () => Promise<unknown>>>;
  readonly blocks: number;
  readonly callsPerBlock: number;
  /** Calls of each case before timing starts (JIT, connection pool). */
  readonly warmupCalls: number;
}

/**
 * Runs the cases interleaved in blocks of a few calls (a block of 8 loopback requests is ~3 ms of
 * CPU), timed by {@link cpuNowMs}, the order rotating and reversing from block to block
 * ({@link roundOrder}). For cases of a few hundred microseconds this interleaves ten times finer
 * than {@link measureRounds}' tinybench slices: measured on the loopback REST cases, two copies of
 * one raw `fetch` case came out 5.0% apart in 25 ms slices, and 0.4% and 1.3% apart in blocks of 8
 * (6% in a third run, with five neighbours' test suites on the machine's two cores).
 * Each block is one round of {@link BenchResult.roundRates}, so ratios between cases are paired.
 * @returns each case's median-block result, by name.
 * @throws whatever a case throws.
 */
export async function measureBlocks(input: BlocksInput): Promise<Map<string, BenchResult>> {
  const { group, cases, blocks, callsPerBlock, warmupCalls } = input;
  const names = Object.keys(cases);
  for (const name of names) for (let i = 0; i < warmupCalls; i++) await cases[name]!();
  const rates = new Map<string, number[]>(names.map((name) => [name, []]));
  for (let block = 0; block < blocks; block++) {
    for (const name of roundOrder(names, block)) {
      const run = cases[name]!;
      const started = cpuNowMs();
      for (let i = 0; i < callsPerBlock; i++) await run();
      rates.get(name)!.push((callsPerBlock * 1000) / Math.max(cpuNowMs() - started, 0.001));
    }
  }
  return new Map(names.map((name) => [name, medianResult(group, name, rates.get(name)!, blocks * callsPerBlock)]));
}
