import { MockExchangeError } from '../errors.js';
import type { Clock } from '../engine/types.js';

/**
 * The boundary between live and historical data, Unix ms (`GET /historical/cutoff`,
 * `/getting_started/historical_data`).
 */
export interface CutoffTimes {
  /** Markets settled before this, and their candlesticks, are historical. */
  readonly marketSettledMs: number;
  /** Trades and fills created before this are historical. */
  readonly tradesCreatedMs: number;
  /** Orders canceled or fully executed before this are historical; resting orders never are. */
  readonly ordersUpdatedMs: number;
  /** Positions in settled markets last updated before this are historical. */
  readonly positionsUpdatedMs: number;
}

/** Months of live data Kalshi targets (`/getting_started/historical_data`: "The target window for live data is **3 months**."). */
export const LIVE_WINDOW_MONTHS = 3;

/**
 * The historical cutoff. By default each cutoff is the engine clock's now less
 * {@link LIVE_WINDOW_MONTHS} calendar months (UTC), so it advances with the clock; {@link set}
 * pins some or all of them instead.
 */
export class HistoricalCutoff {
  private pinned: Partial<CutoffTimes> = {};

  constructor(private readonly clock: Clock) {}

  /** The cutoffs in force now. */
  current(): CutoffTimes {
    const window = new Date(this.clock.now());
    window.setUTCMonth(window.getUTCMonth() - LIVE_WINDOW_MONTHS);
    const rolling = window.getTime();
    return {
      marketSettledMs: this.pinned.marketSettledMs ?? rolling,
      tradesCreatedMs: this.pinned.tradesCreatedMs ?? rolling,
      ordersUpdatedMs: this.pinned.ordersUpdatedMs ?? rolling,
      positionsUpdatedMs: this.pinned.positionsUpdatedMs ?? rolling,
    };
  }

  /** True if the market settled before the market cutoff (it is then served only by `/historical/markets`). */
  isMarketHistorical(market: { readonly settledMs?: number | undefined }): boolean {
    return market.settledMs !== undefined && market.settledMs < this.current().marketSettledMs;
  }

  /** True if a trade or fill created at `createdMs` is behind the trades cutoff. */
  isTradeHistorical(createdMs: number): boolean {
    return createdMs < this.current().tradesCreatedMs;
  }

  /** True if the order was canceled or fully executed before the orders cutoff; resting orders never are. */
  isOrderHistorical(order: { readonly status: string; readonly updatedMs: number }): boolean {
    return order.status !== 'resting' && order.updatedMs < this.current().ordersUpdatedMs;
  }

  /**
   * Pins the given cutoffs (Unix ms); the others keep following the clock. `undefined` unpins all.
   * @throws MockExchangeError `INVALID_PARAMETER` for a value that is not a non-negative safe integer, naming the field.
   */
  set(times: Partial<CutoffTimes> | undefined): void {
    if (times === undefined) {
      this.pinned = {};
      return;
    }
    for (const [field, value] of Object.entries(times)) {
      if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
        throw new MockExchangeError('INVALID_PARAMETER', `${field} must be Unix milliseconds`, { field, value });
      }
    }
    this.pinned = { ...this.pinned, ...times };
  }
}
