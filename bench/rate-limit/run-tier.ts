/**
 * One tier of the rate-limit benchmark: the mock exchange enforcing `tier` with its own buckets,
 * and one `@kalshi-sdk/rest` client (one limiter, one API key) driven by `tasks` concurrent tasks,
 * each sending its {@link taskPlan} one request at a time. With no tier: no limits on either side,
 * to measure what this machine can send at all ({@link runUnlimited}).
 */
import { generateKeyPairSync } from 'node:crypto';
import { createClient, type RateLimitTier } from '../../packages/rest/src/index.ts';
import { startMockExchange } from '../../packages/mock-exchange/src/index.ts';
import { BATCH_SIZE, planTokens, taskPlan, type Step } from './plan.ts';
import { TimedLimiter } from './timed-limiter.ts';

const ORDER = { ticker: 'KXMOCK-26DEC31-A', side: 'bid', price: '0.01', count: '1', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' } as const;

export interface TierRun {
  readonly tier: RateLimitTier;
  readonly requests: number;
  readonly elapsedMs: number;
  /** 429s the mock exchange answered. */
  readonly rejected: number;
  /** The bucket the mix binds on, and the share of its budget spent past its initial capacity. */
  readonly binding: 'read' | 'write';
  readonly utilization: number;
  readonly waitP50Ms: number;
  readonly waitP99Ms: number;
  /** Earliest task finish ÷ latest (1: all tasks finished together). */
  readonly fairness: number;
  /** Grants that overtook an earlier ask on the same bucket (0: FIFO). */
  readonly inversions: number;
}

/**
 * Requests (a multiple of `tasks`, at least `atLeast`) for which the mix spends, in one of `tier`'s
 * buckets, `pacedSeconds` of its budget past its initial capacity. Prime's read bucket holds 4,000
 * tokens, and 1,000 requests spend 5,500: most of such a run fits the capacity, the limiter never
 * waits, and the share of budget it reports measures no pacing at all (45% in one run).
 */
export function requestsFor(tier: RateLimitTier, atLeast: number, tasks: number, pacedSeconds: number): number {
  const limiter = new TimedLimiter({ tier });
  const perRequest = planTokens(taskPlan(atLeast, 0));
  const needed = (b: 'read' | 'write') => (limiter[b].capacity + limiter[b].ratePerSecond * pacedSeconds) / (perRequest[b] / atLeast);
  const requests = Math.max(atLeast, Math.min(needed('read'), needed('write')));
  return Math.ceil(requests / tasks) * tasks;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** Tokens per second each bucket spent with no limits anywhere: this machine's ceiling. */
export async function runUnlimited(requests: number, tasks: number): Promise<{ read: number; write: number }> {
  const { tokens, elapsedMs } = await drive(undefined, requests, tasks);
  return { read: (tokens.read / elapsedMs) * 1000, write: (tokens.write / elapsedMs) * 1000 };
}

export async function runTier(tier: RateLimitTier, requests: number, tasks: number): Promise<TierRun> {
  const { limiter, tokens, elapsedMs, finished, rejected, count } = await drive(tier, requests, tasks);
  const use = (b: 'read' | 'write') => (tokens[b] - limiter![b].capacity) / ((limiter![b].ratePerSecond * elapsedMs) / 1000);
  const binding = use('write') > use('read') ? 'write' : 'read';
  return {
    tier,
    requests: count,
    elapsedMs,
    rejected,
    binding,
    utilization: use(binding),
    waitP50Ms: percentile(limiter!.waits, 50),
    waitP99Ms: percentile(limiter!.waits, 99),
    fairness: Math.min(...finished) / elapsedMs,
    inversions: limiter!.inversions,
  };
}

async function drive(tier: RateLimitTier | undefined, requests: number, tasks: number) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let rejected = 0;
  const mock = await startMockExchange({
    ...(tier ? { rateLimitTier: tier } : {}),
    pingIntervalMs: 0,
    users: [{ apiKeyId: 'bench-key', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '100000' }],
    onEmit: (e) => {
      if (e.kind === 'rest' && e.status === 429) rejected++;
    },
  });
  const limiter = tier ? new TimedLimiter({ tier }) : undefined;
  const kalshi = createClient({ baseUrl: mock.restUrl, apiKeyId: 'bench-key', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), rateLimit: limiter ?? false });
  const plans = Array.from({ length: tasks }, (_, i) => taskPlan(Math.floor(requests / tasks), 1000 + i));
  const run = async (steps: readonly Step[]): Promise<number> => {
    const resting: string[] = [];
    for (const step of steps) {
      if (step === 'read') await kalshi.GET('/markets', { params: { query: { limit: 1 } } });
      else if (step === 'create') resting.push((await kalshi.POST('/portfolio/events/orders', { body: { ...ORDER } })).data.order_id);
      else if (step === 'cancel') await kalshi.DELETE('/portfolio/events/orders/{order_id}', { params: { path: { order_id: resting.pop()! } } });
      else {
        const { data } = await kalshi.POST('/portfolio/events/orders/batched', { body: { orders: Array.from({ length: BATCH_SIZE }, () => ({ ...ORDER })) } });
        for (const o of data.orders) if (o.order_id) resting.push(o.order_id);
      }
    }
    return performance.now();
  };
  const started = performance.now();
  try {
    const finished = (await Promise.all(plans.map(run))).map((t) => t - started);
    return { limiter, tokens: planTokens(plans.flat()), elapsedMs: Math.max(...finished), finished, rejected, count: plans.flat().length };
  } finally {
    await mock.close();
  }
}
