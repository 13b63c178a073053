import type { OperationFacts } from './operation-facts.js';

/** One retry about to happen, as reported to {@link RetryPolicy.onRetry}. */
export interface RetryEvent {
  readonly operationId?: string;
  readonly method: string;
  /** URL path without the query string. */
  readonly path: string;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** The HTTP status that failed (429, 5xx), or undefined for a network error or timeout. */
  readonly status?: number;
  /** The `KalshiNetworkError` or `KalshiTimeoutError` of a failed attempt without a response. */
  readonly error?: unknown;
}

/**
 * When and how often to try a request again. Every attempt goes through the rate limiter and is
 * signed afresh. What is retried:
 * - 429 (Kalshi refused it before doing anything), for every method;
 * - 5xx, network errors and timeouts, for GET/HEAD/OPTIONS, and for creates whose body carries
 *   `client_order_id` (in every item, for batches), which Kalshi will not execute twice;
 * - nothing else: no other write is retried, whatever the failure.
 */
export interface RetryPolicy {
  /** Most attempts per call, the first included; default 4. `1` turns retries off. */
  readonly maxAttempts?: number;
  /** Backoff base in milliseconds; retry n waits uniformly in [0, min(maxDelayMs, baseDelayMs·2^(n-1))) ("full jitter"); default 250. */
  readonly baseDelayMs?: number;
  /** Cap of one backoff wait, in milliseconds; default 8000. */
  readonly maxDelayMs?: number;
  /** No retry is started once this many milliseconds would have passed since the first attempt; default 30000. */
  readonly maxElapsedMs?: number;
  /** Called before each retry's wait. Exceptions thrown here propagate and end the call. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Jitter source in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/** {@link RetryPolicy} with every default filled in. */
export type ResolvedRetryPolicy = Required<Omit<RetryPolicy, 'onRetry'>> & Pick<RetryPolicy, 'onRetry'>;

/** The policy used when `retry` is not given. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  maxElapsedMs: 30_000,
  random: Math.random,
};

/** Fills in defaults; `false` means a single attempt. */
export function resolveRetryPolicy(policy: RetryPolicy | false | undefined): ResolvedRetryPolicy {
  if (policy === false) return { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };
  const out: ResolvedRetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const [k, v] of Object.entries(policy ?? {})) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function carriesKey(item: unknown, key: string): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const v = (item as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '';
}

/**
 * True when sending the request twice cannot do anything twice: a safe method, or a create whose
 * body (every batch item) carries its idempotency key (`client_order_id`).
 * @param body The parsed JSON request body, if any.
 */
export function isIdempotent(method: string, facts: OperationFacts | undefined, body: unknown): boolean {
  if (SAFE_METHODS.has(method)) return true;
  const key = facts?.idempotencyKey;
  if (!key) return false;
  if (!facts.batchItems) return carriesKey(body, key);
  const items = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[facts.batchItems] : undefined;
  return Array.isArray(items) && items.length > 0 && items.every((i) => carriesKey(i, key));
}

/**
 * Whether a failed attempt may be retried (attempt and time limits aside).
 * @param input.status The HTTP status, or undefined when there was no response (network error, timeout).
 */
export function isRetryable(input: { method: string; facts: OperationFacts | undefined; body: unknown; status: number | undefined }): boolean {
  if (input.status === 429) return true;
  if (input.status !== undefined && input.status < 500) return false;
  return isIdempotent(input.method, input.facts, input.body);
}

/**
 * The wait a response asks for before a retry, in milliseconds: `retry-after-ms` (milliseconds),
 * else `Retry-After` (seconds, or an HTTP date, measured from `now()`, read only for a date); 0
 * when neither is there or readable. Kalshi sends neither today (getting_started/rate_limits);
 * they are honoured if it does.
 */
export function retryAfterMs(headers: Headers | undefined, now: () => number): number {
  if (!headers) return 0;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const after = headers.get('retry-after');
  if (after === null) return 0;
  if (/^\s*\d+\s*$/.test(after)) return Number(after) * 1000;
  const at = Date.parse(after);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now());
}

/** Full-jitter backoff before retry `attempt` (1 = the first retry), in milliseconds. */
export function backoffDelay(attempt: number, policy: ResolvedRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}
