import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChannelMessage,
  FillPayload,
  KalshiWebSocketClient,
  OrderbookDeltaPayload,
  OrderbookSnapshotPayload,
  ResyncNotice,
  Subscription,
  SubscriptionItem,
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
