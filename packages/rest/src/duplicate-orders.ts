/**
 * What the order helpers do when Kalshi refuses a create because its `client_order_id` is taken:
 * the documented way to recover from a network failure is to resubmit with the same id, so a
 * refused resubmission means the first attempt went through. Doc page:
 * /getting_started/quick_start_create_order (Client Order ID; `409 Conflict`).
 */
import { Contracts, Dollars, FixedPointError } from '@kalshi-sdk/fixed-point';
import type { AnyKalshiClient } from './client-types.js';
import { KalshiApiError, KalshiOrderError } from './errors.js';
import type { components } from './generated/openapi.js';
import { currentOutcome, type OrderOutcome } from './order-outcome.js';
import { paginate } from './paginate.js';

type Schemas = components['schemas'];
type Order = Schemas['Order'];

/** Kalshi's error code for a create (or batch item) refused because its `client_order_id` is in use. */
export const DUPLICATE_ORDER_CODE = 'order_already_exists';

/**
 * What a create resolves to. Without `existing`: Kalshi's own `CreateOrderV2Response`. With `existing` (the
 * create was refused as a duplicate `client_order_id`): the same fields read from the order an earlier attempt
 * created, `fill_count` and `remaining_count` as they are now (`fill_count_fp`, `remaining_count_fp`), `ts_ms`
 * its `created_time` (else `last_update_time`; 0 if it carries neither), no `average_fill_price` or
 * `average_fee_paid` (see the order's `*_fill_cost_dollars` and `*_fees_dollars`).
 */
export type PlacedOrder = Schemas['CreateOrderV2Response'] & {
  /** The order that an earlier attempt created, when the create was refused as a duplicate `client_order_id`. */
  readonly existing?: Order;
  /**
   * Whether the order rested, filled, or was cancelled and why (see {@link OrderOutcome}): derived from the
   * counts and the request; with `existing`, from that order's `status` and counts now.
   */
  readonly outcome: OrderOutcome;
};

/** The request fields an existing order is compared on: what makes it the same order. */
export type OrderMismatch = 'ticker' | 'side' | 'price' | 'count' | 'subaccount';

/**
 * A create was refused because its `client_order_id` is in use, and the order holding that id is not the one
 * requested (another market, side, price, count or subaccount): reporting it as this order would hide that
 * this order was never placed. `field` is `'client_order_id'`, `value` the id; `cause` is Kalshi's refusal.
 * Its `code` is `REST_ORDER_CONFLICT`.
 */
export class KalshiOrderConflictError extends KalshiOrderError {
  /** The `order_id` of the order that holds the `client_order_id`. */
  readonly existingOrderId: string;
  /** The request fields that differ from that order, in a fixed order. */
  readonly mismatches: readonly OrderMismatch[];

  constructor(input: { clientOrderId: string; existing: Order; mismatches: readonly OrderMismatch[]; cause: unknown }) {
    super({
      field: 'client_order_id',
      value: input.clientOrderId,
      reason: `is already used by order ${input.existing.order_id}, which differs in ${input.mismatches.join(', ')}`,
      cause: input.cause,
      code: 'REST_ORDER_CONFLICT',
    });
    this.existingOrderId = input.existing.order_id;
    this.mismatches = input.mismatches;
  }
}

/** True when `error` is Kalshi refusing a create with 409 Conflict, which the quick start documents as a taken `client_order_id`. */
export function isDuplicateRefusal(error: unknown): error is KalshiApiError {
  return error instanceof KalshiApiError && error.status === 409;
}

/** A create body as the order helpers send it: always with a `client_order_id`. */
export type CreateBody = Schemas['CreateOrderV2Request'] & { readonly client_order_id: string };

/**
 * Finds the orders holding the `client_order_id`s of refused creates, listing each ticker's orders once
 * (`GET /portfolio/orders?ticker=…`, every page). One per helper call.
 */
export class DuplicateResolver {
  private readonly listed = new Map<string, Promise<Order[]>>();

  constructor(
    private readonly client: AnyKalshiClient,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /**
   * The existing order `body` resolves to, or undefined when no order holds its `client_order_id`.
   * @param refusal Kalshi's refusal, the `cause` of a conflict.
   * @throws KalshiOrderConflictError when the order holding the id differs from `body`; KalshiApiError and
   *   transport errors from the lookup.
   */
  async resolve(body: CreateBody, refusal: unknown): Promise<PlacedOrder | undefined> {
    const holders = (await this.ordersOf(body)).filter((o) => o.client_order_id === body.client_order_id);
    const first = holders[0];
    if (first === undefined) return undefined;
    const same = holders.find((o) => mismatchesOf(o, body).length === 0);
    if (same === undefined) throw new KalshiOrderConflictError({ clientOrderId: body.client_order_id, existing: first, mismatches: mismatchesOf(first, body), cause: refusal });
    return placedFrom(same);
  }

  private ordersOf(body: CreateBody): Promise<Order[]> {
    const key = `${body.ticker}\u0000${body.subaccount ?? ''}`;
    let list = this.listed.get(key);
    if (list === undefined) {
      list = this.list(body);
      this.listed.set(key, list);
    }
    return list;
  }

  private async list(body: CreateBody): Promise<Order[]> {
    const query = { ticker: body.ticker, limit: 1000, ...(body.subaccount === undefined ? {} : { subaccount: body.subaccount }) };
    const out: Order[] = [];
    for await (const page of paginate(this.client, '/portfolio/orders', { params: { query }, ...(this.signal ? { signal: this.signal } : {}) })) {
      out.push(...page.orders);
    }
    return out;
  }
}

/** Which of ticker, side (`book_side`), price (`yes_price_dollars`), count (`initial_count_fp`) and subaccount differ. */
function mismatchesOf(order: Order, body: CreateBody): OrderMismatch[] {
  const out: OrderMismatch[] = [];
  if (order.ticker !== body.ticker) out.push('ticker');
  if (order.book_side !== body.side) out.push('side');
  if (!sameValue(() => Dollars.parse(order.yes_price_dollars, 'yes_price_dollars', { maxDecimals: 6 }).eq(Dollars.parse(body.price, 'price')))) out.push('price');
  if (!sameValue(() => Contracts.parse(order.initial_count_fp, 'initial_count_fp').eq(Contracts.parse(body.count, 'count')))) out.push('count');
  if (body.subaccount !== undefined && order.subaccount_number !== undefined && order.subaccount_number !== body.subaccount) out.push('subaccount');
  return out;
}

/** A malformed value in the listed order counts as a difference. */
function sameValue(compare: () => boolean): boolean {
  try {
    return compare();
  } catch (error) {
    if (error instanceof FixedPointError) return false;
    throw error;
  }
}

function placedFrom(order: Order): PlacedOrder {
  const time = Date.parse(order.created_time ?? order.last_update_time ?? '');
  return {
    order_id: order.order_id,
    client_order_id: order.client_order_id,
    fill_count: order.fill_count_fp,
    remaining_count: order.remaining_count_fp,
    ts_ms: Number.isNaN(time) ? 0 : time,
    existing: order,
    outcome: currentOutcome(order),
  };
}
