import { Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../../errors.js';
import { paginate, paginateLenient } from '../pagination.js';
import { bodyObject, optionalBoolean, optionalInteger, queryInteger, requiredString, type JsonObject } from '../parse.js';
import { reply, route, type Route } from '../route.js';
import { dollars, unixSeconds } from '../../wire.js';

const AUTH = { auth: true } as const;
const WRITE = { auth: true, write: true, notFound: 400 } as const;

function requiredInteger(obj: JsonObject, field: string, min: number): number {
  const value = optionalInteger(obj, field, min);
  if (value === undefined) throw new MockExchangeError('MISSING_PARAMETER', `${field} is required`, { field });
  return value;
}

/**
 * Subaccounts (/api-reference/portfolio/create-subaccount and its siblings): numbered wallets
 * with their own cash and positions, transfers between them, and their netting setting.
 */
export const subaccountRoutes: Route[] = [
  route(
    'CreateSubaccount',
    'POST',
    '/portfolio/subaccounts',
    (ctx) => reply('CreateSubaccount', 201, { subaccount_number: ctx.engine.subaccounts.create(ctx.userId) }),
    WRITE,
  ),

  route(
    'ApplySubaccountTransfer',
    'POST',
    '/portfolio/subaccounts/transfer',
    (ctx) => {
      const body = bodyObject(ctx.body);
      const cents = requiredInteger(body, 'amount_cents', 1);
      ctx.engine.subaccounts.transfer(ctx.userId, {
        clientTransferId: requiredString(body, 'client_transfer_id', 'MISSING_PARAMETER'),
        fromSubaccount: requiredInteger(body, 'from_subaccount', 0),
        toSubaccount: requiredInteger(body, 'to_subaccount', 0),
        amount: Dollars.fromCents(cents, 'amount_cents'),
      });
      return reply('ApplySubaccountTransfer', 200, {});
    },
    WRITE,
  ),

  route(
    'GetSubaccountBalances',
    'GET',
    '/portfolio/subaccounts/balances',
    (ctx) =>
      reply('GetSubaccountBalances', 200, {
        subaccount_balances: ctx.engine.subaccounts.wallets(ctx.userId).map((w) => ({
          subaccount_number: w.subaccount,
          exchange_index: 0,
          balance: dollars(w.available),
          updated_ts: unixSeconds(w.updatedMs),
        })),
      }),
    AUTH,
  ),

  route(
    'GetSubaccountTransfers',
    'GET',
    '/portfolio/subaccounts/transfers',
    (ctx) => {
      const transfers = [...ctx.engine.subaccounts.history(ctx.userId)].reverse();
      // openapi.yaml declares no 400 here.
      const { page, cursor } = paginateLenient(transfers, ctx.query, 'limit', 1000, 100);
      return reply('GetSubaccountTransfers', 200, {
        transfers: page.map((t) => ({
          transfer_id: t.transferId,
          from_subaccount: t.fromSubaccount,
          to_subaccount: t.toSubaccount,
          amount_cents: t.amount.toCents(),
          created_ts: unixSeconds(t.createdMs),
          exchange_index: 0,
        })),
        cursor,
      });
    },
    AUTH,
  ),

  route(
    'UpdateSubaccountNetting',
    'PUT',
    '/portfolio/subaccounts/netting',
    (ctx) => {
      const body = bodyObject(ctx.body);
      const subaccount = requiredInteger(body, 'subaccount_number', 0);
      const enabled = optionalBoolean(body, 'enabled');
      if (enabled === undefined) throw new MockExchangeError('MISSING_PARAMETER', 'enabled is required', { field: 'enabled' });
      ctx.engine.subaccounts.wallet(ctx.userId, subaccount).nettingEnabled = enabled;
      return { status: 200 };
    },
    WRITE,
  ),

  route(
    'GetSubaccountNetting',
    'GET',
    '/portfolio/subaccounts/netting',
    (ctx) =>
      reply('GetSubaccountNetting', 200, {
        netting_configs: ctx.engine.subaccounts.wallets(ctx.userId).map((w) => ({
          subaccount_number: w.subaccount,
          enabled: w.nettingEnabled,
          exchange_index: 0,
        })),
      }),
    AUTH,
  ),
];
