import { MockExchangeError } from '../errors.js';
import type { FeeType } from '../engine/fees.js';
import { isSchedulingClock, ScheduledTasks } from '../engine/scheduler.js';
import type { Clock } from '../engine/types.js';

/** A fee type a fee change may name: the engine's, and `flat` (served, not priced by the engine). */
export type FeeChangeType = FeeType | 'flat';

/** A scheduled change of a series' fee structure (`GET /series/fee_changes`). */
export interface SeriesFeeChange {
  readonly id: string;
  readonly seriesTicker: string;
  readonly feeType: FeeChangeType;
  /** Decimal string of at least 0, at most 4 decimals (e.g. `'0.5'`). */
  readonly feeMultiplier: string;
  /** Unix ms at which the change takes effect. */
  readonly scheduledMs: number;
}

/** A scheduled event fee override, or the clearing of one (`null`s) (`GET /events/fee_changes`). */
export interface EventFeeChange {
  readonly id: string;
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly feeTypeOverride: FeeChangeType | null;
  /** Decimal string of at least 0, at most 4 decimals, or `null` to clear the override. */
  readonly feeMultiplierOverride: string | null;
  /** Unix ms at which the change takes effect. */
  readonly scheduledMs: number;
}

const FEE_TYPES: readonly string[] = ['quadratic', 'quadratic_with_maker_fees', 'quadratic_with_combo_maker_fees', 'flat'];
const MULTIPLIER = /^\d+(\.\d{1,4})?$/;

function check(ok: boolean, field: string, value: unknown, what: string): void {
  if (!ok) throw new MockExchangeError('INVALID_PARAMETER', `${field} must be ${what}`, { field, value });
}

function checkTime(field: string, ms: number): void {
  check(Number.isSafeInteger(ms) && ms >= 0, field, ms, 'Unix milliseconds');
}

/** A listener of event fee changes taking effect. */
export type EventFeeListener = (change: EventFeeChange) => void;

/**
 * The fee changes the simulator serves; empty until a test gives it a list. Each event fee change
 * still ahead of the clock when it is set takes effect at its `scheduledMs` on the clock (a
 * `ManualClock` moves it), and is then announced to the {@link onEventFeeChange} listeners (the
 * WebSocket's `event_fee_update`). Changes already due when set are history: served, not announced.
 */
export class FeeChanges {
  private seriesChanges: SeriesFeeChange[] = [];
  private eventChanges: EventFeeChange[] = [];
  private readonly pending = new ScheduledTasks();
  private readonly listeners = new Set<EventFeeListener>();

  /** @param clock the clock the changes take effect on; one that cannot schedule (no `at`) announces none. */
  constructor(private readonly clock?: Clock) {}

  /** Registers a listener of event fee changes taking effect. @returns a function that removes it. */
  onEventFeeChange(listener: EventFeeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }


  /**
   * Replaces the series fee changes.
   * @throws MockExchangeError `INVALID_PARAMETER` naming the field (`feeType`, `feeMultiplier`, `scheduledMs`) and value.
   */
  setSeriesFeeChanges(changes: readonly SeriesFeeChange[]): void {
    for (const c of changes) {
      check(FEE_TYPES.includes(c.feeType), 'feeType', c.feeType, `one of ${FEE_TYPES.join(', ')}`);
      check(MULTIPLIER.test(c.feeMultiplier), 'feeMultiplier', c.feeMultiplier, 'a decimal of at least 0 with at most 4 decimals');
      checkTime('scheduledMs', c.scheduledMs);
    }
    this.seriesChanges = [...changes].sort((a, b) => a.scheduledMs - b.scheduledMs);
  }

  /**
   * Replaces the event fee changes.
   * @throws MockExchangeError `INVALID_PARAMETER` naming the field (`feeTypeOverride`, `feeMultiplierOverride`, `scheduledMs`) and value.
   */
  setEventFeeChanges(changes: readonly EventFeeChange[]): void {
    for (const c of changes) {
      check(c.feeTypeOverride === null || FEE_TYPES.includes(c.feeTypeOverride), 'feeTypeOverride', c.feeTypeOverride, `null or one of ${FEE_TYPES.join(', ')}`);
      check(
        c.feeMultiplierOverride === null || MULTIPLIER.test(c.feeMultiplierOverride),
        'feeMultiplierOverride',
        c.feeMultiplierOverride,
        'null or a decimal of at least 0 with at most 4 decimals',
      );
      checkTime('scheduledMs', c.scheduledMs);
    }
    this.eventChanges = [...changes].sort((a, b) => a.scheduledMs - b.scheduledMs);
    this.pending.cancelAll();
    const clock = this.clock;
    if (clock === undefined || !isSchedulingClock(clock)) return;
    for (const change of this.eventChanges) {
      if (change.scheduledMs <= clock.now()) continue;
      this.pending.at(clock, change.scheduledMs, () => {
        for (const listener of this.listeners) listener(change);
      });
    }
  }

  /** Series fee changes, oldest scheduled first. */
  series(): readonly SeriesFeeChange[] {
    return this.seriesChanges;
  }

  /** Event fee changes, oldest scheduled first. */
  events(): readonly EventFeeChange[] {
    return this.eventChanges;
  }
}
