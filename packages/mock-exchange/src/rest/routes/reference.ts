import { MockExchangeError } from '../../errors.js';
import { paginate, paginateLenient } from '../pagination.js';
import { queryInteger } from '../parse.js';
import type { components } from '../../spec-types.js';
import { reply, route, type Route } from '../route.js';

// openapi.yaml gives `details` no properties, so the generated type allows none; the data is free-form JSON.
type WireTarget = components['schemas']['StructuredTarget'];

/** A required integer query parameter. Throws `MISSING_PARAMETER`, `INVALID_PARAMETER`. */
export function requiredQueryInteger(query: URLSearchParams, name: string, range: { min: number; max: number }): number {
  const value = queryInteger(query, name, range);
  if (value === undefined) throw new MockExchangeError('MISSING_PARAMETER', `${name} is required`, { field: name });
  return value;
}

/** Repeated (`?ids=a&ids=b`) or comma-separated values of a query parameter. */
export function queryValues(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).filter((v) => v !== '');
}

function notFound(kind: string, id: string): MockExchangeError {
  return new MockExchangeError('REFERENCE_NOT_FOUND', `no ${kind} ${id}`, { value: id });
}

const INCENTIVE_STATUSES = ['all', 'active', 'upcoming', 'closed', 'paid_out'];
const INCENTIVE_TYPES = ['all', 'liquidity', 'volume', 'margin_maker_volume', 'margin_taker_volume'];
const FORECAST_INTERVALS = [0, 1, 60, 1440];

function oneOf(query: URLSearchParams, name: string, allowed: readonly string[]): string {
  const value = query.get(name) ?? 'all';
  if (!allowed.includes(value)) throw new MockExchangeError('INVALID_PARAMETER', `${name} must be one of ${allowed.join(', ')}`, { field: name, value });
  return value;
}

function incentiveStatus(nowMs: number, p: { start_date: string; end_date: string; paid_out: boolean }): string {
  if (p.paid_out) return 'paid_out';
  if (nowMs < Date.parse(p.start_date)) return 'upcoming';
  return nowMs <= Date.parse(p.end_date) ? 'active' : 'closed';
}

/** Event metadata and forecasts, structured targets, incentive programs and search filters. */
export const referenceRoutes: Route[] = [
  route('GetEventMetadata', 'GET', '/events/{event_ticker}/metadata', (ctx) => {
    const eventTicker = ctx.params['event_ticker']!;
    const event = ctx.engine.getEvent(eventTicker);
    if (event === undefined) throw new MockExchangeError('EVENT_NOT_FOUND', `no event ${eventTicker}`, { value: eventTicker });
    const stored = ctx.engine.reference.eventMetadata.get(eventTicker);
    const { event_ticker: _ticker, market_details, ...rest } = stored ?? { event_ticker: eventTicker, image_url: '', settlement_sources: [] };
    return reply('GetEventMetadata', 200, {
      ...rest,
      market_details: market_details ?? event.marketTickers.map((t) => ({ market_ticker: t, image_url: '', color_code: '#808080' })),
    });
  }),

  route(
    'GetEventForecastPercentilesHistory',
    'GET',
    '/series/{series_ticker}/events/{ticker}/forecast_percentile_history',
    (ctx) => {
      const raw = queryValues(ctx.query, 'percentiles');
      if (raw.length === 0) throw new MockExchangeError('MISSING_PARAMETER', 'percentiles is required', { field: 'percentiles' });
      if (raw.length > 10) throw new MockExchangeError('INVALID_PARAMETER', 'at most 10 percentiles', { field: 'percentiles', value: raw.length });
      const percentiles = raw.map((p) => requiredQueryInteger(new URLSearchParams({ percentiles: p }), 'percentiles', { min: 0, max: 9999 }));
      const start = requiredQueryInteger(ctx.query, 'start_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
      const end = requiredQueryInteger(ctx.query, 'end_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
      const interval = requiredQueryInteger(ctx.query, 'period_interval', { min: 0, max: 1440 });
      if (!FORECAST_INTERVALS.includes(interval)) {
        throw new MockExchangeError('INVALID_PARAMETER', 'period_interval must be 0, 1, 60 or 1440', { field: 'period_interval', value: interval });
      }
      const eventTicker = ctx.params['ticker']!;
      const history = ctx.engine.reference.forecastHistory
        .filter((p) => p.event_ticker === eventTicker && p.period_interval === interval && p.end_period_ts >= start && p.end_period_ts <= end)
        .map((p) => ({ ...p, percentile_points: p.percentile_points.filter((pp) => percentiles.includes(pp.percentile)) }));
      return reply('GetEventForecastPercentilesHistory', 200, { forecast_history: history });
    },
    { auth: true },
  ),

  route('GetStructuredTargets', 'GET', '/structured_targets', (ctx) => {
    const ids = queryValues(ctx.query, 'ids');
    const type = ctx.query.get('type');
    const competition = ctx.query.get('competition');
    const matchesCompetition = (details: Record<string, unknown>): boolean =>
      ['league', 'conference', 'division', 'tour'].some((k) => details[k] === competition) ||
      (Array.isArray(details['leagues']) && details['leagues'].includes(competition));
    const targets = [...ctx.engine.reference.structuredTargets.values()].filter(
      (t) =>
        (ids.length === 0 || ids.includes(t.id)) &&
        (type === null || t.type === type) &&
        (competition === null || matchesCompetition(t.details ?? {})),
    );
    // openapi.yaml declares no 400 here: page_size is clamped to 1..2000 (default 100), an unknown cursor ends the list.
    const { page, cursor } = paginateLenient(targets, ctx.query, 'page_size', 2000, 100);
    return reply('GetStructuredTargets', 200, { structured_targets: page as WireTarget[], cursor });
  }),

  route('GetStructuredTarget', 'GET', '/structured_targets/{structured_target_id}', (ctx) => {
    const id = ctx.params['structured_target_id']!;
    const target = ctx.engine.reference.structuredTargets.get(id);
    if (target === undefined) throw notFound('structured target', id);
    return reply('GetStructuredTarget', 200, { structured_target: target as WireTarget });
  }),

  route('GetIncentivePrograms', 'GET', '/incentive_programs', (ctx) => {
    const status = oneOf(ctx.query, 'status', INCENTIVE_STATUSES);
    const type = oneOf(ctx.query, 'type', INCENTIVE_TYPES);
    const description = ctx.query.get('incentive_description');
    const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 10_000 }) ?? 100;
    const now = ctx.engine.now();
    const programs = [...ctx.engine.reference.incentivePrograms.values()].filter(
      (p) =>
        (status === 'all' || incentiveStatus(now, p) === status) &&
        (type === 'all' || p.incentive_type === type) &&
        (description === null || p.incentive_description === description),
    );
    const { page, cursor } = paginate(programs, ctx.query.get('cursor'), limit);
    return reply('GetIncentivePrograms', 200, { incentive_programs: page, ...(cursor === '' ? {} : { next_cursor: cursor }) });
  }),

  route('GetTagsForSeriesCategories', 'GET', '/search/tags_by_categories', (ctx) => {
    const tags: Record<string, string[]> = {};
    for (const s of ctx.engine.listSeries()) tags[s.category] ??= [];
    for (const [category, list] of ctx.engine.reference.tagsByCategories) tags[category] = [...list];
    return reply('GetTagsForSeriesCategories', 200, { tags_by_categories: tags });
  }),

  route('GetFiltersForSports', 'GET', '/search/filters_by_sport', (ctx) => reply('GetFiltersForSports', 200, ctx.engine.reference.sportFilters)),
];
