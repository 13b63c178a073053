import { MockExchangeError } from '../../errors.js';
import type { ExecutionResult, PlaceOrderInput } from '../../engine/matching-engine.js';
import { dollars, perContract } from '../../wire.js';
import { errorBody } from '../errors.js';
import {
  bodyObject,
  countField,
  optionalBoolean,
  optionalInteger,
  optionalString,
  priceField,
  requiredEnum,
  requiredString,
  type JsonObject,
} from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import type { components } from '../../spec-types.js';

const WRITE = { auth: true, write: true, notFound: 400 } as const;

/** Parses a `CreateOrderV2Request` the way Kalshi reports problems (Order Errors page). */
export function parseCreateOrder(body: unknown): PlaceOrderInput {
  const obj = bodyObject(body);
  const ticker = requiredString(obj, 'ticker', 'MISSING_PARAMETER');
  const side = requiredEnum(obj, 'side', ['bid', 'ask'], 'INVALID_ORDER');
  const count = countField(obj, 'count', 'INVALID_ORDER');
  if (count === undefined) throw new MockExchangeError('INVALID_ORDER', 'count is required', { field: 'count' });
  const price = priceField(obj, 'price');
  if (price === undefined) throw new MockExchangeError('INVALID_ORDER', 'price is required', { field: 'price' });
  const timeInForce = requiredEnum(obj, 'time_in_force', ['fill_or_kill', 'good_till_canceled', 'immediate_or_cancel'], 'INVALID_ORDER');
  const selfTradePrevention = requiredEnum(obj, 'self_trade_prevention_type', ['taker_at_cross', 'maker'], 'INVALID_ORDER');
  const expirationSeconds = optionalInteger(obj, 'expiration_time', 0);
  const optional = {
    clientOrderId: optionalString(obj, 'client_order_id'),
    postOnly: optionalBoolean(obj, 'post_only'),
    reduceOnly: optionalBoolean(obj, 'reduce_only'),
    cancelOnPause: optionalBoolean(obj, 'cancel_order_on_pause'),
    orderGroupId: optionalString(obj, 'order_group_id'),
    subaccount: optionalInteger(obj, 'subaccount', 0),
    expirationMs: expirationSeconds === undefined ? undefined : expirationSeconds * 1000,
  };
  exchangeIndex(obj);
  return {
    ticker,
    side,
    price,
    count,
    timeInForce,
    selfTradePrevention,
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<PlaceOrderInput>),
  };
}

/** The simulator is one shard: `exchange_index` may be omitted, 0, or -1 (auto-route). */
function exchangeIndex(obj: JsonObject): void {
  const index = optionalInteger(obj, 'exchange_index');
  if (index !== undefined && index !== 0 && index !== -1) {
    throw new MockExchangeError('INVALID_PARAMETER', 'the simulator has exchange_index 0 only', { field: 'exchange_index', value: index });
  }
}

type Averages = Pick<components['schemas']['CreateOrderV2Response'], 'average_fill_price' | 'average_fee_paid'>;

function averages(result: ExecutionResult): Averages {
  if (result.fillCount.isZero()) return {};
  return {
    average_fill_price: dollars(perContract(result.fillNotional, result.fillCount, 4)),
    average_fee_paid: dollars(perContract(result.fees, result.fillCount, 6)),
  };
}

function createResponse(result: ExecutionResult): components['schemas']['CreateOrderV2Response'] {
  return {
    order_id: result.order.orderId,
    ...(result.order.clientOrderId === '' ? {} : { client_order_id: result.order.clientOrderId }),
    fill_count: result.fillCount.toWire(),
    remaining_count: result.order.remaining.toWire(),
    ...averages(result),
    ts_ms: result.tsMs,
  };
}

function cancel(ctx: RequestContext, orderId: string): components['schemas']['CancelOrderV2Response'] {
  const { order, reducedBy, tsMs } = ctx.engine.cancelOrder(ctx.userId, orderId);
  return {
    order_id: order.orderId,
    ...(order.clientOrderId === '' ? {} : { client_order_id: order.clientOrderId }),
    reduced_by: reducedBy.toWire(),
    ts_ms: tsMs,
  };
}

function items(ctx: RequestContext): unknown[] {
  const orders = bodyObject(ctx.body)['orders'];
  if (!Array.isArray(orders)) throw new MockExchangeError('BAD_REQUEST', 'orders must be an array', { field: 'orders' });
  if (orders.length === 0) throw new MockExchangeError('INVALID_PARAMETER', 'orders must not be empty', { field: 'orders' });
  return orders;
}

/** Runs an amend; a used `updated_client_order_id` is a 400 there, as AmendOrderV2 declares no 409. */
function amendOrRefuse(amend: () => ExecutionResult): ExecutionResult {
  try {
    return amend();
  } catch (error) {
    if (!(error instanceof MockExchangeError) || error.code !== 'DUPLICATE_CLIENT_ORDER_ID') throw error;
    throw new MockExchangeError('INVALID_PARAMETER', error.message, { field: 'updated_client_order_id', value: error.value });
  }
}

/** Create, cancel, amend, decrease and batch order endpoints (V2, `/portfolio/events/orders`). */
export const orderRoutes: Route[] = [
  route(
    'CreateOrderV2',
    'POST',
    '/portfolio/events/orders',
    (ctx) => reply('CreateOrderV2', 201, createResponse(ctx.engine.placeOrder(ctx.userId, parseCreateOrder(ctx.body)))),
    WRITE,
  ),

  route(
    'CancelAllOrders',
    'DELETE',
    '/portfolio/events/orders',
    (ctx) => {
      const subaccount = ctx.query.get('subaccount');
      ctx.engine.cancelAll(ctx.userId, subaccount === null ? undefined : Number(subaccount));
      return { status: 204 };
    },
    { ...WRITE, cost: 2 },
  ),

  route(
    'BatchCreateOrdersV2',
    'POST',
    '/portfolio/events/orders/batched',
    (ctx) =>
      reply('BatchCreateOrdersV2', 201, {
        orders: items(ctx).map((item) => {
          const clientOrderId = typeof item === 'object' && item !== null ? (item as JsonObject)['client_order_id'] : undefined;
          try {
            return createResponse(ctx.engine.placeOrder(ctx.userId, parseCreateOrder(item)));
          } catch (error) {
            const body = errorBody(error);
            return {
              ...(typeof clientOrderId === 'string' ? { client_order_id: clientOrderId } : {}),
              error: { ...body, details: body.details ?? '' },
            };
          }
        }),
      }),
    { ...WRITE, batchItems: 'orders' },
  ),

  route(
    'BatchCancelOrdersV2',
    'DELETE',
    '/portfolio/events/orders/batched',
    (ctx) =>
      reply('BatchCancelOrdersV2', 200, {
        orders: items(ctx).map((item) => {
          const orderId = typeof item === 'object' && item !== null ? (item as JsonObject)['order_id'] : undefined;
          try {
            if (typeof orderId !== 'string') throw new MockExchangeError('BAD_REQUEST', 'order_id must be a string', { field: 'order_id' });
            return cancel(ctx, orderId);
          } catch (error) {
            const body = errorBody(error);
            return { order_id: typeof orderId === 'string' ? orderId : '', reduced_by: '0.00', error: { ...body, details: body.details ?? '' } };
          }
        }),
      }),
    { ...WRITE, cost: 2, batchItems: 'orders' },
  ),

  route(
    'CancelOrderV2',
    'DELETE',
    '/portfolio/events/orders/{order_id}',
    (ctx) => reply('CancelOrderV2', 200, cancel(ctx, ctx.params['order_id']!)),
    { ...WRITE, cost: 2, notFound: 404 },
  ),

  route(
    'AmendOrderV2',
    'POST',
    '/portfolio/events/orders/{order_id}/amend',
    (ctx) => {
      const obj = bodyObject(ctx.body);
      const ticker = requiredString(obj, 'ticker', 'MISSING_PARAMETER');
      const side = requiredEnum(obj, 'side', ['bid', 'ask'], 'INVALID_ORDER');
      const price = priceField(obj, 'price');
      const count = countField(obj, 'count', 'INVALID_ORDER');
      if (price === undefined) throw new MockExchangeError('INVALID_ORDER', 'price is required', { field: 'price' });
      if (count === undefined) throw new MockExchangeError('INVALID_ORDER', 'count is required', { field: 'count' });
      const expiration = optionalInteger(obj, 'expiration_time', 0);
      const clientOrderId = optionalString(obj, 'client_order_id');
      const updatedClientOrderId = optionalString(obj, 'updated_client_order_id');
      exchangeIndex(obj);
      const result = amendOrRefuse(() =>
        ctx.engine.amendOrder(ctx.userId, ctx.params['order_id']!, {
          ticker,
          side,
          price,
          count,
          ...(clientOrderId === undefined ? {} : { clientOrderId }),
          ...(updatedClientOrderId === undefined ? {} : { updatedClientOrderId }),
          ...(expiration === undefined ? {} : { expirationMs: expiration === 0 ? null : expiration * 1000 }),
        }),
      );
      return reply('AmendOrderV2', 200, {
        order_id: result.order.orderId,
        ...(result.order.clientOrderId === '' ? {} : { client_order_id: result.order.clientOrderId }),
        remaining_count: result.order.remaining.toWire(),
        fill_count: result.fillCount.toWire(),
        ...averages(result),
        ts_ms: result.tsMs,
      });
    },
    { ...WRITE, notFound: 404 },
  ),

  route(
    'DecreaseOrderV2',
    'POST',
    '/portfolio/events/orders/{order_id}/decrease',
    (ctx) => {
      const obj = bodyObject(ctx.body);
      const reduceBy = countField(obj, 'reduce_by', 'INVALID_PARAMETER');
      const reduceTo = countField(obj, 'reduce_to', 'INVALID_PARAMETER');
      exchangeIndex(obj);
      const { order, tsMs } = ctx.engine.decreaseOrder(ctx.userId, ctx.params['order_id']!, {
        ...(reduceBy === undefined ? {} : { reduceBy }),
        ...(reduceTo === undefined ? {} : { reduceTo }),
      });
      return reply('DecreaseOrderV2', 200, {
        order_id: order.orderId,
        ...(order.clientOrderId === '' ? {} : { client_order_id: order.clientOrderId }),
        remaining_count: order.remaining.toWire(),
        ts_ms: tsMs,
      });
    },
    { ...WRITE, notFound: 404 },
  ),
];
