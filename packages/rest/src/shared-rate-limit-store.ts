import { KalshiConfigError } from './errors.js';
import { BucketState, type BucketLimits, type BucketName, type RateLimitStore } from './rate-limit-store.js';

/** Float64 fields per bucket: level, last, inFlight, throttle, drainedAt, initialised. */
const FIELDS = 6;
/** The lock word (Int32) padded to 8 bytes, then both buckets' fields. */
const HEADER_BYTES = 8;
const BYTES = HEADER_BYTES + 2 * FIELDS * 8;
const SLOT: Readonly<Record<BucketName, number>> = { read: 0, write: FIELDS };

/**
 * A {@link RateLimitStore} in a `SharedArrayBuffer`, for worker threads that spend one API key's
 * budget: create it in one thread, pass {@link buffer} to the others (`workerData`, `postMessage`)
 * and wrap it there with `new SharedArrayBufferRateLimitStore(buffer)`. Each step runs under a
 * spin lock (`Atomics.compareExchange`) held for a few arithmetic operations. Separate processes
 * cannot share it: give them a store backed by something they share (see {@link RateLimitStore}).
 */
export class SharedArrayBufferRateLimitStore implements RateLimitStore {
  /** Size of the buffer this store needs, in bytes. */
  static readonly BYTES = BYTES;
  /** The shared memory holding both buckets; hand it to the other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #lock: Int32Array;
  readonly #fields: Float64Array;

  /** @throws KalshiConfigError when `buffer` is smaller than {@link BYTES}. */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(BYTES)) {
    if (buffer.byteLength < BYTES) throw new KalshiConfigError('rateLimit.store', `A SharedArrayBufferRateLimitStore needs ${BYTES} bytes, got ${buffer.byteLength}`);
    this.buffer = buffer;
    this.#lock = new Int32Array(buffer, 0, 1);
    this.#fields = new Float64Array(buffer, HEADER_BYTES, 2 * FIELDS);
  }

  #run<T>(bucket: BucketName, limits: BucketLimits, now: number, step: (s: BucketState) => T): T {
    while (Atomics.compareExchange(this.#lock, 0, 0, 1) !== 0) {
      // Another thread is inside a step of a few operations: spin.
    }
    try {
      const f = this.#fields;
      const at = SLOT[bucket];
      const s = new BucketState(limits, now);
      if (f[at + 5] === 1) {
        s.level = f[at]!;
        s.last = f[at + 1]!;
        s.inFlight = f[at + 2]!;
        s.throttle = f[at + 3]!;
        s.drainedAt = f[at + 4]!;
      }
      const result = step(s);
      f[at] = s.level;
      f[at + 1] = s.last;
      f[at + 2] = s.inFlight;
      f[at + 3] = s.throttle;
      f[at + 4] = s.drainedAt;
      f[at + 5] = 1;
      return result;
    } finally {
      Atomics.store(this.#lock, 0, 0);
    }
  }

  take(bucket: BucketName, limits: BucketLimits, tokens: number, inFlight: boolean, now: number): number {
    return this.#run(bucket, limits, now, (s) => s.take(limits, tokens, inFlight, now));
  }

  settle(bucket: BucketName, limits: BucketLimits, tokens: number, now: number): void {
    this.#run(bucket, limits, now, (s) => s.settle(limits, tokens, now));
  }

  penalize(bucket: BucketName, limits: BucketLimits, sentAt: number, now: number): boolean {
    return this.#run(bucket, limits, now, (s) => s.penalize(limits, sentAt, now));
  }

  available(bucket: BucketName, limits: BucketLimits, now: number): number {
    return this.#run(bucket, limits, now, (s) => s.available(limits, now));
  }
}
