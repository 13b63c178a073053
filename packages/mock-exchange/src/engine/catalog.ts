import { Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { EngineEvents } from './engine-events.js';
import { newMarket, type EventInput, type EventRecord, type MarketInput, type MarketRecord, type SeriesInput, type SeriesRecord } from './markets.js';
import type { Clock, MarketLifecycleType, Trade } from './types.js';

/** What {@link Catalog} needs from the engine. */
export interface CatalogOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly events: EngineEvents;
}

/**
 * The engine's reference data: series, events and markets (books included), by ticker, in
 * creation order, and the market lifecycle events their changes report.
 */
export class Catalog {
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly events: EngineEvents;
  private readonly seriesByTicker = new Map<string, SeriesRecord>();
  private readonly eventsByTicker = new Map<string, EventRecord>();
  private readonly marketsByTicker = new Map<string, MarketRecord>();

  constructor(options: CatalogOptions) {
    this.clock = options.clock;
    this.newId = options.newId;
    this.events = options.events;
  }

  /** Creates a series. Throws `ALREADY_EXISTS`, `INVALID_PARAMETER` (fee multiplier not a decimal of at least 0). */
  createSeries(input: SeriesInput): SeriesRecord {
    if (this.seriesByTicker.has(input.ticker)) {
      throw new MockExchangeError('ALREADY_EXISTS', `series ${input.ticker} already exists`, { value: input.ticker });
    }
    const series: SeriesRecord = {
      ticker: input.ticker,
      title: input.title ?? input.ticker,
      category: input.category ?? 'Mock',
      frequency: input.frequency ?? 'custom',
      feeType: input.feeType ?? 'quadratic',
      feeMultiplier: parseMultiplier(input.feeMultiplier ?? '1'),
      updatedMs: this.clock.now(),
    };
    this.seriesByTicker.set(series.ticker, series);
    return series;
  }

  /** Creates an event in an existing series. Throws `ALREADY_EXISTS`, `SERIES_NOT_FOUND`. */
  createEvent(input: EventInput): EventRecord {
    if (this.eventsByTicker.has(input.eventTicker)) {
      throw new MockExchangeError('ALREADY_EXISTS', `event ${input.eventTicker} already exists`, { value: input.eventTicker });
    }
    this.series(input.seriesTicker);
    const event: EventRecord = {
      eventTicker: input.eventTicker,
      seriesTicker: input.seriesTicker,
      title: input.title ?? input.eventTicker,
      subTitle: input.subTitle ?? '',
      mutuallyExclusive: input.mutuallyExclusive ?? false,
      updatedMs: this.clock.now(),
      marketTickers: [],
    };
    this.eventsByTicker.set(event.eventTicker, event);
    this.events.emit({ type: 'event_created', eventTicker: event.eventTicker });
    return event;
  }

  /**
   * Creates a market in an existing event. Throws `ALREADY_EXISTS`, `EVENT_NOT_FOUND`,
   * `INVALID_PARAMETER` (price ranges), and `FixedPointError` from the tick schedule.
   */
  createMarket(input: MarketInput): MarketRecord {
    if (this.marketsByTicker.has(input.ticker)) {
      throw new MockExchangeError('ALREADY_EXISTS', `market ${input.ticker} already exists`, { ticker: input.ticker });
    }
    const event = this.event(input.eventTicker);
    const series = this.series(event.seriesTicker);
    const market = newMarket(input, series, this.newId(), this.clock.now());
    this.marketsByTicker.set(market.ticker, market);
    event.marketTickers.push(market.ticker);
    this.lifecycle(market, 'created');
    if (market.status === 'active') this.lifecycle(market, 'activated');
    return market;
  }

  /** Opens an `initialized` market for trading. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`. */
  openMarket(ticker: string): void {
    const market = this.market(ticker);
    if (market.status !== 'initialized') {
      throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is ${market.status}`, { ticker });
    }
    market.status = 'active';
    this.lifecycle(market, 'activated');
  }

  /** The series, or undefined. */
  findSeries(ticker: string): SeriesRecord | undefined {
    return this.seriesByTicker.get(ticker);
  }

  /** The event, or undefined. */
  findEvent(eventTicker: string): EventRecord | undefined {
    return this.eventsByTicker.get(eventTicker);
  }

  /** The market, or undefined. */
  findMarket(ticker: string): MarketRecord | undefined {
    return this.marketsByTicker.get(ticker);
  }

  /** All series, in creation order. */
  allSeries(): SeriesRecord[] {
    return [...this.seriesByTicker.values()];
  }

  /** All events, in creation order. */
  allEvents(): EventRecord[] {
    return [...this.eventsByTicker.values()];
  }

  /** All markets, in creation order. */
  allMarkets(): MarketRecord[] {
    return [...this.marketsByTicker.values()];
  }

  /** Public trades across all markets, oldest first. */
  trades(): Trade[] {
    const all: Trade[] = [];
    for (const market of this.marketsByTicker.values()) all.push(...market.trades);
    return all.sort((a, b) => a.createdMs - b.createdMs);
  }

  /** The series. Throws `SERIES_NOT_FOUND`. */
  series(ticker: string): SeriesRecord {
    const series = this.seriesByTicker.get(ticker);
    if (series === undefined) throw new MockExchangeError('SERIES_NOT_FOUND', `no series ${ticker}`, { value: ticker });
    return series;
  }

  /** The event. Throws `EVENT_NOT_FOUND`. */
  event(eventTicker: string): EventRecord {
    const event = this.eventsByTicker.get(eventTicker);
    if (event === undefined) throw new MockExchangeError('EVENT_NOT_FOUND', `no event ${eventTicker}`, { value: eventTicker });
    return event;
  }

  /** The market. Throws `MARKET_NOT_FOUND`. */
  market(ticker: string): MarketRecord {
    const market = this.marketsByTicker.get(ticker);
    if (market === undefined) throw new MockExchangeError('MARKET_NOT_FOUND', `no market ${ticker}`, { ticker });
    return market;
  }

  /** Reports a step of the market's lifecycle (WS `market_lifecycle_v2`). */
  lifecycle(market: MarketRecord, eventType: MarketLifecycleType): void {
    this.events.emit({ type: 'market_lifecycle', ticker: market.ticker, eventType, tsMs: this.clock.now() });
  }
}

/** A series' fee multiplier: a decimal string of at least 0 with at most 4 decimals. */
function parseMultiplier(wire: string): Dollars {
  let multiplier: Dollars;
  try {
    multiplier = Dollars.parse(wire, 'fee_multiplier');
  } catch {
    throw new MockExchangeError('INVALID_PARAMETER', 'fee_multiplier must be a decimal string', { field: 'fee_multiplier', value: wire });
  }
  if (multiplier.isNegative()) {
    throw new MockExchangeError('INVALID_PARAMETER', 'fee_multiplier must not be negative', { field: 'fee_multiplier', value: wire });
  }
  return multiplier;
}
