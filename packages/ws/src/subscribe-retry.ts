import { reconnectDelay, type ResolvedReconnect } from './backoff.js';
import type { WsClock } from './clock.js';

/**
 * Retries of a subscription that Kalshi ended, or refused to start, with a terminal error (10
 * channel error, 25 buffer overflow). The first retry goes at once; while failures keep coming
 * (each within its retry delay plus `healthyAfterMs` of the last) the delay backs off like
 * reconnects. Refusals of the `subscribe` itself are bounded: after `maxSubscribeRetries` in a row
 * the subscription ends. A subscription Kalshi ends while it runs is always retried.
 */
export class SubscribeRetry<K extends object> {
  readonly #policy: ResolvedReconnect;
  readonly #clock: WsClock;
  readonly #failures = new WeakMap<K, { attempt: number; at: number; delayMs: number; refusals: number }>();

  constructor(policy: ResolvedReconnect, clock: WsClock) {
    this.#policy = policy;
    this.#clock = clock;
  }

  /**
   * Records a terminal failure of `key` (`refused`: the answer to its `subscribe`): the retry's
   * attempt number and delay in ms, or undefined when the refusals ran out.
   */
  failed(key: K, refused: boolean): { readonly attempt: number; readonly delayMs: number } | undefined {
    const now = this.#clock.now();
    const last = this.#failures.get(key);
    const attempt = last !== undefined && now - last.at <= last.delayMs + this.#policy.healthyAfterMs ? last.attempt + 1 : 1;
    const refusals = refused ? (last?.refusals ?? 0) + 1 : 0;
    if (refusals > this.#policy.maxSubscribeRetries) {
      this.#failures.delete(key);
      return undefined;
    }
    const delayMs = attempt === 1 ? 0 : reconnectDelay(attempt - 1, this.#policy);
    this.#failures.set(key, { attempt, at: now, delayMs, refusals });
    return { attempt, delayMs };
  }

  /** `key`'s subscribe succeeded: its refusals start again from 0. */
  succeeded(key: K): void {
    const last = this.#failures.get(key);
    if (last !== undefined) last.refusals = 0;
  }
}
