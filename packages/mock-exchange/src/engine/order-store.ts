import { Contracts, type Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Account, Accounts } from './accounts.js';
import type { Catalog } from './catalog.js';
import type { EngineEvents } from './engine-events.js';
import type { MarketRecord } from './markets.js';
import type { BookLadder, BookLevel } from './order-book.js';
import type { OrderGroupState } from './order-groups.js';
import { OrderIndex } from './order-index.js';
import type { OrderRecord } from './order-record.js';
import type { BookSide, Clock, UpdateReason } from './types.js';

/** How matching a taker ended: it ran out of crossing size, hit self-trade prevention, or hit its order group's limit. */
export type MatchOutcome = 'done' | 'self_trade' | 'group';

/** Each store's orders, for {@link forgetOrder}. */
const indexes = new WeakMap<OrderStore, OrderIndex>();

/** What {@link OrderStore} needs from the engine. */
export interface OrderStoreOptions {
  readonly clock: Clock;
  readonly events: EngineEvents;
  readonly catalog: Catalog;
  readonly accounts: Accounts;
}

/**
 * Every order by id, and the moves of an order on and off its book: resting, resizing, canceling
 * and expiring, each keeping the book, the owner's held money and the emitted events in step.
 */
export class OrderStore {
  private readonly clock: Clock;
  private readonly events: EngineEvents;
  private readonly catalog: Catalog;
  private readonly accounts: Accounts;
  private readonly index = new OrderIndex();
  /** Resting orders with an expiration time. */
  private readonly expiring = new Set<OrderRecord>();

  constructor(options: OrderStoreOptions) {
    this.clock = options.clock;
    this.events = options.events;
    this.catalog = options.catalog;
    this.accounts = options.accounts;
    indexes.set(this, this.index);
  }

  /** Records a newly placed order. */
  add(order: OrderRecord): void {
    this.index.add(order);
  }

  /** The order with this id, or undefined. */
  find(orderId: string): OrderRecord | undefined {
    return this.index.find(orderId);
  }

  /** Every resting order, oldest first: a copy, safe to cancel from while iterating. */
  restingOrders(): OrderRecord[] {
    return this.index.resting();
  }

  /** One of the user's orders. Throws `ORDER_NOT_FOUND`. */
  owned(userId: string, orderId: string): OrderRecord {
    const order = this.index.find(orderId);
    if (order === undefined || order.userId !== userId) {
      throw new MockExchangeError('ORDER_NOT_FOUND', `no order ${orderId}`, { orderId });
    }
    return order;
  }

  /** One of the user's resting orders. Throws `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`. */
  resting(userId: string, orderId: string): OrderRecord {
    const order = this.owned(userId, orderId);
    if (order.status !== 'resting') {
      throw new MockExchangeError('ORDER_NOT_RESTING', `order ${orderId} is ${order.status}`, { orderId });
    }
    return order;
  }

  /** Sets or removes (`undefined`) a resting order's expiration time, Unix ms. */
  setExpiry(order: OrderRecord, expirationMs: number | undefined): void {
    order.expirationMs = expirationMs;
    if (expirationMs === undefined) this.expiring.delete(order);
    else this.expiring.add(order);
  }

  /** Cancels every resting order whose expiration time has passed (`ExpiryCancel`). */
  sweepExpired(): void {
    if (this.expiring.size === 0) return;
    const now = this.clock.now();
    for (const order of this.expiring) {
      if (order.expirationMs !== undefined && order.expirationMs <= now) this.cancelResting(order, 'ExpiryCancel');
    }
  }

  /** After matching a taker: cancels what may not rest, or puts the rest on the book. */
  finishTaker(order: OrderRecord, market: MarketRecord, account: Account, outcome: MatchOutcome, immediate: boolean): void {
    const now = this.clock.now();
    order.updatedMs = now;
    if (order.remaining.isZero()) {
      order.status = order.filled.isZero() ? 'canceled' : 'executed';
      this.index.left(order);
    } else if (outcome !== 'done' || immediate) {
      order.remaining = Contracts.ZERO;
      order.status = 'canceled';
      this.index.left(order);
      if (outcome === 'self_trade') order.lastUpdateReason = 'SelfTradeCancel';
    } else {
      order.status = 'resting';
      this.index.rested(order);
      market.book.ladder(order.side).add(order);
      account.hold(order);
      if (order.expirationMs !== undefined) this.expiring.add(order);
      this.events.touch(market.ticker);
      this.emitBookDelta(market.ticker, order.side, order.price, order.remaining, 1, order, now);
    }
    this.events.emit({ type: 'order', order });
  }

  /** A maker filled up by a trade: off its `ladder` and its owner's held money, status `executed`. */
  filledUp(maker: OrderRecord, ladder: BookLadder, account: Account): void {
    ladder.remove(maker);
    account.release(maker);
    this.expiring.delete(maker);
    maker.status = 'executed';
    this.index.left(maker);
  }

  /** Takes a resting order's remaining size off the book without changing its status. */
  takeOffBook(order: OrderRecord): void {
    const market = this.catalog.market(order.ticker);
    market.book.ladder(order.side).remove(order);
    this.accounts.get(order.userId).release(order);
    this.events.touch(market.ticker);
    this.emitBookDelta(market.ticker, order.side, order.price, order.remaining, -1, order, this.clock.now());
  }

  /** Cancels a resting order. @returns the contracts taken off the book. */
  cancelResting(order: OrderRecord, reason: UpdateReason | undefined): Contracts {
    const removed = order.remaining;
    this.takeOffBook(order);
    this.expiring.delete(order);
    order.remaining = Contracts.ZERO;
    order.status = 'canceled';
    this.index.left(order);
    order.updatedMs = this.clock.now();
    order.lastUpdateReason = reason;
    this.events.emit({ type: 'order', order });
    return removed;
  }

  /**
   * Lowers a resting order's remaining count in place, keeping its queue position. `level`: the
   * order's book level, when the caller holds it (no market or price-level look-up).
   */
  resize(order: OrderRecord, remaining: Contracts, reason: UpdateReason, level?: BookLevel): void {
    const shrinkBy = order.remaining.minus(remaining);
    if (level === undefined) this.catalog.market(order.ticker).book.ladder(order.side).shrink(order, shrinkBy);
    else level.total = level.total.minus(shrinkBy);
    this.accounts.get(order.userId).releasePart(order, shrinkBy);
    order.remaining = remaining;
    order.updatedMs = this.clock.now();
    order.lastUpdateReason = reason;
    if (!shrinkBy.isZero()) {
      this.events.touch(order.ticker);
      this.emitBookDelta(order.ticker, order.side, order.price, shrinkBy, -1, order, order.updatedMs);
    }
    this.events.emit({ type: 'order', order });
  }

  /** Cancels the group's orders that rest on the book. */
  cancelGroupOrders(group: OrderGroupState): void {
    for (const orderId of group.orderIdSet) {
      const order = this.index.find(orderId);
      // An order mid-match is not on the book yet; the matching loop cancels it itself.
      if (order !== undefined && this.accounts.get(order.userId).resting.has(order)) this.cancelResting(order, undefined);
    }
  }

  /** A level of `ticker`'s book changed by `sign × delta` contracts, because of order `cause`. */
  emitBookDelta(ticker: string, side: BookSide, price: Dollars, delta: Contracts, sign: 1 | -1, cause: OrderRecord, tsMs: number): void {
    this.events.emit({
      type: 'book_delta',
      ticker,
      side,
      price,
      delta,
      sign,
      cause: { userId: cause.userId, clientOrderId: cause.clientOrderId, subaccount: cause.subaccount },
      tsMs,
    });
  }
}

/**
 * Drops a canceled order from `store` and from its owner's order list: for the replay's synthetic
 * counterparty, whose orders canceled without ever trading no one else saw (a long replay then
 * keeps no order per emptied level).
 */
export function forgetOrder(store: OrderStore, accounts: Accounts, order: OrderRecord): void {
  indexes.get(store)?.forget(order);
  const orders = accounts.get(order.userId).orders;
  const at = orders.lastIndexOf(order);
  if (at !== -1) orders.splice(at, 1);
}
