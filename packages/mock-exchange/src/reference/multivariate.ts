import { createHash } from 'node:crypto';
import { MockExchangeError } from '../errors.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { MarketRecord } from '../engine/markets.js';
import type { MockMultivariateCollection, MultivariateLeg } from './types.js';

/**
 * New multivariate markets one user may create in any 7 days (page
 * /api-reference/multivariate/create-market-in-multivariate-event-collection: 5000 per week).
 * Asking again for a market that exists is a lookup and does not count.
 */
export const WEEKLY_CREATION_LIMIT = 5000;

const WEEK_MS = 7 * 86_400_000;

/** Records one creation at `nowMs` for `userId`. Throws `CREATION_LIMIT` when the last 7 days already hold the limit. */
function countCreation(byUser: Map<string, number[]>, userId: string, nowMs: number): void {
  const recent = (byUser.get(userId) ?? []).filter((t) => t > nowMs - WEEK_MS);
  if (recent.length >= WEEKLY_CREATION_LIMIT) {
    throw new MockExchangeError('CREATION_LIMIT', `at most ${WEEKLY_CREATION_LIMIT} multivariate market creations per week`, { value: recent.length });
  }
  recent.push(nowMs);
  byUser.set(userId, recent);
}

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
 * With `userId`, a new market counts toward that user's {@link WEEKLY_CREATION_LIMIT}.
 * @throws MockExchangeError `REFERENCE_NOT_FOUND` (collection), `INVALID_PARAMETER` (legs),
 *   `CREATION_LIMIT` (the user created {@link WEEKLY_CREATION_LIMIT} markets in the last 7 days).
 */
export function createMarketInCollection(
  engine: MatchingEngine,
  collectionTicker: string,
  legs: readonly MultivariateLeg[],
  userId?: string,
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
  if (userId !== undefined) countCreation(store.creationsByUser, userId, engine.now());
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

/** The `mve_collection_ticker` and `mve_selected_legs` of a REST `Market` created in a collection; `{}` for other markets. */
export function multivariateMarketFields(engine: MatchingEngine, ticker: string): { mve_collection_ticker?: string; mve_selected_legs?: MultivariateLeg[] } {
  const mve = engine.reference.multivariateMarkets.get(ticker);
  return mve === undefined ? {} : { mve_collection_ticker: mve.collectionTicker, mve_selected_legs: [...mve.legs] };
}
