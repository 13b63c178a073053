import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KalshiWebSocketClient, OrderBookManager, type ResyncReason } from '../src/index.js';
import { clientFor, nextEvent } from './support/client.js';
import { FakeKalshi, type FakeSession, until } from './support/fake-kalshi.js';
import { ManualClock } from './support/manual-clock.js';

let fake: FakeKalshi;
let client: KalshiWebSocketClient;
let session: FakeSession;
let books: OrderBookManager;
let log: string[];
let clock: ManualClock;

const A = 'MGR-A';
const B = 'MGR-B';

beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

async function start(useYesPrice = false): Promise<void> {
  fake.hook = undefined;
  fake.setBook(A, { yes: [['0.4000', '10.00'], ['0.4200', '5.00']], no: [['0.5500', '3.00']] });
  fake.setBook(B, { yes: [['0.1000', '1.00']], no: [['0.8500', '2.50'], ['0.8000', '4.00']] });
  const next = fake.session(fake.sessions.length);
  clock = new ManualClock();
  client = clientFor(fake, { clock });
  await client.connect();
  session = await next;
  books = new OrderBookManager({ client, useYesPrice });
  log = [];
  books.on('stale', (e) => log.push(`stale ${e.book.marketTicker} ${e.reason}`));
  books.on('resynced', (e) => log.push(`resynced ${e.book.marketTicker} ${e.reason}`));
  await books.track([A, B]);
}

/** Waits until every book is live and equals the exchange's. */
async function inStep(tickers = [A, B]): Promise<void> {
  await until(
    () => tickers.every((t) => books.book(t)?.state === 'live' && JSON.stringify(books.book(t)?.toJSON()) === JSON.stringify(fake.wire(t))),
    'books to match the exchange',
  );
  for (const t of tickers) expect(books.book(t)?.toJSON()).toEqual(fake.wire(t));
}

/** A burst of deltas on both markets. */
function churn(n: number, offset = 0): void {
  for (let i = 0; i < n; i++) {
    const k = (i + offset) % 7;
    fake.delta(A, k % 2 === 0 ? 'yes' : 'no', `0.${20 + k}00`, '1.50');
    fake.delta(B, 'no', `0.${70 + k}00`, '0.25');
  }
}

afterEach(() => client.close());

describe('OrderBookManager', () => {
  beforeEach(() => start());

  it('builds books from snapshots and deltas', async () => {
    await inStep();
    churn(20);
    fake.delta(A, 'yes', '0.4200', '-5.00');
    await inStep();
    const a = books.book(A);
    expect([a?.bestBid()?.price.toWire(), a?.bestAsk()?.price.toWire(), a?.spread()?.toWire()]).toEqual(['0.4000', '0.4500', '0.0500']);
    expect(log).toEqual([]);
  });

  it.each<[string, (sid: number) => void, ResyncReason]>([
    ['a skipped seq', () => fake.delta(A, 'yes', '0.3000', '2.00', { skipSeq: true }), 'sequence_gap'],
    [
      'an out-of-order frame',
      (sid) => session.data(sid, 'orderbook_delta', { market_ticker: A, market_id: 'x', price_dollars: '0.4000', delta_fp: '1.00', side: 'yes' }, { seq: 1 }),
      'out_of_order',
    ],
    [
      'a lost frame (malformed on the wire)',
      () => {
        fake.delta(B, 'yes', '0.1000', '1.00', { send: false });
        session.sendRaw('{"type":"orderbook_delta","sid":');
        fake.delta(A, 'no', '0.5500', '1.00');
      },
      'sequence_gap',
    ],
  ])('resyncs every market of the subscription after %s', async (_name, fault, reason) => {
    await inStep();
    const sid = books.subscription?.sid as number;
    fault(sid);
    churn(5);
    await inStep();
    expect(log).toEqual([`stale ${A} ${reason}`, `stale ${B} ${reason}`, `resynced ${A} ${reason}`, `resynced ${B} ${reason}`]);
    const snapshotRequest = session.commands.find((c) => c.cmd === 'update_subscription');
    expect(snapshotRequest?.params).toEqual({ sids: [sid], market_tickers: [A, B], action: 'get_snapshot' });
    expect(books.subscription?.sid).toBe(sid);
  });

  it('resyncs one market when a delta does not fit its book', async () => {
    await inStep();
    const sid = books.subscription?.sid as number;
    session.data(sid, 'orderbook_delta', { market_ticker: B, market_id: 'x', price_dollars: '0.1000', delta_fp: '-9.00', side: 'yes' });
    await until(() => log.length === 2);
    await inStep();
    expect(log).toEqual([`stale ${B} book_inconsistent`, `resynced ${B} book_inconsistent`]);
  });

  it('resyncs one market after a delta that does not parse', async () => {
    await inStep();
    const sid = books.subscription?.sid as number;
    session.data(sid, 'orderbook_delta', { market_ticker: A, market_id: 'x', price_dollars: 'NaN', delta_fp: '1.00', side: 'yes' });
    await until(() => log.length === 2);
    await inStep();
    expect(log).toEqual([`stale ${A} malformed_frame`, `resynced ${A} malformed_frame`]);
  });

  it('falls back to a resubscribe when get_snapshot is refused', async () => {
    await inStep();
    const oldSid = books.subscription?.sid as number;
    fake.hook = (s, c) => {
      if (c.cmd !== 'update_subscription') return false;
      s.send({ id: c.id, type: 'error', msg: { code: 13, msg: 'Unsupported action' } });
      return true;
    };
    fake.delta(A, 'yes', '0.3000', '2.00', { skipSeq: true });
    await inStep();
    const newSid = books.subscription?.sid;
    expect(newSid).not.toBe(oldSid);
    expect(session.commands.slice(-3).map((c) => [c.cmd, c.params])).toEqual([
      ['update_subscription', { sids: [oldSid], market_tickers: [A, B], action: 'get_snapshot' }],
      ['unsubscribe', { sids: [oldSid] }],
      ['subscribe', { channels: ['orderbook_delta'], market_tickers: [A, B] }],
    ]);
    expect(log.filter((l) => l.startsWith('resynced'))).toEqual([`resynced ${A} sequence_gap`, `resynced ${B} sequence_gap`]);
  });

  it('resubscribes after error 25 (subscription buffer overflow)', async () => {
    await inStep();
    const sub = books.subscription;
    const oldSid = sub?.sid as number;
    const errors: number[] = [];
    sub?.on('error', (e) => errors.push(e.kalshiCode as number));
    session.subs.delete(oldSid);
    session.send({ type: 'error', sid: oldSid, msg: { code: 25, msg: 'Subscription buffer overflow' } });
    churn(3);
    await inStep();
    expect(errors).toEqual([25]);
    expect(sub?.sid).not.toBe(oldSid);
    expect(session.commands.at(-1)).toMatchObject({ cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: [A, B] } });
    expect(log).toEqual([`stale ${A} server_error`, `stale ${B} server_error`, `resynced ${A} server_error`, `resynced ${B} server_error`]);
  });

  it('survives a dropped connection, catching up on what changed while down', async () => {
    await inStep();
    const next = fake.session(fake.sessions.length);
    const reconnecting = nextEvent(client, 'reconnecting');
    session.kill();
    const { delayMs } = await reconnecting;
    await until(() => books.book(A)?.stale === true);
    churn(4, 3);
    expect(fake.sessions.at(-1)).toBe(session); // still down: the changes above are missed
    clock.advance(delayMs);
    session = await next;
    await inStep();
    expect(log).toEqual([`stale ${A} connection_lost`, `stale ${B} connection_lost`, `resynced ${A} connection_lost`, `resynced ${B} connection_lost`]);
  });

  it('tracks and untracks markets on the same subscription', async () => {
    const C = 'MGR-C';
    fake.setBook(C, { yes: [['0.6000', '1.00']] });
    await inStep();
    await books.track([C]);
    fake.delta(C, 'no', '0.3000', '2.00');
    await inStep([A, B, C]);
    await books.untrack([A]);
    expect(books.book(A)).toBeUndefined();
    expect(books.subscription?.params.market_tickers).toEqual([B, C]);
    expect(session.commands.filter((c) => c.cmd === 'update_subscription').map((c) => c.params?.action)).toEqual(['add_markets', 'delete_markets']);
  });
});

describe('OrderBookManager with use_yes_price', () => {
  beforeEach(() => start(true));

  it('subscribes with use_yes_price and holds the same books', async () => {
    await inStep();
    churn(10);
    fake.delta(A, 'yes', '0.3000', '2.00', { skipSeq: true });
    await inStep();
    expect(session.commands[0]?.params).toEqual({ channels: ['orderbook_delta'], market_tickers: [A, B], use_yes_price: true });
    expect(books.book(B)?.bestAsk('yes')?.price.toWire()).toBe('0.1500');
  });
});
