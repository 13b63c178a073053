/**
 * Time as the rate limiter, the retry loop and the per-attempt timeout see it. Inject your own
 * (tests, simulations); {@link systemClock} is the default.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch; also the `KALSHI-ACCESS-TIMESTAMP` of signed requests. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with `signal.reason` as soon as `signal` aborts.
   * Must not keep a Node process alive on its own account beyond what the caller awaits.
   *
   * Times the retry backoff, and also the client's `timeoutMs`: each attempt sleeps `timeoutMs`
   * and, if the sleep resolves before the response headers arrive, the attempt aborts with a
   * `KalshiTimeoutError`. The attempt's end aborts that sleep (its rejection is ignored), so no
   * timer outlives the attempt. With {@link systemClock} itself the client arms the same
   * `setTimeout` directly and clears it at the attempt's end, sparing each attempt an abortable sleep.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
