import type { Clock } from './clock.js';

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds; it starts full. */
  readonly capacity: number;
  readonly clock: Clock;
}

/**
 * A token bucket whose takers wait, first come first served, instead of being refused: the
 * client-side mirror of one of Kalshi's buckets (getting_started/rate_limits). Token counts are
 * kept in thousandths, so with integer clock readings the arithmetic is exact.
 *
 * A cost above the capacity (a large batch) waits for a full bucket and then drives it below
 * zero; later takers wait for the debt to refill.
 */
export class TokenBucket {
  readonly ratePerSecond: number;
  readonly capacity: number;
  readonly #clock: Clock;
  /** Thousandths of a token; may go negative after an oversized take. */
  #level: number;
  #last: number;
  #waiting = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.capacity > 0)) {
      throw new RangeError(`A token bucket needs a positive rate and capacity, got ${options.ratePerSecond}/s and ${options.capacity}`);
    }
    this.ratePerSecond = options.ratePerSecond;
    this.capacity = options.capacity;
    this.#clock = options.clock;
    this.#level = options.capacity * 1000;
    this.#last = options.clock.now();
  }

  /** Tokens in the bucket now (negative while an oversized take is being repaid). */
  available(): number {
    this.#refill();
    return this.#level / 1000;
  }

  /** Requests queued behind the bucket right now. */
  get waiting(): number {
    return this.#waiting;
  }

  /**
   * Takes `cost` tokens. Returns `undefined` when they were taken at once (nobody queued and
   * enough tokens), else a promise that resolves once they are taken, in arrival order.
   * The promise rejects with `signal.reason` if `signal` aborts first; nothing is taken then.
   */
  take(cost: number, signal?: AbortSignal): Promise<void> | undefined {
    if (this.#waiting === 0 && this.#tryTake(cost)) return undefined;
    this.#waiting++;
    const before = this.#tail;
    const mine = (async () => {
      try {
        await untilSettledOrAborted(before, signal);
        for (;;) {
          signal?.throwIfAborted();
          if (this.#tryTake(cost)) return;
          await this.#clock.sleep(this.#msUntil(cost), signal);
        }
      } finally {
        this.#waiting--;
      }
    })();
    // The next taker waits for both: an aborted taker must not let it jump ahead of ours.
    this.#tail = Promise.allSettled([before, mine]);
    return mine;
  }

  #refill(): void {
    const now = this.#clock.now();
    const elapsed = now - this.#last;
    if (elapsed > 0) {
      this.#level = Math.min(this.capacity * 1000, this.#level + elapsed * this.ratePerSecond);
      this.#last = now;
    }
  }

  #tryTake(cost: number): boolean {
    this.#refill();
    if (this.#level < Math.min(cost, this.capacity) * 1000) return false;
    this.#level -= cost * 1000;
    return true;
  }

  #msUntil(cost: number): number {
    const missing = Math.min(cost, this.capacity) * 1000 - this.#level;
    return Math.max(1, Math.ceil(missing / this.ratePerSecond));
  }
}

function untilSettledOrAborted(p: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(undefined);
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(undefined);
      },
    );
  });
}
