/**
 * Rate limiting under load, per tier: 8 concurrent tasks share one `@kalshi-sdk/rest` client (one
 * limiter, one API key) and send mixed requests (bench/rate-limit/plan.ts: reads, V2 creates,
 * V2 cancels, one 10-order batch per task) to the mock exchange enforcing that tier with its own
 * exact buckets (no safety margin): 1,000, or as many as spend 3 s of the binding budget past the
 * bucket's initial capacity when that is more (Paragon 1,456, Prime 2,912). Reported per tier:
 * - 429s the mock answered (goal 0);
 * - throughput: tokens the binding bucket spent past its initial capacity ÷ (budget × run time)
 *   (target ≥ 95%); ops/s is requests per second of wall time;
 * - p50 / p99 of the time a request waited in the limiter;
 * - fairness: earliest task finish ÷ latest, and FIFO inversions (grants that overtook an earlier
 *   ask on the same bucket; 0 means first come, first served).
 * A first run with no limits on either side measures what this machine can send at all; a tier
 * whose budget is above that ceiling is reported as machine-bound (its target cannot be met here).
 * Runs on wall time (pacing is the subject); Basic, the slowest, takes about 40 s.
 */
import { TIER_BUDGETS, type RateLimitTier } from '../packages/rest/src/index.ts';
import { requestsFor, runTier, runUnlimited } from './rate-limit/run-tier.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const TIERS: readonly RateLimitTier[] = ['basic', 'advanced', 'premier', 'paragon', 'prime'];
const REQUESTS = 1000;
const TASKS = 8;
const MIN_UTILIZATION = 0.95;
/** Seconds of budget each tier's run spends past the binding bucket's initial capacity, at least. */
const PACED_SECONDS = 3;

const suite: BenchSuite = async () => {
  const results: BenchResult[] = [];
  const requests = new Map(TIERS.map((tier) => [tier, requestsFor(tier, REQUESTS, TASKS, PACED_SECONDS)]));
  // As many requests as the longest tier run: a short run is mostly the process warming up (1,000 read 81% of Prime's budget
  // in a run whose Prime tier then spent 99.8% of it).
  const ceiling = await runUnlimited(Math.max(...requests.values()), TASKS);
  console.log(`  no limits: ${Math.round(ceiling.read)} read and ${Math.round(ceiling.write)} write tokens/s`);
  for (const tier of TIERS) {
    const r = await runTier(tier, requests.get(tier)!, TASKS);
    const budget = TIER_BUDGETS[tier][r.binding];
    const machineBound = ceiling[r.binding] < budget;
    const opsPerSec = (r.requests / r.elapsedMs) * 1000;
    const notes = [
      `429s: ${r.rejected} (goal 0: ${r.rejected === 0 ? 'met' : 'MISSED'})`,
      `limiter wait p50 ${r.waitP50Ms.toFixed(1)} ms, p99 ${r.waitP99Ms.toFixed(1)} ms`,
      `fairness ${(r.fairness * 100).toFixed(1)}% (first task done ÷ last), FIFO inversions ${r.inversions}`,
      `${r.requests} requests in ${(r.elapsedMs / 1000).toFixed(1)} s, ${TASKS} tasks`,
      ...(machineBound
        ? [`machine-bound: with no limits anywhere this machine sent ${Math.round(ceiling[r.binding])} ${r.binding} tokens/s, ${((100 * ceiling[r.binding]) / budget).toFixed(0)}% of the budget`]
        : []),
    ].join('; ');
    console.log(`  ${tier}: ${(r.utilization * 100).toFixed(1)}% of ${r.binding} budget; ${notes}`);
    results.push({
      group: 'rate limiting under load (≥ 1,000 mixed requests, ≥ 3 s of budget past capacity, 8 tasks, one key)',
      name: `${tier} tier, ${r.binding} bucket binding`,
      opsPerSec,
      meanNs: 1e9 / opsPerSec,
      samples: r.requests,
      target: { against: `${tier} ${r.binding} budget`, minRatio: MIN_UTILIZATION, ratio: r.utilization, met: r.utilization >= MIN_UTILIZATION && r.rejected === 0 },
      notes,
    });
  }
  return results;
};

export default suite;
