/** Every channel name `subscribe` accepts (asyncapi.yaml `subscribeCommandPayload`). */
export const CHANNELS = [
  'orderbook_delta',
  'ticker',
  'trade',
  'fill',
  'market_positions',
  'market_lifecycle_v2',
  'multivariate_market_lifecycle',
  'communications',
  'order_group_updates',
  'user_orders',
  'cfbenchmarks_value',
  'cfbenchmarks_value_5hz',
  'pyth_value',
] as const;

/** A WebSocket channel name. */
export type Channel = (typeof CHANNELS)[number];

/** Channels whose messages carry a per-subscription `seq`. */
export const SEQUENCED: ReadonlySet<Channel> = new Set<Channel>([
  'orderbook_delta',
  'trade',
  'market_lifecycle_v2',
  'multivariate_market_lifecycle',
  'order_group_updates',
  'communications',
  'cfbenchmarks_value',
  'cfbenchmarks_value_5hz',
  'pyth_value',
]);

/** Channels that take `market_ticker(s)` filters and `add_markets` / `delete_markets`. */
export const MARKET_FILTERED: ReadonlySet<Channel> = new Set<Channel>([
  'orderbook_delta',
  'ticker',
  'trade',
  'fill',
  'market_positions',
  'user_orders',
]);

/** Error codes the server answers commands with (asyncapi.yaml error table), and their messages. */
export const WS_ERRORS = {
  1: 'Unable to process message',
  2: 'Params required',
  3: 'Channels required',
  4: 'Subscription IDs required',
  5: 'Unknown command',
  7: 'Unknown subscription ID',
  8: 'Unknown channel name',
  11: 'Invalid parameter',
  12: 'Exactly one subscription ID is required',
  13: 'Unsupported action',
  14: 'Market Ticker required',
  15: 'Action required',
  19: 'shard_factor must be > 0',
  20: 'shard_factor is required when shard_key is set',
  21: 'shard_key must be >= 0 and < shard_factor',
  22: 'shard_factor must be <= 100',
  24: 'Index IDs required',
  25: 'Subscription buffer overflow',
  28: 'Underlying tickers required',
} as const;

/** A WebSocket error code the simulator emits. */
export type WsErrorCode = keyof typeof WS_ERRORS;

/** One live subscription of one connection. */
export interface Subscription {
  readonly sid: number;
  readonly channel: Channel;
  /** Market filter; undefined means every market. */
  markets: Set<string> | undefined;
  /** Last `seq` sent. */
  seq: number;
  readonly useYesPrice: boolean;
  readonly skipTickerAck: boolean;
  /** Fault injection: the next sequenced message skips one number. */
  skipNext: boolean;
  /** `cfbenchmarks_value*` / `pyth_value`: the index ids or underlying tickers named explicitly. */
  readonly feedIds: Set<string>;
  /** `cfbenchmarks_value*` / `pyth_value`: all-mode (`["all"]`), every id on the channel. */
  feedAll: boolean;
}
