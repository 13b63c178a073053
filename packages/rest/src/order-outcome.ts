/**
 * What became of a placed order: rested, filled, partly filled and rested, or cancelled and why. Kalshi's
 * `CreateOrderV2Response` carries only `fill_count` and `remaining_count` (no status, no reason), so the
 * outcome is derived from those counts and what the request asked for. Doc pages: /changelog/index
 * (self-trade prevention), /api-reference/orders/create-order-v2.
 */
import { Contracts } from '@kalshi-sdk/fixed-point';
import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

/**
 * Why the unfilled part of an order was cancelled at placement.
 *
 * - `self_trade_prevention`: a `good_till_canceled` order stopped short of its count with nothing left to
 *   rest: with `self_trade_prevention_type: 'taker_at_cross'` it met one of your own resting orders, and
 *   "the taker is canceled, execution stops" (/changelog/index); fills before that stand.
 * - `post_only_cross`: a `post_only` order that would have crossed was cancelled unfilled.
 * - `immediate_or_cancel_unfilled` / `fill_or_kill_unfilled`: the time in force cancelled what did not fill
 *   at once. The response does not say whether self-trade prevention stopped it earlier: the `user_orders`
 *   WebSocket channel's `last_update_reason` (`SelfTradeCancel`) does.
 * - `unspecified`: the counts cannot tell (an order in an order group, whose limit also cancels; or an order
 *   found again after a duplicate `client_order_id`, cancelled since).
 */
export type CancelReason = 'self_trade_prevention' | 'post_only_cross' | 'immediate_or_cancel_unfilled' | 'fill_or_kill_unfilled' | 'unspecified';

/**
 * The outcome of a placed order, in contracts (`filled` + `resting` + `cancelled` is the order's count).
 * - `resting`: on the book, nothing filled.
 * - `partially_filled_resting`: some filled at placement, the rest on the book.
 * - `filled`: all of it filled.
 * - `cancelled`: what did not fill was cancelled (`filled` may be non-zero), for `reason`.
 */
export type OrderOutcome =
  | { readonly kind: 'resting'; readonly filled: Contracts; readonly resting: Contracts }
  | { readonly kind: 'partially_filled_resting'; readonly filled: Contracts; readonly resting: Contracts }
  | { readonly kind: 'filled'; readonly filled: Contracts }
  | { readonly kind: 'cancelled'; readonly reason: CancelReason; readonly filled: Contracts; readonly cancelled: Contracts };

/** The request fields an outcome depends on (a `CreateOrderV2Request` as sent). */
export type OutcomeRequest = Pick<Schemas['CreateOrderV2Request'], 'count' | 'time_in_force' | 'post_only' | 'order_group_id'>;

/**
 * The outcome of a create from its request and Kalshi's answer (`fill_count`, `remaining_count`).
 * @throws FixedPointError when a count is not a contract count.
 */
export function placementOutcome(request: OutcomeRequest, response: { readonly fill_count?: string | null; readonly remaining_count?: string | null }): OrderOutcome {
  const count = Contracts.parse(request.count, 'count');
  const filled = Contracts.parse(response.fill_count ?? '0', 'fill_count');
  const resting = Contracts.parse(response.remaining_count ?? '0', 'remaining_count');
  if (!resting.isZero()) return filled.isZero() ? { kind: 'resting', filled, resting } : { kind: 'partially_filled_resting', filled, resting };
  if (filled.gte(count)) return { kind: 'filled', filled };
  return { kind: 'cancelled', reason: cancelReason(request, filled), filled, cancelled: count.minus(filled) };
}

function cancelReason(request: OutcomeRequest, filled: Contracts): CancelReason {
  if (request.time_in_force === 'immediate_or_cancel') return 'immediate_or_cancel_unfilled';
  if (request.time_in_force === 'fill_or_kill') return 'fill_or_kill_unfilled';
  if (request.order_group_id !== undefined) return 'unspecified';
  if (request.post_only === true && filled.isZero()) return 'post_only_cross';
  return 'self_trade_prevention';
}

/**
 * The outcome of an order as it stands now (`GET /portfolio/orders`): `status` and its counts. A cancelled
 * order's reason is `unspecified`: the `Order` does not carry one.
 * @throws FixedPointError when a count is not a contract count.
 */
export function currentOutcome(order: Pick<Schemas['Order'], 'status' | 'fill_count_fp' | 'remaining_count_fp' | 'initial_count_fp'>): OrderOutcome {
  const filled = Contracts.parse(order.fill_count_fp, 'fill_count_fp');
  const resting = Contracts.parse(order.remaining_count_fp, 'remaining_count_fp');
  if (order.status === 'resting') return filled.isZero() ? { kind: 'resting', filled, resting } : { kind: 'partially_filled_resting', filled, resting };
  if (order.status === 'executed') return { kind: 'filled', filled };
  const initial = Contracts.parse(order.initial_count_fp, 'initial_count_fp');
  return { kind: 'cancelled', reason: 'unspecified', filled, cancelled: initial.gt(filled) ? initial.minus(filled) : Contracts.ZERO };
}
