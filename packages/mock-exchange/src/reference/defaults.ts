import type { MockReferenceData } from './types.js';

/**
 * The reference data loaded when `startMockExchange` gets no `reference`: one football milestone
 * on the default event `KXMOCK-26DEC31` with its two teams as structured targets, its live data and
 * game stats, a weather index city, an incentive on `KXMOCK-26DEC31-A`, a multivariate collection
 * `KXMVEMOCK` combining the default event's markets, tags and sport filters.
 */
export const DEFAULT_REFERENCE_DATA: MockReferenceData = {
  milestones: [
    {
      id: 'mock-milestone-1',
      category: 'Sports',
      type: 'football_game',
      start_date: '2026-12-31T18:00:00Z',
      end_date: '2026-12-31T21:00:00Z',
      related_event_tickers: ['KXMOCK-26DEC31'],
      primary_event_tickers: ['KXMOCK-26DEC31'],
      title: 'Mock Home vs Mock Away',
      notification_message: 'Mock Home vs Mock Away kicks off',
      source_id: 'mock-source-1',
      details: { competition: 'Pro Football', home_team_id: 'mock-target-home', away_team_id: 'mock-target-away' },
      last_updated_ts: '2026-12-01T00:00:00Z',
    },
  ],
  structuredTargets: [
    { id: 'mock-target-home', name: 'Mock Home', type: 'football_team', details: { league: 'NFL' }, last_updated_ts: '2026-12-01T00:00:00Z' },
    { id: 'mock-target-away', name: 'Mock Away', type: 'football_team', details: { league: 'NFL' }, last_updated_ts: '2026-12-01T00:00:00Z' },
  ],
  liveData: [{ milestone_id: 'mock-milestone-1', type: 'football_game', details: { status: 'scheduled', home_points: 0, away_points: 0 } }],
  gameStats: [{ milestone_id: 'mock-milestone-1', pbp: { periods: [{ events: [] }] } }],
  eventLiveData: [{ event_ticker: 'KXMOCK-26DEC31', live_data: { type: 'mock_index', details: { points: [] } } }],
  weatherIndexes: [
    {
      city: 'mockcity',
      config_version: 'v1',
      timeseries: [
        { t: 1_798_675_200_000, v: 41.25, status: 'ok', contributors: 2 },
        { t: 1_798_675_260_000, v: 41.3, status: 'ok', contributors: 2 },
      ],
      calibrations: [
        {
          config_version: 'v1',
          effective_at_ms: 1_798_000_000_000,
          city_reference_c: 5,
          stations: [
            { station_id: 'MOCK1', weight: 0.5, offset_c: 0 },
            { station_id: 'MOCK2', weight: 0.5, offset_c: 0.1 },
          ],
        },
      ],
    },
  ],
  incentivePrograms: [
    {
      id: 'mock-incentive-1',
      market_id: 'mock-market-id-a',
      market_ticker: 'KXMOCK-26DEC31-A',
      incentive_type: 'liquidity',
      incentive_description: 'Mock liquidity incentive',
      start_date: '2026-01-01T00:00:00Z',
      end_date: '2026-12-31T23:59:59Z',
      period_reward: 100_000,
      paid_out: false,
      target_size_fp: '100.00',
    },
  ],
  multivariateCollections: [
    {
      collection_ticker: 'KXMVEMOCK',
      series_ticker: 'KXMVEMOCK',
      title: 'Mock combos',
      description: 'Combinations of the mock outcomes',
      open_date: '2026-01-01T00:00:00Z',
      close_date: '2026-12-31T23:59:59Z',
      associated_events: [{ ticker: 'KXMOCK-26DEC31', is_yes_only: false, active_quoters: [] }],
      associated_event_tickers: ['KXMOCK-26DEC31'],
      is_ordered: false,
      is_single_market_per_event: false,
      is_all_yes: false,
      size_min: 1,
      size_max: 2,
      functional_description: 'Yes if every selected leg resolves to its selected side',
    },
  ],
  tagsByCategories: { Mock: ['Simulated'] },
  sportFilters: {
    filters_by_sports: { Football: { scopes: ['Game'], competitions: { 'Pro Football': { scopes: ['Game'] } } } },
    sport_ordering: ['Football'],
  },
};
