/** The time source a FIX session runs on: injected so tests drive heartbeats and timeouts by hand. */

/** An opaque timer handle returned by {@link FixClock.setTimeout}. */
export type FixTimer = unknown;

/**
 * Wall-clock time and one-shot timers. `now()` stamps SendingTime(52) and checks inbound
 * SendingTime drift, so it must be real UTC time in production.
 */
export interface FixClock {
  /** Unix epoch milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): FixTimer;
  /** Cancels a timer that has not fired; a no-op otherwise. */
  clearTimeout(timer: FixTimer): void;
}

/** `Date.now` and the runtime's timers. */
export const systemClock: FixClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};
