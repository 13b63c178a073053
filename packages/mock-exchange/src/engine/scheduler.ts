import type { Clock } from './types.js';

/** Cancels a scheduled task; calling it after the task ran, or twice, does nothing. */
export type CancelTask = () => void;

/**
 * A clock that can also run a task at a given time: the engine's timers (order expirations,
 * market open and close, scheduled settlements) and the replay feed use it, so they fire without
 * any REST, WebSocket or FIX request arriving.
 */
export interface SchedulingClock extends Clock {
  /** Runs `task` once the clock reaches `atMs` (Unix ms); a time already past runs at the next chance. */
  at(atMs: number, task: () => void): CancelTask;
}

/** True when `clock` can schedule (a {@link ManualClock}, a {@link SystemClock} or your own). */
export function isSchedulingClock(clock: Clock): clock is SchedulingClock {
  return typeof (clock as Partial<SchedulingClock>).at === 'function';
}

/** Tasks scheduled on a clock that are cancelled together; a task leaves the group once it has run. */
export class ScheduledTasks {
  readonly #cancels = new Set<CancelTask>();

  /** Runs `task` once `clock` reaches `atMs` (Unix ms), unless {@link cancelAll} comes first. */
  at(clock: SchedulingClock, atMs: number, task: () => void): void {
    const cancel = clock.at(atMs, () => {
      this.#cancels.delete(cancel);
      task();
    });
    this.#cancels.add(cancel);
  }

  /** Cancels every task not yet run. */
  cancelAll(): void {
    for (const cancel of this.#cancels) cancel();
    this.#cancels.clear();
  }
}

/** setTimeout's largest delay (about 24.8 days); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Wall-clock time (`Date.now`) with real, unref'd timers: a pending task never keeps the process
 * alive. The default clock of `startMockExchange()` and `MatchingEngine`.
 */
export class SystemClock implements SchedulingClock {
  now(): number {
    return Date.now();
  }

  at(atMs: number, task: () => void): CancelTask {
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const wait = atMs - Date.now();
      if (wait <= 0) {
        timer = undefined;
        task();
        return;
      }
      timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
      timer.unref();
    };
    timer = setTimeout(arm, Math.max(0, Math.min(atMs - Date.now(), MAX_TIMER_MS)));
    timer.unref();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
  }
}

interface Pending {
  readonly atMs: number;
  readonly seq: number;
  readonly task: () => void;
  canceled: boolean;
}

/**
 * A virtual clock for tests and backtests: time moves only when {@link advance} (or
 * {@link advanceTo}) is called, and the tasks that fall due run then, in time order (ties in the
 * order they were scheduled), with {@link now} reading each task's own time while it runs. Nothing
 * waits on real time.
 */
export class ManualClock implements SchedulingClock {
  private current: number;
  private seq = 0;
  private readonly pending: Pending[] = [];

  /** @param startMs the starting time, Unix ms; default 0. */
  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError(`ManualClock start time must be a finite number of ms, got ${startMs}`);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  at(atMs: number, task: () => void): CancelTask {
    const entry: Pending = { atMs, seq: this.seq++, task, canceled: false };
    // Sorted insert (a binary search keeps it cheap for many timers).
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.pending[mid]!;
      if (other.atMs < atMs || (other.atMs === atMs && other.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, entry);
    return () => {
      entry.canceled = true;
    };
  }

  /** Tasks still waiting (canceled ones excluded). */
  pendingCount(): number {
    return this.pending.filter((entry) => !entry.canceled).length;
  }

  /**
   * Moves time forward by `ms` and runs every task due by then, in order; a task may schedule
   * more, which run too when they fall inside the step. Throws `RangeError` for a negative or
   * non-finite `ms`.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance(ms) needs a finite ms >= 0, got ${ms}`);
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `atMs` (Unix ms), running due tasks as {@link advance} does. Throws `RangeError` for a time in the past. */
  advanceTo(atMs: number): void {
    if (!Number.isFinite(atMs) || atMs < this.current) {
      throw new RangeError(`ManualClock.advanceTo(ms) cannot go back from ${this.current} to ${atMs}`);
    }
    this.runDue(atMs);
    this.current = atMs;
  }

  /** Runs the tasks already due at the current time (those scheduled at or before {@link now}). */
  runDue(untilMs = this.current): void {
    for (;;) {
      const next = this.pending[0];
      if (next === undefined || next.atMs > untilMs) return;
      this.pending.shift();
      if (next.canceled) continue;
      this.current = Math.max(this.current, next.atMs);
      next.task();
    }
  }
}
