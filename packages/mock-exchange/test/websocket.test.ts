import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StreamBook } from './support/book.js';
import { startHarness, type Frame, type Harness, type WsClient } from './support/harness.js';

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(structure: 'linear_cent' | 'tapered_deci_cent' = 'linear_cent'): string {
  const ticker = `KXWS-26JAN01-M${++n}`;
  h.mock.exchange.addMarket({ ticker, priceLevelStructure: structure });
  return ticker;
}

const ofType = (type: string, sid?: number) => (f: Frame) => f.type === type && (sid === undefined || f.sid === sid);

async function subscribe(ws: WsClient, params: Record<string, unknown>): Promise<number> {
  const reply = await ws.command('subscribe', params);
  expect(reply.type, JSON.stringify(reply)).toBe('subscribed');
  return reply.msg.sid as number;
}

describe('orderbook_delta', () => {
  it('sends a snapshot, then deltas with a gapless per-subscription seq that rebuild the book', async () => {
    const ticker = market('tapered_deci_cent');
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '10' });
    await h.rest(0).order({ ticker, side: 'ask', price: '0.95', count: '1.5' });
    const ws = await h.ws(2);
    const sid = await subscribe(ws, { channels: ['orderbook_delta'], market_ticker: ticker });
    const snapshot = await ws.waitFor(ofType('orderbook_snapshot', sid));
    expect(snapshot).toMatchObject({ seq: 1, msg: { market_ticker: ticker, yes_dollars_fp: [['0.4000', '10.00']], no_dollars_fp: [['0.0500', '1.50']] } });

    // A deterministic pseudo-random flow of 120 orders from two users.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 120; i++) {
      const side = rand() < 0.5 ? 'bid' : 'ask';
      const cents = 35 + Math.floor(rand() * 12);
      const count = (1 + Math.floor(rand() * 500) / 100).toFixed(2);
      await h.rest(i % 2).order({ ticker, side, price: (cents / 100).toFixed(2), count, self_trade_prevention_type: 'maker' });
    }
    const book = await h.rest(0).get(`/markets/${ticker}/orderbook`);
    const marker = await ws.command('list_subscriptions');
    const frames = ws.frames.slice(0, ws.frames.indexOf(marker)).filter((f) => f.sid === sid);
    const stream = new StreamBook();
    for (const f of frames) stream.apply(f);
    expect(stream.gaps).toBe(0);
    expect(frames.length).toBeGreaterThan(100);
    expect(stream.toRest()).toEqual(book.body.orderbook_fp);
  });

  it('reports NO levels at the YES price with use_yes_price', async () => {
    const ticker = market();
    await h.rest(0).order({ ticker, side: 'ask', price: '0.70', count: '2' });
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['orderbook_delta'], market_tickers: [ticker], use_yes_price: true });
    expect((await ws.waitFor(ofType('orderbook_snapshot', sid))).msg.no_dollars_fp).toEqual([['0.7000', '2.00']]);
    await h.rest(0).order({ ticker, side: 'ask', price: '0.72', count: '1' });
    expect((await ws.waitFor(ofType('orderbook_delta', sid))).msg).toMatchObject({ side: 'no', price_dollars: '0.7200', delta_fp: '1.00' });
  });

  it('adds client_order_id only for the user who caused the change', async () => {
    const ticker = market();
    const mine = await h.ws(0);
    const theirs = await h.ws(1);
    const a = await subscribe(mine, { channels: ['orderbook_delta'], market_ticker: ticker });
    const b = await subscribe(theirs, { channels: ['orderbook_delta'], market_ticker: ticker });
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1', client_order_id: 'mine-1' });
    expect((await mine.waitFor(ofType('orderbook_delta', a))).msg.client_order_id).toBe('mine-1');
    expect((await theirs.waitFor(ofType('orderbook_delta', b))).msg.client_order_id).toBeUndefined();
  });

  it('numbers each subscription on its own', async () => {
    const ticker = market();
    const ws = await h.ws(0);
    const book = await subscribe(ws, { channels: ['orderbook_delta'], market_ticker: ticker });
    const trades = await subscribe(ws, { channels: ['trade'], market_ticker: ticker });
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '1' });
    expect((await ws.waitFor(ofType('trade', trades))).seq).toBe(1);
    const deltas = await ws.waitForCount(ofType('orderbook_delta', book), 2);
    expect(deltas.map((d) => d.seq)).toEqual([2, 3]);
  });
});

describe('update_subscription', () => {
  it('adds markets with a snapshot, deletes them, and answers get_snapshot', async () => {
    const [m1, m2] = [market(), market()];
    await h.rest(0).order({ ticker: m2, side: 'bid', price: '0.20', count: '4' });
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['orderbook_delta'], market_ticker: m1 });
    const added = await ws.command('update_subscription', { sid, market_tickers: [m2], action: 'add_markets' });
    expect(added).toMatchObject({ type: 'ok', sid, msg: { market_tickers: [m1, m2] } });
    expect((await ws.waitFor((f) => f.type === 'orderbook_snapshot' && f.msg.market_ticker === m2)).seq).toBe(2);

    const snap = await ws.command('update_subscription', { sids: [sid], market_tickers: [m2], action: 'get_snapshot' });
    expect(snap).toMatchObject({ type: 'orderbook_snapshot', sid, seq: 3, msg: { market_ticker: m2, yes_dollars_fp: [['0.2000', '4.00']] } });

    const deleted = await ws.command('update_subscription', { sid, market_ticker: m2, action: 'delete_markets' });
    expect(deleted.msg.market_tickers).toEqual([m1]);
    await h.rest(0).order({ ticker: m2, side: 'bid', price: '0.21', count: '1' });
    await h.rest(0).order({ ticker: m1, side: 'bid', price: '0.21', count: '1' });
    const next = await ws.waitFor(ofType('orderbook_delta', sid));
    expect(next).toMatchObject({ seq: 4, msg: { market_ticker: m1 } });
  });

  it('lists and ends subscriptions', async () => {
    const ws = await h.ws(0);
    const a = await subscribe(ws, { channels: ['ticker'] });
    const b = await subscribe(ws, { channels: ['fill'] });
    expect((await ws.command('list_subscriptions')).msg).toEqual([
      { channel: 'ticker', sid: a },
      { channel: 'fill', sid: b },
    ]);
    expect(await ws.command('unsubscribe', { sids: [a] })).toMatchObject({ type: 'unsubscribed', sid: a });
    expect((await ws.command('list_subscriptions')).msg).toEqual([{ channel: 'fill', sid: b }]);
  });
});

describe('repeated subscribe', () => {
  it('/changelog/index: a repeated subscribe answers with the existing sid, adds new markets with their snapshots, and takes no action for known ones', async () => {
    // Quote: "Repeated subscriptions on the same websocket call will no longer error."
    // Quote: "If passing the same market tickers as before, no action will be taken."
    // Quote: "If passing new market tickers, they will be added to your existing subscription."
    const [m1, m2] = [market(), market()];
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['orderbook_delta'], market_ticker: m1 });
    await ws.waitFor(ofType('orderbook_snapshot', sid));
    expect(await subscribe(ws, { channels: ['orderbook_delta'], market_tickers: [m2] })).toBe(sid);
    expect((await ws.waitFor((f) => f.type === 'orderbook_snapshot' && f.msg.market_ticker === m2)).sid).toBe(sid);
    const mark = ws.frames.length;
    expect(await subscribe(ws, { channels: ['orderbook_delta'], market_tickers: [m1, m2] })).toBe(sid);
    expect((await ws.command('list_subscriptions')).msg).toEqual([{ channel: 'orderbook_delta', sid }]);
    expect(ws.frames.slice(mark).filter((f) => f.type === 'orderbook_snapshot')).toEqual([]);
    await h.rest(0).order({ ticker: m2, side: 'bid', price: '0.30', count: '1' });
    expect((await ws.waitFor(ofType('orderbook_delta', sid), mark)).msg.market_ticker).toBe(m2);
    // Another price convention is a different stream: it gets a sid of its own.
    expect(await subscribe(ws, { channels: ['orderbook_delta'], market_ticker: m1, use_yes_price: true })).not.toBe(sid);
  });
});

describe('command errors', () => {
  it.each<[string, { given: unknown; want: number }]>([
    ['a frame that is not JSON', { given: '{nope', want: 1 }],
    ['no params', { given: { id: 1, cmd: 'subscribe' }, want: 2 }],
    ['no channels', { given: { id: 1, cmd: 'subscribe', params: { channels: [] } }, want: 3 }],
    ['unsubscribe without sids', { given: { id: 1, cmd: 'unsubscribe', params: {} }, want: 4 }],
    ['an unknown command', { given: { id: 1, cmd: 'dance', params: {} }, want: 5 }],
    ['an unknown sid', { given: { id: 1, cmd: 'unsubscribe', params: { sids: [999] } }, want: 7 }],
    ['an unknown channel', { given: { id: 1, cmd: 'subscribe', params: { channels: ['weather'] } }, want: 8 }],
    ['both market_ticker and market_tickers', { given: { id: 1, cmd: 'subscribe', params: { channels: ['ticker'], market_ticker: 'A', market_tickers: ['B'] } }, want: 11 }],
    ['an unknown market', { given: { id: 1, cmd: 'subscribe', params: { channels: ['ticker'], market_ticker: 'KXNONE-1' } }, want: 11 }],
    ['two sids to update', { given: { id: 1, cmd: 'update_subscription', params: { sids: [1, 2], action: 'add_markets' } }, want: 12 }],
    ['an unsupported action', { given: { id: 1, cmd: 'update_subscription', params: { sid: 1, action: 'explode' } }, want: 13 }],
    ['orderbook_delta without a market', { given: { id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'] } }, want: 14 }],
    ['update without an action', { given: { id: 1, cmd: 'update_subscription', params: { sid: 1 } }, want: 15 }],
    ['shard_factor 0', { given: { id: 1, cmd: 'subscribe', params: { channels: ['communications'], shard_factor: 0 } }, want: 19 }],
    ['shard_key without shard_factor', { given: { id: 1, cmd: 'subscribe', params: { channels: ['communications'], shard_key: 1 } }, want: 20 }],
    ['shard_key out of range', { given: { id: 1, cmd: 'subscribe', params: { channels: ['communications'], shard_factor: 2, shard_key: 2 } }, want: 21 }],
    ['shard_factor above 100', { given: { id: 1, cmd: 'subscribe', params: { channels: ['communications'], shard_factor: 101 } }, want: 22 }],
  ])('answers %s with error %i', async (_name, { given, want }) => {
    const ws = await h.ws(0);
    ws.ws.send(typeof given === 'string' ? given : JSON.stringify(given));
    const error = await ws.waitFor(ofType('error'));
    expect(error.msg.code).toBe(want);
    await ws.close();
  });

  it('answers get_snapshot on a non-orderbook subscription with error 13', async () => {
    const ticker = market();
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['trade'], market_ticker: ticker });
    expect((await ws.command('update_subscription', { sid, market_ticker: ticker, action: 'get_snapshot' })).msg.code).toBe(13);
  });
});

describe('channels', () => {
  it('streams ticker, trade, fill, user_orders and market_positions for a trade', async () => {
    const ticker = market();
    const maker = await h.ws(0);
    const other = await h.ws(2);
    const channels = ['ticker', 'trade', 'fill', 'user_orders', 'market_positions'];
    await subscribe(maker, { channels, market_ticker: ticker });
    await maker.waitForCount((f) => f.type === 'subscribed', channels.length);
    for (const c of channels) await subscribe(other, { channels: [c], market_ticker: ticker });
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '10', client_order_id: 'mk' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '4' });

    expect((await maker.waitFor(ofType('trade'))).msg).toMatchObject({ count_fp: '4.00', yes_price_dollars: '0.4000', taker_book_side: 'ask', taker_outcome_side: 'no' });
    expect((await maker.waitFor(ofType('fill'))).msg).toMatchObject({ client_order_id: 'mk', is_taker: false, count_fp: '4.00', post_position_fp: '4.00', book_side: 'bid' });
    expect((await maker.waitFor((f) => f.type === 'user_order' && f.msg.status === 'resting' && f.msg.fill_count_fp === '4.00')).msg).toMatchObject({
      remaining_count_fp: '6.00',
      maker_fill_cost_dollars: '1.600000',
      last_update_reason: 'Trade',
    });
    expect((await maker.waitFor(ofType('market_position'))).msg).toMatchObject({ position_fp: '4.00', position_cost_dollars: '1.6000', volume_fp: '4.00' });
    expect((await maker.waitFor((f) => f.type === 'ticker' && f.msg.volume_fp === '4.00')).msg).toMatchObject({ price_dollars: '0.4000', yes_bid_dollars: '0.4000', yes_bid_size_fp: '6.00' });

    // The other user sees public data only.
    await other.waitFor(ofType('trade'));
    await h.rest(2).order({ ticker, side: 'bid', price: '0.01', count: '1' });
    await other.waitFor(ofType('user_order'));
    expect(other.frames.filter((f) => ['fill', 'market_position'].includes(f.type))).toEqual([]);
    expect(other.frames.filter((f) => f.type === 'user_order').map((f) => f.msg.user_id)).toEqual([h.mock.exchange.userId('key-3')]);
  });

  it('sends a ticker snapshot on subscribe with send_initial_snapshot', async () => {
    const ticker = market();
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['ticker'], market_tickers: [ticker], send_initial_snapshot: true });
    expect((await ws.waitFor(ofType('ticker', sid))).msg).toMatchObject({ market_ticker: ticker, volume_fp: '0.00' });
  });

  it('streams market and event lifecycle', async () => {
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['market_lifecycle_v2'] });
    h.mock.exchange.addMarket({ ticker: 'KXLIFE-26JAN01-A' });
    h.mock.exchange.pauseMarket('KXLIFE-26JAN01-A');
    h.mock.exchange.resumeMarket('KXLIFE-26JAN01-A');
    h.mock.exchange.settleMarket('KXLIFE-26JAN01-A', 'no');
    const frames = await ws.waitForCount((f) => f.sid === sid, 8);
    expect(frames.map((f) => [f.type, f.msg.event_type ?? f.msg.event_ticker, f.seq])).toEqual([
      ['event_lifecycle', 'KXLIFE-26JAN01', 1],
      ['market_lifecycle_v2', 'created', 2],
      ['market_lifecycle_v2', 'activated', 3],
      ['market_lifecycle_v2', 'deactivated', 4],
      ['market_lifecycle_v2', 'activated', 5],
      // Settled before its close time: the close time is pulled in to now first.
      ['market_lifecycle_v2', 'close_date_updated', 6],
      ['market_lifecycle_v2', 'determined', 7],
      ['market_lifecycle_v2', 'settled', 8],
    ]);
    expect(frames[5].msg.close_ts).toBe(Math.floor(h.mock.exchange.engine.now() / 1000));
    expect(frames[6].msg).toMatchObject({ result: 'no', settlement_value: '0.0000' });
  });

  it('streams order group updates to their owner', async () => {
    const ws = await h.ws(0);
    const sid = await subscribe(ws, { channels: ['order_group_updates'] });
    const id = (await h.rest(0).post('/portfolio/order_groups/create', { contracts_limit: 3 })).body.order_group_id;
    await h.rest(0).put(`/portfolio/order_groups/${id}/limit`, { contracts_limit_fp: '4.5' });
    await h.rest(0).put(`/portfolio/order_groups/${id}/trigger`, {});
    await h.rest(0).put(`/portfolio/order_groups/${id}/reset`, {});
    await h.rest(0).delete(`/portfolio/order_groups/${id}`);
    const frames = await ws.waitForCount(ofType('order_group_updates', sid), 5);
    expect(frames.map((f) => [f.msg.event_type, f.msg.contracts_limit_fp, f.seq])).toEqual([
      ['created', '3.00', 1],
      ['limit_updated', '4.50', 2],
      ['triggered', undefined, 3],
      ['reset', undefined, 4],
      ['deleted', undefined, 5],
    ]);
  });
});
