import { MockExchangeError } from '../../errors.js';
import { paginate } from '../pagination.js';
import { queryInteger } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import type { MockLiveData, MockWeatherIndex } from '../../reference/types.js';
import { queryValues, requiredQueryInteger } from './reference.js';

const DAY_MS = 86_400_000;

function notFound(kind: string, id: string): MockExchangeError {
  return new MockExchangeError('REFERENCE_NOT_FOUND', `no ${kind} ${id}`, { value: id });
}

function liveData(ctx: RequestContext): MockLiveData {
  const id = ctx.params['milestone_id']!;
  const found = ctx.engine.reference.liveData.get(id);
  if (found === undefined) throw notFound('live data for milestone', id);
  return found;
}

function weather(ctx: RequestContext): MockWeatherIndex {
  const city = ctx.params['city']!;
  const found = ctx.engine.reference.weatherIndexes.get(city);
  // openapi.yaml answers an unknown city with 400, not 404.
  if (found === undefined) throw new MockExchangeError('INVALID_PARAMETER', `unknown weather index city ${city}`, { field: 'city', value: city });
  return found;
}

/** The weather window `[from, to]` (Unix ms) from `from`/`to` or `last_sec`. Throws `INVALID_PARAMETER`. */
function weatherWindow(ctx: RequestContext): { from: number; to: number } {
  const range = { min: 0, max: Number.MAX_SAFE_INTEGER };
  const from = queryInteger(ctx.query, 'from', range);
  const to = queryInteger(ctx.query, 'to', range);
  const lastSec = queryInteger(ctx.query, 'last_sec', range);
  const now = ctx.engine.now();
  if (lastSec !== undefined) {
    if (from !== undefined || to !== undefined) {
      throw new MockExchangeError('INVALID_PARAMETER', 'last_sec cannot be combined with from or to', { field: 'last_sec', value: lastSec });
    }
    return { from: now - lastSec * 1000, to: now };
  }
  if (from !== undefined && to === undefined) throw new MockExchangeError('INVALID_PARAMETER', 'from must be paired with to', { field: 'from', value: from });
  const end = to ?? now;
  const start = from ?? end - DAY_MS;
  if (start > end) throw new MockExchangeError('INVALID_PARAMETER', 'from is after to', { field: 'from', value: start });
  return { from: start, to: end };
}

/** Milestones and the live data, game stats and weather indexes keyed by them, their events or cities. */
export const milestoneRoutes: Route[] = [
  route('GetMilestones', 'GET', '/milestones', (ctx) => {
    const limit = requiredQueryInteger(ctx.query, 'limit', { min: 1, max: 500 });
    const minStart = ctx.query.get('minimum_start_date');
    const minStartMs = minStart === null ? -Infinity : Date.parse(minStart);
    if (Number.isNaN(minStartMs)) {
      throw new MockExchangeError('INVALID_PARAMETER', 'minimum_start_date must be an RFC 3339 date-time', { field: 'minimum_start_date', value: minStart });
    }
    const minUpdated = queryInteger(ctx.query, 'min_updated_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
    const filters = ['category', 'competition', 'source_id', 'type', 'related_event_ticker'].map((n) => [n, ctx.query.get(n)] as const);
    const wanted = Object.fromEntries(filters);
    const milestones = [...ctx.engine.reference.milestones.values()].filter(
      (m) =>
        Date.parse(m.start_date) >= minStartMs &&
        (minUpdated === undefined || Date.parse(m.last_updated_ts) > minUpdated * 1000) &&
        (wanted['category'] === null || m.category === wanted['category']) &&
        (wanted['competition'] === null || m.details['competition'] === wanted['competition']) &&
        (wanted['source_id'] === null || m.source_id === wanted['source_id']) &&
        (wanted['type'] === null || m.type === wanted['type']) &&
        (wanted['related_event_ticker'] === null || m.related_event_tickers.includes(wanted['related_event_ticker']!)),
    );
    const { page, cursor } = paginate(milestones, ctx.query.get('cursor'), limit);
    return reply('GetMilestones', 200, { milestones: page, ...(cursor === '' ? {} : { cursor }) });
  }),

  route('GetMilestone', 'GET', '/milestones/{milestone_id}', (ctx) => {
    const id = ctx.params['milestone_id']!;
    const milestone = ctx.engine.reference.milestones.get(id);
    if (milestone === undefined) throw notFound('milestone', id);
    return reply('GetMilestone', 200, { milestone });
  }),

  route('GetLiveDataByMilestone', 'GET', '/live_data/milestone/{milestone_id}', (ctx) => reply('GetLiveDataByMilestone', 200, { live_data: liveData(ctx) })),

  route('GetLiveData', 'GET', '/live_data/{type}/milestone/{milestone_id}', (ctx) => {
    const found = liveData(ctx);
    if (found.type !== ctx.params['type']) throw notFound(`${ctx.params['type']} live data for milestone`, found.milestone_id);
    return reply('GetLiveData', 200, { live_data: found });
  }),

  route('GetLiveDatas', 'GET', '/live_data/batch', (ctx) => {
    // openapi.yaml declares no 400 here: ids without live data (or none at all) just yield fewer items.
    const ids = queryValues(ctx.query, 'milestone_ids');
    const store = ctx.engine.reference.liveData;
    return reply('GetLiveDatas', 200, { live_datas: ids.flatMap((id) => (store.has(id) ? [store.get(id)!] : [])) });
  }),

  route('GetGameStats', 'GET', '/live_data/milestone/{milestone_id}/game_stats', (ctx) => {
    const id = ctx.params['milestone_id']!;
    if (!ctx.engine.reference.milestones.has(id)) throw notFound('milestone', id);
    const stats = ctx.engine.reference.gameStats.get(id);
    return reply('GetGameStats', 200, stats === undefined ? {} : { pbp: stats.pbp });
  }),

  route('GetEventLiveData', 'GET', '/live_data/events/{event_ticker}', (ctx) => {
    const eventTicker = ctx.params['event_ticker']!;
    const found = ctx.engine.reference.eventLiveData.get(eventTicker);
    if (found === undefined) throw notFound('live data for event', eventTicker);
    return reply('GetEventLiveData', 200, { live_data: found.live_data });
  }),

  route('GetWeatherIndex', 'GET', '/live_data/weather/{city}', (ctx) => {
    const index = weather(ctx);
    const { from, to } = weatherWindow(ctx);
    const detailed = ctx.query.get('detailed') === 'true';
    const timeseries = index.timeseries
      .filter((p) => p.t >= from && p.t <= to && p.v !== undefined)
      .map((p) => {
        if (detailed) return p;
        const { stations: _stations, ...point } = p;
        return point;
      });
    return reply('GetWeatherIndex', 200, {
      city: index.city,
      units: index.units ?? 'F',
      ...(index.config_version === undefined ? {} : { config_version: index.config_version }),
      timeseries,
    });
  }),

  route('GetWeatherIndexCalibrations', 'GET', '/live_data/weather/{city}/calibrations', (ctx) => {
    const index = weather(ctx);
    const calibrations = [...index.calibrations].sort((a, b) => a.effective_at_ms - b.effective_at_ms);
    return reply('GetWeatherIndexCalibrations', 200, { city: index.city, units: index.units ?? 'F', calibrations });
  }),
];
