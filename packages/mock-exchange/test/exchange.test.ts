import { MockExchangeError } from '../src/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

let h: Harness;
const clock = new ManualClock();
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [{ ticker: 'KXEXC-26JAN01-A' }], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const iso = (ms: number): string => new Date(ms).toISOString();

describe('GET /exchange/schedule', () => {
  it('serves round-the-clock standard hours and the maintenance windows it was given', async () => {
    const empty = await h.rest().get('/exchange/schedule');
    expect(empty.status).toBe(200);
    expect(empty.body.schedule.maintenance_windows).toEqual([]);
    expect(empty.body.schedule.standard_hours[0].monday).toEqual([{ open_time: '00:00', close_time: '23:59' }]);
    const start = clock.now() + 3_600_000;
    h.mock.exchange.engine.history.schedule.setMaintenanceWindows([{ startMs: start, endMs: start + 1_800_000 }]);
    const given = await h.rest().get('/exchange/schedule');
    expect(given.body.schedule.maintenance_windows).toEqual([{ start_datetime: iso(start), end_datetime: iso(start + 1_800_000) }]);
  });

  it('refuses a window that ends before it starts, naming the field', () => {
    expect(() => h.mock.exchange.engine.history.schedule.setMaintenanceWindows([{ startMs: 10, endMs: 5 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'endMs', value: 5 }),
    );
  });
});

describe('GET /exchange/user_data_timestamp', () => {
  it('moves to the engine clock whenever the caller places, fills or cancels, and not on another user’s activity', async () => {
    const first = await h.rest(0).get('/exchange/user_data_timestamp');
    expect(first.status).toBe(200);
    clock.advance(5_000);
    const placed = await h.rest(0).order({ ticker: 'KXEXC-26JAN01-A', side: 'bid', price: '0.30', count: '1', client_order_id: 'udt-1' });
    expect(placed.status).toBe(201);
    const afterOrder = await h.rest(0).get('/exchange/user_data_timestamp');
    expect(afterOrder.body.as_of_time).toBe(iso(clock.now()));
    expect(afterOrder.body.as_of_time).not.toBe(first.body.as_of_time);
    clock.advance(5_000);
    await h.rest(1).order({ ticker: 'KXEXC-26JAN01-A', side: 'bid', price: '0.20', count: '1', client_order_id: 'udt-2' });
    expect((await h.rest(0).get('/exchange/user_data_timestamp')).body.as_of_time).toBe(afterOrder.body.as_of_time);
    expect((await h.rest(1).get('/exchange/user_data_timestamp')).body.as_of_time).toBe(iso(clock.now()));
  });

  it('needs the signed headers', async () => {
    const response = await fetch(`${h.mock.restUrl}/exchange/user_data_timestamp`);
    expect(response.status).toBe(401);
  });
});

describe('GET /series/fee_changes and GET /events/fee_changes', () => {
  it('serves the series fee changes it was given: upcoming only unless show_historical, filtered by series', async () => {
    const now = clock.now();
    h.mock.exchange.engine.history.feeChanges.setSeriesFeeChanges([
      { id: 'past', seriesTicker: 'KXEXC', feeType: 'quadratic', feeMultiplier: '1', scheduledMs: now - 86_400_000 },
      { id: 'next', seriesTicker: 'KXEXC', feeType: 'quadratic_with_maker_fees', feeMultiplier: '0.5', scheduledMs: now + 86_400_000 },
      { id: 'other', seriesTicker: 'KXOTHER', feeType: 'flat', feeMultiplier: '2', scheduledMs: now + 86_400_000 },
    ]);
    const upcoming = await h.rest().get('/series/fee_changes?series_ticker=KXEXC');
    expect(upcoming.status).toBe(200);
    expect(upcoming.body.series_fee_change_arr).toEqual([
      { id: 'next', series_ticker: 'KXEXC', fee_type: 'quadratic_with_maker_fees', fee_multiplier: 0.5, scheduled_ts: iso(now + 86_400_000) },
    ]);
    const all = await h.rest().get('/series/fee_changes?show_historical=true');
    expect(all.body.series_fee_change_arr.map((c: { id: string }) => c.id)).toEqual(['past', 'next', 'other']);
  });

  it('serves the event fee changes it was given, with null overrides for a clearing, paged', async () => {
    const now = clock.now();
    h.mock.exchange.engine.history.feeChanges.setEventFeeChanges([
      { id: 'e1', eventTicker: 'KXEXC-26JAN01', seriesTicker: 'KXEXC', feeTypeOverride: 'quadratic', feeMultiplierOverride: '0.25', scheduledMs: now },
      { id: 'e2', eventTicker: 'KXEXC-26JAN01', seriesTicker: 'KXEXC', feeTypeOverride: null, feeMultiplierOverride: null, scheduledMs: now + 1000 },
      { id: 'e3', eventTicker: 'KXEXC-26FEB01', seriesTicker: 'KXEXC', feeTypeOverride: 'flat', feeMultiplierOverride: '1', scheduledMs: now + 2000 },
    ]);
    const first = await h.rest().get('/events/fee_changes?event_ticker=KXEXC-26JAN01&limit=1');
    expect(first.body.event_fee_changes).toEqual([
      { id: 'e1', event_ticker: 'KXEXC-26JAN01', series_ticker: 'KXEXC', fee_type_override: 'quadratic', fee_multiplier_override: 0.25, scheduled_ts: iso(now) },
    ]);
    const second = await h.rest().get(`/events/fee_changes?event_ticker=KXEXC-26JAN01&limit=1&cursor=${first.body.cursor}`);
    expect(second.body.event_fee_changes[0]).toMatchObject({ id: 'e2', fee_type_override: null, fee_multiplier_override: null });
    expect(second.body.cursor).toBe('');
  });

  it('refuses a malformed fee change, naming the field and the value', () => {
    const bad = () =>
      h.mock.exchange.engine.history.feeChanges.setSeriesFeeChanges([
        { id: 'x', seriesTicker: 'KXEXC', feeType: 'quadratic', feeMultiplier: '-1', scheduledMs: 0 },
      ]);
    expect(bad).toThrow(MockExchangeError);
    expect(bad).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'feeMultiplier', value: '-1' }));
  });
});
