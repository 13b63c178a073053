import { describe, expectTypeOf, it } from 'vitest';
import { Emitter } from '../src/emitter.js';
import type {
  ChannelMessage,
  FillPayload,
  KalshiWebSocketClient,
  OrderBook,
  OrderbookDeltaPayload,
  OrderBookEvents,
  OrderBookManager,
  OrderBookManagerEvents,
  OrderbookSnapshotPayload,
  ResyncNotice,
  Subscription,
  SubscriptionEvents,
  SubscriptionItem,
  WebSocketClientEvents,
  WsMessage,
} from '../src/index.js';

// Type-level checks: `pnpm typecheck` fails if an expectation or a @ts-expect-error stops holding.
describe('subscribe types', () => {
  it('infers the channel and types its messages', () => {
    expectTypeOf<KalshiWebSocketClient['subscribe']>().toBeFunction();
    const subscribeOrderbook = (client: KalshiWebSocketClient) =>
      client.subscribe({ channel: 'orderbook_delta', market_tickers: ['A'], use_yes_price: true });
    expectTypeOf(subscribeOrderbook).returns.resolves.toEqualTypeOf<Subscription<'orderbook_delta'>>();
    expectTypeOf<ChannelMessage<'fill'>>().toEqualTypeOf<WsMessage<FillPayload>>();
    expectTypeOf<SubscriptionItem<'orderbook_delta'>>().toEqualTypeOf<
      WsMessage<OrderbookSnapshotPayload> | WsMessage<OrderbookDeltaPayload> | ResyncNotice
    >();
    expectTypeOf<SubscriptionItem<'fill'>>().toEqualTypeOf<WsMessage<FillPayload>>();
  });

  it('accepts channel-specific params only on their channel', () => {
    const calls = (client: KalshiWebSocketClient) => [
      client.subscribe({ channel: 'communications', shard_factor: 10, shard_key: 3 }),
      client.subscribe({ channel: 'fill' }, { overflow: 'drop-oldest' }),
      // @ts-expect-error use_yes_price belongs to orderbook_delta
      client.subscribe({ channel: 'ticker', use_yes_price: true }),
      // @ts-expect-error sharding belongs to communications
      client.subscribe({ channel: 'trade', shard_factor: 2 }),
      // @ts-expect-error an orderbook subscription always resyncs on overflow
      client.subscribe({ channel: 'orderbook_delta', market_ticker: 'A' }, { overflow: 'drop-oldest' }),
    ];
    expectTypeOf(calls).toBeFunction();
  });
});

describe('Subscription variance', () => {
  it('lets a channel subscription stand in for any subscription', () => {
    const widen = (sub: Subscription<'fill'>): Subscription => sub;
    const unsubscribe = (client: KalshiWebSocketClient, sub: Subscription<'orderbook_delta'>) => client.unsubscribe(sub);
    expectTypeOf(widen).returns.toEqualTypeOf<Subscription>();
    expectTypeOf(unsubscribe).returns.resolves.toBeVoid();
  });
});

// Every event map of the package is closed: `on` / `off` take only the names it lists, so a
// misspelt event fails to compile (`pnpm typecheck` runs this file).
describe('closed event maps', () => {
  it('lists exactly the events of each map (no index signature)', () => {
    expectTypeOf<keyof WebSocketClientEvents>().toEqualTypeOf<
      'open' | 'reconnecting' | 'resubscribed' | 'subscriptionRetry' | 'subscriptionFailed' | 'close' | 'error'
    >();
    expectTypeOf<keyof SubscriptionEvents<'fill'>>().toEqualTypeOf<'message' | 'raw' | 'resync' | 'gap' | 'dropped' | 'resubscribed' | 'error' | 'closed'>();
    expectTypeOf<keyof OrderBookEvents>().toEqualTypeOf<'update' | 'stale' | 'resynced'>();
    expectTypeOf<keyof OrderBookManagerEvents>().toEqualTypeOf<'update' | 'stale' | 'resynced' | 'error'>();
  });

  it('refuses a misspelt event name on every on / off', () => {
    const calls = (client: KalshiWebSocketClient, sub: Subscription<'orderbook_delta'>, book: OrderBook, books: OrderBookManager) => [
      client.on('reconnecting', (e) => e.attempt),
      // @ts-expect-error 'reconect' is not a client event
      client.on('reconect', () => undefined),
      // @ts-expect-error 'subscriptionFail' is not a client event
      client.off('subscriptionFail', () => undefined),
      sub.on('resync', (n) => n.marketTickers),
      // @ts-expect-error 'mesage' is not a subscription event
      sub.on('mesage', () => undefined),
      // @ts-expect-error 'resynch' is not a subscription event
      sub.off('resynch', () => undefined),
      book.on('update', (b) => b.marketTicker),
      // @ts-expect-error 'updated' is not an order book event
      book.on('updated', () => undefined),
      books.on('resynced', (e) => e.reason),
      // @ts-expect-error 'stal' is not an order book manager event
      books.on('stal', () => undefined),
    ];
    expectTypeOf(calls).toBeFunction();
  });

  it('types each listener by its event', () => {
    const calls = (client: KalshiWebSocketClient, sub: Subscription<'fill'>) => [
      // @ts-expect-error `open` carries { url, reconnect }, not an error code
      client.on('open', (e) => e.code),
      // @ts-expect-error a `gap` has no market tickers
      sub.on('gap', (e) => e.marketTickers),
    ];
    expectTypeOf(calls).toBeFunction();
  });

  it('refuses a misspelt event among the handlers passed to subscribe', () => {
    const calls = (client: KalshiWebSocketClient) => [
      client.subscribe({ channel: 'ticker' }, { on: { message: (m) => m.msg.market_ticker } }),
      // @ts-expect-error 'mesage' is not a subscription event
      client.subscribe({ channel: 'ticker' }, { on: { mesage: () => undefined } }),
    ];
    expectTypeOf(calls).toBeFunction();
  });

  it('cannot build an emitter over an open event map', () => {
    const make = () => [
      new Emitter<{ tick: number }>(() => undefined),
      // @ts-expect-error a map with an index signature would let any name through
      new Emitter<{ [event: string]: unknown }>(() => undefined),
      // @ts-expect-error nor a numeric index signature
      new Emitter<{ [event: number]: unknown }>(() => undefined),
    ];
    expectTypeOf(make).toBeFunction();
  });
});
