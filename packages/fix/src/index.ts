/**
 * @kalshi-sdk/fix — Kalshi FIX (FIXT.1.1 / FIX50SP2): a codec generated from Kalshi's FIX
 * dictionary (`fix/*` pages of Kalshi's docs).
 */
export { FixCodec } from './codec/codec.js';
export { FixFramer, type FixFrame, type FixFramerOptions } from './codec/framer.js';
export {
  KalshiFixError,
  FixDecodeError,
  FixEncodeError,
  type FixDecodeErrorCode,
  type FixDecodeErrorFacts,
  type FixEncodeErrorCode,
  type FixEncodeErrorFacts,
} from './codec/errors.js';
export type { FixMessage, FixMessageOf } from './codec/message.js';
export { formatUtcTimestamp, parseUtcTimestamp } from './codec/utc-timestamp.js';

/** Enumerated field values: `FixEnums.Side.BUY_YES === '1'`, and the type `FixEnums.Side`. */
export * as FixEnums from './generated/enums.js';
export { FixTag, type FixFieldName } from './generated/fields.js';
export {
  fixDictionary,
  specVersion,
  type FixDictionary,
  type FixFieldDef,
  type FixMember,
  type FixFieldMember,
  type FixGroupMember,
  type FixMessageDef,
  type FixComponentDef,
  type FixPresence,
  type FixValueKind,
} from './generated/dictionary.js';
export type * from './generated/messages.js';

// Session layer: the FIXT.1.1 state machine, its clock, stores and transports.
export {
  FixSession,
  FATAL_SESSION_ERRORS,
  type FixAcceptorOptions,
  type FixAppMsgType,
  type FixInboundReject,
  type FixInitiatorOptions,
  type FixLogonDecision,
  type FixLogonFields,
  type FixLogonHeader,
  type FixSequenceGap,
  type FixSessionCommonOptions,
  type FixSessionEvents,
  type FixSessionOptions,
  type FixSessionState,
} from './session/session.js';
export { FixSessionError, type FixSessionErrorCode, type FixSessionErrorFacts } from './session/errors.js';
export { systemClock, type FixClock, type FixTimer } from './session/clock.js';
export { kalshiLogonBody, kalshiLogonFields, type KalshiLogonOptions } from './session/kalshi-logon.js';
export { reconnectDelayMs, type ReconnectPolicy } from './session/reconnect.js';
export type { FixSessionStore, StoredMessage } from './store/session-store.js';
export { MemorySessionStore } from './store/memory-store.js';
export { FileSessionStore, type FileSessionStoreOptions } from './store/file-store.js';
export { FixStoreError, type FixStoreErrorCode } from './store/errors.js';
export { connectFixTransport, isLoopbackHost, type FixTlsOptions, type FixTransportOptions } from './transport/connect.js';
export {
  KALSHI_FIX_HOSTS,
  KALSHI_FIX_SESSIONS,
  kalshiFixEndpoint,
  type KalshiFixEnvironment,
  type KalshiFixSessionInfo,
  type KalshiFixSessionName,
  type KalshiSettlementReports,
} from './transport/endpoints.js';
export { createMemoryDuplexPair } from './transport/memory-duplex.js';
export { FixTransportError, type FixTransportErrorCode, type FixTransportErrorFacts } from './transport/errors.js';

// Application layer: Kalshi's order entry, order groups, drop copy, settlement and RFQ messages.
export {
  KalshiFixClient,
  RFQ_MSG_TYPES,
  type CancelReplaceParams,
  type FixOrderRequest,
  type FixRfqMessage,
  type FixRfqMsgType,
  type FixTimeInForce,
  type KalshiFixClientEvents,
  type KalshiFixClientOptions,
  type NewOrderParams,
  type OrderGroupParams,
  type OrderRef,
} from './app/kalshi-fix-client.js';
export {
  FixOrderTracker,
  execTypeName,
  ordStatusName,
  sideFromWire,
  sideToWire,
  type FixExecType,
  type FixExecutionReport,
  type FixOrdStatus,
  type FixOrder,
  type FixReportFields,
  type FixSide,
} from './app/orders.js';
export { FixPriceFormat, formatQuantity, parseQuantity } from './app/price-format.js';
export { FixRequestError, FixValidationError, type FixRequestErrorCode, type FixValidationErrorCode } from './app/errors.js';
