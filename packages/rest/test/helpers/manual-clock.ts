import type { Clock } from '../../src/clock.js';

/** Lets queued promise continuations run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets the event loop turn (I/O included, no timers) until `condition` holds; throws after `turns` turns. */
export async function turnsUntil(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await flush();
  }
  throw new Error(`still false after ${turns} event-loop turns: ${condition.toString()}`);
}

/**
 * A clock that only moves when told to: `sleep` resolves when `advance` passes its deadline.
 * Records each requested sleep.
 */
export class ManualClock implements Clock {
  #now: number;
  #sleepers: { at: number; resolve: () => void }[] = [];
  readonly sleeps: number[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Sleeps neither woken by `advance` nor aborted yet. */
  get pending(): number {
    return this.#sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const entry = { at: this.#now + ms, resolve };
      this.#sleepers.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== entry);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves time forward by `ms`, waking sleepers as their deadlines pass. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await flush();
      const due = this.#sleepers.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#now = Math.max(this.#now, due.at);
      this.#sleepers = this.#sleepers.filter((s) => s !== due);
      due.resolve();
    }
    this.#now = end;
    await flush();
  }
}

/** A clock whose `now` steps by `stepMs` on each read and whose sleeps return at once (retry tests). */
export function steppingClock(start = 1_700_000_000_000, stepMs = 1000): Clock & { readonly sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => (t += stepMs),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

/**
 * A clock for tests about retries, not their timing: each `sleep(ms)` moves its time on by `ms` and
 * resolves at once (after recording `ms`), so backoff costs no real time; it rejects with the
 * signal's reason when `signal` has aborted, as the system clock does. A sleep of `waitsOutMs` or
 * more (a client's `timeoutMs`, which sleeps on this clock too) never wakes: only its signal ends it.
 */
export function skippingClock(start = 1_700_000_000_000, { waitsOutMs = Infinity }: { waitsOutMs?: number } = {}): Clock & { readonly sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      if (ms >= waitsOutMs) {
        return new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
      }
      t += ms;
    },
  };
}
