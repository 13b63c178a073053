import type { AdvanceableClock } from './control-api.js';

/** A clock that moves only when told (`POST /__mock/clock/advance`, `--manual-clock`). Unix ms. */
export class ManualClock implements AdvanceableClock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void {
    this.ms += ms;
  }
}
