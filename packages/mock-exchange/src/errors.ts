/**
 * Stable codes of {@link MockExchangeError}. The REST and WebSocket layers map each one to the
 * HTTP status and Kalshi error code a real exchange would answer with (see the README table).
 */
export type MockExchangeErrorCode =
  | 'SERIES_NOT_FOUND'
  | 'EVENT_NOT_FOUND'
  | 'MARKET_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_GROUP_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'BAD_REQUEST'
  | 'MISSING_PARAMETER'
  | 'INVALID_PARAMETER'
  | 'INVALID_ORDER'
  | 'INVALID_PRICE'
  | 'POST_ONLY_CROSS'
  | 'REDUCE_ONLY_REQUIRES_IOC'
  | 'DUPLICATE_CLIENT_ORDER_ID'
  | 'INSUFFICIENT_BALANCE'
  | 'TRADING_PAUSED'
  | 'MARKET_NOT_OPEN'
  | 'ORDER_GROUP_TRIGGERED'
  | 'ORDER_NOT_RESTING'
  | 'API_KEY_NOT_FOUND'
  | 'FORBIDDEN'
  | 'SUBTRADER_NOT_FOUND'
  /** A replayed recording is corrupt or truncated (`field: 'line'`, `value`: the line number). */
  | 'INVALID_RECORDING'
  | 'REFERENCE_NOT_FOUND'
  | 'CREATION_LIMIT'
  | 'INVALID_OPTIONS'
  | 'RFQ_NOT_FOUND'
  | 'QUOTE_NOT_FOUND'
  | 'BLOCK_TRADE_NOT_FOUND'
  | 'RFQ_CLOSED'
  | 'RFQ_CONFLICT';

/** Facts an error may carry. Never secrets: no key material, signatures or PEM text. */
export interface MockExchangeErrorFacts {
  /** Request or input field the error is about, in wire spelling (`price`, `count`, ...). */
  readonly field?: string;
  /** The offending value, as received. */
  readonly value?: unknown;
  /** Market ticker involved. */
  readonly ticker?: string;
  /** Order id involved. */
  readonly orderId?: string;
}

/**
 * The one error class of `@kalshi-sdk/mock-exchange`. Thrown by the matching engine and by
 * `startMockExchange` option checks; assert on {@link MockExchangeError.code}, not the message.
 */
export class MockExchangeError extends Error {
  override readonly name = 'MockExchangeError';
  readonly code: MockExchangeErrorCode;
  readonly field: string | undefined;
  readonly value: unknown;
  readonly ticker: string | undefined;
  readonly orderId: string | undefined;

  constructor(code: MockExchangeErrorCode, message: string, facts: MockExchangeErrorFacts = {}) {
    super(message);
    this.code = code;
    this.field = facts.field;
    this.value = facts.value;
    this.ticker = facts.ticker;
    this.orderId = facts.orderId;
  }
}
