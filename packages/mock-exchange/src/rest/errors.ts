import { MockExchangeError, type MockExchangeErrorCode } from '../errors.js';
import type { components } from '../spec-types.js';
import type { Reply, Route } from './route.js';

/** Kalshi's error body (`ErrorResponse`): a stable snake_case `code`, a short `message`, and `details`. */
export type ErrorBody = components['schemas']['ErrorResponse'] & { code: string; message: string };

const WIRE: Record<MockExchangeErrorCode, { readonly status: number; readonly code: string; readonly message: string }> = {
  SERIES_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  EVENT_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  MARKET_NOT_FOUND: { status: 404, code: 'market_not_found', message: 'market not found' },
  ORDER_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  ORDER_GROUP_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  ORDER_NOT_RESTING: { status: 404, code: 'not_found', message: 'not found' },
  API_KEY_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  FORBIDDEN: { status: 403, code: 'forbidden', message: 'forbidden' },
  SUBTRADER_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  REFERENCE_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  CREATION_LIMIT: { status: 429, code: 'too_many_requests', message: 'too many requests' },
  USER_NOT_FOUND: { status: 401, code: 'unauthorized', message: 'unauthorized' },
  ALREADY_EXISTS: { status: 409, code: 'conflict', message: 'conflict' },
  BAD_REQUEST: { status: 400, code: 'bad_request', message: 'bad request' },
  MISSING_PARAMETER: { status: 400, code: 'missing_parameters', message: 'missing parameters' },
  INVALID_PARAMETER: { status: 400, code: 'invalid_parameters', message: 'invalid parameters' },
  INVALID_ORDER: { status: 400, code: 'invalid_order', message: 'invalid order' },
  INVALID_PRICE: { status: 400, code: 'invalid_order', message: 'invalid order' },
  POST_ONLY_CROSS: { status: 400, code: 'invalid_order', message: 'invalid order' },
  REDUCE_ONLY_REQUIRES_IOC: { status: 400, code: 'invalid_order', message: 'invalid order' },
  DUPLICATE_CLIENT_ORDER_ID: { status: 409, code: 'order_already_exists', message: 'order already exists' },
  INSUFFICIENT_BALANCE: { status: 400, code: 'insufficient_balance', message: 'insufficient balance' },
  TRADING_PAUSED: { status: 503, code: 'trading_is_paused', message: 'trading is paused' },
  MARKET_NOT_OPEN: { status: 400, code: 'market_closed', message: 'market closed' },
  ORDER_GROUP_TRIGGERED: { status: 400, code: 'order_group_limit_hit', message: 'order group limit hit' },
  INVALID_OPTIONS: { status: 500, code: 'internal_server_error', message: 'internal server error' },
  INVALID_RECORDING: { status: 400, code: 'bad_request', message: 'bad request' },
  RFQ_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  QUOTE_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  BLOCK_TRADE_NOT_FOUND: { status: 404, code: 'not_found', message: 'not found' },
  // /getting_started/rfqs lists `RFQ_CLOSED` (deleted, expired or executed) and a 409 for a second open RFQ on one market.
  RFQ_CLOSED: { status: 400, code: 'RFQ_CLOSED', message: 'rfq closed' },
  RFQ_CONFLICT: { status: 409, code: 'conflict', message: 'open rfq already exists on this market' },
};

/** The error body for any thrown value; unknown errors become `internal_server_error`. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof MockExchangeError) {
    const wire = WIRE[error.code];
    return { code: wire.code, message: wire.message, details: error.message };
  }
  return { code: 'internal_server_error', message: 'internal server error' };
}

/** Status and body for an error thrown by a handler of `route`. */
export function errorReply(error: unknown, route: Route): Reply {
  if (!(error instanceof MockExchangeError)) return { status: 500, body: errorBody(error) };
  let status = WIRE[error.code].status;
  if (status === 404) status = route.notFound;
  return { status, body: errorBody(error) };
}

/** A 401 with Kalshi's body. `details` says what was wrong, never echoing the signature. */
export function unauthorized(details: string): Reply {
  return { status: 401, body: { code: 'unauthorized', message: 'unauthorized', details } satisfies ErrorBody };
}

/**
 * Kalshi's answer to a rate-limited request, as /getting_started/rate_limits shows it: 429 with
 * `{"error": "too many requests"}` and no `Retry-After` or `X-RateLimit-*` headers. (openapi.yaml
 * points its 429 response at `ErrorResponse`; the page is the more specific source.)
 */
export function tooManyRequests(): Reply {
  return { status: 429, body: { error: 'too many requests' } };
}
