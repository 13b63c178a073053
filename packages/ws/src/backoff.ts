import { KalshiWsError } from './errors.js';

/** How the client reconnects after losing an established connection. */
export interface ReconnectOptions {
  /** Delay before the first attempt, in milliseconds. Default 500. */
  readonly initialDelayMs?: number;
  /** Cap on any delay, in milliseconds. Default 30,000. */
  readonly maxDelayMs?: number;
  /** Growth factor per failed attempt. Default 2. */
  readonly factor?: number;
  /**
   * Fraction of each delay that is random, 0–1. Default 0.5: a delay `d` becomes a uniform
   * value in `[d × (1 − jitter), d]`, so clients cut off together do not reconnect together.
   */
  readonly jitter?: number;
  /** Attempts in a row before giving up with `WS_RECONNECT_EXHAUSTED`. Default unlimited. */
  readonly maxAttempts?: number;
  /**
   * How long, in milliseconds, a connection must stay up after every subscription was restored
   * before the attempt count (and so the delay) starts again from 1. Default 10,000 (one Kalshi
   * heartbeat). A server that accepts and then drops the connection keeps the delay growing.
   */
  readonly healthyAfterMs?: number;
  /**
   * How many times in a row a `subscribe` Kalshi refuses with a terminal error (10, 25) is retried
   * before the subscription ends with that error. Default 5. (A subscription Kalshi ends while it
   * runs is always subscribed again.) The first retry is immediate; while failures repeat, the
   * delay backs off like reconnects, and it starts over once the subscription stays up `healthyAfterMs`.
   */
  readonly maxSubscribeRetries?: number;
}

/** {@link ReconnectOptions} with every default filled in. */
export interface ResolvedReconnect {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  readonly jitter: number;
  readonly maxAttempts: number;
  readonly healthyAfterMs: number;
  readonly maxSubscribeRetries: number;
}

/**
 * Fills in defaults and checks ranges.
 * @throws KalshiWsError `WS_CONFIG_INVALID` naming the bad option.
 */
export function resolveReconnect(options: ReconnectOptions = {}): ResolvedReconnect {
  const resolved = {
    initialDelayMs: options.initialDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    factor: options.factor ?? 2,
    jitter: options.jitter ?? 0.5,
    maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY,
    healthyAfterMs: options.healthyAfterMs ?? 10_000,
    maxSubscribeRetries: options.maxSubscribeRetries ?? 5,
  };
  const checks: Array<[keyof ResolvedReconnect, boolean]> = [
    ['initialDelayMs', Number.isFinite(resolved.initialDelayMs) && resolved.initialDelayMs >= 0],
    ['maxDelayMs', Number.isFinite(resolved.maxDelayMs) && resolved.maxDelayMs >= resolved.initialDelayMs],
    ['factor', Number.isFinite(resolved.factor) && resolved.factor >= 1],
    ['jitter', resolved.jitter >= 0 && resolved.jitter <= 1],
    ['maxAttempts', resolved.maxAttempts >= 1],
    ['healthyAfterMs', Number.isFinite(resolved.healthyAfterMs) && resolved.healthyAfterMs >= 0],
    ['maxSubscribeRetries', Number.isSafeInteger(resolved.maxSubscribeRetries) && resolved.maxSubscribeRetries >= 0],
  ];
  for (const [option, ok] of checks) {
    if (!ok) {
      throw new KalshiWsError('WS_CONFIG_INVALID', `reconnect.${option} is out of range: ${String(resolved[option])}`, {
        option: `reconnect.${option}`,
      });
    }
  }
  return resolved;
}

/**
 * The delay before reconnect attempt `attempt` (1 for the first): exponential growth from
 * `initialDelayMs` by `factor`, capped at `maxDelayMs`, with the top `jitter` fraction randomized.
 * @param random a uniform value in [0, 1), `Math.random()` by default.
 */
export function reconnectDelay(attempt: number, options: ResolvedReconnect, random: number = Math.random()): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** Math.max(0, attempt - 1));
  return Math.round(base - base * options.jitter * random);
}
