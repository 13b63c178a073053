import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/index.js';
import { callControl } from '../support/control-client.js';
import { startHarness, type Harness, type WsClient } from '../support/harness.js';

const START = Date.UTC(2026, 0, 5);
const clock = new ManualClock(START);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock, markets: [{ ticker: 'KXLCV-26JAN31-A' }, { ticker: 'KXLCV-26JAN31-B' }] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

async function subscribe(ws: WsClient, params: Record<string, unknown>): Promise<number> {
  const reply = await ws.command('subscribe', params);
  expect(reply.type, JSON.stringify(reply)).toBe('subscribed');
  return reply.msg.sid as number;
}

describe('market_lifecycle_v2 updates outside the market lifecycle', () => {
  it('/websockets/market-&-event-lifecycle: metadata updates reach every subscriber of the channel, whatever market they concern', async () => {
    // Quote: "Tracking market lifecycle including creation, de(activation), close date changes, determination, settlement, price level structure changes, and metadata updates"
    // Quote: "Receives all market and event lifecycle notifications (`market_ticker` filters are not supported)"
    const [a, b] = [await h.ws(0), await h.ws(1)];
    const [sidA, sidB] = [await subscribe(a, { channels: ['market_lifecycle_v2'] }), await subscribe(b, { channels: ['market_lifecycle_v2'] })];
    await callControl(h.mock.port, 'POST', 'markets/KXLCV-26JAN31-A/metadata', { floor_strike: 10 });
    await callControl(h.mock.port, 'POST', 'markets/KXLCV-26JAN31-B/metadata', { cap_strike: 20 });
    for (const [ws, sid] of [[a, sidA], [b, sidB]] as const) {
      const frames = await ws.waitForCount((f) => f.sid === sid && f.msg.event_type === 'metadata_updated', 2);
      expect(frames.map((f) => f.msg.market_ticker)).toEqual(['KXLCV-26JAN31-A', 'KXLCV-26JAN31-B']);
    }
  });

  it('/websockets/market-&-event-lifecycle: undocumented — an event fee override is announced as event_fee_update when it takes effect', async () => {
    // Undocumented: we send event_fee_update when a scheduled event fee change takes effect on the clock, not when it is scheduled, so a client never acts on a fee early.
    // Spec: asyncapi.yaml lists event_fee_update on market_lifecycle_v2 only, for an event fee override being set or cleared; no page describes it.
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['market_lifecycle_v2'] });
    h.mock.exchange.engine.history.feeChanges.setEventFeeChanges([
      { id: 'efc-1', eventTicker: 'KXLCV-26JAN31', seriesTicker: 'KXLCV', feeTypeOverride: 'quadratic_with_maker_fees', feeMultiplierOverride: '0.5', scheduledMs: START + 60_000 },
    ]);
    const scheduled = (await h.rest(0).get('/events/fee_changes')).body.event_fee_changes;
    expect(scheduled).toHaveLength(1);
    clock.advance(59_999);
    const marker = await ws.command('list_subscriptions');
    expect(ws.frames.slice(0, ws.frames.indexOf(marker)).filter((f) => f.sid === sid && f.type === 'event_fee_update')).toEqual([]);
    clock.advance(1);
    const frame = await ws.waitFor((f) => f.sid === sid && f.type === 'event_fee_update');
    expect(frame.msg).toEqual({ event_ticker: 'KXLCV-26JAN31', fee_type_override: 'quadratic_with_maker_fees', fee_multiplier_override: 0.5 });
  });
});

describe('market_lifecycle_v2 close date and price level structure changes', () => {
  it('/websockets/market-&-event-lifecycle: a close date change is sent as close_date_updated carrying the new close_ts', async () => {
    // Quote: "Tracking market lifecycle including creation, de(activation), close date changes"
    // Spec: asyncapi.yaml gives close_ts (Unix seconds) on close_date_updated, and lists it among the channel's event types.
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['market_lifecycle_v2'] });
    const closeMs = START + 10 * 24 * 3600 * 1000;
    const answer = await callControl(h.mock.port, 'POST', 'markets/KXLCV-26JAN31-A/close_time', { close_time: new Date(closeMs).toISOString() });
    expect(answer).toEqual({ status: 200, body: { ok: true, changed: true } });
    const frame = await ws.waitFor((f) => f.sid === sid && f.msg.event_type === 'close_date_updated');
    expect(frame).toMatchObject({ type: 'market_lifecycle_v2', sending_ts_ms: clock.now() });
    expect(frame.msg).toEqual({ market_ticker: 'KXLCV-26JAN31-A', event_type: 'close_date_updated', close_ts: closeMs / 1000 });
    expect((await h.rest(0).get('/markets/KXLCV-26JAN31-A')).body.market.close_time).toBe(new Date(closeMs).toISOString());
  });

  it('/websockets/market-&-event-lifecycle: a price level structure change is sent as price_level_structure_updated with the structure and its price ranges', async () => {
    // Quote: "price level structure changes"
    // Spec: asyncapi.yaml sends price_level_structure and price_ranges (start, end, step as dollar strings) on price_level_structure_updated.
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['market_lifecycle_v2'] });
    const answer = await callControl(h.mock.port, 'POST', 'markets/KXLCV-26JAN31-B/price_level_structure', { price_level_structure: 'tapered_deci_cent' });
    expect(answer).toEqual({ status: 200, body: { ok: true, changed: true } });
    const frame = await ws.waitFor((f) => f.sid === sid && f.msg.event_type === 'price_level_structure_updated');
    expect(frame.msg).toEqual({
      market_ticker: 'KXLCV-26JAN31-B',
      event_type: 'price_level_structure_updated',
      price_level_structure: 'tapered_deci_cent',
      price_ranges: [
        { start: '0.0000', end: '0.1000', step: '0.0010' },
        { start: '0.1000', end: '0.9000', step: '0.0100' },
        { start: '0.9000', end: '1.0000', step: '0.0010' },
      ],
    });
    const market = (await h.rest(0).get('/markets/KXLCV-26JAN31-B')).body.market;
    expect([market.price_level_structure, market.price_ranges]).toEqual([frame.msg.price_level_structure, frame.msg.price_ranges]);
  });
});
