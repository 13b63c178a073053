/**
 * Fixed-point throughput: parse two wire strings, add them, format the sum, as a client does for every
 * `*_dollars` / `*_fp` field it reads and writes. Reported, no target. A float baseline (inexact, what the
 * package exists to avoid) is measured in the same run for scale.
 *
 * Each task call runs a batch of operations over varied inputs, so timer overhead does not dominate
 * sub-microsecond operations; the results are per operation.
 */
import { Bench, type Task } from 'tinybench';
import { Contracts, Dollars, TickSchedule, tradingFee } from '../packages/fixed-point/src/index.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const GROUP = 'fixed-point parse + add + format';
const BATCH = 1000;

const suite: BenchSuite = async () => {
  const dollarWires = Array.from({ length: BATCH }, (_, i) => `${i % 7}.${String((i * 7919) % 10_000).padStart(4, '0')}`);
  const countWires = Array.from({ length: BATCH }, (_, i) => `${(i * 31) % 5000}.${String(i % 100).padStart(2, '0')}`);
  const prices = Array.from({ length: BATCH }, (_, i) => Dollars.fromCents(1 + (i % 99)));
  const counts = Array.from({ length: BATCH }, (_, i) => Contracts.fromHundredths(1 + ((i * 37) % 100_000)));
  const tapered = TickSchedule.fromMarket({ price_level_structure: 'tapered_deci_cent' });
  const raw = Array.from({ length: BATCH }, (_, i) => Dollars.fromCentiCents(1 + ((i * 7919) % 9998)));
  let sink = '';

  const cases: Record<string, () => void> = {
    'Dollars.parse ×2 + add + toWire': () => {
      for (let i = 0; i < BATCH; i++) {
        sink = Dollars.parse(dollarWires[i]!).add(Dollars.parse(dollarWires[BATCH - 1 - i]!)).toWire();
      }
    },
    'Contracts.parse ×2 + add + toWire': () => {
      for (let i = 0; i < BATCH; i++) {
        sink = Contracts.parse(countWires[i]!).add(Contracts.parse(countWires[BATCH - 1 - i]!)).toWire();
      }
    },
    'price × count (notional), round to cent, toWire': () => {
      for (let i = 0; i < BATCH; i++) sink = prices[i]!.times(counts[i]!).round(2, 'ceil').toWire();
    },
    'tradingFee (taker)': () => {
      for (let i = 0; i < BATCH; i++) sink = tradingFee({ price: prices[i]!, count: counts[i]!, kind: 'taker' }).toWire();
    },
    'TickSchedule.roundToTick (tapered_deci_cent)': () => {
      for (let i = 0; i < BATCH; i++) sink = tapered.roundToTick(raw[i]!, 'nearest').toWire();
    },
    'baseline: Number() ×2 + add + toFixed (float, inexact)': () => {
      for (let i = 0; i < BATCH; i++) sink = (Number(dollarWires[i]!) + Number(dollarWires[BATCH - 1 - i]!)).toFixed(4);
    },
  };

  const bench = new Bench({ name: GROUP, time: 1000, warmupTime: 200, throws: true });
  for (const [name, fn] of Object.entries(cases)) bench.add(name, fn);
  await bench.run();
  if (sink === '') throw new Error('benchmark produced nothing');

  return (bench.tasks as Task[]).map((task): BenchResult => {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
    const batches = r.latency.samplesCount;
    const meanNs = (r.totalTime * 1e6) / (batches * BATCH);
    return { group: GROUP, name: task.name, opsPerSec: 1e9 / meanNs, meanNs, samples: batches * BATCH };
  });
};

export default suite;
