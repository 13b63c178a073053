import { isoTime } from '../../wire.js';
import { paginate } from '../pagination.js';
import { queryInteger } from '../parse.js';
import { reply, route, type Route } from '../route.js';

const ALL_DAY = [{ open_time: '00:00', close_time: '23:59' }];

/** Exchange schedule, the caller's user-data timestamp, and series and event fee changes. */
export const exchangeInfoRoutes: Route[] = [
  route('GetExchangeSchedule', 'GET', '/exchange/schedule', (ctx) =>
    reply('GetExchangeSchedule', 200, {
      schedule: {
        standard_hours: [
          {
            start_time: isoTime(0),
            end_time: '9999-12-31T23:59:59.000Z',
            monday: ALL_DAY,
            tuesday: ALL_DAY,
            wednesday: ALL_DAY,
            thursday: ALL_DAY,
            friday: ALL_DAY,
            saturday: ALL_DAY,
            sunday: ALL_DAY,
          },
        ],
        maintenance_windows: ctx.engine.history.schedule
          .maintenanceWindows()
          .map((w) => ({ start_datetime: isoTime(w.startMs), end_datetime: isoTime(w.endMs) })),
      },
    }),
  ),

  route(
    'GetUserDataTimestamp',
    'GET',
    '/exchange/user_data_timestamp',
    (ctx) => reply('GetUserDataTimestamp', 200, { as_of_time: isoTime(ctx.engine.history.userDataTimestamp(ctx.userId)) }),
    { auth: true },
  ),

  route('GetSeriesFeeChanges', 'GET', '/series/fee_changes', (ctx) => {
    const seriesTicker = ctx.query.get('series_ticker') || null;
    const showHistorical = ctx.query.get('show_historical') === 'true';
    const now = ctx.engine.now();
    const changes = ctx.engine.history.feeChanges
      .series()
      .filter((c) => (seriesTicker === null || c.seriesTicker === seriesTicker) && (showHistorical || c.scheduledMs >= now));
    return reply('GetSeriesFeeChanges', 200, {
      series_fee_change_arr: changes.map((c) => ({
        id: c.id,
        series_ticker: c.seriesTicker,
        fee_type: c.feeType,
        fee_multiplier: Number(c.feeMultiplier),
        scheduled_ts: isoTime(c.scheduledMs),
      })),
    });
  }, { notFound: 400 }),

  route('GetEventFeeChanges', 'GET', '/events/fee_changes', (ctx) => {
    const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 1000 }) ?? 100;
    const eventTicker = ctx.query.get('event_ticker') || null;
    const changes = ctx.engine.history.feeChanges.events().filter((c) => eventTicker === null || c.eventTicker === eventTicker);
    const { page, cursor } = paginate(changes, ctx.query.get('cursor'), limit);
    return reply('GetEventFeeChanges', 200, {
      event_fee_changes: page.map((c) => ({
        id: c.id,
        event_ticker: c.eventTicker,
        series_ticker: c.seriesTicker,
        fee_type_override: c.feeTypeOverride,
        fee_multiplier_override: c.feeMultiplierOverride === null ? null : Number(c.feeMultiplierOverride),
        scheduled_ts: isoTime(c.scheduledMs),
      })),
      cursor,
    });
  }, { notFound: 400 }),
];
