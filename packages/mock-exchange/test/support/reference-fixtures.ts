import type { MockFixtures } from '../../src/index.js';

/** The clock start the reference fixtures' scheduled price tick counts from (2026-06-01T12:00Z). */
export const REFERENCE_START = Date.UTC(2026, 5, 1, 12);
const START = REFERENCE_START;

/** A fixtures document with one item in every reference section. */
export const REFERENCE_FIXTURES: MockFixtures = {
  markets: [{ ticker: 'KXREF-26JUN30-T1', event_ticker: 'KXREF-26JUN30' }],
  milestones: [
    {
      id: 'ms-1',
      category: 'Sports',
      type: 'basketball_game',
      start_date: '2026-06-30T23:00:00Z',
      related_event_tickers: ['KXREF-26JUN30'],
      primary_event_tickers: ['KXREF-26JUN30'],
      title: 'Home vs Away',
      notification_message: 'Tip-off',
      details: { league: 'NBA' },
      last_updated_ts: '2026-06-01T00:00:00Z',
    },
  ],
  structured_targets: [{ id: 'st-1', name: 'Home', type: 'basketball_team', details: { city: 'Home' } }],
  live_data: [{ milestone_id: 'ms-1', type: 'basketball_game', details: { home_points: 12, away_points: 9 } }],
  incentive_programs: [
    {
      id: 'inc-1',
      market_id: 'mkt-1',
      market_ticker: 'KXREF-26JUN30-T1',
      incentive_type: 'liquidity',
      incentive_description: 'Quote both sides',
      start_date: '2026-06-01T00:00:00Z',
      end_date: '2026-06-30T00:00:00Z',
      period_reward: 500_000,
      paid_out: false,
    },
  ],
  series_fee_changes: [{ id: 'fc-1', series_ticker: 'KXREF', fee_type: 'quadratic_with_maker_fees', fee_multiplier: '0.5', scheduled_ts: '2026-07-01T00:00:00Z' }],
  event_fee_changes: [{ id: 'efc-1', event_ticker: 'KXREF-26JUN30', series_ticker: 'KXREF', fee_type_override: 'flat', fee_multiplier_override: '0', scheduled_ts: '2026-06-15T00:00:00Z' }],
  tags_by_categories: { Sports: ['Basketball'] },
  sport_filters: { filters_by_sports: {}, sport_ordering: ['Basketball'] },
  price_feeds: {
    cfbenchmarks: [
      { index_id: 'BRTI', value_usd: '68000.12' },
      { index_id: 'BRTI', value_usd: '68100', source_ts: new Date(START + 2000).toISOString() },
    ],
    pyth: [{ underlying_ticker: 'Metal.XAU/USD', value_usd: '2400.5' }],
  },
};

