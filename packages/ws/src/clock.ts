/**
 * The time source of the client's reconnect, resubscribe and health timers. Injected by tests (and
 * simulations) to drive backoff by hand; {@link systemClock} is the default.
 */
export interface WsClock {
  /** Unix epoch milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds; returns a handle for {@link WsClock.clearTimeout}. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a timer that has not fired; a no-op for `undefined` or a timer that already fired. */
  clearTimeout(timer: unknown): void;
}

/** `Date.now` and the runtime's timers. */
export const systemClock: WsClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout> | undefined),
};
