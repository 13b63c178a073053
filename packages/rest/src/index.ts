/**
 * `@kalshi-sdk/rest`: the typed Kalshi Trade API v2 client. openapi-fetch typed by the spec's
 * generated `paths`, with request signing, client-side rate limiting, retries, typed errors,
 * pagination, fixed-point field accessors and checked order helpers.
 */
export { createClient, ENVIRONMENTS, type ClientOptions, type KalshiEnvironment } from './client.js';
export { consoleLogger, credentialsFromEnv, type KalshiCredentials, type KalshiLogger, type KalshiPrivateKey } from '@kalshi-sdk/auth/web';
export type { AnyKalshiClient, HttpMethod, KalshiClient, KalshiMethod, KalshiResult, PathsWith } from './client-types.js';
export { systemClock, type Clock } from './clock.js';
export {
  apiErrorKind,
  KalshiApiError,
  KalshiConfigError,
  KalshiNetworkError,
  KalshiOrderError,
  KalshiPaginationError,
  KalshiRateLimitError,
  KalshiResponseError,
  KalshiRestError,
  KalshiTimeoutError,
  type KalshiApiErrorKind,
  type KalshiRestErrorCode,
  type RefusedCallFacts,
  type RequestFacts,
} from './errors.js';
export {
  averagePrice,
  contracts,
  dollars,
  levels,
  signedContracts,
  type AverageField,
  type CountField,
  type DollarsField,
  type LevelsField,
  type PriceLevel,
} from './fixed-point-fields.js';
export type { components, operations, paths } from './generated/openapi.js';
// A named type per schema (`Market`, `Order`, `Fill`, …), generated. The package's own exports win a
// name clash (ECMAScript: `export *` never overrides an explicit export); test/schemas.test.ts lists them.
export type * from './generated/schemas.js';
export { operationIndex, specVersion, type OperationId, type OperationInfo } from './generated/operations.js';
export { DUPLICATE_ORDER_CODE, KalshiOrderConflictError, type OrderMismatch, type PlacedOrder } from './duplicate-orders.js';
export {
  amendOrder,
  placeOrder,
  placeOrders,
  validateOrderCount,
  validateOrderPrice,
  type AmendOrderParams,
  type MarketTicks,
  type PlacedBatchItem,
  type PlaceOrderParams,
} from './orders.js';
export { cancelOrder, cancelOrders, decreaseOrder, type DecreaseBy, type OrderRef } from './order-lifecycle.js';
export { currentOutcome, placementOutcome, type CancelReason, type OrderOutcome, type OutcomeRequest } from './order-outcome.js';
export { fromV2Side, toV2Side, type LegacySide, type V2Side } from './order-side.js';
export { paginate, type Page, type PaginatedPath, type PaginateInit } from './paginate.js';
export {
  DEFAULT_TOKEN_COST,
  RateLimiter,
  TIER_BUDGETS,
  type BucketLimit,
  type EndpointCosts,
  type RateLimitOptions,
  type RateLimitTier,
  type RequestCost,
} from './rate-limiter.js';
export { BucketState, IN_FLIGHT_POLL_MS, MemoryRateLimitStore, type BucketLimits, type BucketName, type RateLimitStore } from './rate-limit-store.js';
export { backoffDelay, DEFAULT_RETRY_POLICY, isIdempotent, isRetryable, retryAfterMs, type ResolvedRetryPolicy, type RetryEvent, type RetryPolicy } from './retry.js';
export { API_ROOT, signingPathFor } from './signing-path.js';
export { SharedArrayBufferRateLimitStore } from './shared-rate-limit-store.js';
export { DEFAULT_RECOVERY_MS, TokenBucket, type TokenBucketOptions } from './token-bucket.js';
