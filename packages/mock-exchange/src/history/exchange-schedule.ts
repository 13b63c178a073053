import { MockExchangeError } from '../errors.js';

/** A scheduled maintenance window, Unix ms (`GET /exchange/schedule`). */
export interface MaintenanceWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The exchange schedule the simulator serves: open around the clock every day (the simulator never
 * closes on a timetable), plus the maintenance windows a test gives it.
 */
export class ExchangeSchedule {
  private windows: MaintenanceWindow[] = [];

  /**
   * Replaces the maintenance windows.
   * @throws MockExchangeError `INVALID_PARAMETER` (field `startMs`/`endMs`) for a time that is not Unix ms or a window that ends before it starts.
   */
  setMaintenanceWindows(windows: readonly MaintenanceWindow[]): void {
    for (const w of windows) {
      for (const field of ['startMs', 'endMs'] as const) {
        if (!Number.isSafeInteger(w[field]) || w[field] < 0) {
          throw new MockExchangeError('INVALID_PARAMETER', `${field} must be Unix milliseconds`, { field, value: w[field] });
        }
      }
      if (w.endMs < w.startMs) throw new MockExchangeError('INVALID_PARAMETER', 'endMs is before startMs', { field: 'endMs', value: w.endMs });
    }
    this.windows = [...windows].sort((a, b) => a.startMs - b.startMs);
  }

  /** The maintenance windows, earliest first. */
  maintenanceWindows(): readonly MaintenanceWindow[] {
    return this.windows;
  }
}
