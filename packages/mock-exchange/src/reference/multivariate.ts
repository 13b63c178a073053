import { createHash } from 'node:crypto';
import { MockExchangeError } from '../errors.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { MarketRecord } from '../engine/markets.js';
import type { MockMultivariateCollection, MultivariateLeg } from './types.js';

/** The collection of `ticker`. Throws `REFERENCE_NOT_FOUND`. */
export function collection(engine: MatchingEngine, ticker: string): MockMultivariateCollection {
  const found = engine.reference.collections.get(ticker);
  if (found === undefined) throw new MockExchangeError('REFERENCE_NOT_FOUND', `no multivariate event collection ${ticker}`, { value: ticker });
  return found;
}

function invalid(message: string, field: string, value: unknown): MockExchangeError {
  return new MockExchangeError('INVALID_PARAMETER', message, { field, value });
}

function checkLegs(engine: MatchingEngine, c: MockMultivariateCollection, legs: readonly MultivariateLeg[]): MarketRecord[] {
  if (legs.length < c.size_min || legs.length > c.size_max) {
    throw invalid(`selected_markets must hold ${c.size_min} to ${c.size_max} legs in ${c.collection_ticker}`, 'selected_markets', legs.length);
  }
  const seenMarkets = new Set<string>();
  const seenEvents = new Set<string>();
  return legs.map((leg, i) => {
    const field = `selected_markets[${i}]`;
    const associated = c.associated_events.find((e) => e.ticker === leg.event_ticker);
    if (associated === undefined) throw invalid(`event ${leg.event_ticker} is not in collection ${c.collection_ticker}`, `${field}.event_ticker`, leg.event_ticker);
    const market = engine.getMarket(leg.market_ticker);
    if (market === undefined || market.eventTicker !== leg.event_ticker) {
      throw invalid(`market ${leg.market_ticker} is not a market of event ${leg.event_ticker}`, `${field}.market_ticker`, leg.market_ticker);
    }
    if (leg.side === 'no' && (c.is_all_yes || associated.is_yes_only)) throw invalid(`legs of ${leg.event_ticker} must be yes`, `${field}.side`, leg.side);
    if (seenMarkets.has(leg.market_ticker)) throw invalid(`market ${leg.market_ticker} is selected twice`, `${field}.market_ticker`, leg.market_ticker);
    if (c.is_single_market_per_event && seenEvents.has(leg.event_ticker)) {
      throw invalid(`collection ${c.collection_ticker} allows one market per event`, `${field}.event_ticker`, leg.event_ticker);
    }
    seenMarkets.add(leg.market_ticker);
    seenEvents.add(leg.event_ticker);
    return market;
  });
}

/**
 * Creates (or finds) the market of a collection that combines `legs`: a new event and a binary
 * market in the collection's series, tradable at once, with tickers derived from the legs (in
 * order when the collection `is_ordered`, else sorted), so the same selection always names the
 * same market. A new market emits `event_created` and the market's lifecycle events, which the
 * WebSocket gateway also sends on `multivariate_market_lifecycle`.
 * @throws MockExchangeError `REFERENCE_NOT_FOUND` (collection), `INVALID_PARAMETER` (legs).
 */
export function createMarketInCollection(
  engine: MatchingEngine,
  collectionTicker: string,
  legs: readonly MultivariateLeg[],
): { eventTicker: string; marketTicker: string; created: boolean } {
  const c = collection(engine, collectionTicker);
  const markets = checkLegs(engine, c, legs);
  const canonical = c.is_ordered ? [...legs] : [...legs].sort((a, b) => a.market_ticker.localeCompare(b.market_ticker));
  const hash = createHash('sha256')
    .update(JSON.stringify(canonical.map((l) => [l.market_ticker, l.side])))
    .digest('hex')
    .toUpperCase();
  const eventTicker = `${c.collection_ticker}-S${hash.slice(0, 10)}`;
  const marketTicker = `${eventTicker}-${hash.slice(10, 20)}`;
  if (engine.getMarket(marketTicker) !== undefined) return { eventTicker, marketTicker, created: false };
  const store = engine.reference;
  store.multivariateEvents.set(eventTicker, c.collection_ticker);
  store.multivariateMarkets.set(marketTicker, { collectionTicker: c.collection_ticker, legs: canonical });
  if (engine.getSeries(c.series_ticker) === undefined) engine.createSeries({ ticker: c.series_ticker, title: c.title });
  engine.createEvent({ eventTicker, seriesTicker: c.series_ticker, title: c.title });
  const title = canonical.map((l) => `${l.side} ${l.market_ticker}`).join(', ');
  engine.createMarket({
    ticker: marketTicker,
    eventTicker,
    title,
    yesSubTitle: title,
    noSubTitle: `not (${title})`,
    closeTimeMs: Math.min(...markets.map((m) => m.closeMs)),
  });
  return { eventTicker, marketTicker, created: true };
}
