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
