import type { WsClock } from './clock.js';

/** @internal What a {@link KeepaliveWatch} needs. */
export interface KeepaliveWatchOptions {
  /** The server's heartbeat interval in ms: how often silence is checked. */
  readonly intervalMs: number;
  /** Silent intervals in a row that mean dead. */
  readonly deadAfter: number;
  readonly clock: WsClock;
  /** Called once when the connection is judged dead, with the silent intervals counted. */
  readonly dead: (silentIntervals: number) => void;
}

/**
 * @internal Connection liveness. Every frame, ping or pong counts as a sign of life
 * ({@link KeepaliveWatch.alive}); once per heartbeat interval the watch checks whether one came,
 * and after `deadAfter` silent intervals in a row it reports the connection dead. Kalshi pings
 * every 10 s (/getting_started/quick_start_websockets).
 */
export class KeepaliveWatch {
  readonly #options: KeepaliveWatchOptions;
  #activity = 0;
  #timer: unknown;

  constructor(options: KeepaliveWatchOptions) {
    this.#options = options;
  }

  /** A sign of life arrived. */
  alive(): void {
    this.#activity++;
  }

  /** Starts checking (a new connection); restarts the count. */
  start(): void {
    this.stop();
    const { intervalMs, deadAfter, clock, dead } = this.#options;
    let seen = this.#activity;
    let silent = 0;
    const check = (): void => {
      if (this.#activity !== seen) {
        seen = this.#activity;
        silent = 0;
      } else if (++silent >= deadAfter) {
        this.#timer = undefined;
        dead(silent);
        return;
      }
      this.#schedule(check, intervalMs);
    };
    this.#schedule(check, intervalMs);
  }

  /** Stops checking. */
  stop(): void {
    this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(check: () => void, ms: number): void {
    const timer = this.#options.clock.setTimeout(check, ms);
    // A watch alone must not keep a Node process alive.
    (timer as { unref?: () => void } | undefined)?.unref?.();
    this.#timer = timer;
  }
}
