/** Kalshi's two token buckets (getting_started/rate_limits): `read` and `write`. */
export type BucketName = 'read' | 'write';

/** What a store needs to know about a bucket to update it. */
export interface BucketLimits {
  /** Tokens added per second: the tier's per-second budget. */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds; it starts full. */
  readonly capacity: number;
  /**
   * After a 429 the refill rate is halved (down to 1/16), then climbs back linearly to the full
   * rate over this many milliseconds without another 429. 0: a 429 drains, never slows.
   */
  readonly recoveryMs: number;
}

/**
 * Where a {@link RateLimiter}'s bucket levels live. Every method is one atomic step on one bucket
 * at time `now` (Unix ms). Share one store between every limiter that spends one API key's budget:
 * {@link MemoryRateLimitStore} within a process (the default), {@link SharedArrayBufferRateLimitStore}
 * across worker threads, or your own (a file lock, Redis with a script that runs the same steps as
 * {@link BucketState}; methods may return promises).
 */
export interface RateLimitStore {
  /**
   * Takes `tokens` if the bucket holds them: returns 0 when taken, else milliseconds worth waiting
   * before asking again. With `inFlight`, the tokens count as in flight until {@link settle}.
   */
  take(bucket: BucketName, limits: BucketLimits, tokens: number, inFlight: boolean, now: number): number | Promise<number>;
  /** The request that took `tokens` in flight has its answer (or failed): they stop counting. */
  settle(bucket: BucketName, limits: BucketLimits, tokens: number, now: number): void | Promise<void>;
  /**
   * The server answered 429 to a request sent at `sentAt`: empties the bucket and slows its refill
   * (see {@link BucketLimits.recoveryMs}), unless an earlier 429 already did so after `sentAt`.
   * Returns whether it did.
   */
  penalize(bucket: BucketName, limits: BucketLimits, sentAt: number, now: number): boolean | Promise<boolean>;
  /** Tokens in the bucket now. */
  available(bucket: BucketName, limits: BucketLimits, now: number): number | Promise<number>;
}

/** Sleep bound while refill is held back by tokens in flight: their answers free it, not time. */
export const IN_FLIGHT_POLL_MS = 5;
const MIN_THROTTLE = 1 / 16;

/**
 * One bucket's state and the steps every store runs on it. Levels are in thousandths of a token,
 * so at the full rate and with integer clock readings the arithmetic is exact.
 *
 * Conservative by design: refill never lifts `level + inFlight` above the capacity. A server
 * bucket only sees a request when it arrives, and refills up to its capacity meanwhile; a client
 * that credited itself that refill while the request travels would send what the server refuses
 * (the 429s of issue #16). Holding refill back while tokens are in flight keeps the client's level
 * at or below what an exact server bucket, started at the same moment, has when each request
 * arrives. Cost: after an idle spell, refill starts one round trip late.
 */
export class BucketState {
  /** Thousandths of a token. */
  level: number;
  /** Clock reading of the last refill. */
  last: number;
  /** Thousandths of a token taken by requests not yet answered. */
  inFlight = 0;
  /** Fraction of the refill rate in force (1 until a 429). */
  throttle = 1;
  /** When the last 429 emptied the bucket (-Infinity: never). */
  drainedAt = Number.NEGATIVE_INFINITY;

  /** A full bucket at `now`. */
  constructor(limits: BucketLimits, now: number) {
    this.level = limits.capacity * 1000;
    this.last = now;
  }

  refill(limits: BucketLimits, now: number): void {
    const elapsed = now - this.last;
    if (!(elapsed > 0)) return;
    this.last = now;
    const ceiling = limits.capacity * 1000 - this.inFlight;
    if (this.level < ceiling) {
      // While throttled, refill at the rate of the interval's start (the lower end): never early.
      const gain = this.throttle === 1 ? elapsed * limits.ratePerSecond : Math.floor(elapsed * limits.ratePerSecond * this.throttle);
      this.level = Math.min(ceiling, this.level + gain);
    }
    if (this.throttle < 1) this.throttle = limits.recoveryMs > 0 ? Math.min(1, this.throttle + elapsed / limits.recoveryMs) : 1;
  }

  take(limits: BucketLimits, tokens: number, inFlight: boolean, now: number): number {
    this.refill(limits, now);
    const need = tokens * 1000;
    if (this.level >= need) {
      this.level -= need;
      if (inFlight) this.inFlight += need;
      return 0;
    }
    const wait = Math.max(1, Math.ceil((need - this.level) / (limits.ratePerSecond * this.throttle)));
    // Refill alone cannot get there while the tokens in flight hold the ceiling below `need`.
    return limits.capacity * 1000 - this.inFlight < need ? Math.min(wait, IN_FLIGHT_POLL_MS) : wait;
  }

  settle(limits: BucketLimits, tokens: number, now: number): void {
    this.refill(limits, now);
    this.inFlight = Math.max(0, this.inFlight - tokens * 1000);
  }

  penalize(limits: BucketLimits, sentAt: number, now: number): boolean {
    this.refill(limits, now);
    if (sentAt < this.drainedAt) return false;
    this.level = Math.min(this.level, 0);
    if (limits.recoveryMs > 0) this.throttle = Math.max(MIN_THROTTLE, this.throttle / 2);
    this.drainedAt = now;
    return true;
  }

  available(limits: BucketLimits, now: number): number {
    this.refill(limits, now);
    return this.level / 1000;
  }
}

/** The default store: both buckets in this process's memory, for limiters sharing this instance. */
export class MemoryRateLimitStore implements RateLimitStore {
  #read: BucketState | undefined;
  #write: BucketState | undefined;

  #state(bucket: BucketName, limits: BucketLimits, now: number): BucketState {
    if (bucket === 'write') return (this.#write ??= new BucketState(limits, now));
    return (this.#read ??= new BucketState(limits, now));
  }

  take(bucket: BucketName, limits: BucketLimits, tokens: number, inFlight: boolean, now: number): number {
    return this.#state(bucket, limits, now).take(limits, tokens, inFlight, now);
  }

  settle(bucket: BucketName, limits: BucketLimits, tokens: number, now: number): void {
    this.#state(bucket, limits, now).settle(limits, tokens, now);
  }

  penalize(bucket: BucketName, limits: BucketLimits, sentAt: number, now: number): boolean {
    return this.#state(bucket, limits, now).penalize(limits, sentAt, now);
  }

  available(bucket: BucketName, limits: BucketLimits, now: number): number {
    return this.#state(bucket, limits, now).available(limits, now);
  }
}
