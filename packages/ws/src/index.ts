/**
 * `@kalshi-sdk/ws`: a typed client for Kalshi's WebSocket API (generated from `asyncapi.yaml`)
 * with durable subscriptions, keepalive, reconnect with resubscribe, bounded buffers, and a
 * self-healing order book. Doc pages: /websockets, /getting_started/quick_start_websockets.
 */
export { type ReconnectOptions, reconnectDelay, resolveReconnect, type ResolvedReconnect } from './backoff.js';
export { systemClock, type WsClock } from './clock.js';
export { type ClientState, type WebSocketClientEvents } from './client-events.js';
export {
  KALSHI_HEARTBEAT_MS,
  type KalshiWsEnvironment,
  type KeepaliveOptions,
  type Logger,
  type WebSocketClientOptions,
  WS_ENVIRONMENTS,
  WS_PATH,
} from './client-options.js';
export { createWebSocketClient, KalshiWebSocketClient } from './client.js';
export { consoleLogger, credentialsFromEnv, type KalshiCredentials, type KalshiLogger } from '@kalshi-sdk/auth/web';
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
export { type OrderDone, OrderUpdates, type OrderUpdatesOptions } from './order-updates.js';
export type { Resubscribed } from './restore-round.js';
export type { ResyncNotice, ResyncReason } from './resync.js';
export { Subscription, type SubscriptionState } from './subscription.js';
export { openWsRecorder, WS_RECORDING_FORMAT, WS_RECORDING_VERSION, WsRecorder, type WsRecorderOptions, type WsRecordingHeader } from './recorder.js';
export {
  DEFAULT_BUFFER_SIZE,
  type OverflowPolicy,
  type SubscribeParams,
  type SubscriptionEvents,
  type SubscriptionItem,
  type SubscriptionOptions,
  type UpdateSubscriptionParams,
} from './subscription-options.js';
export type { WebSocketConstructor, WebSocketLike } from './transport.js';
