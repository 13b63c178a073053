import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockExchange, type MockIncentiveProgram } from '../src/index.js';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');

function incentive(id: string, over: Partial<MockIncentiveProgram>): MockIncentiveProgram {
  return {
    id,
    market_id: `mid-${id}`,
    market_ticker: 'KXMOCK-26DEC31-A',
    incentive_type: 'liquidity',
    incentive_description: id,
    start_date: '2026-01-01T00:00:00Z',
    end_date: '2026-12-31T00:00:00Z',
    period_reward: 5000,
    paid_out: false,
    ...over,
  };
}

const clock = new ManualClock(NOW);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    clock,
    reference: {
      eventMetadata: [{ event_ticker: 'KXMOCK-26DEC31', image_url: 'https://img/e.png', settlement_sources: [{ name: 'AP', url: 'https://ap.org' }], competition: 'NFL' }],
      forecastHistory: [
        { event_ticker: 'KXMOCK-26DEC31', end_period_ts: 100, period_interval: 60, percentile_points: [50, 90].map((p) => ({ percentile: p, raw_numerical_forecast: p, numerical_forecast: p, formatted_forecast: `${p}` })) },
        { event_ticker: 'KXMOCK-26DEC31', end_period_ts: 200, period_interval: 60, percentile_points: [] },
        { event_ticker: 'KXMOCK-26DEC31', end_period_ts: 100, period_interval: 1, percentile_points: [] },
      ],
      structuredTargets: [
        { id: 't1', name: 'Team 1', type: 'basketball_team', details: { league: 'NBA' } },
        { id: 't2', name: 'Player 2', type: 'basketball_player', details: { leagues: ['NBA', 'FIBA'] } },
        { id: 't3', name: 'Golfer 3', type: 'golfer', details: { tour: 'PGA' } },
      ],
      incentivePrograms: [
        incentive('active', {}),
        incentive('upcoming', { start_date: '2026-07-01T00:00:00Z', incentive_type: 'volume' }),
        incentive('closed', { end_date: '2026-02-01T00:00:00Z' }),
        incentive('paid', { end_date: '2026-02-01T00:00:00Z', paid_out: true }),
      ],
      tagsByCategories: { Sports: ['Football', 'Basketball'] },
      sportFilters: { filters_by_sports: { Golf: { scopes: ['Tournament'], competitions: { PGA: { scopes: ['Tournament'] } } } }, sport_ordering: ['Golf'] },
    },
  });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

describe('event metadata and forecasts', () => {
  it('serves stored metadata with per-market details defaulted from the event’s markets; 404 for an unknown event', async () => {
    const meta = await h.rest().get('/events/KXMOCK-26DEC31/metadata');
    expect(meta.body).toEqual({
      image_url: 'https://img/e.png',
      settlement_sources: [{ name: 'AP', url: 'https://ap.org' }],
      competition: 'NFL',
      market_details: [
        { market_ticker: 'KXMOCK-26DEC31-A', image_url: '', color_code: '#808080' },
        { market_ticker: 'KXMOCK-26DEC31-B', image_url: '', color_code: '#808080' },
      ],
    });
    expect((await h.rest().get('/events/NOPE/metadata')).status).toBe(404);
  });

  it('filters forecast history by interval, time range and percentiles, signed only', async () => {
    const path = '/series/KXMOCK/events/KXMOCK-26DEC31/forecast_percentile_history';
    const got = await h.rest().get(`${path}?percentiles=90&start_ts=0&end_ts=150&period_interval=60`);
    expect(got.body.forecast_history).toHaveLength(1);
    expect(got.body.forecast_history[0].percentile_points.map((p: { percentile: number }) => p.percentile)).toEqual([90]);
    expect((await h.rest().get(`${path}?percentiles=50&start_ts=0&end_ts=300&period_interval=60`)).body.forecast_history).toHaveLength(2);
    expect((await h.rest().get(`${path}?start_ts=0&end_ts=1&period_interval=60`)).status).toBe(400);
    expect((await h.rest().get(`${path}?percentiles=10000&start_ts=0&end_ts=1&period_interval=60`)).status).toBe(400);
    expect((await h.rest().get(`${path}?percentiles=1&start_ts=0&end_ts=1&period_interval=5`)).body.details).toMatch(/period_interval/);
    expect((await h.rest().get(`${path}?${Array.from({ length: 11 }, (_, i) => `percentiles=${i}`).join('&')}&start_ts=0&end_ts=1&period_interval=1`)).status).toBe(400);
    expect((await fetch(`${h.mock.restUrl}${path}?percentiles=1&start_ts=0&end_ts=1&period_interval=1`)).status).toBe(401);
  });
});

describe('structured targets', () => {
  const names = (body: { structured_targets: Array<{ id: string }> }): string[] => body.structured_targets.map((t) => t.id);

  it('filters by ids, type and competition (league, tour or leagues array) and pages', async () => {
    expect(names((await h.rest().get('/structured_targets?ids=t3&ids=t1')).body)).toEqual(['t1', 't3']);
    expect(names((await h.rest().get('/structured_targets?type=basketball_player')).body)).toEqual(['t2']);
    expect(names((await h.rest().get('/structured_targets?competition=NBA')).body)).toEqual(['t1', 't2']);
    expect(names((await h.rest().get('/structured_targets?competition=PGA')).body)).toEqual(['t3']);
    const page = await h.rest().get('/structured_targets?page_size=2');
    expect(names(page.body)).toEqual(['t1', 't2']);
    expect(names((await h.rest().get(`/structured_targets?page_size=2&cursor=${page.body.cursor}`)).body)).toEqual(['t3']);
    expect((await h.rest().get('/structured_targets/t2')).body.structured_target).toMatchObject({ name: 'Player 2' });
    expect((await h.rest().get('/structured_targets/nope')).status).toBe(404);
  });
});

describe('incentive programs', () => {
  const list = async (q: string): Promise<string[]> =>
    (await h.rest().get(`/incentive_programs${q}`)).body.incentive_programs.map((p: { id: string }) => p.id);

  it('derives status from the clock and filters by status, type and description', async () => {
    expect(await list('')).toEqual(['active', 'upcoming', 'closed', 'paid']);
    expect(await list('?status=active')).toEqual(['active']);
    expect(await list('?status=upcoming')).toEqual(['upcoming']);
    expect(await list('?status=closed')).toEqual(['closed']);
    expect(await list('?status=paid_out')).toEqual(['paid']);
    expect(await list('?type=volume')).toEqual(['upcoming']);
    expect(await list('?incentive_description=closed')).toEqual(['closed']);
    expect((await h.rest().get('/incentive_programs?status=soon')).status).toBe(400);
    clock.advance(31 * 86_400_000);
    expect(await list('?status=active')).toEqual(['active', 'upcoming']);
    clock.advance(-31 * 86_400_000);
  });

  it('pages with next_cursor', async () => {
    const first = await h.rest().get('/incentive_programs?limit=3');
    expect(first.body.incentive_programs).toHaveLength(3);
    const rest = await h.rest().get(`/incentive_programs?limit=3&cursor=${first.body.next_cursor}`);
    expect(rest.body.incentive_programs.map((p: { id: string }) => p.id)).toEqual(['paid']);
    expect(rest.body.next_cursor).toBeUndefined();
  });
});

describe('search', () => {
  it('serves tags by series category, with every catalog category present', async () => {
    h.mock.exchange.createSeries({ ticker: 'KXPOL', category: 'Politics' });
    expect((await h.rest().get('/search/tags_by_categories')).body.tags_by_categories).toEqual({ Mock: [], Politics: [], Sports: ['Football', 'Basketball'] });
  });

  it('serves sport filters', async () => {
    expect((await h.rest().get('/search/filters_by_sport')).body).toEqual({
      filters_by_sports: { Golf: { scopes: ['Tournament'], competitions: { PGA: { scopes: ['Tournament'] } } } },
      sport_ordering: ['Golf'],
    });
  });
});

describe('reference option', () => {
  it('serves the built-in defaults without the option, none with {}', async () => {
    const withDefaults = await startMockExchange({ pingIntervalMs: 0 });
    const empty = await startMockExchange({ pingIntervalMs: 0, reference: {} });
    try {
      const get = async (url: string) => (await (await fetch(`${url}/milestones?limit=10`)).json()) as { milestones: unknown[] };
      expect((await get(withDefaults.restUrl)).milestones).toHaveLength(1);
      expect((await get(empty.restUrl)).milestones).toHaveLength(0);
    } finally {
      await Promise.all([withDefaults.close(), empty.close()]);
    }
  });

  it('rejects a bad item at start-up, naming the field and value', async () => {
    await expect(startMockExchange({ pingIntervalMs: 0, reference: { incentivePrograms: [incentive('x', { end_date: 'never' })] } })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      field: 'incentiveProgram.end_date',
      value: 'never',
    });
  });
});
