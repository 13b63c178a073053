import { randomUUID } from 'node:crypto';
import { Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../../errors.js';
import { paginate } from '../pagination.js';
import { bodyObject, optionalInteger, optionalString, queryInteger, type JsonObject } from '../parse.js';
import { reply, route, type Route } from '../route.js';
import { dollars, unixSeconds } from '../../wire.js';

const AUTH = { auth: true } as const;
const WRITE = { auth: true, write: true, notFound: 400 } as const;
const RESERVATIONS = ['none', 'max', 'sum'] as const;

/** The simulator runs one exchange instance, `event_contract`, on shard 0. */
function checkInstance(obj: JsonObject, instanceField: string, shardField: string): void {
  const instance = optionalString(obj, instanceField);
  if (instance === undefined) throw new MockExchangeError('MISSING_PARAMETER', `${instanceField} is required`, { field: instanceField });
  if (instance !== 'event_contract') {
    throw new MockExchangeError('INVALID_PARAMETER', `${instanceField} must be event_contract: the simulator has no ${instance} instance`, { field: instanceField, value: instance });
  }
  const shard = optionalInteger(obj, shardField, 0) ?? 0;
  if (shard !== 0) throw new MockExchangeError('INVALID_PARAMETER', `${shardField} must be 0: the simulator has one shard`, { field: shardField, value: shard });
}

function allocationsOf(obj: JsonObject): Array<{ exchangeIndex: number; percent: number }> {
  const value = obj['allocations'];
  if (!Array.isArray(value)) throw new MockExchangeError('MISSING_PARAMETER', 'allocations is required', { field: 'allocations' });
  if (value.length > 101) throw new MockExchangeError('INVALID_PARAMETER', 'at most 101 allocations', { field: 'allocations' });
  return value.map((item: unknown) => {
    const entry = bodyObject(item);
    const exchangeIndex = optionalInteger(entry, 'exchange_index', 0);
    const percent = optionalInteger(entry, 'percent', 0);
    if (exchangeIndex === undefined || percent === undefined) {
      throw new MockExchangeError('MISSING_PARAMETER', 'each allocation needs exchange_index and percent', { field: 'allocations' });
    }
    return { exchangeIndex, percent };
  });
}

/**
 * The caller's money movements and balance settings: deposit and withdrawal history (none in the
 * simulator: users start funded), the value held by resting orders, transfers within the account
 * (IntraExchangeInstanceTransfer, served as subaccount transfers on the one exchange instance) and
 * the target balance allocation across exchange indexes.
 */
export const fundsRoutes: Route[] = [
  route(
    'GetDeposits',
    'GET',
    '/portfolio/deposits',
    (ctx) => {
      queryInteger(ctx.query, 'limit', { min: 1, max: 500 });
      paginate([], ctx.query.get('cursor'), 1);
      return reply('GetDeposits', 200, { deposits: [], cursor: '' });
    },
    AUTH,
  ),

  route(
    'GetWithdrawals',
    'GET',
    '/portfolio/withdrawals',
    (ctx) => {
      queryInteger(ctx.query, 'limit', { min: 1, max: 500 });
      paginate([], ctx.query.get('cursor'), 1);
      return reply('GetWithdrawals', 200, { withdrawals: [], cursor: '' });
    },
    AUTH,
  ),

  route(
    'GetPortfolioRestingOrderTotalValue',
    'GET',
    '/portfolio/summary/total_resting_order_value',
    (ctx) => {
      let total = Dollars.ZERO;
      for (const wallet of ctx.engine.subaccounts.wallets(ctx.userId)) total = total.plus(wallet.reserved);
      return reply('GetPortfolioRestingOrderTotalValue', 200, {
        total_resting_order_value: total.toCents(),
        resting_order_value_breakdown: [{ exchange_index: 0, balance: dollars(total) }],
      });
    },
    AUTH,
  ),

  route(
    'IntraExchangeInstanceTransfer',
    'POST',
    '/portfolio/intra_exchange_instance_transfer',
    (ctx) => {
      const body = bodyObject(ctx.body);
      checkInstance(body, 'source', 'source_exchange_shard');
      checkInstance(body, 'destination', 'destination_exchange_shard');
      const centicents = optionalInteger(body, 'amount', 1);
      if (centicents === undefined) throw new MockExchangeError('MISSING_PARAMETER', 'amount is required', { field: 'amount' });
      const transfer = ctx.engine.subaccounts.transfer(ctx.userId, {
        clientTransferId: randomUUID(),
        fromSubaccount: optionalInteger(body, 'source_subaccount', 0) ?? 0,
        toSubaccount: optionalInteger(body, 'destination_subaccount', 0) ?? 0,
        amount: Dollars.fromCentiCents(centicents, 'amount'),
        intraExchange: true,
      });
      return reply('IntraExchangeInstanceTransfer', 200, { transfer_id: transfer.transferId });
    },
    WRITE,
  ),

  route(
    'GetIntraExchangeInstanceTransfers',
    'GET',
    '/portfolio/intra_exchange_instance_transfers',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 500 }) ?? 100;
      const transfers = ctx.engine.subaccounts.history(ctx.userId).filter((t) => t.intraExchange).reverse();
      const { page, cursor } = paginate(transfers, ctx.query.get('cursor'), limit);
      return reply('GetIntraExchangeInstanceTransfers', 200, { transfers: page.map(intraToWire), cursor });
    },
    AUTH,
  ),

  route(
    'GetIntraExchangeInstanceTransfer',
    'GET',
    '/portfolio/intra_exchange_instance_transfers/{transfer_id}',
    (ctx) => {
      const id = ctx.params['transfer_id']!;
      const transfer = ctx.engine.subaccounts.history(ctx.userId).find((t) => t.intraExchange && t.transferId === id);
      if (transfer === undefined) throw new MockExchangeError('REFERENCE_NOT_FOUND', `no transfer ${id}`, { field: 'transfer_id', value: id });
      return reply('GetIntraExchangeInstanceTransfer', 200, { transfer: intraToWire(transfer) });
    },
    AUTH,
  ),

  route(
    'GetTargetBalanceAllocation',
    'GET',
    '/portfolio/target_balance_allocation',
    (ctx) => {
      const allocation = ctx.engine.subaccounts.allocation(ctx.userId);
      return reply('GetTargetBalanceAllocation', 200, {
        allocations: allocation.allocations.map((a) => ({ exchange_index: a.exchangeIndex, percent: a.percent })),
        resting_margin_reservation: allocation.restingMarginReservation,
      });
    },
    AUTH,
  ),

  route(
    'SetTargetBalanceAllocation',
    'POST',
    '/portfolio/target_balance_allocation',
    (ctx) => {
      const body = bodyObject(ctx.body);
      const reservation = optionalString(body, 'resting_margin_reservation') ?? 'sum';
      if (!(RESERVATIONS as readonly string[]).includes(reservation)) {
        throw new MockExchangeError('INVALID_PARAMETER', `resting_margin_reservation must be one of ${RESERVATIONS.join(', ')}`, {
          field: 'resting_margin_reservation',
          value: reservation,
        });
      }
      ctx.engine.subaccounts.setAllocation(ctx.userId, {
        allocations: allocationsOf(body),
        restingMarginReservation: reservation as (typeof RESERVATIONS)[number],
      });
      return reply('SetTargetBalanceAllocation', 200, {});
    },
    WRITE,
  ),
];

function intraToWire(t: { transferId: string; amount: Dollars; createdMs: number }) {
  return {
    transfer_id: t.transferId,
    source: 'event_contract' as const,
    destination: 'event_contract' as const,
    source_exchange_shard: 0,
    destination_exchange_shard: 0,
    amount: dollars(t.amount),
    status: 'complete' as const,
    created_ts: unixSeconds(t.createdMs),
  };
}
