import type { Listener } from './emitter.js';
import type { KalshiWsError } from './errors.js';
import type { ChannelMessageMap, DataChannel } from './generated/channels.js';
import type {
  CfbenchmarksUpdateSubscriptionCommandPayloadParams,
  PythUpdateSubscriptionCommandPayloadParams,
  SubscribeCommandPayloadParams,
  UpdateSubscriptionCommandPayloadParams,
} from './generated/models.js';
import type { ChannelMessage } from './message.js';
import type { ResyncNotice } from './resync.js';

/** @internal The generated `subscribe` params. */
export type Params = SubscribeCommandPayloadParams;
type ChannelOnlyParam =
  | 'use_yes_price'
  | 'shard_factor'
  | 'shard_key'
  | 'user_filter'
  | 'market_id'
  | 'market_ids'
  | 'send_initial_snapshot'
  | 'index_ids'
  | 'underlying_tickers';

/** The `subscribe` params that only some channels take. */
type ChannelParams<C extends DataChannel> = (C extends 'orderbook_delta' ? Pick<Params, 'use_yes_price'> : unknown) &
  (C extends 'communications' ? Pick<Params, 'shard_factor' | 'shard_key' | 'user_filter'> : unknown) &
  (C extends 'ticker' ? Pick<Params, 'market_id' | 'market_ids' | 'send_initial_snapshot'> : unknown) &
  (C extends 'cfbenchmarks_value' | 'cfbenchmarks_value_5hz' ? Pick<Params, 'index_ids'> : unknown) &
  (C extends 'pyth_value' ? Pick<Params, 'underlying_tickers'> : unknown);

/**
 * What {@link KalshiWebSocketClient.subscribe} takes: one data channel plus the generated
 * `subscribe` params (wire names) that apply to it: `market_ticker(s)` everywhere;
 * `use_yes_price` on `orderbook_delta`; `shard_factor` (1–100), `shard_key` (0 ≤ key <
 * shard_factor) and `user_filter` on `communications`; `market_id(s)` and
 * `send_initial_snapshot` on `ticker`; `index_ids` on the CF Benchmarks feeds;
 * `underlying_tickers` on `pyth_value`. Doc page: /websockets (Subscribe).
 */
export type SubscribeParams<C extends DataChannel> = C extends DataChannel
  ? { readonly channel: C } & Omit<Params, 'channels' | ChannelOnlyParam> & ChannelParams<C>
  : never;

/**
 * What a subscription's iterator does when its buffer is full:
 * - `resync` (`orderbook_delta`, always): discard the buffered frames, deliver a
 *   {@link ResyncNotice} and fresh snapshots. Never a silent gap.
 * - `drop-oldest` (default for `ticker`, `trade`, `cfbenchmarks_value*`, `pyth_value`): drop the
 *   oldest message, count it in `subscription.dropped`, emit `dropped`. Each message supersedes
 *   the previous one for its market, so the newest matter most.
 * - `error` (default for every other channel: fills, orders, positions, lifecycle, RFQs): the
 *   iterator yields what it holds, then throws `WS_BUFFER_OVERFLOW`. Handlers keep receiving.
 */
export type OverflowPolicy = 'resync' | 'drop-oldest' | 'error';

/** @internal Each channel's default {@link OverflowPolicy}. */
export const DEFAULT_OVERFLOW: Readonly<Record<DataChannel, OverflowPolicy>> = {
  orderbook_delta: 'resync',
  ticker: 'drop-oldest',
  trade: 'drop-oldest',
  cfbenchmarks_value: 'drop-oldest',
  cfbenchmarks_value_5hz: 'drop-oldest',
  pyth_value: 'drop-oldest',
  fill: 'error',
  market_positions: 'error',
  market_lifecycle_v2: 'error',
  multivariate_market_lifecycle: 'error',
  communications: 'error',
  order_group_updates: 'error',
  user_orders: 'error',
};

/** Default capacity of a subscription's iterator buffer, in messages. */
export const DEFAULT_BUFFER_SIZE = 4096;

/** Per-subscription options (the second argument of `subscribe`). */
export interface SubscriptionOptions<C extends DataChannel = DataChannel> {
  /** Iterator buffer capacity in messages. Default {@link DEFAULT_BUFFER_SIZE}. */
  readonly bufferSize?: number;
  /**
   * Keep a buffer for `for await`. Default true. Set false when you only use `on('message')`:
   * nothing is buffered and iterating throws `WS_CONFIG_INVALID`.
   */
  readonly iterate?: boolean;
  /** Overflow policy for channels other than `orderbook_delta` (which always resyncs). */
  readonly overflow?: C extends 'orderbook_delta' ? never : 'drop-oldest' | 'error';
  /** How long `subscribe` waits for `subscribed`, in ms. Default: the client's `commandTimeoutMs`. */
  readonly timeoutMs?: number;
  /**
   * Ends `subscribe`'s wait for `subscribed`: when it aborts first, the subscription is dropped (unsubscribed
   * if the server acknowledges it meanwhile) and `subscribe` rejects with the signal's reason. It has no
   * effect once `subscribe` has resolved.
   */
  readonly signal?: AbortSignal;
  /**
   * Handlers attached before the subscription is sent. Use them with `iterate: false`: frames that
   * arrive with the `subscribed` reply (the first snapshot) are dispatched before `subscribe`'s
   * promise resolves, so handlers added with `on` afterwards can miss them.
   */
  readonly on?: { readonly [K in keyof SubscriptionEvents<C>]?: Listener<SubscriptionEvents<C>[K]> };
}

/** What a subscription's iterator yields: its channel's messages, plus resync notices on `orderbook_delta`. */
export type SubscriptionItem<C extends DataChannel> =
  | ChannelMessage<C>
  | (C extends 'orderbook_delta' ? ResyncNotice : never);

/**
 * Events of a {@link Subscription}. A closed map: `on`, `off` and the `on` handlers of
 * {@link SubscriptionOptions} take only these names, so a misspelt event does not compile.
 */
export interface SubscriptionEvents<C extends DataChannel> {
  /** Every message, synchronously as it is dispatched (before the iterator sees it). */
  message: ChannelMessage<C>;
  /** The same messages as the bare generated payloads, for hot paths that skip the wrapper. */
  raw: ChannelMessageMap[C];
  /** `orderbook_delta` only: markets went stale; fresh snapshots follow. */
  resync: ResyncNotice;
  /** Other channels that carry `seq`: a number was skipped. (A repeated number is a duplicate frame, dropped.) */
  gap: { readonly expected: number; readonly received: number };
  /** `drop-oldest` policy: the iterator buffer dropped a message; `dropped` is the running total. */
  dropped: { readonly dropped: number };
  /** Subscribed again (after a reconnect or a terminal server error) under a new sid. */
  resubscribed: { readonly previousSid: number; readonly sid: number };
  /** A server error about this subscription, or a failed resync. */
  error: KalshiWsError;
  /** The subscription ended (unsubscribed, client closed, or failed with `error`). */
  closed: { readonly error?: KalshiWsError };
}

/** `update_subscription` params for a subscription (its `sid` is filled in). */
export type UpdateSubscriptionParams =
  | Omit<UpdateSubscriptionCommandPayloadParams, 'sid' | 'sids'>
  | Omit<CfbenchmarksUpdateSubscriptionCommandPayloadParams, 'sid' | 'sids'>
  | Omit<PythUpdateSubscriptionCommandPayloadParams, 'sid' | 'sids'>;

/**
 * @internal The package's own reader of an `orderbook_delta` subscription (the
 * `OrderBookManager`). It gets each delivered frame straight from the subscription, before the
 * `raw` and `message` listeners, instead of through the event emitter: one direct call on the
 * hottest path. What it throws is reported like a throwing `raw` handler.
 */
export interface FrameSink {
  frame(frame: ChannelMessageMap['orderbook_delta']): void;
}

/** @internal Key of the {@link FrameSink} in the options the package passes to `subscribe`. */
export const frameSink: unique symbol = Symbol('kalshi-ws-frame-sink');

/** @internal {@link SubscriptionOptions} as the package itself passes them. */
export type InternalSubscriptionOptions<C extends DataChannel> = SubscriptionOptions<C> & { readonly [frameSink]?: FrameSink };
