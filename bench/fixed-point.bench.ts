/**
 * Fixed-point throughput: parse two wire strings, add them, format the sum, as a client does for every
 * `*_dollars` / `*_fp` field it reads and writes; price × count; fees; tick rounding.
 *
 * Each fast-path case is measured beside the same operations done the way this package did them before it
 * had a fast path: big.js values (the package's own `Big()` constructor and strict parser) for every
 * operation ("big.js path"). A float baseline (inexact, what the package exists to avoid) is measured in the
 * same run for scale.
 *
 * Target (issue #13, "Faster exact money") on `Dollars.parse ×2 + add + toWire`: ≥ 2.5M ops/s and ≥ 50% of
 * the float baseline in the same run.
 *
 * Each task call runs a batch of operations over varied inputs, so timer overhead does not dominate
 * sub-microsecond operations; the results are per operation. Timed in process CPU time over interleaved
 * rounds, each case reporting its median round (bench/rounds.ts), because the machine is shared.
 */
import { B, parseDecimal } from '../packages/fixed-point/src/big.ts';
import { Contracts, Dollars, TickSchedule, tradingFee } from '../packages/fixed-point/src/index.ts';
import { measureRounds, withRatioTarget } from './rounds.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const GROUP = 'fixed-point parse + add + format';
const BATCH = 1000;
const DOLLARS_ADD = 'Dollars.parse ×2 + add + toWire';
const FLOAT = 'baseline: Number() ×2 + add + toFixed (float, inexact)';
const MIN_OPS = 2_500_000;
const MIN_RATIO_TO_FLOAT = 0.5;

const suite: BenchSuite = async () => {
  const dollarWires = Array.from({ length: BATCH }, (_, i) => `${i % 7}.${String((i * 7919) % 10_000).padStart(4, '0')}`);
  const countWires = Array.from({ length: BATCH }, (_, i) => `${(i * 31) % 5000}.${String(i % 100).padStart(2, '0')}`);
  const prices = Array.from({ length: BATCH }, (_, i) => Dollars.fromCents(1 + (i % 99)));
  const counts = Array.from({ length: BATCH }, (_, i) => Contracts.fromHundredths(1 + ((i * 37) % 100_000)));
  const priceBigs = prices.map((p) => new B(p.toWire()));
  const countBigs = counts.map((c) => new B(c.toWire()));
  const tapered = TickSchedule.fromMarket({ price_level_structure: 'tapered_deci_cent' });
  const raw = Array.from({ length: BATCH }, (_, i) => Dollars.fromCentiCents(1 + ((i * 7919) % 9998)));
  let sink = '';

  const cases: Record<string, () => void> = {
    [DOLLARS_ADD]: () => {
      for (let i = 0; i < BATCH; i++) {
        sink = Dollars.parse(dollarWires[i]!).plus(Dollars.parse(dollarWires[BATCH - 1 - i]!)).toWire();
      }
    },
    'big.js path: Dollars parse ×2 + add + toWire': () => {
      for (let i = 0; i < BATCH; i++) {
        const a = parseDecimal(dollarWires[i]!, undefined, 4, true);
        sink = a.plus(parseDecimal(dollarWires[BATCH - 1 - i]!, undefined, 4, true)).toFixed(4);
      }
    },
    'Contracts.parse ×2 + add + toWire': () => {
      for (let i = 0; i < BATCH; i++) {
        sink = Contracts.parse(countWires[i]!).plus(Contracts.parse(countWires[BATCH - 1 - i]!)).toWire();
      }
    },
    'big.js path: Contracts parse ×2 + add + toWire': () => {
      for (let i = 0; i < BATCH; i++) {
        const a = parseDecimal(countWires[i]!, undefined, 2, false);
        sink = a.plus(parseDecimal(countWires[BATCH - 1 - i]!, undefined, 2, false)).toFixed(2);
      }
    },
    'price × count (notional), toString of the exact product': () => {
      for (let i = 0; i < BATCH; i++) sink = prices[i]!.times(counts[i]!).toString();
    },
    'big.js path: price × count, toFixed': () => {
      for (let i = 0; i < BATCH; i++) sink = priceBigs[i]!.times(countBigs[i]!).toFixed(6);
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
    [FLOAT]: () => {
      for (let i = 0; i < BATCH; i++) sink = (Number(dollarWires[i]!) + Number(dollarWires[BATCH - 1 - i]!)).toFixed(4);
    },
  };

  const results = await measureRounds({ group: GROUP, cases, rounds: 30, roundMs: 30, iterations: 4, opsPerCall: BATCH });
  if (sink === '') throw new Error('benchmark produced nothing');

  const float = results.get(FLOAT)!;
  return Object.keys(cases).map((name): BenchResult => {
    const r = results.get(name)!;
    if (name !== DOLLARS_ADD) return r;
    const withRatio = withRatioTarget(r, float, MIN_RATIO_TO_FLOAT);
    return { ...withRatio, floor: { minOpsPerSec: MIN_OPS, met: r.opsPerSec >= MIN_OPS } };
  });
};

export default suite;
