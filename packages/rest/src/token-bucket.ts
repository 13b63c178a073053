import type { Clock } from './clock.js';
import { MemoryRateLimitStore, type BucketLimits, type BucketName, type RateLimitStore } from './rate-limit-store.js';

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds; it starts full. */
  readonly capacity: number;
  readonly clock: Clock;
  /** Where the level lives; default a store of this bucket's own. Share one to share the budget. */
  readonly store?: RateLimitStore;
  /** Which of the store's buckets this is; default `'read'`. */
  readonly name?: BucketName;
  /** See {@link BucketLimits.recoveryMs}; default 10,000. */
  readonly recoveryMs?: number;
}

/** Default of {@link TokenBucketOptions.recoveryMs}. */
export const DEFAULT_RECOVERY_MS = 10_000;

/**
 * A token bucket whose takers wait, first come first served, instead of being refused: the
 * client-side mirror of one of Kalshi's buckets (getting_started/rate_limits). The level lives in
 * a {@link RateLimitStore}; the queue of waiters in this object, so takers in this process are
 * served in arrival order (across processes sharing a store, each process keeps its own order).
 */
export class TokenBucket {
  readonly ratePerSecond: number;
  readonly capacity: number;
  readonly #clock: Clock;
  readonly #store: RateLimitStore;
  readonly #name: BucketName;
  readonly #limits: BucketLimits;
  #waiting = 0;
  #tail: Promise<unknown> = Promise.resolve();

  /** @throws RangeError for a rate or capacity that is not positive, or a negative `recoveryMs`. */
  constructor(options: TokenBucketOptions) {
    const recoveryMs = options.recoveryMs ?? DEFAULT_RECOVERY_MS;
    if (!(options.ratePerSecond > 0) || !(options.capacity > 0) || !(recoveryMs >= 0)) {
      throw new RangeError(`A token bucket needs a positive rate and capacity, got ${options.ratePerSecond}/s and ${options.capacity} (recoveryMs ${recoveryMs})`);
    }
    this.ratePerSecond = options.ratePerSecond;
    this.capacity = options.capacity;
    this.#clock = options.clock;
    this.#store = options.store ?? new MemoryRateLimitStore();
    this.#name = options.name ?? 'read';
    this.#limits = { ratePerSecond: options.ratePerSecond, capacity: options.capacity, recoveryMs };
  }

  /** Tokens in the bucket now (a promise with a store that answers asynchronously). */
  available(): number | Promise<number> {
    return this.#store.available(this.#name, this.#limits, this.#clock.now());
  }

  /** Requests queued behind the bucket in this process right now. */
  get waiting(): number {
    return this.#waiting;
  }

  /**
   * Takes `cost` tokens. Returns `undefined` when they were taken at once (nobody queued and
   * enough tokens), else a promise that resolves once they are taken, in arrival order.
   * The promise rejects with `signal.reason` if `signal` aborts first; nothing is taken then.
   *
   * With `inFlight`, the tokens stay in flight until {@link settle}: refill does not lift the level
   * plus the tokens in flight above the capacity (see {@link BucketState}). Use it for requests
   * whose answer you will report; without it, tokens are simply spent.
   * @throws RangeError when `cost` exceeds the capacity: no wait would ever admit it.
   */
  take(cost: number, signal?: AbortSignal, inFlight = false): Promise<void> | undefined {
    if (cost > this.capacity) throw new RangeError(`A cost of ${cost} tokens exceeds the bucket's capacity of ${this.capacity}`);
    let first: number | Promise<number> | undefined;
    if (this.#waiting === 0) {
      first = this.#store.take(this.#name, this.#limits, cost, inFlight, this.#clock.now());
      if (first === 0) return undefined;
    }
    this.#waiting++;
    const before = this.#tail;
    const mine = (async () => {
      try {
        await untilSettledOrAborted(before, signal);
        for (;;) {
          if (first === undefined) signal?.throwIfAborted();
          const wait = await (first ?? this.#store.take(this.#name, this.#limits, cost, inFlight, this.#clock.now()));
          first = undefined;
          if (wait === 0) return;
          await this.#clock.sleep(wait, signal);
        }
      } finally {
        this.#waiting--;
      }
    })();
    // The next taker waits for both: an aborted taker must not let it jump ahead of ours.
    this.#tail = Promise.allSettled([before, mine]);
    return mine;
  }

  /** A request that took `cost` tokens in flight has its answer, or failed without one. */
  settle(cost: number): void | Promise<void> {
    return this.#store.settle(this.#name, this.#limits, cost, this.#clock.now());
  }

  /**
   * The server answered 429 to a request sent at `sentAt` (clock ms): empties the bucket so the
   * next takers wait for refill, and slows refill for a while (see {@link BucketLimits.recoveryMs}).
   * A 429 to a request sent before the previous 429 was handled changes nothing: same overdraw.
   */
  penalize(sentAt: number): boolean | Promise<boolean> {
    return this.#store.penalize(this.#name, this.#limits, sentAt, this.#clock.now());
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
