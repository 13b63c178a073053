import { reconnectDelay, type ResolvedReconnect } from './backoff.js';
import type { WsClock } from './clock.js';

/**
 * Counts reconnect attempts. The count grows with every drop, including a drop right after a
 * successful handshake, and starts again from 1 only once a connection has proved healthy: its
 * subscriptions restored and `healthyAfterMs` of uptime after that. So a server that accepts and
 * then closes sees exponentially growing delays, as Kalshi advises
 * (/getting_started/quick_start_websockets: "Implement automatic reconnection with exponential backoff").
 */
export class ReconnectBackoff {
  readonly #policy: ResolvedReconnect;
  readonly #clock: WsClock;
  #attempt = 0;
  #healthTimer: unknown;

  constructor(policy: ResolvedReconnect, clock: WsClock) {
    this.#policy = policy;
    this.#clock = clock;
  }

  /** The next attempt and its delay in ms, or undefined once `maxAttempts` ran out. */
  next(): { readonly attempt: number; readonly delayMs: number } | undefined {
    this.lost();
    const attempt = ++this.#attempt;
    if (attempt > this.#policy.maxAttempts) return undefined;
    return { attempt, delayMs: reconnectDelay(attempt, this.#policy) };
  }

  /** The connection is up and restored: the count restarts if it stays up `healthyAfterMs`. */
  restored(): void {
    this.lost();
    this.#healthTimer = this.#clock.setTimeout(() => {
      this.#healthTimer = undefined;
      this.#attempt = 0;
    }, this.#policy.healthyAfterMs);
  }

  /** The connection dropped (or the client closed) before proving healthy: keep the count. */
  lost(): void {
    if (this.#healthTimer === undefined) return;
    this.#clock.clearTimeout(this.#healthTimer);
    this.#healthTimer = undefined;
  }
}
