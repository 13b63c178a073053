import type { components } from '../spec-types.js';

type Schemas = components['schemas'];

/** A milestone, in its wire shape (openapi.yaml `Milestone`; page /getting_started/targets_and_milestones). */
export type MockMilestone = Schemas['Milestone'];

/** A structured target, in its wire shape (openapi.yaml `StructuredTarget`); `id` is required here, `details` is free-form JSON. */
export type MockStructuredTarget = Omit<Schemas['StructuredTarget'], 'details'> & { readonly id: string; readonly details?: Record<string, unknown> };

/** Milestone-keyed live data, in its wire shape (openapi.yaml `LiveData`): `type`, `details`, `milestone_id`. */
export type MockLiveData = Schemas['LiveData'];

/** Play-by-play game stats of one milestone (openapi.yaml `GetGameStatsResponse.pbp`). */
export interface MockGameStats {
  readonly milestone_id: string;
  readonly pbp: Schemas['PlayByPlay'];
}

/** Event-keyed live data (openapi.yaml `EventLiveData`), for `GET /live_data/events/{event_ticker}`. */
export interface MockEventLiveData {
  readonly event_ticker: string;
  readonly live_data: Schemas['EventLiveData'];
}

/**
 * One city's weather index: the minute series (`timeseries`, points `t` in Unix ms; `v` in °F) and
 * its configuration timeline (`calibrations`), in their wire shapes.
 */
export interface MockWeatherIndex {
  readonly city: string;
  /** Default `'F'`. */
  readonly units?: string;
  readonly config_version?: string;
  readonly timeseries: readonly Schemas['WeatherIndexPoint'][];
  readonly calibrations: readonly Schemas['WeatherIndexCalibration'][];
}

/** An incentive program, in its wire shape (openapi.yaml `IncentiveProgram`; `period_reward` as Kalshi sends it). */
export type MockIncentiveProgram = Schemas['IncentiveProgram'];

/** An event's metadata (openapi.yaml `GetEventMetadataResponse`), for `GET /events/{event_ticker}/metadata`. */
export interface MockEventMetadata extends Omit<Schemas['GetEventMetadataResponse'], 'market_details'> {
  readonly event_ticker: string;
  /** Default: one entry per market of the event, with an empty image URL and a grey colour. */
  readonly market_details?: Schemas['MarketMetadata'][];
}

/** One forecast percentile point of an event (openapi.yaml `ForecastPercentilesPoint`). */
export type MockForecastPoint = Schemas['ForecastPercentilesPoint'];

/**
 * A multivariate event collection (openapi.yaml `MultivariateEventCollection`). Markets created in
 * it combine markets of its `associated_event_tickers`, which must exist in the engine's catalog.
 */
export type MockMultivariateCollection = Schemas['MultivariateEventCollection'];

/** The search filters of `GET /search/filters_by_sport` (openapi.yaml `GetFiltersBySportsResponse`). */
export type MockSportFilters = Schemas['GetFiltersBySportsResponse'];

/**
 * Reference data the simulator serves read-only (except `multivariateCollections`, whose markets
 * are created on request): plain JSON data in the wire spelling of openapi.yaml, so a fixtures
 * file or a snapshot of real responses can be passed straight in (`startMockExchange({ reference })`).
 * Every list is optional; an item whose id is already known replaces the older one.
 */
export interface MockReferenceData {
  readonly milestones?: readonly MockMilestone[];
  readonly structuredTargets?: readonly MockStructuredTarget[];
  readonly liveData?: readonly MockLiveData[];
  readonly gameStats?: readonly MockGameStats[];
  readonly eventLiveData?: readonly MockEventLiveData[];
  readonly weatherIndexes?: readonly MockWeatherIndex[];
  readonly incentivePrograms?: readonly MockIncentiveProgram[];
  readonly eventMetadata?: readonly MockEventMetadata[];
  readonly forecastHistory?: readonly MockForecastPoint[];
  readonly multivariateCollections?: readonly MockMultivariateCollection[];
  /** Series category → tags (`GET /search/tags_by_categories`). */
  readonly tagsByCategories?: Readonly<Record<string, readonly string[]>>;
  readonly sportFilters?: MockSportFilters;
}

/** One leg of a multivariate market (openapi.yaml `TickerPair`): a market of an associated event and the side it must resolve to. */
export interface MultivariateLeg {
  readonly market_ticker: string;
  readonly event_ticker: string;
  readonly side: 'yes' | 'no';
}
