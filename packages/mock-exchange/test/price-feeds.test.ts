/**
 * The reference-price channels (cfbenchmarks_value, cfbenchmarks_value_5hz, pyth_value) over a
 * real WebSocket: their state is set through the control API, and every frame is validated
 * against asyncapi.yaml by the harness.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/index.js';
import { callControl } from './support/control-client.js';
import { startHarness, type Frame, type Harness, type WsClient } from './support/harness.js';

// 2026-01-01T00:13:30Z: 30 s before the final minute of the 00:15 quarter.
const START = Date.UTC(2026, 0, 1, 0, 13, 30);
const clock = new ManualClock(START);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ userCount: 1, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

/** `POST /__mock/price_feeds`, its answer checked against control-api.yaml. */
async function setPrice(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const { status, body: answer } = await callControl(h.mock.port, 'POST', 'price_feeds', body);
  return { status, body: answer };
}

/** Frames of `type` received so far, once a command round trip proves the server has sent everything before it. */
async function settled(ws: WsClient, type: string): Promise<Frame[]> {
  await ws.command('list_subscriptions');
  return ws.frames.filter((f) => f.type === type);
}

async function subscribe(ws: WsClient, params: Record<string, unknown>): Promise<number> {
  const answer = await ws.command('subscribe', params);
  expect(answer.type).toBe('subscribed');
  return answer.msg.sid as number;
}

describe('cfbenchmarks_value', () => {
  it('publishes the first tick of each source second with its trailing 60 s average of the prior ticks', async () => {
    // The indices are reference data: REST lists them as no market (and the harness counts this REST answer as checked).
    expect((await h.rest().get('/markets')).body.markets).toEqual([]);
    const ws = await h.ws();
    const sid = await subscribe(ws, { channels: ['cfbenchmarks_value'], index_ids: ['ETHUSD_RTI'] });
    const t0 = clock.now();
    expect(await setPrice({ feed: 'cfbenchmarks', id: 'ETHUSD_RTI', value_usd: '3000.5', source_ts_ms: t0 })).toEqual({ status: 200, body: { ok: true, published: true } });
    const first = await ws.waitFor((f) => f.type === 'cfbenchmarks_value');
    expect(first).toMatchObject({ sid, seq: 1, msg: { index_id: 'ETHUSD_RTI', received_at: t0 } });
    // No prior tick in the window: the average falls back to the tick's own value.
    expect(first.msg.avg_60s_data).toEqual({ value: '3000.50000000', window_size: 0, window_start_ts_ms: t0 - 60_000, window_end_ts_exclusive: t0 });
    expect(JSON.parse(first.msg.data)).toEqual({ type: 'value', id: 'ETHUSD_RTI', time: t0, value: '3000.5' });
    expect(first.msg.last_60s_windowed_average_15min).toBeUndefined();
    // A second tick inside the same source second is not on the per-second channel.
    await setPrice({ feed: 'cfbenchmarks', id: 'ETHUSD_RTI', value_usd: '3001', source_ts_ms: t0 + 400 });
    await setPrice({ feed: 'cfbenchmarks', id: 'ETHUSD_RTI', value_usd: '3003', source_ts_ms: t0 + 1000 });
    const [, second] = await ws.waitForCount((f) => f.type === 'cfbenchmarks_value', 2);
    expect(second.msg.avg_60s_data).toEqual({ value: '3000.50000000', window_size: 1, window_start_ts_ms: t0 - 59_000, window_end_ts_exclusive: t0 + 1000 });
    // Duplicate and out-of-order source timestamps are dropped.
    expect((await setPrice({ feed: 'cfbenchmarks', id: 'ETHUSD_RTI', value_usd: '1', source_ts_ms: t0 + 1000 })).body).toEqual({ ok: true, published: false });
    expect(await settled(ws, 'cfbenchmarks_value')).toHaveLength(2);
    // Another index is not sent to this subscription.
    await setPrice({ feed: 'cfbenchmarks', id: 'SOLUSD_RTI', value_usd: '150', source_ts_ms: t0 });
    expect((await settled(ws, 'cfbenchmarks_value')).map((f) => f.msg.index_id)).toEqual(['ETHUSD_RTI', 'ETHUSD_RTI']);
  });

  it('adds the quarter-hour average in the final minute before :15, counting that minute\'s ticks', async () => {
    const ws = await h.ws();
    await subscribe(ws, { channels: ['cfbenchmarks_value'], index_ids: ['all'] });
    const close = Date.UTC(2026, 0, 1, 0, 15);
    await setPrice({ feed: 'cfbenchmarks', id: 'LINKUSD_RTI', value_usd: '10', source_ts_ms: close - 61_000 });
    await setPrice({ feed: 'cfbenchmarks', id: 'LINKUSD_RTI', value_usd: '20', source_ts_ms: close - 59_000 });
    await setPrice({ feed: 'cfbenchmarks', id: 'LINKUSD_RTI', value_usd: '30', source_ts_ms: close });
    const [outside, firstSecond, closing] = await ws.waitForCount((f) => f.type === 'cfbenchmarks_value' && f.msg.index_id === 'LINKUSD_RTI', 3);
    expect(outside.msg.last_60s_windowed_average_15min).toBeUndefined();
    expect(firstSecond.msg.last_60s_windowed_average_15min).toEqual({ value: '20.00000000', window_size: 1, window_start_ts_ms: close - 60_000, window_end_ts_exclusive: close - 59_000 });
    expect(closing.msg.last_60s_windowed_average_15min).toEqual({ value: '25.00000000', window_size: 2, window_start_ts_ms: close - 60_000, window_end_ts_exclusive: close });
    expect(closing.msg.avg_60s_data).toMatchObject({ value: '20.00000000', window_size: 1 });
  });

  it('indexlist lists the indices with a value; subscribe_indices and unsubscribe_indices answer the filter, 24 without index_ids', async () => {
    const ws = await h.ws();
    const sid = await subscribe(ws, { channels: ['cfbenchmarks_value'] });
    const list = await ws.command('update_subscription', { sid, action: 'indexlist' });
    expect(list).toMatchObject({ type: 'cfbenchmarks_value_indexlist', sid, msg: { index_ids: ['ETHUSD_RTI', 'LINKUSD_RTI', 'SOLUSD_RTI'] } });
    expect(await ws.command('update_subscription', { sid, action: 'subscribe_indices', index_ids: ['BRTI', 'SOLUSD_RTI'] })).toMatchObject({ type: 'ok', sid, msg: { index_ids: ['BRTI', 'SOLUSD_RTI'] } });
    expect(await ws.command('update_subscription', { sids: [sid], action: 'unsubscribe_indices', index_ids: ['BRTI'] })).toMatchObject({ msg: { index_ids: ['SOLUSD_RTI'] } });
    expect(await ws.command('update_subscription', { sid, action: 'subscribe_indices', index_ids: ['all'] })).toMatchObject({ msg: { index_ids: ['all'] } });
    for (const params of [{ sid, action: 'subscribe_indices' }, { sid, action: 'unsubscribe_indices', index_ids: [] }]) {
      expect(await ws.command('update_subscription', params)).toMatchObject({ type: 'error', msg: { code: 24, msg: 'Index IDs required' } });
    }
    expect(await ws.command('update_subscription', { sid, action: 'add_markets', market_tickers: ['X'] })).toMatchObject({ type: 'error', msg: { code: 13 } });
    expect(await ws.command('update_subscription', { sid, action: 'underlying_list' })).toMatchObject({ type: 'error', msg: { code: 13 } });
    // A subscription without indices receives nothing.
    const empty = await h.ws();
    await subscribe(empty, { channels: ['cfbenchmarks_value'] });
    await setPrice({ feed: 'cfbenchmarks', id: 'SOLUSD_RTI', value_usd: '151', source_ts_ms: clock.now() + 5000 });
    await ws.waitFor((f) => f.type === 'cfbenchmarks_value' && f.msg.index_id === 'SOLUSD_RTI');
    expect(await settled(empty, 'cfbenchmarks_value')).toEqual([]);
  });
});

describe('cfbenchmarks_value_5hz', () => {
  it('carries the five 5 Hz indices at most once per 200 ms each, with the value and raw frame', async () => {
    const ws = await h.ws();
    const sid = await subscribe(ws, { channels: ['cfbenchmarks_value_5hz'], index_ids: ['all'] });
    const t0 = clock.now() + 10_000;
    for (const offset of [0, 100, 200, 350, 400]) await setPrice({ feed: 'cfbenchmarks', id: 'BRTI', value_usd: `68000.${offset}`, source_ts_ms: t0 + offset });
    await setPrice({ feed: 'cfbenchmarks', id: 'LINKUSD_RTI', value_usd: '11', source_ts_ms: t0 });
    const frames = await settled(ws, 'cfbenchmarks_value_5hz');
    expect(frames.map((f) => [f.msg.index_id, f.msg.value_usd, f.msg.source_ts_ms])).toEqual([
      ['BRTI', '68000.00000000', t0],
      ['BRTI', '68000.20000000', t0 + 200],
      ['BRTI', '68000.40000000', t0 + 400],
    ]);
    expect(frames[0]).toMatchObject({ sid, msg: { received_at: clock.now() } });
    const list = await ws.command('update_subscription', { sid, action: 'indexlist' });
    expect(list).toMatchObject({ type: 'cfbenchmarks_value_5hz_indexlist', msg: { index_ids: ['BRTI', 'ETHUSD_RTI', 'SOLUSD_RTI'] } });
  });
});

describe('pyth_value', () => {
  it('publishes the price of subscribed underlyings; underlying_list, all-mode and error 28 as documented in asyncapi.yaml', async () => {
    const ws = await h.ws();
    const sid = await subscribe(ws, { channels: ['pyth_value'], underlying_tickers: ['Metal.XAU/USD'] });
    const t0 = clock.now();
    await setPrice({ feed: 'pyth', id: 'Metal.XAU/USD', value_usd: '2400.12345', source_ts_ms: t0 - 20 });
    await setPrice({ feed: 'pyth', id: 'Metal.XAG/USD', value_usd: '30', source_ts_ms: t0 });
    const gold = await ws.waitFor((f) => f.type === 'pyth_value');
    expect(gold).toMatchObject({ sid, msg: { underlying_ticker: 'Metal.XAU/USD', value_usd: '2400.12345000', source_ts_ms: t0 - 20, received_at: t0 } });
    expect(await ws.command('update_subscription', { sid, action: 'underlying_list' })).toMatchObject({
      type: 'pyth_value_underlying_list',
      msg: { underlying_tickers: ['Metal.XAG/USD', 'Metal.XAU/USD'] },
    });
    expect(await ws.command('update_subscription', { sid, action: 'subscribe_underlyings', underlying_tickers: ['all'] })).toMatchObject({ msg: { underlying_tickers: ['all'] } });
    // In all-mode removing one ticker does not exclude it; removing "all" keeps the named ones.
    await ws.command('update_subscription', { sid, action: 'unsubscribe_underlyings', underlying_tickers: ['Metal.XAG/USD'] });
    await setPrice({ feed: 'pyth', id: 'Metal.XAG/USD', value_usd: '31', source_ts_ms: t0 + 1 });
    await ws.waitFor((f) => f.type === 'pyth_value' && f.msg.underlying_ticker === 'Metal.XAG/USD');
    expect(await ws.command('update_subscription', { sid, action: 'unsubscribe_underlyings', underlying_tickers: ['all'] })).toMatchObject({ msg: { underlying_tickers: ['Metal.XAU/USD'] } });
    expect(await ws.command('update_subscription', { sid, action: 'subscribe_underlyings' })).toMatchObject({ type: 'error', msg: { code: 28, msg: 'Underlying tickers required' } });
    // Tickers not streamed for two hours leave the list.
    clock.advance(2 * 3_600_000 + 1);
    await setPrice({ feed: 'pyth', id: 'Metal.XPT/USD', value_usd: '1000' });
    expect(await ws.command('update_subscription', { sid, action: 'underlying_list' })).toMatchObject({ msg: { underlying_tickers: ['Metal.XPT/USD'] } });
  });

  it('the control command answers 400 naming the field of a bad feed, id or value', async () => {
    expect(await setPrice({ feed: 'reuters', id: 'X', value_usd: '1' })).toMatchObject({ status: 400, body: { code: 'invalid_parameter', field: 'feed' } });
    expect(await setPrice({ feed: 'pyth', id: 'all', value_usd: '1' })).toMatchObject({ status: 400, body: { field: 'id' } });
    expect(await setPrice({ feed: 'pyth', id: 'X', value_usd: '1.123456789' })).toMatchObject({ status: 400, body: { field: 'value_usd' } });
    expect(await setPrice({ feed: 'pyth', id: 'X', value_usd: '1', source_ts_ms: -1 })).toMatchObject({ status: 400, body: { field: 'source_ts_ms' } });
  });
});
