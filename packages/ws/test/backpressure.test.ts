import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FillPayload,
  type KalshiWebSocketClient,
  OrderBook,
  type ResyncNotice,
  type SubscriptionItem,
  type TradePayload,
  type WsMessage,
} from '../src/index.js';
import { clientFor } from './support/client.js';
import { FakeKalshi, type FakeSession, until } from './support/fake-kalshi.js';
import { tradeMsg } from './support/frames.js';

let fake: FakeKalshi;
let client: KalshiWebSocketClient;
let session: FakeSession;

beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  const next = fake.session(fake.sessions.length);
  client = clientFor(fake);
  await client.connect();
  session = await next;
});
afterEach(() => client.close());

const trade = (id: string) => tradeMsg(id, 'P');

const fill = (id: string): FillPayload['msg'] => ({
  trade_id: id,
  order_id: 'o',
  market_ticker: 'P',
  exchange_index: 0,
  is_taker: false,
  side: 'yes',
  ts: 1,
  ts_ms: 1000,
  yes_price_dollars: '0.5000',
  count_fp: '1.00',
  fee_cost: '0.0000',
  action: 'buy',
  post_position_fp: '1.00',
  purchased_side: 'yes',
  outcome_side: 'yes',
  book_side: 'bid',
});

describe('backpressure', () => {
  it('drop-oldest (trade): keeps the newest messages, counts the drops, handlers see everything', async () => {
    const sub = await client.subscribe({ channel: 'trade' }, { bufferSize: 3 });
    const handled: string[] = [];
    const drops: number[] = [];
    sub.on('message', (m) => handled.push(m.msg.trade_id));
    sub.on('dropped', (d) => drops.push(d.dropped));
    for (let i = 1; i <= 10; i++) session.data(sub.sid as number, 'trade', trade(`t${i}`));
    await until(() => handled.length === 10);
    const it = sub[Symbol.asyncIterator]();
    const read: string[] = [];
    for (let i = 0; i < 3; i++) read.push(((await it.next()).value as WsMessage<TradePayload>).msg.trade_id);
    expect(read).toEqual(['t8', 't9', 't10']);
    expect([sub.dropped, drops, sub.overflowPolicy]).toEqual([7, [1, 2, 3, 4, 5, 6, 7], 'drop-oldest']);
  });

  it("'error' (fill): the iterator yields what it holds, then throws WS_BUFFER_OVERFLOW; handlers keep going", async () => {
    const sub = await client.subscribe({ channel: 'fill' }, { bufferSize: 2 });
    const handled: string[] = [];
    sub.on('message', (m) => handled.push(m.msg.trade_id));
    for (let i = 1; i <= 3; i++) session.data(sub.sid as number, 'fill', fill(`f${i}`), { noSeq: true });
    await until(() => handled.length === 3);
    const it = sub[Symbol.asyncIterator]();
    expect(((await it.next()).value as WsMessage<FillPayload>).msg.trade_id).toBe('f1');
    expect(((await it.next()).value as WsMessage<FillPayload>).msg.trade_id).toBe('f2');
    await expect(it.next()).rejects.toMatchObject({ code: 'WS_BUFFER_OVERFLOW', channel: 'fill', bufferSize: 2 });
    session.data(sub.sid as number, 'fill', fill('f4'), { noSeq: true });
    await until(() => handled.length === 4);
    expect(sub.state).toBe('active');
  });

  it('lets a fill subscription opt into drop-oldest', async () => {
    const sub = await client.subscribe({ channel: 'fill' }, { bufferSize: 1, overflow: 'drop-oldest' });
    for (let i = 1; i <= 3; i++) session.data(sub.sid as number, 'fill', fill(`f${i}`), { noSeq: true });
    await until(() => sub.dropped === 2);
    expect(((await sub[Symbol.asyncIterator]().next()).value as WsMessage<FillPayload>).msg.trade_id).toBe('f3');
  });

  it('resync (orderbook): never drops a delta silently; discards the backlog, says so, and delivers fresh snapshots', async () => {
    fake.setBook('OB', { yes: [['0.4000', '10.00']], no: [['0.5500', '5.00']] });
    const sub = await client.subscribe({ channel: 'orderbook_delta', market_ticker: 'OB' }, { bufferSize: 4 });
    for (let i = 1; i <= 12; i++) fake.delta('OB', i % 2 === 0 ? 'yes' : 'no', `0.${30 + i}00`, '1.00');
    const getSnapshot = await session.command((c) => c.cmd === 'update_subscription');
    expect(getSnapshot.params).toEqual({ sids: [sub.sid], market_tickers: ['OB'], action: 'get_snapshot' });
    await until(() => sub.staleMarkets.length === 0);

    // A consumer that applies whatever the iterator yields ends with the exchange's book.
    const book = new OrderBook({ marketTicker: 'OB' });
    const items: Array<SubscriptionItem<'orderbook_delta'>> = [];
    const it = sub[Symbol.asyncIterator]();
    let resynced = false;
    while (!resynced) {
      const { value } = await it.next();
      const item = value as SubscriptionItem<'orderbook_delta'>;
      items.push(item);
      if (item.type === 'orderbook_snapshot') {
        book.applySnapshot(item.raw);
        resynced = items.some((i) => i.type === 'resync');
      } else if (item.type === 'orderbook_delta') book.applyDelta(item.raw);
    }
    const notice = items.find((i): i is ResyncNotice => i.type === 'resync');
    expect(notice).toMatchObject({ type: 'resync', reason: 'buffer_overflow', marketTickers: ['OB'] });
    expect(notice?.discarded).toBeGreaterThan(0);
    expect(items.map((i) => i.type)).toEqual(['resync', 'orderbook_snapshot']);
    expect(book.toJSON()).toEqual(fake.wire('OB'));
  });

  it('refuses to iterate a handler-only subscription', async () => {
    const sub = await client.subscribe({ channel: 'ticker' }, { iterate: false });
    expect(() => sub[Symbol.asyncIterator]()).toThrow(expect.objectContaining({ code: 'WS_CONFIG_INVALID', option: 'iterate' }));
  });

  it('refuses a second iterator', async () => {
    const sub = await client.subscribe({ channel: 'ticker' });
    sub[Symbol.asyncIterator]();
    expect(() => sub[Symbol.asyncIterator]()).toThrow(expect.objectContaining({ code: 'WS_CONFIG_INVALID' }));
  });

  it('refuses a bad buffer size', async () => {
    await expect(client.subscribe({ channel: 'ticker' }, { bufferSize: 0 })).rejects.toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'bufferSize' });
  });
});
