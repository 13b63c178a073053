import { MockExchangeError } from '../errors.js';
import type { Catalog } from './catalog.js';
import type { EngineEvents } from './engine-events.js';
import { restingOrders } from './order-book.js';
import type { OrderStore } from './order-store.js';
import type { CancelTask, SchedulingClock } from './scheduler.js';
import type { Clock, EngineEvent, OutcomeSide } from './types.js';

/** The engine parts {@link EngineTimers} drive. */
export interface EngineTimerParts {
  readonly clock: SchedulingClock;
  readonly events: EngineEvents;
  readonly catalog: Catalog;
  readonly orders: OrderStore;
  /** Runs `fn` as one engine operation (expired orders swept first, `market_stats` after). */
  readonly run: (fn: () => void) => void;
  /** Settles a market (the engine's settlement). */
  readonly settle: (ticker: string, result: OutcomeSide) => void;
}

/**
 * The engine's clock-driven work, so it happens without any request arriving: resting orders
 * cancel at their expiration time (`ExpiryCancel`), an `initialized` market with an `open_time`
 * ahead opens then, every market closes at its `close_time` (the new one once it changes), and a
 * scheduled settlement runs at its time (`/getting_started/market_lifecycle`). It schedules on the engine's clock, so a
 * {@link ManualClock} drives it in tests and backtests.
 */
export class EngineTimers {
  private readonly expiries = new Map<string, { readonly atMs: number; readonly cancel: CancelTask }>();
  private readonly settlements = new Map<string, CancelTask>();
  /** The pending close of each market, replaced when its close time changes. */
  private readonly closes = new Map<string, CancelTask>();

  constructor(private readonly parts: EngineTimerParts) {
    parts.events.on((event) => this.onEvent(event));
  }

  /** Settles `ticker` at `result` once the clock reaches `atMs`, replacing an earlier schedule. Throws `MARKET_NOT_FOUND`. */
  settleAt(ticker: string, result: OutcomeSide, atMs: number): void {
    this.parts.catalog.market(ticker);
    this.settlements.get(ticker)?.();
    this.settlements.set(
      ticker,
      this.parts.clock.at(atMs, () => {
        this.settlements.delete(ticker);
        const { status } = this.parts.catalog.market(ticker);
        if (status !== 'determined' && status !== 'finalized') this.parts.settle(ticker, result);
      }),
    );
  }

  private onEvent(event: EngineEvent): void {
    if (event.type === 'order') this.onOrder(event.order.orderId, event.order.status, event.order.expirationMs);
    else if (event.type === 'market_lifecycle' && event.eventType === 'created') this.onMarketCreated(event.ticker);
    else if (event.type === 'market_lifecycle' && event.eventType === 'close_date_updated') this.onCloseTimeChanged(event.ticker);
  }

  private onOrder(orderId: string, status: string, expirationMs: number | undefined): void {
    const noExpiry = status !== 'resting' || expirationMs === undefined;
    // Most orders never expire: with no expiry scheduled there is nothing to look up.
    if (noExpiry && this.expiries.size === 0) return;
    const known = this.expiries.get(orderId);
    if (noExpiry) {
      known?.cancel();
      this.expiries.delete(orderId);
      return;
    }
    if (known?.atMs === expirationMs) return;
    known?.cancel();
    const cancel = this.parts.clock.at(expirationMs, () => {
      this.expiries.delete(orderId);
      this.parts.run(() => undefined); // every operation sweeps expired orders first
    });
    this.expiries.set(orderId, { atMs: expirationMs, cancel });
  }

  private onMarketCreated(ticker: string): void {
    const market = this.parts.catalog.market(ticker);
    const now = this.parts.clock.now();
    if (market.status === 'initialized' && market.openMs > now) {
      this.parts.clock.at(market.openMs, () => this.parts.run(() => this.open(ticker)));
    }
    this.scheduleClose(ticker, market.closeMs);
  }

  /** A close time moved into the future closes the market then, not at the old time; one at or before now closed it already. */
  private onCloseTimeChanged(ticker: string): void {
    const { closeMs } = this.parts.catalog.market(ticker);
    if (closeMs > this.parts.clock.now()) this.scheduleClose(ticker, closeMs);
    else {
      this.closes.get(ticker)?.();
      this.closes.delete(ticker);
    }
  }

  private scheduleClose(ticker: string, atMs: number): void {
    this.closes.get(ticker)?.();
    this.closes.set(
      ticker,
      this.parts.clock.at(atMs, () => {
        this.closes.delete(ticker);
        const market = this.parts.catalog.findMarket(ticker);
        if (market === undefined) return;
        // The record's close time may have been moved by hand (it is a public field): follow it.
        if (market.closeMs > this.parts.clock.now()) this.scheduleClose(ticker, market.closeMs);
        else this.parts.run(() => closeMarketNow(this.parts, ticker));
      }),
    );
  }

  /** `initialized` → `active` when `open_time` passes; Kalshi sends no `activated` event for it. */
  private open(ticker: string): void {
    const market = this.parts.catalog.market(ticker);
    if (market.status !== 'initialized') return;
    market.status = 'active';
    market.updatedMs = this.parts.clock.now();
  }
}

/**
 * Closes a market as its `close_time` passing does: status `closed`, resting orders canceled
 * (`CloseCancel`), no lifecycle event. A market already closed or settled is left as it is.
 * Throws `MARKET_NOT_FOUND`.
 */
export function closeMarketNow(parts: Pick<EngineTimerParts, 'catalog' | 'orders'> & { readonly clock: Clock }, ticker: string): void {
  const market = parts.catalog.market(ticker);
  if (market.status !== 'active' && market.status !== 'inactive' && market.status !== 'initialized') return;
  for (const order of restingOrders(market.book)) parts.orders.cancelResting(order, 'CloseCancel');
  market.status = 'closed';
  market.updatedMs = parts.clock.now();
}

/** Refuses a settlement time that is not a finite Unix ms. */
export function checkSettleTime(atMs: number): void {
  if (!Number.isFinite(atMs)) throw new MockExchangeError('INVALID_PARAMETER', 'settlement time must be a finite Unix ms', { field: 'atMs', value: String(atMs) });
}
