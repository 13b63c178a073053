import type { CancelTask, SchedulingClock } from './scheduler.js';
import type { Clock } from './types.js';

/** One scheduled task, held by its {@link OwnedTasks} until it runs or is canceled. */
interface Pending {
  readonly task: () => void;
}

/**
 * A scheduling clock whose pending tasks are held by this object (so by the engine that owns it),
 * while the source clock's timers reach them only through weak references. A real clock's pending
 * timer (`SystemClock`: a `setTimeout`, re-armed up to a market's close time) then no longer keeps
 * a dropped engine — every order, fill and trade it holds — alive until the process ends; once
 * the engine is unreachable its tasks are collected with it and never run (nothing could see
 * what they did). Time is read from `time` (the source clock, or a view of it).
 */
export class OwnedTasks implements SchedulingClock {
  private readonly pending = new Set<Pending>();
  private readonly self = new WeakRef(this);

  constructor(
    private readonly source: SchedulingClock,
    private readonly time: Clock = source,
  ) {}

  now(): number {
    return this.time.now();
  }

  at(atMs: number, task: () => void): CancelTask {
    const pending: Pending = { task };
    this.pending.add(pending);
    const cancel = this.source.at(atMs, weakly(this.self, new WeakRef(pending)));
    return () => {
      cancel();
      this.pending.delete(pending);
    };
  }

  /** Runs `pending` when it is still held (not canceled, not run): the source clock's timer calls it. */
  runPending(pending: Pending): void {
    if (this.pending.delete(pending)) pending.task();
  }
}

/** The source clock's task: made outside any method, so that it closes over the weak references alone. */
function weakly(owner: WeakRef<OwnedTasks>, pending: WeakRef<Pending>): () => void {
  return () => {
    const tasks = owner.deref();
    const held = pending.deref();
    if (tasks !== undefined && held !== undefined) tasks.runPending(held);
  };
}
