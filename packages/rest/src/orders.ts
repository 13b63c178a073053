import { Contracts, Dollars, FixedPointError, TickSchedule } from '@kalshi-sdk/fixed-point';
import type { AnyKalshiClient } from './client-types.js';
import { KalshiOrderError } from './errors.js';
import type { components } from './generated/openapi.js';
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

/**
 * Places an event-market order with `POST /portfolio/events/orders` (CreateOrderV2) after checking
 * the price against the market's ticks and the count's 0.01 granularity. Always sends a
 * `client_order_id` (yours or a fresh UUID), so the client may retry it on 5xx and network
 * errors without risking a second order.
 *
 * @returns The created order (`order_id`, `client_order_id`, `fill_count`, `remaining_count`, ...).
 * @throws KalshiOrderError before anything is sent, for a bad price or count; KalshiApiError,
 *   KalshiNetworkError, KalshiTimeoutError from the call.
 */
export async function placeOrder(
  client: AnyKalshiClient,
  params: PlaceOrderParams,
  options: { readonly signal?: AbortSignal } = {},
): Promise<Schemas['CreateOrderV2Response']> {
  const { market, price, count, time_in_force, self_trade_prevention_type, client_order_id, ...rest } = params;
  const body: Schemas['CreateOrderV2Request'] = {
    ...rest,
    ticker: market.ticker,
    price: validateOrderPrice(market, price).toWire(),
    count: validateOrderCount(count).toWire(),
    time_in_force: time_in_force ?? 'good_till_canceled',
    self_trade_prevention_type: self_trade_prevention_type ?? 'taker_at_cross',
    client_order_id: client_order_id ?? globalThis.crypto.randomUUID(),
  };
  const result = await (client as AnyClientPost).POST('/portfolio/events/orders', { body, ...options });
  return dataOf(result, 'POST', '/portfolio/events/orders') as Schemas['CreateOrderV2Response'];
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
