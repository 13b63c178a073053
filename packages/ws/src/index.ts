/**
 * `@kalshi-sdk/ws`: a typed client for Kalshi's WebSocket API (generated from `asyncapi.yaml`)
 * with durable subscriptions, keepalive, reconnect with resubscribe, bounded buffers, and a
 * self-healing order book. Doc pages: /websockets, /getting_started/quick_start_websockets.
 */
export { type ReconnectOptions, reconnectDelay, resolveReconnect, type ResolvedReconnect } from './backoff.js';
export { systemClock, type WsClock } from './clock.js';
export {
  type ClientState,
  createWebSocketClient,
  KALSHI_HEARTBEAT_MS,
  KalshiWebSocketClient,
  type KalshiWsEnvironment,
  type KeepaliveOptions,
  type Logger,
  type Resubscribed,
  type WebSocketClientEvents,
  type WebSocketClientOptions,
  WS_ENVIRONMENTS,
  WS_PATH,
} from './client.js';
export type { Listener } from './emitter.js';
export {
  KALSHI_WS_ERROR_NAMES,
  KALSHI_WS_RETIRED_ERROR_NAMES,
  KalshiWsError,
  kalshiWsErrorName,
  TERMINAL_KALSHI_CODES,
  type KalshiWsErrorCode,
  type KalshiWsErrorFacts,
  type KalshiWsErrorName,
} from './errors.js';
export * from './generated/index.js';
export {
  type ChannelMessage,
  contracts,
  type ContractsField,
  type ContractsKey,
  dollars,
  type DollarsField,
  type DollarsKey,
  type LevelsField,
  type PriceLevel,
  signedContracts,
  type SignedContractsField,
  type SignedContractsKey,
  WsMessage,
} from './message.js';
export {
  type DepthInput,
  OrderBook,
  type OrderBookEvents,
  type OrderBookLevelsWire,
  type OrderBookOptions,
  type OrderBookState,
} from './order-book.js';
export { OrderBookManager, type OrderBookManagerEvents, type OrderBookManagerOptions } from './order-book-manager.js';
export type { ResyncNotice, ResyncReason } from './resync.js';
export {
  DEFAULT_BUFFER_SIZE,
  type OverflowPolicy,
  type SubscribeParams,
  Subscription,
  type SubscriptionEvents,
  type SubscriptionItem,
  type SubscriptionOptions,
  type SubscriptionState,
  type UpdateSubscriptionParams,
} from './subscription.js';
export type { WebSocketConstructor, WebSocketLike } from './transport.js';
