import { Contracts, Dollars, FixedPointError, TickSchedule } from '@kalshi-sdk/fixed-point';
import type { AnyKalshiClient } from './client-types.js';
import { type CreateBody, DUPLICATE_ORDER_CODE, DuplicateResolver, isDuplicateRefusal, type KalshiOrderConflictError, type PlacedOrder } from './duplicate-orders.js';
import { KalshiOrderError } from './errors.js';
import type { components } from './generated/openapi.js';
import { type OrderOutcome, placementOutcome } from './order-outcome.js';
import { dataOf } from './result.js';

type Schemas = components['schemas'];

/** The parts of a market an order is checked against: its ticker and tick structure (`GET /markets/{ticker}`). */
export interface MarketTicks {
  readonly ticker: string;
  readonly price_level_structure?: string;
  readonly price_ranges?: ReadonlyArray<{ readonly start: string; readonly end: string; readonly step: string }>;
}

/**
 * Parses `price` (dollars) and checks it against `market`'s tick structure
 * (`price_level_structure` / `price_ranges`).
 * @throws KalshiOrderError naming `field` and the value: not a decimal, more than 4 decimals, or off the
 *   market's ticks; naming `market` (value: its ticker) when the market's tick structure is unusable.
 */
export function validateOrderPrice(market: MarketTicks, price: Dollars | string, field = 'price'): Dollars {
  let schedule: TickSchedule;
  try {
    schedule = TickSchedule.fromMarket(market);
  } catch (error) {
    if (error instanceof FixedPointError) throw new KalshiOrderError({ field: 'market', value: market.ticker, reason: error.message, cause: error });
    throw error;
  }
  try {
    const p = typeof price === 'string' ? Dollars.parse(price, field) : price;
    schedule.assertValidPrice(p, field);
    return p;
  } catch (error) {
    if (error instanceof FixedPointError) throw new KalshiOrderError({ field, value: String(price), reason: error.message, cause: error });
    throw error;
  }
}

/**
 * Parses `count` (contracts, granularity 0.01) and checks that it is positive.
 * @throws KalshiOrderError naming `field` and the value: not a decimal, more than 2 decimals, negative or zero.
 */
export function validateOrderCount(count: Contracts | string, field = 'count'): Contracts {
  let c: Contracts;
  try {
    c = typeof count === 'string' ? Contracts.parse(count, field) : count;
  } catch (error) {
    if (error instanceof FixedPointError) throw new KalshiOrderError({ field, value: count, reason: error.message, cause: error });
    throw error;
  }
  if (c.isZero()) throw new KalshiOrderError({ field, value: String(count), reason: 'an order needs at least 0.01 contracts' });
  return c;
}

/** Parameters of {@link placeOrder}: the `CreateOrderV2Request` fields, with price and count checked. */
export interface PlaceOrderParams
  extends Omit<Schemas['CreateOrderV2Request'], 'ticker' | 'price' | 'count' | 'client_order_id' | 'time_in_force' | 'self_trade_prevention_type'> {
  /** The market to trade, as returned by `GET /markets/{ticker}` (ticker and tick structure). */
  readonly market: MarketTicks;
  /** Limit price in dollars, on the market's tick grid: `Dollars` or a string like `'0.56'`. */
  readonly price: Dollars | string;
  /** Contracts, a multiple of 0.01: `Contracts` or a string like `'10'`. */
  readonly count: Contracts | string;
  /** Default `'good_till_canceled'`. */
  readonly time_in_force?: Schemas['CreateOrderV2Request']['time_in_force'];
  /** Default `'taker_at_cross'`. */
  readonly self_trade_prevention_type?: Schemas['CreateOrderV2Request']['self_trade_prevention_type'];
  /** Your id for the order; default a random UUID. It also makes the create safe to retry. */
  readonly client_order_id?: string;
}

/** The checked CreateOrderV2 body of `params`; `at` prefixes error fields (`orders[2].`) in a batch. */
function createBody(params: PlaceOrderParams, at = ''): CreateBody {
  const { market, price, count, time_in_force, self_trade_prevention_type, client_order_id, ...rest } = params;
  return {
    ...rest,
    ticker: market.ticker,
    price: validateOrderPrice(market, price, `${at}price`).toWire(),
    count: validateOrderCount(count, `${at}count`).toWire(),
    time_in_force: time_in_force ?? 'good_till_canceled',
    self_trade_prevention_type: self_trade_prevention_type ?? 'taker_at_cross',
    client_order_id: client_order_id ?? globalThis.crypto.randomUUID(),
  };
}

/**
 * Places an event-market order with `POST /portfolio/events/orders` (CreateOrderV2) after checking
 * the price against the market's ticks and the count's 0.01 granularity. Always sends a
 * `client_order_id` (yours or a fresh UUID), so the client may retry it on 5xx and network
 * errors without risking a second order.
 *
 * When Kalshi refuses the create with 409 Conflict (its `client_order_id` already exists: an earlier
 * attempt, whose answer was lost, went through), the order holding that id is looked up
 * (`GET /portfolio/orders?ticker=…`) and, when it is the same order (ticker, side, price, count,
 * subaccount), returned with `existing` set: one order, no error. Doc page:
 * /getting_started/quick_start_create_order ("you can resubmit with the same `client_order_id`").
 *
 * @returns The created order (`order_id`, `client_order_id`, `fill_count`, `remaining_count`, ...) and its
 *   `outcome` (`resting`, `partially_filled_resting`, `filled`, or `cancelled` with a reason such as
 *   `self_trade_prevention`), see {@link PlacedOrder}.
 * @throws KalshiOrderError before anything is sent, for a bad price or count; KalshiOrderConflictError
 *   (field `client_order_id`) when a different order holds the id; KalshiApiError (the 409 itself when no
 *   order holds the id), KalshiNetworkError, KalshiTimeoutError from the calls.
 */
export async function placeOrder(
  client: AnyKalshiClient,
  params: PlaceOrderParams,
  options: { readonly signal?: AbortSignal } = {},
): Promise<PlacedOrder> {
  const body = createBody(params);
  try {
    const result = await (client as AnyClientPost).POST('/portfolio/events/orders', { body, ...options });
    const created = dataOf(result, 'POST', '/portfolio/events/orders') as Schemas['CreateOrderV2Response'];
    return { ...created, outcome: placementOutcome(body, created) };
  } catch (error) {
    if (!isDuplicateRefusal(error)) throw error;
    const existing = await new DuplicateResolver(client, options.signal).resolve(body, error);
    if (existing === undefined) throw error;
    return existing;
  }
}

/** One item of {@link placeOrders}' result: Kalshi's batch item, or the existing order it resolved to. */
export type PlacedBatchItem = Schemas['BatchCreateOrdersV2Response']['orders'][number] & {
  /** As {@link PlacedOrder | PlacedOrder.existing}: the item was refused as a duplicate `client_order_id` of this order. */
  readonly existing?: Schemas['Order'];
  /** As {@link PlacedOrder | PlacedOrder.outcome}; absent on an item Kalshi refused (`error`). */
  readonly outcome?: OrderOutcome;
  /**
   * Set on an item refused as a duplicate (`error.code` `order_already_exists`) whose `client_order_id`
   * a different order holds: that order is not reported as this one.
   */
  readonly conflict?: KalshiOrderConflictError;
};

/**
 * Places several event-market orders in one `POST /portfolio/events/orders/batched` (BatchCreateOrdersV2),
 * each checked and given a `client_order_id` as in {@link placeOrder}, so the whole batch may be retried.
 * An item Kalshi refuses as a duplicate `client_order_id` (`error.code` `order_already_exists`) resolves to
 * the order an earlier attempt created when it is the same order (see {@link placeOrder}); other items,
 * refused or not, are returned as Kalshi sent them, in request order.
 *
 * @throws KalshiOrderError before anything is sent (field `orders[i].price`, `orders[i].count`);
 *   KalshiApiError and transport errors from the calls.
 */
export async function placeOrders(
  client: AnyKalshiClient,
  orders: readonly PlaceOrderParams[],
  options: { readonly signal?: AbortSignal } = {},
): Promise<PlacedBatchItem[]> {
  const bodies = orders.map((o, i) => createBody(o, `orders[${i}].`));
  const template = '/portfolio/events/orders/batched';
  const result = await (client as AnyClientPost).POST(template, { body: { orders: bodies }, ...options });
  const items = (dataOf(result, 'POST', template) as Schemas['BatchCreateOrdersV2Response']).orders;
  const resolver = new DuplicateResolver(client, options.signal);
  return Promise.all(
    items.map(async (item, i): Promise<PlacedBatchItem> => {
      const body = bodies.find((b) => b.client_order_id === item.client_order_id) ?? bodies[i];
      if (body !== undefined && !item.error && item.remaining_count != null) return { ...item, outcome: placementOutcome(body, item) };
      if (item.error?.code !== DUPLICATE_ORDER_CODE || body === undefined) return item;
      try {
        return (await resolver.resolve(body, item.error)) ?? item;
      } catch (error) {
        if (error instanceof KalshiOrderError && error.field === 'client_order_id') return { ...item, conflict: error as KalshiOrderConflictError };
        throw error;
      }
    }),
  );
}

/** Parameters of {@link amendOrder}: the `AmendOrderV2Request` fields, with price and count checked. */
export interface AmendOrderParams extends Omit<Schemas['AmendOrderV2Request'], 'ticker' | 'price' | 'count'> {
  /** The order's market (ticker and tick structure). */
  readonly market: MarketTicks;
  /** New limit price in dollars, on the market's tick grid. */
  readonly price: Dollars | string;
  /** New total count (already filled + wanted resting), a multiple of 0.01 contracts. */
  readonly count: Contracts | string;
}

/**
 * Amends a resting order with `POST /portfolio/events/orders/{order_id}/amend` (AmendOrderV2)
 * after the same price and count checks as {@link placeOrder}. Amends are never retried on 5xx.
 *
 * @throws KalshiOrderError before anything is sent; KalshiApiError and transport errors from the call.
 */
export async function amendOrder(
  client: AnyKalshiClient,
  orderId: string,
  params: AmendOrderParams,
  options: { readonly signal?: AbortSignal } = {},
): Promise<Schemas['AmendOrderV2Response']> {
  const { market, price, count, ...rest } = params;
  const body: Schemas['AmendOrderV2Request'] = {
    ...rest,
    ticker: market.ticker,
    price: validateOrderPrice(market, price).toWire(),
    count: validateOrderCount(count).toWire(),
  };
  const template = '/portfolio/events/orders/{order_id}/amend';
  const result = await (client as AnyClientPost).POST(template, { params: { path: { order_id: orderId } }, body, ...options });
  return dataOf(result, 'POST', template) as Schemas['AmendOrderV2Response'];
}

/** Both client kinds' POST, seen loosely: the helpers build spec-typed bodies themselves. */
type AnyClientPost = {
  POST(url: string, init: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};
