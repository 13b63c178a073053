/**
 * The `market_lifecycle_v2` messages that come from outside the engine's lifecycle: an event fee
 * override taking effect on the clock (`event_fee_update`) and a market's metadata changing
 * (`metadata_updated`, through `POST /__mock/markets/{ticker}/metadata`), over a real WebSocket,
 * every frame validated against asyncapi.yaml and every control answer against control-api.yaml.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/index.js';
import { callControl } from './support/control-client.js';
import { startHarness, type Frame, type Harness, type WsClient } from './support/harness.js';
import { REFERENCE_FIXTURES, REFERENCE_START } from './support/reference-fixtures.js';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number): string => new Date(ms).toISOString();
const EVENT = 'KXREF-26JUN30';
const TICKER = 'KXREF-26JUN30-T1';

const clock = new ManualClock(REFERENCE_START);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    clock,
    fixtures: {
      ...REFERENCE_FIXTURES,
      event_fee_changes: [
        // Already in effect when the simulator starts: history, served but not announced.
        { id: 'efc-past', event_ticker: EVENT, series_ticker: 'KXREF', fee_type_override: 'quadratic', fee_multiplier_override: '1', scheduled_ts: iso(REFERENCE_START - DAY) },
        { id: 'efc-set', event_ticker: EVENT, series_ticker: 'KXREF', fee_type_override: 'flat', fee_multiplier_override: '0.25', scheduled_ts: iso(REFERENCE_START + DAY) },
        // No override fields: the override is cleared.
        { id: 'efc-clear', event_ticker: EVENT, series_ticker: 'KXREF', scheduled_ts: iso(REFERENCE_START + 2 * DAY) },
      ],
    },
  });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

async function lifecycle(ws: WsClient): Promise<number> {
  const reply = await ws.command('subscribe', { channels: ['market_lifecycle_v2'] });
  expect(reply.type, JSON.stringify(reply)).toBe('subscribed');
  return reply.msg.sid as number;
}

/** The frames of `sid` that arrived before an answered `list_subscriptions` (so none is still in flight). */
async function settled(ws: WsClient, sid: number): Promise<Frame[]> {
  const marker = await ws.command('list_subscriptions');
  return ws.frames.slice(0, ws.frames.indexOf(marker)).filter((f) => f.sid === sid);
}

describe('market_lifecycle_v2: event_fee_update', () => {
  it('announces each event fee override when the clock reaches its scheduled time, and its clearing with nulls', async () => {
    const ws = await h.ws(0);
    const sid = await lifecycle(ws);
    clock.advance(DAY - 1);
    expect(await settled(ws, sid)).toEqual([]);

    clock.advance(1);
    const set = await ws.waitFor((f) => f.sid === sid && f.type === 'event_fee_update');
    expect(set).toMatchObject({ seq: 1, msg: { event_ticker: EVENT, fee_type_override: 'flat', fee_multiplier_override: 0.25 } });
    expect(set.sending_ts_ms).toBe(REFERENCE_START + DAY);

    clock.advance(DAY);
    const frames = await ws.waitForCount((f) => f.sid === sid && f.type === 'event_fee_update', 2);
    expect(frames[1]).toMatchObject({ seq: 2, msg: { event_ticker: EVENT, fee_type_override: null, fee_multiplier_override: null } });
    // The change already in effect at start-up was never announced.
    expect((await settled(ws, sid)).map((f) => f.msg.fee_type_override)).toEqual(['flat', null]);
  });

  it('replacing the fee changes replaces what is announced', async () => {
    const ws = await h.ws(1);
    const sid = await lifecycle(ws);
    const fees = h.mock.exchange.engine.history.feeChanges;
    const at = clock.now() + 1000;
    fees.setEventFeeChanges([{ id: 'a', eventTicker: EVENT, seriesTicker: 'KXREF', feeTypeOverride: 'quadratic', feeMultiplierOverride: '2', scheduledMs: at }]);
    fees.setEventFeeChanges([{ id: 'b', eventTicker: EVENT, seriesTicker: 'KXREF', feeTypeOverride: 'quadratic_with_maker_fees', feeMultiplierOverride: '0.5', scheduledMs: at }]);
    clock.advance(1000);
    await ws.waitFor((f) => f.sid === sid && f.type === 'event_fee_update');
    expect((await settled(ws, sid)).map((f) => f.msg)).toEqual([{ event_ticker: EVENT, fee_type_override: 'quadratic_with_maker_fees', fee_multiplier_override: 0.5 }]);
  });
});

describe('market_lifecycle_v2: metadata_updated (POST /__mock/markets/{ticker}/metadata)', () => {
  const path = `markets/${TICKER}/metadata`;

  it('sends the changed fields to every subscriber, and REST Market shows them', async () => {
    const ws = await h.ws(0);
    const sid = await lifecycle(ws);
    expect((await callControl(h.mock.port, 'POST', path, { strike_type: 'between', floor_strike: 100, cap_strike: 200 })).body).toEqual({ ok: true, changed: true });
    const first = await ws.waitFor((f) => f.sid === sid && f.msg.event_type === 'metadata_updated');
    expect(first).toMatchObject({ type: 'market_lifecycle_v2', msg: { market_ticker: TICKER, strike_type: 'between', floor_strike: 100, cap_strike: 200 } });
    expect(first.msg.yes_sub_title).toBeUndefined();

    // Only what changed: the same cap_strike is left out, the new floor_strike and subtitle are sent.
    await callControl(h.mock.port, 'POST', path, { floor_strike: 150, cap_strike: 200, yes_sub_title: 'Between 150 and 200' });
    const frames = await ws.waitForCount((f) => f.sid === sid && f.msg.event_type === 'metadata_updated', 2);
    expect(frames[1].msg).toEqual({ event_type: 'metadata_updated', market_ticker: TICKER, floor_strike: 150, yes_sub_title: 'Between 150 and 200' });
    expect(frames[1].seq).toBe(frames[0].seq + 1);

    const market = (await h.rest(0).get(`/markets/${TICKER}`)).body.market;
    expect(market).toMatchObject({ yes_sub_title: 'Between 150 and 200', strike_type: 'between', floor_strike: 150, cap_strike: 200 });
    expect(Date.parse(market.updated_time)).toBe(clock.now());
  });

  it('a change that alters nothing answers changed: false and sends nothing', async () => {
    const ws = await h.ws(1);
    const sid = await lifecycle(ws);
    await callControl(h.mock.port, 'POST', path, { yes_sub_title: 'Same subtitle' });
    await ws.waitFor((f) => f.sid === sid && f.msg.event_type === 'metadata_updated');
    expect((await callControl(h.mock.port, 'POST', path, { yes_sub_title: 'Same subtitle' })).body).toEqual({ ok: true, changed: false });
    expect((await settled(ws, sid)).filter((f) => f.msg.event_type === 'metadata_updated')).toHaveLength(1);
  });

  it.each([
    [{}, 'body'],
    [{ yes_sub_title: '' }, 'yes_sub_title'],
    [{ yes_sub_title: 7 }, 'yes_sub_title'],
    [{ strike_type: 'sideways' }, 'strike_type'],
    [{ floor_strike: '100' }, 'floor_strike'],
    [{ cap_strike: 1 }, 'floor_strike'],
    [{ custom_strike: [1] }, 'custom_strike'],
    [{ title: 'x' }, 'title'],
  ])('%j answers 400 naming %s and changes nothing', async (body, field) => {
    const before = (await h.rest(0).get(`/markets/${TICKER}`)).body.market;
    const answer = await callControl(h.mock.port, 'POST', path, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_parameter', field });
    expect((await h.rest(0).get(`/markets/${TICKER}`)).body.market).toEqual(before);
  });

  it('an unknown market answers 404 market_not_found', async () => {
    const answer = await callControl(h.mock.port, 'POST', 'markets/KXNOPE-26JAN01-X/metadata', { floor_strike: 1 });
    expect(answer).toMatchObject({ status: 404, body: { code: 'market_not_found' } });
  });
});
