/**
 * The simulator's system clock for the bench, with its timers releasable at the end of a case.
 * An engine schedules its markets' open and close on its clock; the baseline commit's timers hold
 * their engine strongly (today's hold it weakly), so every baseline engine a case made stayed
 * reachable for the rest of the process: ~0.5 GB after the engine group, ~0.45 GB more per round
 * of baseline replays, under every later case's garbage collector. Each engine and simulator of
 * either commit gets one of these, and {@link DisposableClock.dispose} once the case is done.
 */
import type { CancelTask, SchedulingClock } from '../../packages/mock-exchange/src/index.ts';

/** `now()` is `Date.now()`, as the module's `SystemClock`; `at()` goes through that `SystemClock`, remembering the timer. */
export class DisposableClock implements SchedulingClock {
  readonly #system: SchedulingClock;
  readonly #pending = new Set<CancelTask>();

  /** `system`: the simulator module's own `SystemClock`. */
  constructor(system: SchedulingClock) {
    this.#system = system;
  }

  now(): number {
    return Date.now();
  }

  at(atMs: number, task: () => void): CancelTask {
    const cancel = this.#system.at(atMs, () => {
      this.#pending.delete(cancel);
      task();
    });
    this.#pending.add(cancel);
    return () => {
      this.#pending.delete(cancel);
      cancel();
    };
  }

  /** Cancels every timer still pending, so nothing but the case's own references holds its engines. */
  dispose(): void {
    for (const cancel of this.#pending) cancel();
    this.#pending.clear();
  }
}
