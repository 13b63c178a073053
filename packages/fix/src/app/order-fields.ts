/**
 * Validated FIX bodies for the client's order API: NewOrderSingle(D), OrderCancelRequest(F),
 * OrderCancelReplaceRequest(G), OrderMassCancelRequest(q), OrderGroupRequest(UOG) and
 * EventResendRequest(U1), built from typed parameters. Every field is checked before anything is
 * sent; a bad one throws FixValidationError naming the field and the value.
 * Doc pages: /fix/order-entry, /fix/order-groups, /fix/drop-copy.
 */
import { randomUUID } from 'node:crypto';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { formatUtcTimestamp } from '../codec/utc-timestamp.js';
import type { FixMessageBodies, NewOrderSingle, OrderCancelReplaceRequest, OrderCancelRequest } from '../generated/messages.js';
import { FixValidationError } from './errors.js';
import type { CancelReplaceParams, NewOrderParams, OrderGroupParams, OrderRef } from './order-params.js';
import { type FixOrderTracker, type FixSide, sideToWire } from './orders.js';
import { type FixPriceFormat, formatQuantity } from './price-format.js';

const TIME_IN_FORCE = { day: '0', gtc: '1', ioc: '3', fok: '4', gtd: '6' } as const;
const STP = { taker_at_cross: 1, maker: 2 } as const;
const GROUP_ACTION = { create: 1, reset: 2, delete: 3, trigger: 4, update: 5 } as const;
const CL_ORD_ID = /^[-\w:+=/]{1,64}$/;
const MAX_GROUP_LIMIT = 1_000_000n;
/** Highest AllocAccount(79) on FIX. Doc page: /fix/order-entry. */
const MAX_FIX_SUBACCOUNT = 32;

/**
 * ClOrdID(11): `given`, or a random UUID.
 * @throws FixValidationError `FIX_INVALID_FIELD` unless 1-64 characters of `A-Za-z0-9_-:+=/`.
 */
export function clOrdIdOf(given: string | undefined): string {
  const id = given ?? randomUUID();
  if (typeof id !== 'string' || !CL_ORD_ID.test(id)) {
    throw new FixValidationError('FIX_INVALID_FIELD', 'ClOrdID', id, 'must be 1-64 characters of A-Z a-z 0-9 _ - : + = /');
  }
  return id;
}

/**
 * NewOrderSingle(D), a limit order, for ClOrdID `clOrdId`; prices written as `prices` says.
 * @throws FixValidationError `FIX_INVALID_PRICE`, `FIX_INVALID_QUANTITY`, `FIX_INVALID_FIELD`, `FIX_MISSING_FIELD`.
 */
export function newOrderSingleBody(params: NewOrderParams, clOrdId: string, prices: FixPriceFormat): NewOrderSingle {
  const body: { -readonly [K in keyof NewOrderSingle]: NewOrderSingle[K] } = {
    ClOrdID: clOrdId,
    OrderQty: formatQuantity(params.quantity, 'OrderQty'),
    OrdType: '2',
    Price: prices.limit(params.price, 'Price'),
    Side: side(params.side),
    Symbol: symbol(params.symbol),
  };
  if (params.postOnly === true) body.ExecInst = ['6'];
  if (params.timeInForce !== undefined) {
    if (!Object.hasOwn(TIME_IN_FORCE, params.timeInForce)) throw new FixValidationError('FIX_INVALID_FIELD', 'TimeInForce', params.timeInForce, 'is not day, gtc, ioc, fok or gtd');
    body.TimeInForce = TIME_IN_FORCE[params.timeInForce];
  }
  if (params.expireTime !== undefined) {
    if (params.timeInForce !== 'gtd') throw new FixValidationError('FIX_INVALID_FIELD', 'ExpireTime', params.expireTime, "is only sent with timeInForce 'gtd'");
    body.ExpireTime = timestamp(params.expireTime, 'ExpireTime');
  } else if (params.timeInForce === 'gtd') {
    throw new FixValidationError('FIX_MISSING_FIELD', 'ExpireTime', undefined, "is required with timeInForce 'gtd'");
  }
  if (params.selfTradePrevention !== undefined) {
    if (!Object.hasOwn(STP, params.selfTradePrevention)) throw new FixValidationError('FIX_INVALID_FIELD', 'SelfTradePreventionType', params.selfTradePrevention, 'is not taker_at_cross or maker');
    body.SelfTradePreventionType = STP[params.selfTradePrevention];
  }
  if (params.orderGroupId !== undefined) body.SecondaryClOrdID = text(params.orderGroupId, 'SecondaryClOrdID');
  if (params.cancelOrderOnPause !== undefined) body.CancelOrderOnPause = params.cancelOrderOnPause;
  if (params.maxExecutionCost !== undefined) body.MaxExecutionCost = dollars(params.maxExecutionCost, 'MaxExecutionCost');
  if (params.allocAccount !== undefined) body.AllocAccount = allocAccount(params.allocAccount);
  if (params.partyId !== undefined) body.NoPartyIDs = [{ PartyID: text(params.partyId, 'PartyID'), PartyRole: 24 }];
  return body;
}

/** The order a cancel or replace refers to, as FIX names it. */
interface ResolvedRef {
  readonly origClOrdId: string;
  readonly orderId: string | undefined;
  readonly symbol: string;
  readonly side: NewOrderSingle['Side'];
}

/**
 * The ClOrdID of a cancel or replace and the order it refers to (from the tracker, or from
 * `symbol` and `side` for an order the client never saw).
 * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_FIELD`.
 */
function orderRef(params: OrderRef, tracker: FixOrderTracker): { clOrdId: string; ref: ResolvedRef } {
  const clOrdId = clOrdIdOf(params.clOrdId);
  const tracked = tracker.get(params.order);
  const sym = params.symbol ?? tracked?.symbol;
  const sd = params.side ?? tracked?.side;
  if (sym === undefined || sd === undefined) {
    throw new FixValidationError('FIX_UNKNOWN_ORDER', 'OrigClOrdID', params.order, 'is not a tracked order: pass symbol and side');
  }
  return {
    clOrdId,
    ref: { origClOrdId: tracked?.clOrdId ?? params.order, orderId: tracked?.orderId, symbol: symbol(sym), side: side(sd) },
  };
}

/**
 * OrderCancelRequest(F) for a tracked order (or an untracked one, given `symbol` and `side`).
 * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_FIELD`.
 */
export function cancelBody(params: OrderRef, tracker: FixOrderTracker): { readonly clOrdId: string; readonly body: OrderCancelRequest } {
  const { clOrdId, ref } = orderRef(params, tracker);
  const body: OrderCancelRequest = {
    ClOrdID: clOrdId,
    OrigClOrdID: ref.origClOrdId,
    Side: ref.side,
    Symbol: ref.symbol,
    ...(ref.orderId === undefined ? {} : { OrderID: ref.orderId }),
    ...(params.allocAccount === undefined ? {} : { AllocAccount: allocAccount(params.allocAccount) }),
  };
  return { clOrdId, body };
}

/**
 * OrderCancelReplaceRequest(G): a new total quantity and optionally a new price.
 * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_PRICE`, `FIX_INVALID_QUANTITY`, `FIX_INVALID_FIELD`.
 */
export function cancelReplaceBody(params: CancelReplaceParams, tracker: FixOrderTracker, prices: FixPriceFormat): { readonly clOrdId: string; readonly body: OrderCancelReplaceRequest } {
  const { clOrdId, ref } = orderRef(params, tracker);
  const body: OrderCancelReplaceRequest = {
    ClOrdID: clOrdId,
    OrigClOrdID: ref.origClOrdId,
    OrderQty: formatQuantity(params.quantity, 'OrderQty'),
    OrdType: '2',
    Side: ref.side,
    Symbol: ref.symbol,
    ...(params.price === undefined ? {} : { Price: prices.limit(params.price, 'Price') }),
    ...(ref.orderId === undefined ? {} : { OrderID: ref.orderId }),
    ...(params.orderGroupId === undefined ? {} : { OrderGroupID: text(params.orderGroupId, 'OrderGroupID') }),
    ...(params.allocAccount === undefined ? {} : { AllocAccount: allocAccount(params.allocAccount) }),
  };
  return { clOrdId, body };
}

/**
 * OrderGroupRequest(UOG). Contract limits are whole contracts, 1 to 1,000,000.
 * @throws FixValidationError `FIX_INVALID_QUANTITY`, `FIX_INVALID_FIELD`.
 */
export function orderGroupBody(params: OrderGroupParams): FixMessageBodies['UOG'] {
  if (!Object.hasOwn(GROUP_ACTION, params.action)) throw new FixValidationError('FIX_INVALID_FIELD', 'OrderGroupAction', params.action, 'is not create, reset, delete, trigger or update');
  const body: { -readonly [K in keyof FixMessageBodies['UOG']]: FixMessageBodies['UOG'][K] } = { OrderGroupAction: GROUP_ACTION[params.action] };
  if ('contractsLimit' in params) body.OrderGroupContractsLimit = groupLimit(params.contractsLimit);
  if ('orderGroupId' in params) body.OrderGroupID = text(params.orderGroupId, 'OrderGroupID');
  if (params.allocAccount !== undefined) body.AllocAccount = allocAccount(params.allocAccount);
  return body;
}

/**
 * EventResendRequest(U1) for ExecIDs `beginExecId` to `endExecId` (default: the latest).
 * @throws FixValidationError `FIX_INVALID_FIELD`.
 */
export function eventResendBody(params: { readonly beginExecId: string; readonly endExecId?: string }): FixMessageBodies['U1'] {
  return {
    BeginExecID: text(params.beginExecId, 'BeginExecID'),
    ...(params.endExecId === undefined ? {} : { EndExecID: text(params.endExecId, 'EndExecID') }),
  };
}

function side(value: FixSide): NewOrderSingle['Side'] {
  if (value !== 'bid' && value !== 'ask') throw new FixValidationError('FIX_INVALID_FIELD', 'Side', value, "must be 'bid' or 'ask'");
  return sideToWire(value);
}

function symbol(value: string): string {
  return text(value, 'Symbol');
}

function text(value: string, field: string): string {
  if (typeof value !== 'string' || value === '' || /[\x00-\x1f]/.test(value)) throw new FixValidationError('FIX_INVALID_FIELD', field, value, 'must be non-empty text without control characters');
  return value;
}

function timestamp(value: number | Date, field: string): string {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new FixValidationError('FIX_INVALID_FIELD', field, value, 'is not a time');
  try {
    return formatUtcTimestamp(ms);
  } catch {
    throw new FixValidationError('FIX_INVALID_FIELD', field, value, 'is not a time in years 0000-9999');
  }
}

function dollars(value: Dollars, field: string): string {
  if (!(value instanceof Dollars) || !value.isPositive() || value.decimals() > 4) throw new FixValidationError('FIX_INVALID_PRICE', field, String(value), 'must be a positive dollar amount with at most 4 decimals');
  return value.toWire();
}

function allocAccount(value: number): number {
  // /fix/order-entry: "Subaccount number (0–32)". REST's spec allows more; FIX follows its own pages.
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_FIX_SUBACCOUNT) throw new FixValidationError('FIX_INVALID_FIELD', 'AllocAccount', value, `must be a subaccount number from 0 to ${MAX_FIX_SUBACCOUNT}`);
  return value;
}

function groupLimit(value: Contracts): number {
  if (!(value instanceof Contracts) || !value.isWhole() || value.isZero() || value.toHundredths() > MAX_GROUP_LIMIT * 100n) {
    throw new FixValidationError('FIX_INVALID_QUANTITY', 'OrderGroupContractsLimit', String(value), 'must be a whole number of contracts from 1 to 1,000,000');
  }
  return Number(value.toHundredths() / 100n);
}
