import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KalshiWebSocketClient, type KalshiWsError, OrderBookManager } from '../src/index.js';
import { type FrameSink, frameSink, type InternalSubscriptionOptions } from '../src/subscription.js';
import { clientFor, recordEvents } from './support/client.js';
import { FakeKalshi, until } from './support/fake-kalshi.js';

// The package-internal route the OrderBookManager takes: a FrameSink passed to `subscribe` gets
// each delivered orderbook frame directly, before the public `raw` / `message` listeners.

const T = 'SINK-A';
let fake: FakeKalshi;
let client: KalshiWebSocketClient;

beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.hook = undefined;
  fake.setBook(T, { yes: [['0.4000', '10.00']], no: [['0.5500', '3.00']] });
  client = clientFor(fake);
  await client.connect();
});
afterEach(() => client.close());

describe('FrameSink', () => {
  it('gets every delivered frame before the raw and message listeners', async () => {
    const order: string[] = [];
    const sink: FrameSink = { frame: (f) => order.push(`sink ${f.type} ${f.seq}`) };
    const options: InternalSubscriptionOptions<'orderbook_delta'> = {
      iterate: false,
      on: { raw: (f) => order.push(`raw ${f.type} ${f.seq}`), message: (m) => order.push(`message ${m.type} ${m.seq}`) },
      [frameSink]: sink,
    };
    await client.subscribe({ channel: 'orderbook_delta', market_tickers: [T] }, options);
    fake.delta(T, 'yes', '0.4100', '2.00');
    await until(() => order.length === 6);
    expect(order).toEqual([
      'sink orderbook_snapshot 1',
      'raw orderbook_snapshot 1',
      'message orderbook_snapshot 1',
      'sink orderbook_delta 2',
      'raw orderbook_delta 2',
      'message orderbook_delta 2',
    ]);
  });

  it('reports a throwing sink as WS_HANDLER_FAILED and keeps delivering', async () => {
    const events = recordEvents(client);
    let calls = 0;
    const raw: string[] = [];
    const options: InternalSubscriptionOptions<'orderbook_delta'> = {
      iterate: false,
      on: { raw: (f) => raw.push(f.type) },
      [frameSink]: {
        frame: () => {
          if (++calls === 1) throw new Error('bug in the sink');
        },
      },
    };
    await client.subscribe({ channel: 'orderbook_delta', market_tickers: [T] }, options);
    fake.delta(T, 'no', '0.5500', '-1.00');
    await until(() => raw.length === 2);
    expect([calls, raw]).toEqual([2, ['orderbook_snapshot', 'orderbook_delta']]);
    expect(events.map(([e, v]) => [e, (v as KalshiWsError).code])).toEqual([['error', 'WS_HANDLER_FAILED']]);
  });

  it('is ignored on other channels', async () => {
    let calls = 0;
    const options = { iterate: false, [frameSink]: { frame: () => calls++ } } as InternalSubscriptionOptions<'ticker'>;
    const sub = await client.subscribe({ channel: 'ticker', market_tickers: [T] }, options);
    const seen: string[] = [];
    sub.on('raw', (f) => seen.push(f.type));
    fake.sessions.at(-1)?.data(sub.sid as number, 'ticker', { market_ticker: T }, { noSeq: true });
    await until(() => seen.length === 1);
    expect(calls).toBe(0);
  });
});

describe('OrderBookManager through its FrameSink', () => {
  it('has applied a frame by the time raw listeners of its subscription see it', async () => {
    const books = new OrderBookManager({ client });
    await books.track([T]);
    await until(() => books.book(T)?.state === 'live');
    const seen: Array<[number | undefined, number | undefined]> = [];
    books.subscription?.on('raw', (f) => seen.push([f.seq, books.book(T)?.seq]));
    fake.delta(T, 'yes', '0.4200', '1.00');
    fake.delta(T, 'yes', '0.4000', '-10.00');
    await until(() => seen.length === 2);
    expect(seen).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(books.book(T)?.toJSON()).toEqual(fake.wire(T));
  });
});
