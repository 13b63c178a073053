import { systemClock, type Clock } from './clock.js';
import { KalshiConfigError, KalshiRateLimitError } from './errors.js';
import type { components } from './generated/openapi.js';
import type { OperationId } from './generated/operations.js';
import { allFacts, factsById, type OperationFacts } from './operation-facts.js';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit-store.js';
import { TokenBucket } from './token-bucket.js';

/** Kalshi API access tiers (getting_started/rate_limits). */
export type RateLimitTier = 'basic' | 'advanced' | 'premier' | 'paragon' | 'prime';

/**
 * Per-second token budgets of each tier, read and write buckets
 * (getting_started/rate_limits). The write bucket holds two seconds of budget, Basic's one.
 */
export const TIER_BUDGETS: Readonly<Record<RateLimitTier, { readonly read: number; readonly write: number }>> = {
  basic: { read: 200, write: 100 },
  advanced: { read: 300, write: 300 },
  premier: { read: 1000, write: 1000 },
  paragon: { read: 2000, write: 2000 },
  prime: { read: 4000, write: 4000 },
};

/** Token cost of a request whose endpoint is not listed with another cost. */
export const DEFAULT_TOKEN_COST = 10;

/** One bucket's budget as `GET /account/limits` reports it: tokens per second and capacity. */
export type BucketLimit = components['schemas']['BucketLimit'];

/** The body of `GET /account/endpoint_costs`: the default cost and every endpoint that differs. */
export type EndpointCosts = components['schemas']['GetAccountEndpointCostsResponse'];

/** Options of {@link RateLimiter} (and `createClient({ rateLimit })`). */
export interface RateLimitOptions {
  /** Your API tier; default `'basic'`. */
  readonly tier?: RateLimitTier;
  /** Exact budgets from `GET /account/limits` (`read`, `write`); they replace the tier's. */
  readonly limits?: { readonly read: BucketLimit; readonly write: BucketLimit };
  /**
   * The body of `GET /account/endpoint_costs`. When given it is authoritative: listed endpoints
   * cost what it says (per item for batch endpoints), all others `default_cost`.
   * Without it, costs are the ones the spec documents per operation, else 10.
   */
  readonly endpointCosts?: EndpointCosts;
  /** Your own costs by operationId; they win over everything else (per item for batches). */
  readonly costs?: Partial<Record<OperationId, number>>;
  /** Time source for refills and waits; default {@link systemClock}. */
  readonly clock?: Clock;
  /**
   * Where the bucket levels live; default a new {@link MemoryRateLimitStore}. Limiters given the
   * same store share one budget: a `SharedArrayBufferRateLimitStore` across worker threads, or
   * your own store across processes.
   */
  readonly store?: RateLimitStore;
  /**
   * After a 429, the refill rate is halved (down to 1/16 after repeated 429s) and climbs back to
   * the full budget over this many milliseconds; default 10,000. `0`: a 429 only drains.
   */
  readonly recoveryMs?: number;
}

/** Which bucket a request draws from, and how many tokens. */
export interface RequestCost {
  readonly bucket: 'read' | 'write';
  readonly tokens: number;
}

function normalizeRoute(method: string, path: string): string {
  const p = path.replace(/^\/trade-api\/v2(?=\/)/, '').replace(/\{[^}]*\}|:[^/]+/g, '{}').replace(/\/+$/, '');
  return `${method.toUpperCase()} ${p}`;
}

/**
 * Client-side pacing on Kalshi's token model (getting_started/rate_limits): two buckets, read and
 * write, each refilled at the tier's per-second budget; each request takes its endpoint's cost
 * (default 10; batch endpoints per item) and waits for tokens when the bucket is short.
 *
 * - Conservative: tokens of a request stay "in flight" until its answer, and refill never lifts
 *   level plus in-flight above the capacity, so the client never sends what an exact server bucket
 *   started at the same moment would refuse (safety margin: after an idle spell, refill resumes one
 *   round trip late; nothing in steady state).
 * - Only a request costing more than its bucket's capacity is refused locally, with
 *   `KalshiRateLimitError` (a batch names the largest batch the tier admits).
 * - Adaptive: a 429 (another process spending the same key, say) drains the bucket and halves its
 *   refill rate, which climbs back over `recoveryMs`.
 * - One API key, one budget: share one limiter between clients of one key in a process, and one
 *   {@link RateLimitStore} between limiters in other threads or processes. Separate in-memory
 *   limiters on one key each spend the whole budget.
 */
export class RateLimiter {
  readonly read: TokenBucket;
  readonly write: TokenBucket;
  readonly #costs: Partial<Record<string, number>>;
  #table: Map<string, number> | undefined;
  #defaultCost = DEFAULT_TOKEN_COST;

  /** The tier the budgets came from; undefined when `limits` gave them. */
  readonly tier: RateLimitTier | undefined;

  /** @throws KalshiConfigError for an unknown tier or a negative `recoveryMs`. */
  constructor(options: RateLimitOptions = {}) {
    const clock = options.clock ?? systemClock;
    const tier = options.tier ?? 'basic';
    const budget = TIER_BUDGETS[tier];
    if (!budget) throw new KalshiConfigError('rateLimit.tier', `Unknown rate-limit tier ${JSON.stringify(tier)}; expected one of ${Object.keys(TIER_BUDGETS).join(', ')}`);
    const read = options.limits?.read ?? { refill_rate: budget.read, bucket_capacity: budget.read };
    const write = options.limits?.write ?? { refill_rate: budget.write, bucket_capacity: budget.write * (tier === 'basic' ? 1 : 2) };
    const store = options.store ?? new MemoryRateLimitStore();
    const recoveryMs = options.recoveryMs;
    if (recoveryMs !== undefined && !(recoveryMs >= 0)) throw new KalshiConfigError('rateLimit.recoveryMs', `recoveryMs must be 0 or more milliseconds, got ${recoveryMs}`);
    const shared = { clock, store, ...(recoveryMs === undefined ? {} : { recoveryMs }) };
    this.tier = options.limits ? undefined : tier;
    this.read = new TokenBucket({ ratePerSecond: read.refill_rate, capacity: read.bucket_capacity, name: 'read', ...shared });
    this.write = new TokenBucket({ ratePerSecond: write.refill_rate, capacity: write.bucket_capacity, name: 'write', ...shared });
    this.#costs = options.costs ?? {};
    if (options.endpointCosts) this.setEndpointCosts(options.endpointCosts);
  }

  /**
   * Replaces the cost table with the body of `GET /account/endpoint_costs` (see
   * {@link RateLimitOptions.endpointCosts}). Entries whose method and path match no operation in
   * the spec are ignored. Returns how many entries matched.
   */
  setEndpointCosts(costs: EndpointCosts): number {
    const byRoute = new Map<string, string>();
    for (const f of allFacts()) byRoute.set(normalizeRoute(f.method, f.path), f.operationId);
    const table = new Map<string, number>();
    for (const e of costs.endpoint_costs) {
      const id = byRoute.get(normalizeRoute(e.method, e.path));
      if (id !== undefined) table.set(id, e.cost);
    }
    this.#table = table;
    this.#defaultCost = costs.default_cost;
    return table.size;
  }

  /**
   * The bucket and tokens a request takes. `body` is the parsed JSON request body; batch
   * endpoints cost per item of their item array. An unknown operation reads at the default cost.
   */
  costOf(operationId: string | undefined, body?: unknown): RequestCost {
    const facts = operationId === undefined ? undefined : factsById(operationId);
    return { bucket: facts?.write ? 'write' : 'read', tokens: this.#tokens(operationId, facts, body) };
  }

  #tokens(operationId: string | undefined, facts: OperationFacts | undefined, body: unknown): number {
    let unit = this.#defaultCost;
    if (operationId !== undefined) {
      unit = this.#costs[operationId] ?? (this.#table ? (this.#table.get(operationId) ?? this.#defaultCost) : facts?.cost || this.#defaultCost);
    }
    if (facts?.batchItems && typeof body === 'object' && body !== null) {
      const items = (body as Record<string, unknown>)[facts.batchItems];
      if (Array.isArray(items) && items.length > 0) return unit * items.length;
    }
    return unit;
  }

  /**
   * Takes the request's tokens from its bucket: `undefined` when taken at once, else a promise
   * that resolves when taken (rejects with `signal.reason` on abort, taking nothing). For pacing
   * your own calls; the client itself uses {@link takeInFlight}.
   * @throws KalshiRateLimitError when the request costs more than its bucket holds.
   */
  acquire(operationId: string | undefined, body?: unknown, signal?: AbortSignal): Promise<void> | undefined {
    const cost = this.costOf(operationId, body);
    return this.#bucket(operationId, cost).take(cost.tokens, signal);
  }

  /**
   * As {@link acquire} for a request about to be sent, whose tokens stay in flight until
   * {@link settle}: the client's own pacing (see the class notes for why).
   * @throws KalshiRateLimitError when `cost` exceeds its bucket's capacity; nothing is taken.
   */
  takeInFlight(operationId: string | undefined, cost: RequestCost, signal?: AbortSignal): Promise<void> | undefined {
    return this.#bucket(operationId, cost).take(cost.tokens, signal, true);
  }

  /** The request that took `cost` with {@link takeInFlight} got its answer, or failed without one. */
  settle(cost: RequestCost): void | Promise<void> {
    return (cost.bucket === 'write' ? this.write : this.read).settle(cost.tokens);
  }

  /**
   * Kalshi answered 429 to a request of `cost` sent at `sentAt` (clock ms): drains that bucket so the
   * next requests wait for refill instead of drawing more 429s, and slows its refill for
   * `recoveryMs`. Returns whether it drained (false: an earlier 429 of the same overdraw did).
   */
  penalize(cost: RequestCost, sentAt: number): boolean | Promise<boolean> {
    return (cost.bucket === 'write' ? this.write : this.read).penalize(sentAt);
  }

  /**
   * The most items one request of batch operation `operationId` may carry: its bucket's capacity
   * divided by the per-item cost (Basic: 10 orders per `BatchCreateOrdersV2`). Split bigger
   * batches into chunks of this size. Undefined for an operation that is not a batch.
   */
  maxBatchItems(operationId: string): number | undefined {
    if (!factsById(operationId)?.batchItems) return undefined;
    const unit = this.costOf(operationId, undefined);
    return Math.floor((unit.bucket === 'write' ? this.write : this.read).capacity / unit.tokens);
  }

  #bucket(operationId: string | undefined, cost: RequestCost): TokenBucket {
    const bucket = cost.bucket === 'write' ? this.write : this.read;
    if (cost.tokens > bucket.capacity) {
      const maxItems = operationId === undefined ? undefined : this.maxBatchItems(operationId);
      throw new KalshiRateLimitError({
        ...(operationId === undefined ? {} : { operationId }),
        bucket: cost.bucket,
        tokens: cost.tokens,
        capacity: bucket.capacity,
        ...(maxItems === undefined ? {} : { maxItems }),
        ...(this.tier ? { tier: this.tier } : {}),
      });
    }
    return bucket;
  }
}
