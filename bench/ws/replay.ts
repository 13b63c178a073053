/**
 * A freshly connected client set up the way an application reads the recorded stream: an
 * `OrderBookManager` over every market (sid 1) plus `ticker` (sid 2) and `trade` (sid 3)
 * subscriptions with a `message` handler each. `replay()` feeds frames through the socket's
 * 'message' path; `check()` compares the books with the recording.
 */
import { strict as assert } from 'node:assert';
import {
  createWebSocketClient,
  type KalshiWebSocketClient,
  OrderBookManager,
} from '../../packages/ws/src/index.ts';
import { InProcessSocket } from './in-process-socket.ts';
import { ORDERBOOK_SID, type RecordedStream, TICKER_SID, TRADE_SID } from './stream.ts';

export interface Replay {
  readonly client: KalshiWebSocketClient;
  readonly manager: OrderBookManager;
  /** Feeds `frames[from..to)` to the client as the socket would. */
  replay(frames: readonly string[], from?: number, to?: number): void;
  /** Asserts the books match the recording and every ticker / trade message was delivered, with no error. */
  check(stream: RecordedStream): void;
  close(): Promise<void>;
}

let socket: InProcessSocket | undefined;
// One class for every replay, so the client's code always sees sockets of one shape.
const WebSocket = InProcessSocket.withSids({ orderbook_delta: ORDERBOOK_SID, ticker: TICKER_SID, trade: TRADE_SID }, (s) => {
  socket = s;
});

export async function connectReplay(marketTickers: readonly string[]): Promise<Replay> {
  const client = createWebSocketClient({
    apiKeyId: '00000000-0000-4000-8000-000000000000',
    signer: { sign: () => Promise.resolve('bench') },
    url: 'ws://in-process/trade-api/ws/v2',
    WebSocket,
    reconnect: false,
    keepalive: false,
  });
  const errors: unknown[] = [];
  client.on('error', (e) => errors.push(e));
  await client.connect();
  const manager = new OrderBookManager({ client });
  manager.on('error', (e) => errors.push(e));
  let tickers = 0;
  let trades = 0;
  let lastPrice = '';
  await manager.track(marketTickers);
  await client.subscribe(
    { channel: 'ticker', market_tickers: [...marketTickers] },
    {
      iterate: false,
      on: {
        message: (m) => {
          tickers++;
          lastPrice = m.raw.msg.yes_bid_dollars;
        },
      },
    },
  );
  await client.subscribe(
    { channel: 'trade', market_tickers: [...marketTickers] },
    {
      iterate: false,
      on: {
        message: (m) => {
          trades++;
          lastPrice = m.raw.msg.yes_price_dollars;
        },
      },
    },
  );
  const s = socket as InProcessSocket;
  return {
    client,
    manager,
    replay(frames, from = 0, to = frames.length) {
      for (let i = from; i < to; i++) s.deliver(frames[i] as string);
    },
    check(stream) {
      assert.deepEqual(errors, [], 'no client errors');
      assert.equal(tickers, stream.counts.tickers, 'every ticker message delivered');
      assert.equal(trades, stream.counts.trades, 'every trade message delivered');
      assert.notEqual(lastPrice, '');
      for (const [ticker, want] of stream.finalBooks) {
        const book = manager.book(ticker);
        assert.ok(book !== undefined && book.state === 'live', `${ticker} live`);
        assert.deepEqual(book.toJSON(), want, `${ticker} matches the recording`);
      }
    },
    close: () => client.close(),
  };
}
