import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KalshiWebSocketClient, type KalshiWsError, type TickerPayload, WsMessage } from '../src/index.js';
import { clientFor, recordEvents } from './support/client.js';
import { FakeKalshi, type FakeSession, until } from './support/fake-kalshi.js';
import { ManualClock } from './support/manual-clock.js';

let fake: FakeKalshi;
let client: KalshiWebSocketClient;
let session: FakeSession;

beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.hook = undefined;
  const next = fake.session(fake.sessions.length);
  client = clientFor(fake);
  await client.connect();
  session = await next;
});
afterEach(() => client.close());

/** Lets every promise reaction already due run (one event-loop turn; no real-time wait). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const tickerMsg = (price: string): TickerPayload['msg'] => ({
  market_id: 'm',
  market_ticker: 'A',
  price_dollars: price,
  yes_bid_dollars: '0.4000',
  yes_ask_dollars: '0.4200',
  volume_fp: '10.00',
  open_interest_fp: '5.00',
  dollar_volume: 4,
  dollar_open_interest: 2,
  yes_bid_size_fp: '1.00',
  yes_ask_size_fp: '1.00',
  last_trade_size_fp: '1.00',
  ts: 1,
  ts_ms: 1000,
  time: '1970-01-01T00:00:01Z',
});

describe('subscribe', () => {
  it('sends one subscribe per channel with a fresh, increasing id and resolves with the sid', async () => {
    const a = await client.subscribe({ channel: 'ticker', market_tickers: ['A'] });
    const b = await client.subscribe({ channel: 'trade' });
    expect(session.commands).toEqual([
      { id: 1, cmd: 'subscribe', params: { channels: ['ticker'], market_tickers: ['A'] } },
      { id: 2, cmd: 'subscribe', params: { channels: ['trade'] } },
    ]);
    expect([a.sid, b.sid]).toEqual([...session.subs.keys()]);
    expect([a.state, a.channel, client.subscriptions.length]).toEqual(['active', 'ticker', 2]);
  });

  it.each<[string, { given: Parameters<KalshiWebSocketClient['subscribe']>[0]; want: Record<string, unknown> }]>([
    [
      'orderbook with use_yes_price',
      { given: { channel: 'orderbook_delta', market_tickers: ['A', 'B'], use_yes_price: true }, want: { channels: ['orderbook_delta'], market_tickers: ['A', 'B'], use_yes_price: true } },
    ],
    [
      'communications with sharding',
      { given: { channel: 'communications', shard_factor: 4, shard_key: 1, user_filter: 'self' }, want: { channels: ['communications'], shard_factor: 4, shard_key: 1, user_filter: 'self' } },
    ],
    [
      'ticker by market id with an initial snapshot',
      { given: { channel: 'ticker', market_ids: ['u-1'], send_initial_snapshot: true }, want: { channels: ['ticker'], market_ids: ['u-1'], send_initial_snapshot: true } },
    ],
    ['CF Benchmarks indices', { given: { channel: 'cfbenchmarks_value', index_ids: ['BRTI'] }, want: { channels: ['cfbenchmarks_value'], index_ids: ['BRTI'] } }],
  ])('passes the channel params through: %s', async (_name, { given, want }) => {
    const sub = await client.subscribe(given);
    expect(session.commands.at(-1)?.params).toEqual(want);
    expect(sub.params).toEqual(want);
  });

  it.each<[number, string]>([
    [8, 'UNKNOWN_CHANNEL_NAME'],
    [9, 'AUTHENTICATION_REQUIRED'],
    [14, 'MARKET_TICKER_REQUIRED'],
    [19, 'SHARD_FACTOR_NOT_POSITIVE'],
    [21, 'SHARD_KEY_OUT_OF_RANGE'],
    [22, 'SHARD_FACTOR_TOO_LARGE'],
  ])('rejects on an error %i reply with WS_SERVER_ERROR %s', async (code, name) => {
    fake.hook = (s, c) => {
      s.send({ id: c.id, type: 'error', msg: { code, msg: 'nope' } });
      return true;
    };
    const error = (await client.subscribe({ channel: 'communications', shard_factor: 101 }).catch((e: unknown) => e)) as KalshiWsError;
    expect(error).toMatchObject({ code: 'WS_SERVER_ERROR', kalshiCode: code, kalshiCodeName: name, kalshiMessage: 'nope', commandId: 1, cmd: 'subscribe' });
    expect(client.subscriptions).toEqual([]);
  });

  it('times out with WS_REPLY_TIMEOUT, and unsubscribes a reply that comes late', async () => {
    const clock = new ManualClock();
    const next = fake.session(fake.sessions.length);
    const timed = clientFor(fake, { clock });
    await timed.connect();
    const own = await next;
    let late: (() => void) | undefined;
    fake.hook = (s, c) => {
      if (c.cmd !== 'subscribe') return false;
      late = () => s.send({ id: c.id, type: 'subscribed', msg: { channel: 'ticker', sid: 77 } });
      return true;
    };
    let outcome: unknown;
    const subscribing = timed.subscribe({ channel: 'ticker' }, { timeoutMs: 50 }).catch((error: unknown) => {
      outcome = error;
    });
    await own.command((c) => c.cmd === 'subscribe');
    clock.advance(49);
    await turn();
    expect(outcome).toBeUndefined();
    clock.advance(1);
    await turn();
    expect(outcome).toMatchObject({ code: 'WS_REPLY_TIMEOUT', cmd: 'subscribe' });
    await subscribing;
    expect(timed.subscriptions).toEqual([]);
    late?.();
    expect(await own.command((c) => c.cmd === 'unsubscribe')).toMatchObject({ params: { sids: [77] } });
    await timed.close();
  });

  it('fails a command with WS_REPLY_TIMEOUT once commandTimeoutMs passes on the client clock, not before', async () => {
    const clock = new ManualClock();
    const next = fake.session(fake.sessions.length);
    const timed = clientFor(fake, { clock, commandTimeoutMs: 1000 });
    await timed.connect();
    const own = await next;
    fake.hook = (_s, c) => c.cmd === 'list_subscriptions';
    let outcome: unknown;
    const listing = timed.listSubscriptions().catch((error: unknown) => {
      outcome = error;
    });
    await own.command((c) => c.cmd === 'list_subscriptions');
    clock.advance(999);
    await turn();
    expect(outcome).toBeUndefined();
    clock.advance(1);
    await turn();
    expect(outcome).toMatchObject({ code: 'WS_REPLY_TIMEOUT', cmd: 'list_subscriptions', commandId: 1 });
    await listing;
    await timed.close();
  });

  it('refuses an unknown channel without sending anything', async () => {
    await expect(client.subscribe({ channel: 'nope' as 'ticker' })).rejects.toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'channel' });
    expect(session.commands).toEqual([]);
  });
});

describe('data', () => {
  it('delivers typed messages to handlers at once and to the iterator in order', async () => {
    const sub = await client.subscribe({ channel: 'ticker', market_tickers: ['A'] });
    const seen: string[] = [];
    sub.on('message', (m) => seen.push(m.dollars('price_dollars').toWire()));
    const sid = sub.sid as number;
    for (const p of ['0.4100', '0.4150', '0.4200']) session.data(sid, 'ticker', tickerMsg(p), { noSeq: true });
    const got: string[] = [];
    for await (const m of sub) {
      expect(m).toBeInstanceOf(WsMessage);
      got.push(m.dollars('price_dollars').toWire());
      if (got.length === 3) break;
    }
    expect(got).toEqual(['0.4100', '0.4150', '0.4200']);
    expect(seen).toEqual(got);
  });

  it("passes handlers given in `on` the first frames, and 'raw' the bare payloads", async () => {
    fake.setBook('RAW', { yes: [['0.2000', '1.00']] });
    const raw: unknown[] = [];
    const wrapped: string[] = [];
    const sub = await client.subscribe(
      { channel: 'orderbook_delta', market_ticker: 'RAW' },
      { iterate: false, on: { raw: (frame) => raw.push(frame), message: (m) => wrapped.push(m.type) } },
    );
    await until(() => raw.length === 1);
    expect(raw[0]).toEqual({ type: 'orderbook_snapshot', sid: sub.sid, seq: 1, msg: { market_ticker: 'RAW', market_id: 'id-RAW', yes_dollars_fp: [['0.2000', '1.00']] } });
    expect(raw[0]).not.toBeInstanceOf(WsMessage);
    expect(wrapped).toEqual(['orderbook_snapshot']);
  });

  it('reports malformed frames as WS_MALFORMED_FRAME and keeps going', async () => {
    const events = recordEvents(client);
    const sub = await client.subscribe({ channel: 'ticker' });
    session.sendRaw('{"type":"ticker",');
    session.sendRaw('[1,2,3]');
    session.data(sub.sid as number, 'ticker', tickerMsg('0.5000'), { noSeq: true });
    const first = await sub[Symbol.asyncIterator]().next();
    expect((first.value as WsMessage<TickerPayload>).msg.price_dollars).toBe('0.5000');
    expect(events.map(([e, v]) => [e, (v as KalshiWsError).code, (v as KalshiWsError).frameLength])).toEqual([
      ['error', 'WS_MALFORMED_FRAME', 17],
      ['error', 'WS_MALFORMED_FRAME', 7],
    ]);
  });

  it('reports a non-terminal server error about a subscription on it and on the client', async () => {
    const events = recordEvents(client);
    const sub = await client.subscribe({ channel: 'trade' });
    const errors: KalshiWsError[] = [];
    sub.on('error', (e) => errors.push(e));
    session.send({ type: 'error', sid: sub.sid, msg: { code: 1, msg: 'hiccup' } });
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 'WS_SERVER_ERROR', kalshiCode: 1, sid: sub.sid, channel: 'trade' });
    expect(events.map(([e]) => e)).toEqual(['error']);
    expect(sub.state).toBe('active');
  });

  it('reports a throwing handler as WS_HANDLER_FAILED without losing the next message', async () => {
    const events = recordEvents(client);
    const sub = await client.subscribe({ channel: 'ticker' }, { iterate: false });
    const prices: string[] = [];
    sub.on('message', (m) => {
      prices.push(m.msg.price_dollars);
      if (prices.length === 1) throw new Error('bug in user code');
    });
    session.data(sub.sid as number, 'ticker', tickerMsg('0.1000'), { noSeq: true });
    session.data(sub.sid as number, 'ticker', tickerMsg('0.2000'), { noSeq: true });
    await until(() => prices.length === 2);
    expect(events.map(([e, v]) => [e, (v as KalshiWsError).code])).toEqual([['error', 'WS_HANDLER_FAILED']]);
  });
});

describe('update_subscription', () => {
  it('adds and deletes markets, remembering them for resubscribes', async () => {
    const sub = await client.subscribe({ channel: 'fill', market_ticker: 'A' });
    expect(await sub.update({ action: 'add_markets', market_tickers: ['B', 'C'] })).toEqual({ market_tickers: ['A', 'B', 'C'] });
    expect(session.commands.at(-1)).toEqual({ id: 2, cmd: 'update_subscription', params: { action: 'add_markets', market_tickers: ['B', 'C'], sids: [sub.sid] } });
    await client.updateSubscription(sub, { action: 'delete_markets', market_tickers: ['A'] });
    expect(sub.params).toEqual({ channels: ['fill'], market_tickers: ['B', 'C'] });
  });

  it('resolves get_snapshot once every requested snapshot has arrived', async () => {
    fake.setBook('G1', { yes: [['0.3000', '2.00']] });
    fake.setBook('G2', { no: [['0.6000', '1.00']] });
    const sub = await client.subscribe({ channel: 'orderbook_delta', market_tickers: ['G1', 'G2'] });
    const snapshots: string[] = [];
    sub.on('message', (m) => snapshots.push(`${m.type}:${m.msg.market_ticker}`));
    await sub.update({ action: 'get_snapshot', market_tickers: ['G1', 'G2'] });
    expect(snapshots).toEqual(['orderbook_snapshot:G1', 'orderbook_snapshot:G2']);
    expect(session.commands.at(-1)).toMatchObject({ cmd: 'update_subscription', params: { action: 'get_snapshot', market_tickers: ['G1', 'G2'], sids: [sub.sid] } });
  });

  it('rejects with the server error (26)', async () => {
    const sub = await client.subscribe({ channel: 'fill' });
    fake.hook = (s, c) => {
      if (c.cmd !== 'update_subscription') return false;
      s.send({ id: c.id, type: 'error', msg: { code: 26, msg: 'limit', market_tickers: ['Z'] } });
      return true;
    };
    await expect(sub.update({ action: 'add_markets', market_tickers: ['Z'] })).rejects.toMatchObject({
      code: 'WS_SERVER_ERROR',
      kalshiCodeName: 'SUBSCRIPTION_MARKET_LIMIT_EXCEEDED',
      marketTickers: ['Z'],
    });
    expect(sub.params.market_tickers).toBeUndefined();
  });
});

describe('list_subscriptions', () => {
  it("matches its 'ok' reply by command id", async () => {
    const a = await client.subscribe({ channel: 'ticker' });
    const b = await client.subscribe({ channel: 'orderbook_delta', market_ticker: 'L' });
    fake.hook = (s, c) => {
      if (c.cmd !== 'list_subscriptions') return false;
      s.send({ id: c.id + 100, type: 'ok', msg: [] });
      return false;
    };
    expect(await client.listSubscriptions()).toEqual([
      { channel: 'ticker', sid: a.sid },
      { channel: 'orderbook_delta', sid: b.sid },
    ]);
  });
});

describe('unsubscribe', () => {
  it('sends unsubscribe for the sid and ends the iterator', async () => {
    const sub = await client.subscribe({ channel: 'trade' });
    const sid = sub.sid;
    const loop = (async () => {
      let n = 0;
      for await (const _ of sub) n++;
      return n;
    })();
    await sub.unsubscribe();
    expect(await loop).toBe(0);
    expect(session.commands.at(-1)).toEqual({ id: 2, cmd: 'unsubscribe', params: { sids: [sid] } });
    expect([sub.state, sub.sid, client.subscriptions]).toEqual(['closed', undefined, []]);
  });

  it('treats an unknown-sid reply (7) as done', async () => {
    const sub = await client.subscribe({ channel: 'trade' });
    session.subs.clear();
    await expect(client.unsubscribe(sub)).resolves.toBeUndefined();
    expect(sub.state).toBe('closed');
  });
});

describe('close', () => {
  it('rejects pending commands with WS_CLIENT_CLOSED and refuses new ones', async () => {
    fake.hook = () => true;
    const pending = client.listSubscriptions().catch((e: unknown) => e);
    const subscribing = client.subscribe({ channel: 'ticker' }).catch((e: unknown) => e);
    await session.command((c) => c.cmd === 'subscribe');
    await client.close();
    expect(await pending).toMatchObject({ code: 'WS_CLIENT_CLOSED' });
    expect(await subscribing).toMatchObject({ code: 'WS_CLIENT_CLOSED' });
    await expect(client.subscribe({ channel: 'ticker' })).rejects.toMatchObject({ code: 'WS_CLIENT_CLOSED' });
    await expect(client.connect()).rejects.toMatchObject({ code: 'WS_CLIENT_CLOSED' });
    await until(() => session.closed);
  });
});
