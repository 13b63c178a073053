import { FixedPointError, TickSchedule } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Catalog } from './catalog.js';
import { closeMarketNow } from './engine-timers.js';
import { defaultPriceRanges, PRICE_LEVEL_STRUCTURES, type MarketRecord, type PriceLevelStructure, type PriceRangeInput } from './markets.js';
import type { OrderStore } from './order-store.js';
import type { Clock } from './types.js';

/** The engine parts a market's close time and price level structure changes work on. */
export interface MarketChangeParts {
  readonly clock: Clock;
  readonly catalog: Catalog;
  readonly orders: OrderStore;
}

/** A new price level structure for a market: the structure, and its bands (default: the structure's standard bands). */
export interface PriceLevelStructureChange {
  readonly priceLevelStructure: PriceLevelStructure;
  /** Dollar strings; when given, they are the market's valid prices (`/getting_started/fixed_point_migration`). */
  readonly priceRanges?: readonly PriceRangeInput[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A determined or settled market's close time and prices are history: refuses changing them. Throws `MARKET_NOT_OPEN`. */
function requireUnsettled(market: MarketRecord): void {
  if (market.status === 'determined' || market.status === 'finalized') {
    throw new MockExchangeError('MARKET_NOT_OPEN', `market ${market.ticker} is ${market.status}`, { ticker: market.ticker });
  }
}

/**
 * Pulls a market's close time in to `nowMs` when it was later, as closing ahead of schedule or
 * determining early does, and reports `close_date_updated` (`/getting_started/market_lifecycle`:
 * "This can happen when a market is closed ahead of its scheduled close time, including before determination.").
 */
export function pullCloseTimeIn(catalog: Catalog, market: MarketRecord, nowMs: number): void {
  if (nowMs >= market.closeMs) return;
  market.closeMs = nowMs;
  market.updatedMs = nowMs;
  catalog.lifecycle(market, 'close_date_updated');
}

/**
 * Closes a market now, ahead of its close time: the close time becomes now (`close_date_updated`),
 * then the market closes as its close time passing does. A market already closed or settled is
 * left as it is. Throws `MARKET_NOT_FOUND`.
 */
export function closeMarketEarly(parts: MarketChangeParts, ticker: string): void {
  const market = parts.catalog.market(ticker);
  if (market.status !== 'active' && market.status !== 'inactive' && market.status !== 'initialized') return;
  pullCloseTimeIn(parts.catalog, market, parts.clock.now());
  closeMarketNow(parts, ticker);
}

/**
 * Sets a market's close time (`close_time`, Unix ms) and reports `close_date_updated`
 * (`/getting_started/market_lifecycle`). A time at or before now closes the market at once (resting
 * orders canceled, `CloseCancel`); a future time for a `closed` market reopens it (`close_date_updated`,
 * then `activated`); otherwise the market closes when the clock reaches the new time.
 * @returns whether the close time changed (the same time changes nothing and reports nothing).
 * @throws MockExchangeError `INVALID_PARAMETER` (field `close_time`: not a whole Unix ms, or before
 *   the market's `open_time`), `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN` (determined or settled).
 */
export function setCloseTime(parts: MarketChangeParts, ticker: string, closeMs: number): boolean {
  if (!Number.isSafeInteger(closeMs) || closeMs < 0) {
    throw new MockExchangeError('INVALID_PARAMETER', `close_time must be Unix milliseconds (a whole number of at least 0), got ${String(closeMs)}`, {
      field: 'close_time',
      value: closeMs,
      ticker,
    });
  }
  const market = parts.catalog.market(ticker);
  requireUnsettled(market);
  if (closeMs < market.openMs) {
    throw new MockExchangeError('INVALID_PARAMETER', `close_time ${iso(closeMs)} is before the market's open_time ${iso(market.openMs)}`, {
      field: 'close_time',
      value: closeMs,
      ticker,
    });
  }
  if (closeMs === market.closeMs) return false;
  const now = parts.clock.now();
  market.closeMs = closeMs;
  market.updatedMs = now;
  parts.catalog.lifecycle(market, 'close_date_updated');
  if (closeMs <= now) {
    closeMarketNow(parts, ticker);
  } else if (market.status === 'closed') {
    // "`closed` → reopened `active`: `close_time` is moved into the future. Events: `close_date_updated`, then `activated`."
    market.status = 'active';
    parts.catalog.lifecycle(market, 'activated');
  }
  return true;
}

/** The bands of `ticks` as wire dollar strings (4 decimals), ascending. */
function wireRanges(ticks: TickSchedule): PriceRangeInput[] {
  return ticks.ranges.map((r) => ({ start: r.start.toWire(), end: r.end.toWire(), step: r.step.toWire() }));
}

/** The tick schedule of `ranges`, or `INVALID_PARAMETER` naming the range field and value the fixed-point check refused. */
function tickSchedule(structure: PriceLevelStructure, ranges: readonly PriceRangeInput[]): TickSchedule {
  try {
    return TickSchedule.fromMarket({ price_level_structure: structure, price_ranges: ranges });
  } catch (error) {
    if (!(error instanceof FixedPointError)) throw error;
    throw new MockExchangeError('INVALID_PARAMETER', error.message, { field: error.field ?? 'price_ranges', value: error.value });
  }
}

/**
 * Changes a market's price level structure and price ranges, and reports
 * `price_level_structure_updated`. New orders, amends, quotes and injected trades are checked
 * against the new ranges from then on; resting orders keep their prices.
 * @returns whether anything changed (the same structure and ranges change nothing and report nothing).
 * @throws MockExchangeError `INVALID_PARAMETER` naming the field (`price_level_structure`: not one of
 *   {@link PRICE_LEVEL_STRUCTURES}; `price_ranges` empty; `price_ranges[i]` / `price_ranges[i].step`
 *   …: a malformed band) and value, `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN` (determined or settled).
 */
export function setPriceLevelStructure(parts: MarketChangeParts, ticker: string, change: PriceLevelStructureChange): boolean {
  const structure = change.priceLevelStructure;
  if (!PRICE_LEVEL_STRUCTURES.includes(structure)) {
    throw new MockExchangeError('INVALID_PARAMETER', `price_level_structure must be one of ${PRICE_LEVEL_STRUCTURES.join(', ')}, got ${JSON.stringify(structure)}`, {
      field: 'price_level_structure',
      value: structure,
    });
  }
  if (change.priceRanges !== undefined && change.priceRanges.length === 0) {
    throw new MockExchangeError('INVALID_PARAMETER', 'price_ranges must hold at least one range, got []', { field: 'price_ranges', value: change.priceRanges });
  }
  const ticks = tickSchedule(structure, change.priceRanges ?? defaultPriceRanges(structure));
  const ranges = wireRanges(ticks);
  const market = parts.catalog.market(ticker);
  requireUnsettled(market);
  if (structure === market.priceLevelStructure && JSON.stringify(ranges) === JSON.stringify(wireRanges(market.ticks))) return false;
  market.priceLevelStructure = structure;
  market.priceRanges = ranges;
  market.ticks = ticks;
  market.updatedMs = parts.clock.now();
  parts.catalog.lifecycle(market, 'price_level_structure_updated');
  return true;
}
