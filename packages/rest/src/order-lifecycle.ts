/**
 * Cancel and decrease helpers beside `placeOrder` / `amendOrder`, on the V2 endpoints
 * (`/portfolio/events/orders…`), with their input checked before anything is sent.
 * Doc pages: /api-reference/orders/cancel-order-v2, /api-reference/orders/decrease-order-v2,
 * /api-reference/orders/batch-cancel-orders-v2.
 */
import { Contracts, FixedPointError } from '@kalshi-sdk/fixed-point';
import type { AnyKalshiClient } from './client-types.js';
import { KalshiOrderError } from './errors.js';
import type { components } from './generated/openapi.js';
import { validateOrderCount } from './orders.js';
import { dataOf } from './result.js';

type Schemas = components['schemas'];

/** Highest subaccount number the REST spec allows (0 is the primary account). */
const MAX_SUBACCOUNT = 63;

/**
 * Which order: its `order_id`, or the id with the subaccount that holds it (0 primary, 1–63) and its market
 * (`marketTicker`, which lets Kalshi route the request to the order's exchange shard).
 */
export type OrderRef = string | { readonly orderId: string; readonly subaccount?: number; readonly marketTicker?: string };

/** How much to take off a resting order: `reduceBy` contracts, or down to `reduceTo` contracts. Exactly one. */
export type DecreaseBy = { readonly reduceBy: Contracts | string; readonly reduceTo?: never } | { readonly reduceTo: Contracts | string; readonly reduceBy?: never };

interface CheckedRef {
  readonly order_id: string;
  readonly subaccount?: number;
  readonly market_ticker?: string;
}

/** Checks an {@link OrderRef}; `at` prefixes error fields (`orders[2].`). */
function checkRef(ref: OrderRef, at = ''): CheckedRef {
  const { orderId, subaccount, marketTicker } = typeof ref === 'string' ? { orderId: ref } : ref;
  if (typeof orderId !== 'string' || orderId.trim() === '') {
    throw new KalshiOrderError({ field: `${at}order_id`, value: orderId, reason: 'an order id is a non-empty string' });
  }
  if (subaccount !== undefined && (!Number.isInteger(subaccount) || subaccount < 0 || subaccount > MAX_SUBACCOUNT)) {
    throw new KalshiOrderError({ field: `${at}subaccount`, value: subaccount, reason: `a subaccount is an integer from 0 to ${MAX_SUBACCOUNT}` });
  }
  if (marketTicker !== undefined && (typeof marketTicker !== 'string' || marketTicker === '')) {
    throw new KalshiOrderError({ field: `${at}market_ticker`, value: marketTicker, reason: 'a market ticker is a non-empty string' });
  }
  return {
    order_id: orderId,
    ...(subaccount === undefined ? {} : { subaccount }),
    ...(marketTicker === undefined ? {} : { market_ticker: marketTicker }),
  };
}

/**
 * Cancels a resting order with `DELETE /portfolio/events/orders/{order_id}` (CancelOrderV2).
 * @param order the `order_id`, or `{ orderId, subaccount?, marketTicker? }`.
 * @returns Kalshi's answer: `order_id`, `client_order_id`, `reduced_by` (contracts cancelled, the remaining
 *   count at cancellation; read with `contracts(r, 'reduced_by')`), `ts_ms`.
 * @throws KalshiOrderError before anything is sent (`field` `order_id`, `subaccount` or `market_ticker`, and
 *   the value); KalshiApiError (404 for an unknown order) and transport errors from the call.
 */
export async function cancelOrder(client: AnyKalshiClient, order: OrderRef, options: { readonly signal?: AbortSignal } = {}): Promise<Schemas['CancelOrderV2Response']> {
  const { order_id, ...query } = checkRef(order);
  const template = '/portfolio/events/orders/{order_id}';
  const result = await (client as AnyClientCall).DELETE(template, { params: { path: { order_id }, query }, ...options });
  return dataOf(result, 'DELETE', template) as Schemas['CancelOrderV2Response'];
}

/**
 * Cancels several orders in one `DELETE /portfolio/events/orders/batched` (BatchCancelOrdersV2). Each item is
 * cancelled or refused on its own: a refused item comes back with `error` and `reduced_by` zero. The largest
 * batch "scales with your tier's write budget" at 2 tokens an order (/api-reference/orders/batch-cancel-orders-v2):
 * the client's rate limiter refuses a larger one before sending with `KalshiRateLimitError` (`maxItems`).
 * @returns Kalshi's items (`order_id`, `client_order_id`, `reduced_by`, `ts_ms`, `error`).
 * @throws KalshiOrderError before anything is sent: `field` `orders` for an empty list, `orders[i].order_id`
 *   (or `.subaccount`, `.market_ticker`) for a bad item; KalshiRateLimitError for a batch the write bucket
 *   cannot hold; KalshiApiError and transport errors from the call.
 */
export async function cancelOrders(
  client: AnyKalshiClient,
  orders: readonly OrderRef[],
  options: { readonly signal?: AbortSignal } = {},
): Promise<Schemas['BatchCancelOrdersV2Response']['orders']> {
  if (!Array.isArray(orders) || orders.length === 0) throw new KalshiOrderError({ field: 'orders', value: '[]', reason: 'a batch cancel needs at least one order' });
  const body: Schemas['BatchCancelOrdersV2Request'] = { orders: orders.map((o, i) => checkRef(o, `orders[${i}].`)) };
  const template = '/portfolio/events/orders/batched';
  const result = await (client as AnyClientCall).DELETE(template, { body, ...options });
  return (dataOf(result, 'DELETE', template) as Schemas['BatchCancelOrdersV2Response']).orders;
}

/**
 * Lowers a resting order's count with `POST /portfolio/events/orders/{order_id}/decrease` (DecreaseOrderV2),
 * keeping its place in the queue. "Exactly one of `reduce_by` or `reduce_to` must be provided"
 * (/api-reference/orders/decrease-order-v2).
 * @param by `{ reduceBy }` (contracts to take off, at least 0.01) or `{ reduceTo }` (contracts left, 0 or
 *   more), as `Contracts` or a contract string, granularity 0.01.
 * @returns Kalshi's answer: `order_id`, `client_order_id`, `remaining_count` (contracts), `ts_ms`.
 * @throws KalshiOrderError before anything is sent: `field` `reduce_by` / `reduce_to` with the value (not a
 *   count, more than 2 decimals, negative, a zero `reduce_by`, both or neither given), or a bad order ref;
 *   KalshiApiError and transport errors from the call.
 */
export async function decreaseOrder(
  client: AnyKalshiClient,
  order: OrderRef,
  by: DecreaseBy,
  options: { readonly signal?: AbortSignal } = {},
): Promise<Schemas['DecreaseOrderV2Response']> {
  const { order_id, subaccount, market_ticker } = checkRef(order);
  const body: Schemas['DecreaseOrderV2Request'] = { ...reduction(by), ...(market_ticker === undefined ? {} : { market_ticker }) };
  const template = '/portfolio/events/orders/{order_id}/decrease';
  const query = subaccount === undefined ? {} : { subaccount };
  const result = await (client as AnyClientCall).POST(template, { params: { path: { order_id }, query }, body, ...options });
  return dataOf(result, 'POST', template) as Schemas['DecreaseOrderV2Response'];
}

function reduction(by: DecreaseBy): { reduce_by: string } | { reduce_to: string } {
  const { reduceBy, reduceTo } = (by ?? {}) as { reduceBy?: Contracts | string; reduceTo?: Contracts | string };
  if ((reduceBy === undefined) === (reduceTo === undefined)) {
    throw new KalshiOrderError({
      field: reduceBy === undefined ? 'reduce_by' : 'reduce_to',
      value: reduceBy === undefined ? 'undefined' : String(reduceTo),
      reason: 'give exactly one of reduceBy and reduceTo',
    });
  }
  if (reduceBy !== undefined) return { reduce_by: validateOrderCount(reduceBy, 'reduce_by').toWire() };
  try {
    return { reduce_to: (typeof reduceTo === 'string' ? Contracts.parse(reduceTo, 'reduce_to') : (reduceTo as Contracts)).toWire() };
  } catch (error) {
    if (error instanceof FixedPointError) throw new KalshiOrderError({ field: 'reduce_to', value: reduceTo, reason: error.message, cause: error });
    throw error;
  }
}

/** Both client kinds' calls, seen loosely: the helpers build spec-typed requests themselves. */
type AnyClientCall = Record<'POST' | 'DELETE', (url: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>>;
