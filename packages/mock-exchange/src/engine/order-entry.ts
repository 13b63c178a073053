import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Account, Accounts, Wallet } from './accounts.js';
import type { Halts } from './halts.js';
import { checkPrice, type MarketRecord } from './markets.js';
import type { Execution, Matcher } from './matcher.js';
import type { OrderGroups } from './order-groups.js';
import { unitCost, type OrderRecord } from './order-record.js';
import type { OrderStore } from './order-store.js';
import type { BookSide, Clock, Order, OutcomeSide, SelfTradePrevention, TimeInForce } from './types.js';

/** A new order (Create Order V2). Prices are YES prices in dollars; counts are contracts. */
export interface PlaceOrderInput {
  readonly ticker: string;
  readonly side: BookSide;
  readonly price: Dollars;
  readonly count: Contracts;
  readonly timeInForce: TimeInForce;
  readonly selfTradePrevention: SelfTradePrevention;
  readonly clientOrderId?: string;
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
  readonly cancelOnPause?: boolean;
  readonly orderGroupId?: string;
  readonly subaccount?: number;
  /** Unix ms; only with `good_till_canceled`. */
  readonly expirationMs?: number;
}

/** What one order operation did: the order's state and the fills it took as taker. */
export interface ExecutionResult {
  readonly order: Order;
  /** Contracts filled by this operation. */
  readonly fillCount: Contracts;
  /** Sum of YES price × count over those fills, dollars. */
  readonly fillNotional: Dollars;
  /** Fees charged on those fills, dollars. */
  readonly fees: Dollars;
  readonly tsMs: number;
}

/** An amendment (Amend Order V2): `count` is the new total, filled contracts included; the filled count alone cancels the order. */
export interface AmendOrderInput {
  readonly ticker: string;
  readonly side: BookSide;
  readonly price: Dollars;
  readonly count: Contracts;
  readonly clientOrderId?: string;
  readonly updatedClientOrderId?: string;
  /** Unix ms; `null` removes the expiry; omitted keeps it. */
  readonly expirationMs?: number | null;
}

/** A decrease (Decrease Order V2): exactly one of the two. */
export interface DecreaseOrderInput {
  readonly reduceBy?: Contracts;
  readonly reduceTo?: Contracts;
}

/** What {@link OrderEntry} needs from the engine. */
export interface OrderEntryOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly accounts: Accounts;
  readonly orders: OrderStore;
  readonly groups: OrderGroups;
  readonly halts: Halts;
  readonly matcher: Matcher;
}

/**
 * The order operations of Kalshi's order endpoints (Create, Cancel, Decrease and Amend Order V2,
 * Cancel All): each checks its input against the rules first, so that nothing changes when it
 * throws, then matches, rests, resizes or cancels.
 */
export class OrderEntry {
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly accounts: Accounts;
  private readonly orders: OrderStore;
  private readonly groups: OrderGroups;
  private readonly halts: Halts;
  private readonly matcher: Matcher;

  constructor(options: OrderEntryOptions) {
    this.clock = options.clock;
    this.newId = options.newId;
    this.accounts = options.accounts;
    this.orders = options.orders;
    this.groups = options.groups;
    this.halts = options.halts;
    this.matcher = options.matcher;
  }

  /** See `MatchingEngine.placeOrder`. */
  place(userId: string, input: PlaceOrderInput): ExecutionResult {
    const account = this.accounts.get(userId);
    const wallet = account.wallet(input.subaccount ?? 0);
    const market = this.halts.tradableMarket(input.ticker);
    const now = this.clock.now();
    if (input.count.isZero()) {
      throw new MockExchangeError('INVALID_ORDER', 'count must be at least 0.01', { field: 'count', value: input.count.toWire() });
    }
    checkPrice(market, input.price);
    const postOnly = input.postOnly ?? false;
    const reduceOnly = input.reduceOnly ?? false;
    if (input.expirationMs !== undefined && input.timeInForce !== 'good_till_canceled') {
      throw new MockExchangeError('INVALID_ORDER', 'expiration_time needs good_till_canceled', { field: 'expiration_time' });
    }
    if (postOnly && input.timeInForce !== 'good_till_canceled') {
      throw new MockExchangeError('INVALID_ORDER', 'post_only needs good_till_canceled', { field: 'post_only' });
    }
    if (reduceOnly && input.timeInForce !== 'immediate_or_cancel') {
      throw new MockExchangeError('REDUCE_ONLY_REQUIRES_IOC', 'reduce_only needs immediate_or_cancel', { field: 'reduce_only' });
    }
    const clientOrderId = input.clientOrderId ?? '';
    checkClientOrderId(account, clientOrderId, undefined);
    const group = input.orderGroupId === undefined ? undefined : this.groups.forNewOrder(userId, input.orderGroupId);
    if (postOnly && this.matcher.wouldCross(market, input.side, input.price)) {
      throw new MockExchangeError('POST_ONLY_CROSS', 'post only cross', { ticker: input.ticker });
    }
    if (!reduceOnly) this.checkBalance(wallet, market, input.side, input.price, input.count, Dollars.ZERO);

    const order: OrderRecord = {
      orderId: this.newId(),
      userId,
      clientOrderId,
      ticker: market.ticker,
      side: input.side,
      price: input.price,
      initialCount: input.count,
      remaining: input.count,
      filled: Contracts.ZERO,
      timeInForce: input.timeInForce,
      postOnly,
      reduceOnly,
      selfTradePrevention: input.selfTradePrevention,
      cancelOnPause: input.cancelOnPause ?? false,
      orderGroupId: group?.groupId,
      subaccount: input.subaccount ?? 0,
      expirationMs: input.expirationMs,
      status: 'resting',
      createdMs: now,
      updatedMs: now,
      lastUpdateReason: undefined,
      takerFillCost: Dollars.ZERO,
      makerFillCost: Dollars.ZERO,
      takerFees: Dollars.ZERO,
      makerFees: Dollars.ZERO,
      roundingAccumulated: Dollars.ZERO,
    };
    account.orders.push(order);
    account.useClientOrderId(clientOrderId);
    this.orders.add(order);
    group?.orderIdSet.add(order.orderId);

    const execution = noExecution();
    if (reduceOnly) {
      const position = wallet.positions.get(market.ticker)?.net;
      const closes: OutcomeSide = order.side === 'bid' ? 'no' : 'yes';
      const closable = position !== undefined && position.outcome === closes ? position.count : Contracts.ZERO;
      if (closable.lt(order.remaining)) {
        order.remaining = closable;
        order.lastUpdateReason = 'ReduceOnlyCancel';
      }
    }
    // Kalshi treats an expiry already in the past as immediate-or-cancel.
    const immediate = order.timeInForce !== 'good_till_canceled' || (order.expirationMs !== undefined && order.expirationMs <= now);
    if (order.timeInForce === 'fill_or_kill' && this.matcher.fillable(order, market).lt(order.remaining)) {
      order.remaining = Contracts.ZERO;
    }
    const outcome = order.remaining.isZero() ? 'done' : this.matcher.match(order, market, execution);
    this.orders.finishTaker(order, market, account, outcome, immediate);
    return this.result(order, execution);
  }

  /** See `MatchingEngine.cancelOrder`. */
  cancel(userId: string, orderId: string): { readonly order: Order; readonly reducedBy: Contracts; readonly tsMs: number } {
    const order = this.orders.resting(userId, orderId);
    const reducedBy = this.orders.cancelResting(order, undefined);
    return { order, reducedBy, tsMs: this.clock.now() };
  }

  /** See `MatchingEngine.cancelAll`. */
  cancelAll(userId: string, subaccount: number | undefined): Order[] {
    const account = this.accounts.get(userId);
    const canceled: Order[] = [];
    for (const order of [...account.resting]) {
      if (subaccount !== undefined && order.subaccount !== subaccount) continue;
      this.orders.cancelResting(order, undefined);
      canceled.push(order);
    }
    return canceled;
  }

  /** See `MatchingEngine.decreaseOrder`. */
  decrease(userId: string, orderId: string, input: DecreaseOrderInput): { readonly order: Order; readonly tsMs: number } {
    if ((input.reduceBy === undefined) === (input.reduceTo === undefined)) {
      throw new MockExchangeError('INVALID_PARAMETER', 'exactly one of reduce_by and reduce_to is required', { field: 'reduce_by' });
    }
    const order = this.orders.resting(userId, orderId);
    let target: Contracts;
    if (input.reduceBy !== undefined) {
      target = input.reduceBy.gte(order.remaining) ? Contracts.ZERO : order.remaining.minus(input.reduceBy);
    } else {
      target = input.reduceTo!;
      if (target.gt(order.remaining)) {
        throw new MockExchangeError('INVALID_PARAMETER', 'reduce_to exceeds the remaining count', {
          field: 'reduce_to',
          value: target.toWire(),
          orderId,
        });
      }
    }
    if (target.isZero()) {
      this.orders.cancelResting(order, 'Decrease');
    } else {
      this.orders.resize(order, target, 'Decrease');
    }
    return { order, tsMs: this.clock.now() };
  }

  /** See `MatchingEngine.amendOrder`. */
  amend(userId: string, orderId: string, input: AmendOrderInput): ExecutionResult {
    const order = this.orders.resting(userId, orderId);
    const account = this.accounts.get(userId);
    if (input.ticker !== order.ticker) {
      throw new MockExchangeError('INVALID_PARAMETER', 'ticker does not match the order', { field: 'ticker', value: input.ticker, orderId });
    }
    if (input.side !== order.side) {
      throw new MockExchangeError('INVALID_PARAMETER', 'side does not match the order', { field: 'side', value: input.side, orderId });
    }
    if (input.clientOrderId !== undefined && input.clientOrderId !== order.clientOrderId) {
      throw new MockExchangeError('INVALID_PARAMETER', 'client_order_id does not match the order', {
        field: 'client_order_id',
        value: input.clientOrderId,
        orderId,
      });
    }
    const market = this.halts.tradableMarket(order.ticker);
    checkPrice(market, input.price);
    if (input.count.lt(order.filled)) {
      throw new MockExchangeError('INVALID_ORDER', 'count must not be below the filled count', {
        field: 'count',
        value: input.count.toWire(),
        orderId,
      });
    }
    if (input.updatedClientOrderId !== undefined) checkClientOrderId(account, input.updatedClientOrderId, order);
    const remaining = input.count.minus(order.filled);
    const reprice = !remaining.isZero() && (!input.price.eq(order.price) || remaining.gt(order.remaining));
    const execution = noExecution();
    if (reprice) {
      if (order.postOnly && this.matcher.wouldCross(market, order.side, input.price)) {
        throw new MockExchangeError('POST_ONLY_CROSS', 'post only cross', { ticker: order.ticker, orderId });
      }
      const held = unitCost(order.side, order.price).times(order.remaining);
      this.checkBalance(account.wallet(order.subaccount), market, order.side, input.price, remaining, held);
    }
    if (input.updatedClientOrderId !== undefined) {
      order.clientOrderId = input.updatedClientOrderId;
      account.useClientOrderId(input.updatedClientOrderId);
    }
    if (input.expirationMs !== undefined) this.orders.setExpiry(order, input.expirationMs ?? undefined);
    order.initialCount = input.count;
    // FIX Order Cancel/Replace: a new total equal to the filled quantity cancels the order.
    if (remaining.isZero()) {
      this.orders.cancelResting(order, 'Amend');
      return this.result(order, execution);
    }
    if (!reprice) {
      this.orders.resize(order, remaining, 'Amend');
      return this.result(order, execution);
    }
    this.orders.takeOffBook(order);
    order.price = input.price;
    order.remaining = remaining;
    order.lastUpdateReason = 'Amend';
    order.updatedMs = this.clock.now();
    const outcome = this.matcher.match(order, market, execution);
    this.orders.finishTaker(order, market, account, outcome, false);
    return this.result(order, execution);
  }

  /** Requires cash in the order's subaccount wallet for its full cost plus the taker fee at its limit price; `held` is money the order already holds. */
  private checkBalance(wallet: Wallet, market: MarketRecord, side: BookSide, price: Dollars, count: Contracts, held: Dollars): void {
    const fee = this.matcher.tradeFee(market, price, count, true);
    const needed = unitCost(side, price).times(count).plus(fee);
    if (wallet.available.plus(held).lt(needed)) {
      throw new MockExchangeError('INSUFFICIENT_BALANCE', 'insufficient balance', { ticker: market.ticker });
    }
  }

  private result(order: OrderRecord, execution: Execution): ExecutionResult {
    return { order, fillCount: execution.fillCount, fillNotional: execution.fillNotional, fees: execution.fees, tsMs: this.clock.now() };
  }
}

/**
 * Kalshi rejects any resubmission of a `client_order_id` the user has used before, whatever became
 * of that order (`/getting_started/quick_start_create_order`). `except` may keep its own id.
 */
function checkClientOrderId(account: Account, clientOrderId: string, except: OrderRecord | undefined): void {
  if (clientOrderId === '' || except?.clientOrderId === clientOrderId) return;
  if (account.hasUsedClientOrderId(clientOrderId)) {
    throw new MockExchangeError('DUPLICATE_CLIENT_ORDER_ID', 'client_order_id was already used by an order of this user', {
      field: 'client_order_id',
      value: clientOrderId,
    });
  }
}

function noExecution(): Execution {
  return { fillCount: Contracts.ZERO, fillNotional: Dollars.ZERO, fees: Dollars.ZERO };
}
