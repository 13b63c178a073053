/** When to try again after a FIX connection drops: capped exponential backoff with jitter. */

/** Reconnect policy of a Kalshi FIX client. */
export interface ReconnectPolicy {
  /** Delay before the first retry, ms; default 1,000. */
  readonly initialDelayMs?: number;
  /** Longest delay, ms; default 30,000. */
  readonly maxDelayMs?: number;
  /** Growth per failed attempt; default 2. */
  readonly factor?: number;
  /** Fraction of each delay taken off at random (0 = none, 1 = full jitter); default 0.2. */
  readonly jitter?: number;
  /** Attempts after one drop before giving up; default unlimited. */
  readonly maxAttempts?: number;
  /** Random source in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first):
 * `min(maxDelayMs, initialDelayMs × factor^attempt) × (1 − jitter × random())`.
 */
export function reconnectDelayMs(attempt: number, policy: ReconnectPolicy = {}): number {
  const initial = policy.initialDelayMs ?? 1_000;
  const max = policy.maxDelayMs ?? 30_000;
  const factor = policy.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0.2));
  const base = Math.min(max, initial * factor ** attempt);
  return Math.round(base * (1 - jitter * (policy.random ?? Math.random)()));
}
