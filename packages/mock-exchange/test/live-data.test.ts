import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

const NOW = Date.parse('2026-12-31T12:00:00Z');
const MIN = 60_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    clock: new ManualClock(NOW),
    reference: {
      milestones: [
        {
          id: 'm1',
          category: 'Sports',
          type: 'basketball_game',
          start_date: '2026-12-31T00:00:00Z',
          related_event_tickers: [],
          primary_event_tickers: [],
          title: 'm1',
          notification_message: '',
          details: {},
          last_updated_ts: '2026-12-31T00:00:00Z',
        },
        { id: 'm2', category: 'Sports', type: 'golf', start_date: '2026-12-31T00:00:00Z', related_event_tickers: [], primary_event_tickers: [], title: 'm2', notification_message: '', details: {}, last_updated_ts: '2026-12-31T00:00:00Z' },
      ],
      liveData: [
        { milestone_id: 'm1', type: 'basketball_game', details: { home_points: 51, away_points: 48 } },
        { milestone_id: 'm2', type: 'golf', details: { leader: 'X' } },
      ],
      gameStats: [{ milestone_id: 'm1', pbp: { periods: [{ events: [{ clock: '11:42', type: 'score' }] }] } }],
      eventLiveData: [{ event_ticker: 'KXBTCD-26DEC3112', live_data: { type: 'crypto_chart', details: { points: [1, 2] }, default_range: '1h' } }],
      weatherIndexes: [
        {
          city: 'miami',
          config_version: 'v2',
          timeseries: [
            { t: NOW - 25 * 60 * MIN, v: 69.9, status: 'ok' },
            { t: NOW - 23 * 60 * MIN, v: 70.1, status: 'ok' },
            { t: NOW - 2 * MIN, v: 71.25, status: 'ok', stations: [{ station_id: 'KMIA', code: 'ok', temp_f: 71.3 }] },
            { t: NOW - MIN, status: 'quorum_failed' },
            { t: NOW, v: 71.5, status: 'ok' },
          ],
          calibrations: [
            { config_version: 'v2', effective_at_ms: 2000, city_reference_c: 21.5, stations: [{ station_id: 'KMIA', weight: 1, offset_c: 0.2 }] },
            { config_version: 'v1', effective_at_ms: 1000, city_reference_c: 21, stations: [{ station_id: 'KMIA', weight: 1, offset_c: 0 }] },
          ],
        },
      ],
    },
  });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

describe('live data', () => {
  it('serves a milestone’s live data by id, and by type on the legacy path', async () => {
    expect((await h.rest().get('/live_data/milestone/m1')).body.live_data).toEqual({ milestone_id: 'm1', type: 'basketball_game', details: { home_points: 51, away_points: 48 } });
    expect((await h.rest().get('/live_data/basketball_game/milestone/m1')).body.live_data.milestone_id).toBe('m1');
    expect((await h.rest().get('/live_data/golf/milestone/m1')).status).toBe(404);
    expect((await h.rest().get('/live_data/milestone/nope')).status).toBe(404);
  });

  it('batches live data for the ids it knows, in request order', async () => {
    const batch = await h.rest().get('/live_data/batch?milestone_ids=m2&milestone_ids=nope&milestone_ids=m1');
    expect(batch.body.live_datas.map((l: { milestone_id: string }) => l.milestone_id)).toEqual(['m2', 'm1']);
    expect((await h.rest().get('/live_data/batch')).body).toEqual({ live_datas: [] });
  });

  it('serves game stats of a milestone, an empty body when it has none, 404 for an unknown milestone', async () => {
    expect((await h.rest().get('/live_data/milestone/m1/game_stats')).body.pbp.periods[0].events).toHaveLength(1);
    expect((await h.rest().get('/live_data/milestone/m2/game_stats')).body).toEqual({});
    expect((await h.rest().get('/live_data/milestone/nope/game_stats')).status).toBe(404);
  });

  it('serves event-keyed live data', async () => {
    expect((await h.rest().get('/live_data/events/KXBTCD-26DEC3112')).body.live_data).toMatchObject({ type: 'crypto_chart', default_range: '1h' });
    expect((await h.rest().get('/live_data/events/NOPE')).status).toBe(404);
  });
});

describe('weather index', () => {
  const ts = (body: { timeseries: Array<{ t: number }> }): number[] => body.timeseries.map((p) => p.t);

  it('returns the last 24 hours by default, never the minutes without a value, stations only when detailed', async () => {
    const plain = await h.rest().get('/live_data/weather/miami');
    expect(plain.body).toMatchObject({ city: 'miami', units: 'F', config_version: 'v2' });
    expect(ts(plain.body)).toEqual([NOW - 23 * 60 * MIN, NOW - 2 * MIN, NOW]);
    expect(plain.body.timeseries[1].stations).toBeUndefined();
    const detailed = await h.rest().get('/live_data/weather/miami?detailed=true');
    expect(detailed.body.timeseries[1].stations).toEqual([{ station_id: 'KMIA', code: 'ok', temp_f: 71.3 }]);
  });

  it('windows by from/to (inclusive) or last_sec, and refuses mixed or unpaired windows', async () => {
    expect(ts((await h.rest().get(`/live_data/weather/miami?from=${NOW - 2 * MIN}&to=${NOW - MIN}`)).body)).toEqual([NOW - 2 * MIN]);
    expect(ts((await h.rest().get('/live_data/weather/miami?last_sec=180')).body)).toEqual([NOW - 2 * MIN, NOW]);
    expect((await h.rest().get(`/live_data/weather/miami?last_sec=60&to=${NOW}`)).status).toBe(400);
    expect((await h.rest().get(`/live_data/weather/miami?from=${NOW}`)).status).toBe(400);
    expect((await h.rest().get('/live_data/weather/atlantis')).status).toBe(400);
  });

  it('returns the calibration timeline ascending by effective time', async () => {
    const cal = await h.rest().get('/live_data/weather/miami/calibrations');
    expect(cal.body.calibrations.map((c: { config_version: string }) => c.config_version)).toEqual(['v1', 'v2']);
    expect((await h.rest().get('/live_data/weather/atlantis/calibrations')).status).toBe(400);
  });
});
