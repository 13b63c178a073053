import { Contracts } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../../errors.js';
import { bodyObject, countField, optionalInteger, type JsonObject } from '../parse.js';
import { reply, route, type Route } from '../route.js';
import { orderGroupToWire } from '../serialize.js';

const WRITE = { auth: true, write: true } as const;

/** `contracts_limit` (whole contracts) or `contracts_limit_fp`; if both, they must agree. */
function limitOf(obj: JsonObject): Contracts {
  const whole = optionalInteger(obj, 'contracts_limit', 1);
  const fp = countField(obj, 'contracts_limit_fp', 'INVALID_PARAMETER');
  const fromWhole = whole === undefined ? undefined : Contracts.fromWhole(whole);
  if (fromWhole !== undefined && fp !== undefined && !fromWhole.eq(fp)) {
    throw new MockExchangeError('INVALID_PARAMETER', 'contracts_limit and contracts_limit_fp disagree', { field: 'contracts_limit_fp' });
  }
  const limit = fp ?? fromWhole;
  if (limit === undefined) {
    throw new MockExchangeError('INVALID_PARAMETER', 'contracts_limit or contracts_limit_fp is required', { field: 'contracts_limit' });
  }
  return limit;
}

/** Order groups: create, list, get, delete, reset, trigger, update limit. */
export const orderGroupRoutes: Route[] = [
  route(
    'GetOrderGroups',
    'GET',
    '/portfolio/order_groups',
    (ctx) => reply('GetOrderGroups', 200, { order_groups: ctx.engine.listOrderGroups(ctx.userId).map(orderGroupToWire) }),
    { auth: true },
  ),

  route(
    'CreateOrderGroup',
    'POST',
    '/portfolio/order_groups/create',
    (ctx) => {
      const obj = bodyObject(ctx.body);
      const subaccount = optionalInteger(obj, 'subaccount', 0) ?? 0;
      const group = ctx.engine.createOrderGroup(ctx.userId, { limit: limitOf(obj), subaccount });
      return reply('CreateOrderGroup', 201, { order_group_id: group.groupId, subaccount: group.subaccount, exchange_index: 0 });
    },
    WRITE,
  ),

  route(
    'GetOrderGroup',
    'GET',
    '/portfolio/order_groups/{order_group_id}',
    (ctx) => {
      const group = ctx.engine.getOrderGroup(ctx.userId, ctx.params['order_group_id']!);
      return reply('GetOrderGroup', 200, {
        is_auto_cancel_enabled: group.triggered,
        contracts_limit_fp: group.limit.toWire(),
        orders: [...group.orderIds],
        exchange_index: 0,
      });
    },
    { auth: true },
  ),

  route(
    'DeleteOrderGroup',
    'DELETE',
    '/portfolio/order_groups/{order_group_id}',
    (ctx) => {
      ctx.engine.deleteOrderGroup(ctx.userId, ctx.params['order_group_id']!);
      return reply('DeleteOrderGroup', 200, {});
    },
    WRITE,
  ),

  route(
    'ResetOrderGroup',
    'PUT',
    '/portfolio/order_groups/{order_group_id}/reset',
    (ctx) => {
      ctx.engine.resetOrderGroup(ctx.userId, ctx.params['order_group_id']!);
      return reply('ResetOrderGroup', 200, {});
    },
    WRITE,
  ),

  route(
    'TriggerOrderGroup',
    'PUT',
    '/portfolio/order_groups/{order_group_id}/trigger',
    (ctx) => {
      ctx.engine.triggerOrderGroup(ctx.userId, ctx.params['order_group_id']!);
      return reply('TriggerOrderGroup', 200, {});
    },
    WRITE,
  ),

  route(
    'UpdateOrderGroupLimit',
    'PUT',
    '/portfolio/order_groups/{order_group_id}/limit',
    (ctx) => {
      ctx.engine.updateOrderGroupLimit(ctx.userId, ctx.params['order_group_id']!, limitOf(bodyObject(ctx.body)));
      return reply('UpdateOrderGroupLimit', 200, {});
    },
    WRITE,
  ),
];
