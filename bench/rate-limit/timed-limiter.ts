/**
 * A `RateLimiter` that records, per request, how long it waited for tokens and whether tokens were
 * granted in the order they were asked for (FIFO), per bucket.
 */
import { RateLimiter, type RateLimitOptions, type RequestCost } from '../../packages/rest/src/index.ts';

export class TimedLimiter extends RateLimiter {
  /** Milliseconds each request waited in the limiter (0 when served at once). */
  readonly waits: number[] = [];
  /** Grants that overtook an earlier ask on the same bucket. */
  inversions = 0;
  readonly #asked = { read: 0, write: 0 };
  readonly #granted = { read: 0, write: 0 };

  constructor(options: RateLimitOptions) {
    super(options);
  }

  override takeInFlight(operationId: string | undefined, cost: RequestCost, signal?: AbortSignal): Promise<void> | undefined {
    const ticket = this.#asked[cost.bucket]++;
    const t0 = performance.now();
    const grant = () => {
      if (ticket !== this.#granted[cost.bucket]) this.inversions++;
      this.#granted[cost.bucket] = ticket + 1;
    };
    const wait = super.takeInFlight(operationId, cost, signal);
    if (wait === undefined) {
      grant();
      this.waits.push(0);
      return undefined;
    }
    return wait.then(() => {
      grant();
      this.waits.push(performance.now() - t0);
    });
  }
}
