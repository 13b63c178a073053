import { MockExchangeError } from '../errors.js';
import type {
  MockEventLiveData,
  MockEventMetadata,
  MockForecastPoint,
  MockGameStats,
  MockIncentiveProgram,
  MockLiveData,
  MockMilestone,
  MockMultivariateCollection,
  MockReferenceData,
  MockSportFilters,
  MockStructuredTarget,
  MockWeatherIndex,
  MultivariateLeg,
} from './types.js';

function requireId(value: unknown, kind: string, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new MockExchangeError('INVALID_OPTIONS', `${kind}.${field} must be a non-empty string`, { field: `${kind}.${field}`, value });
  }
  return value;
}

function requireDate(value: unknown, kind: string, field: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new MockExchangeError('INVALID_OPTIONS', `${kind}.${field} must be an RFC 3339 date-time`, { field: `${kind}.${field}`, value });
  }
}

/**
 * The simulator's reference data outside the trading catalog: milestones, structured targets,
 * live data, weather indexes, incentives, event metadata and forecasts, multivariate collections
 * and search filters, keyed by id, in insertion order. Adding an item whose id is known replaces it.
 * Also remembers which events and markets were created from a multivariate collection.
 */
export class ReferenceStore {
  readonly milestones = new Map<string, MockMilestone>();
  readonly structuredTargets = new Map<string, MockStructuredTarget>();
  readonly liveData = new Map<string, MockLiveData>();
  readonly gameStats = new Map<string, MockGameStats>();
  readonly eventLiveData = new Map<string, MockEventLiveData>();
  readonly weatherIndexes = new Map<string, MockWeatherIndex>();
  readonly incentivePrograms = new Map<string, MockIncentiveProgram>();
  readonly eventMetadata = new Map<string, MockEventMetadata>();
  readonly forecastHistory: MockForecastPoint[] = [];
  readonly collections = new Map<string, MockMultivariateCollection>();
  readonly tagsByCategories = new Map<string, readonly string[]>();
  sportFilters: MockSportFilters = { filters_by_sports: {}, sport_ordering: [] };
  /** Multivariate event ticker → its collection ticker. */
  readonly multivariateEvents = new Map<string, string>();
  /** User id → Unix ms of the multivariate markets they created in the last week (the weekly creation limit). */
  readonly creationsByUser = new Map<string, number[]>();
  /** Multivariate market ticker → its collection ticker and legs. */
  readonly multivariateMarkets = new Map<string, { readonly collectionTicker: string; readonly legs: readonly MultivariateLeg[] }>();

  /** Adds every item of `data`. Throws `INVALID_OPTIONS` naming the field of an item without its id or with a bad date. */
  load(data: MockReferenceData): void {
    for (const m of data.milestones ?? []) this.addMilestone(m);
    for (const t of data.structuredTargets ?? []) this.addStructuredTarget(t);
    for (const l of data.liveData ?? []) this.addLiveData(l);
    for (const g of data.gameStats ?? []) this.gameStats.set(requireId(g.milestone_id, 'gameStats', 'milestone_id'), g);
    for (const e of data.eventLiveData ?? []) this.eventLiveData.set(requireId(e.event_ticker, 'eventLiveData', 'event_ticker'), e);
    for (const w of data.weatherIndexes ?? []) this.weatherIndexes.set(requireId(w.city, 'weatherIndexes', 'city'), w);
    for (const p of data.incentivePrograms ?? []) this.addIncentiveProgram(p);
    for (const m of data.eventMetadata ?? []) this.eventMetadata.set(requireId(m.event_ticker, 'eventMetadata', 'event_ticker'), m);
    for (const f of data.forecastHistory ?? []) {
      requireId(f.event_ticker, 'forecastHistory', 'event_ticker');
      this.forecastHistory.push(f);
    }
    for (const c of data.multivariateCollections ?? []) this.addCollection(c);
    for (const [category, tags] of Object.entries(data.tagsByCategories ?? {})) this.tagsByCategories.set(category, tags);
    if (data.sportFilters !== undefined) this.sportFilters = data.sportFilters;
  }

  /** Adds or replaces a milestone. Throws `INVALID_OPTIONS` for a missing `id` or a bad `start_date`. */
  addMilestone(milestone: MockMilestone): void {
    requireDate(milestone.start_date, 'milestone', 'start_date');
    this.milestones.set(requireId(milestone.id, 'milestone', 'id'), milestone);
  }

  /** Adds or replaces a structured target. Throws `INVALID_OPTIONS` for a missing `id`. */
  addStructuredTarget(target: MockStructuredTarget): void {
    this.structuredTargets.set(requireId(target.id, 'structuredTarget', 'id'), target);
  }

  /** Adds or replaces the live data of a milestone. Throws `INVALID_OPTIONS` for a missing `milestone_id`. */
  addLiveData(liveData: MockLiveData): void {
    this.liveData.set(requireId(liveData.milestone_id, 'liveData', 'milestone_id'), liveData);
  }

  /** Adds or replaces an incentive program. Throws `INVALID_OPTIONS` for a missing `id` or bad dates. */
  addIncentiveProgram(program: MockIncentiveProgram): void {
    requireDate(program.start_date, 'incentiveProgram', 'start_date');
    requireDate(program.end_date, 'incentiveProgram', 'end_date');
    this.incentivePrograms.set(requireId(program.id, 'incentiveProgram', 'id'), program);
  }

  /** Adds or replaces a multivariate collection. Throws `INVALID_OPTIONS` for a missing ticker or bad sizes. */
  addCollection(collection: MockMultivariateCollection): void {
    const ticker = requireId(collection.collection_ticker, 'multivariateCollection', 'collection_ticker');
    requireId(collection.series_ticker, 'multivariateCollection', 'series_ticker');
    if (!Number.isInteger(collection.size_min) || !Number.isInteger(collection.size_max) || collection.size_min < 1 || collection.size_max < collection.size_min) {
      throw new MockExchangeError('INVALID_OPTIONS', `multivariateCollection ${ticker}: size_min and size_max must be integers with 1 <= size_min <= size_max`, {
        field: 'multivariateCollection.size_min',
        value: [collection.size_min, collection.size_max],
      });
    }
    this.collections.set(ticker, collection);
  }
}
