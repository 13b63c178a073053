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

/** `POST /__mock/markets/{TICKER}/<command>` with `body` answers 400 naming `field` and `value`, and the market is as it was. */
async function expectRefused(command: string, body: object, field: string, value: string): Promise<void> {
  const before = (await h.rest(0).get(`/markets/${TICKER}`)).body.market;
  const answer = await callControl(h.mock.port, 'POST', `markets/${TICKER}/${command}`, body);
  expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_parameter', field } });
  expect(answer.body.message).toContain(value);
  expect((await h.rest(0).get(`/markets/${TICKER}`)).body.market).toEqual(before);
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

describe('close_time and price level structure commands: bad input', () => {
  const NOPE = 'KXNOPE-26JAN01-X';

  it.each([
    ['close_time', { close_time: '2026-07-01T00:00:00Z' }],
    ['price_level_structure', { price_level_structure: 'deci_cent' }],
  ])('POST /__mock/markets/{ticker}/%s for an unknown market answers 404 naming the ticker', async (command, body) => {
    const answer = await callControl(h.mock.port, 'POST', `markets/${NOPE}/${command}`, body);
    expect(answer).toMatchObject({ status: 404, body: { code: 'market_not_found' } });
    expect(answer.body.message).toContain(NOPE);
  });

  it.each([
    [{}, 'close_time', 'required'],
    [{ close_time: 'tomorrow' }, 'close_time', '"tomorrow"'],
    [{ close_time: 1782864000 }, 'close_time', '1782864000'],
    [{ close_time: '2026-02-30T00:00:00Z' }, 'close_time', '"2026-02-30T00:00:00Z"'],
    [{ close_time: '2026-07-01T00:00:00' }, 'close_time', '"2026-07-01T00:00:00"'],
    // Before the market's open_time (the fixtures market opens at start-up).
    [{ close_time: '2020-01-01T00:00:00Z' }, 'close_time', '2020-01-01T00:00:00'],
    [{ close_time: '2026-07-01T00:00:00Z', close_ts: 1 }, 'close_ts', '1'],
  ])('close_time %j answers 400 naming %s and %s, and changes nothing', (body, field, value) => expectRefused('close_time', body, field, value));

  it.each([
    [{}, 'price_level_structure', 'required'],
    [{ price_level_structure: 'quarter_cent' }, 'price_level_structure', '"quarter_cent"'],
    [{ price_level_structure: 7 }, 'price_level_structure', '7'],
    [{ price_level_structure: 'deci_cent', price_ranges: 'all' }, 'price_ranges', '"all"'],
    [{ price_level_structure: 'deci_cent', price_ranges: [] }, 'price_ranges', '[]'],
    [{ price_level_structure: 'deci_cent', price_ranges: [{ start: '0', end: '1', step: '0.003' }] }, 'price_ranges[0]', '0.0030'],
    [{ price_level_structure: 'deci_cent', price_ranges: [{ start: '0', end: '1', step: 0.01 }] }, 'price_ranges[0].step', '0.01'],
    [{ price_level_structure: 'deci_cent', price_ranges: [{ start: '0', end: '1.5', step: '0.01' }] }, 'price_ranges[0]', '1.5000'],
    [{ price_level_structure: 'deci_cent', tick_size: 1 }, 'tick_size', '1'],
  ])('price_level_structure %j answers 400 naming %s and %s, and changes nothing', (body, field, value) => expectRefused('price_level_structure', body, field, value));

  it('in process, bad input throws MockExchangeError naming the field and value', () => {
    const { exchange } = h.mock;
    expect(() => exchange.setMarketCloseTime(TICKER, Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'close_time', value: Number.NaN }));
    expect(() => exchange.setMarketCloseTime(NOPE, clock.now() + DAY)).toThrow(expect.objectContaining({ code: 'MARKET_NOT_FOUND', ticker: NOPE }));
    expect(() => exchange.setPriceLevelStructure(TICKER, { priceLevelStructure: 'quarter_cent' as 'deci_cent' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'price_level_structure', value: 'quarter_cent' }),
    );
    expect(() => exchange.setPriceLevelStructure(TICKER, { priceLevelStructure: 'deci_cent', priceRanges: [{ start: '0', end: '1', step: '-1' }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'price_ranges[0]' }),
    );
  });

  it('a settled market refuses both commands with 400 market_not_open', async () => {
    h.mock.exchange.addMarket({ ticker: 'KXREF-26JUN30-T2', eventTicker: EVENT });
    h.mock.exchange.settleMarket('KXREF-26JUN30-T2', 'yes');
    const close = await callControl(h.mock.port, 'POST', 'markets/KXREF-26JUN30-T2/close_time', { close_time: new Date(clock.now() + DAY).toISOString() });
    expect(close).toMatchObject({ status: 400, body: { code: 'market_not_open' } });
    const structure = await callControl(h.mock.port, 'POST', 'markets/KXREF-26JUN30-T2/price_level_structure', { price_level_structure: 'deci_cent' });
    expect(structure).toMatchObject({ status: 400, body: { code: 'market_not_open' } });
  });

  it('the multivariate channel is not sent price_level_structure_updated, which asyncapi.yaml does not list for it', async () => {
    const ws = await h.ws(0);
    const mve = (await ws.command('subscribe', { channels: ['multivariate_market_lifecycle'] })).msg.sid;
    const all = (await ws.command('subscribe', { channels: ['market_lifecycle_v2'] })).msg.sid;
    h.mock.exchange.engine.reference.multivariateMarkets.set(TICKER, { collectionTicker: 'KXMVE-TEST', legs: [] });
    try {
      h.mock.exchange.setPriceLevelStructure(TICKER, { priceLevelStructure: 'tapered_deci_cent' });
      await ws.waitFor((f) => f.sid === all && f.msg.event_type === 'price_level_structure_updated');
      const marker = await ws.command('list_subscriptions');
      expect(ws.frames.slice(0, ws.frames.indexOf(marker)).filter((f) => f.sid === mve)).toEqual([]);
    } finally {
      h.mock.exchange.engine.reference.multivariateMarkets.delete(TICKER);
    }
  });
});
