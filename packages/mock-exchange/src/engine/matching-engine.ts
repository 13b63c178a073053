import { randomUUID } from 'node:crypto';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import { Account, type PositionState } from './accounts.js';
import { roundFill, tradeFee } from './fees.js';
import {
  newMarket,
  type EventInput,
  type EventRecord,
  type MarketInput,
  type MarketRecord,
  type SeriesInput,
  type SeriesRecord,
} from './markets.js';
import { crosses, type BookLevel } from './order-book.js';
import { OrderGroupState } from './order-groups.js';
import { unitCost, type OrderRecord } from './order-record.js';
import type {
  BookSide,
  Clock,
  EngineEvent,
  Fill,
  MarketLifecycleType,
  Order,
  OrderGroup,
  OrderGroupEventType,
  OutcomeSide,
  Position,
  SelfTradePrevention,
  Settlement,
  TimeInForce,
  Trade,
  UpdateReason,
} from './types.js';

/** Options of {@link MatchingEngine}. */
export interface MatchingEngineOptions {
  /** Time source (Unix ms); default `Date.now`. Tests inject a manual clock. */
  readonly clock?: Clock;
  /** Id source for orders, trades, fills, groups and market ids; default `crypto.randomUUID`. */
  readonly newId?: () => string;
}

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

/** A public trade injected by the test harness, with no user behind it. */
export interface InjectTradeInput {
  readonly ticker: string;
  readonly price: Dollars;
  readonly count: Contracts;
  readonly takerSide: BookSide;
}

/** A user's money, dollars. */
export interface BalanceView {
  /** Cash free for new orders: cash minus what resting orders hold. */
  readonly available: Dollars;
  readonly cash: Dollars;
  readonly reserved: Dollars;
  /** Cost basis of open positions. */
  readonly positionsCost: Dollars;
  readonly updatedMs: number;
}

/** An aggregated price level: YES price and total contracts. */
export interface LevelView {
  readonly price: Dollars;
  readonly size: Contracts;
}

interface Execution {
  fillCount: Contracts;
  fillNotional: Dollars;
  fees: Dollars;
}

type MatchOutcome = 'done' | 'self_trade' | 'group';

/**
 * The simulated exchange: reference data, one price-time-priority book per binary market, user
 * accounts, order groups and settlement. Transport-independent: REST, WebSocket and FIX layers
 * call its methods and turn the {@link EngineEvent}s it reports into wire messages.
 *
 * Money and counts are `Dollars` / `Contracts` throughout. Every method throws
 * {@link MockExchangeError} on bad input; nothing changes when it throws.
 */
export class MatchingEngine {
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly seriesByTicker = new Map<string, SeriesRecord>();
  private readonly eventsByTicker = new Map<string, EventRecord>();
  private readonly marketsByTicker = new Map<string, MarketRecord>();
  private readonly accounts = new Map<string, Account>();
  private readonly ordersById = new Map<string, OrderRecord>();
  private readonly groups = new Map<string, OrderGroupState>();
  private readonly expiring = new Set<OrderRecord>();
  private readonly touched = new Set<string>();
  private tradingActive = true;

  constructor(options: MatchingEngineOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.newId = options.newId ?? randomUUID;
  }

  /** Unix ms per the engine's clock. */
  now(): number {
    return this.clock.now();
  }

  /**
   * Registers a listener for every {@link EngineEvent}; events are delivered synchronously, in
   * order, while the engine is mid-operation, so listeners must not call back into the engine.
   * @returns a function that removes the listener.
   */
  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- reference data

  /** Creates a series. Throws `ALREADY_EXISTS`, `INVALID_PARAMETER` (fee multiplier not a decimal of at least 0). */
  createSeries(input: SeriesInput): SeriesRecord {
    return this.op(() => {
      if (this.seriesByTicker.has(input.ticker)) {
        throw new MockExchangeError('ALREADY_EXISTS', `series ${input.ticker} already exists`, { value: input.ticker });
      }
      const series: SeriesRecord = {
        ticker: input.ticker,
        title: input.title ?? input.ticker,
        category: input.category ?? 'Mock',
        frequency: input.frequency ?? 'custom',
        feeType: input.feeType ?? 'quadratic',
        feeMultiplier: parseMultiplier(input.feeMultiplier ?? '1'),
        updatedMs: this.now(),
      };
      this.seriesByTicker.set(series.ticker, series);
      return series;
    });
  }

  /** Creates an event in an existing series. Throws `ALREADY_EXISTS`, `SERIES_NOT_FOUND`. */
  createEvent(input: EventInput): EventRecord {
    return this.op(() => {
      if (this.eventsByTicker.has(input.eventTicker)) {
        throw new MockExchangeError('ALREADY_EXISTS', `event ${input.eventTicker} already exists`, { value: input.eventTicker });
      }
      this.seriesOrThrow(input.seriesTicker);
      const event: EventRecord = {
        eventTicker: input.eventTicker,
        seriesTicker: input.seriesTicker,
        title: input.title ?? input.eventTicker,
        subTitle: input.subTitle ?? '',
        mutuallyExclusive: input.mutuallyExclusive ?? false,
        updatedMs: this.now(),
        marketTickers: [],
      };
      this.eventsByTicker.set(event.eventTicker, event);
      this.emit({ type: 'event_created', eventTicker: event.eventTicker });
      return event;
    });
  }

  /**
   * Creates a market in an existing event.
   * Throws `ALREADY_EXISTS`, `EVENT_NOT_FOUND`, `INVALID_PARAMETER` (price ranges), and
   * `FixedPointError` from the tick schedule.
   */
  createMarket(input: MarketInput): MarketRecord {
    return this.op(() => {
      if (this.marketsByTicker.has(input.ticker)) {
        throw new MockExchangeError('ALREADY_EXISTS', `market ${input.ticker} already exists`, { ticker: input.ticker });
      }
      const event = this.eventOrThrow(input.eventTicker);
      const series = this.seriesOrThrow(event.seriesTicker);
      const market = newMarket(input, series, this.newId(), this.now());
      this.marketsByTicker.set(market.ticker, market);
      event.marketTickers.push(market.ticker);
      this.lifecycle(market, 'created');
      if (market.status === 'active') this.lifecycle(market, 'activated');
      return market;
    });
  }

  /** Opens an `initialized` market for trading. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`. */
  openMarket(ticker: string): void {
    this.op(() => {
      const market = this.marketOrThrow(ticker);
      if (market.status !== 'initialized') {
        throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is ${market.status}`, { ticker });
      }
      market.status = 'active';
      this.lifecycle(market, 'activated');
    });
  }

  /** The series, or undefined. */
  getSeries(ticker: string): SeriesRecord | undefined {
    return this.seriesByTicker.get(ticker);
  }

  /** All series, in creation order. */
  listSeries(): SeriesRecord[] {
    return [...this.seriesByTicker.values()];
  }

  /** The event, or undefined. */
  getEvent(eventTicker: string): EventRecord | undefined {
    return this.eventsByTicker.get(eventTicker);
  }

  /** All events, in creation order. */
  listEvents(): EventRecord[] {
    return [...this.eventsByTicker.values()];
  }

  /** The market, or undefined. */
  getMarket(ticker: string): MarketRecord | undefined {
    return this.marketsByTicker.get(ticker);
  }

  /** All markets, in creation order. */
  listMarkets(): MarketRecord[] {
    return [...this.marketsByTicker.values()];
  }

  /**
   * Cancels every order whose expiration time has passed (`ExpiryCancel`). Mutating calls do this
   * first by themselves; transports call it before serving read-only views of the book.
   */
  expireOrders(): void {
    this.op(() => undefined);
  }

  // ---------------------------------------------------------------- users

  /**
   * Adds a user with `balance` dollars of cash.
   * @returns the user id (a UUID unless `userId` is given). Throws `ALREADY_EXISTS`.
   */
  addUser(input: { readonly userId?: string; readonly balance: Dollars }): string {
    const userId = input.userId ?? this.newId();
    if (this.accounts.has(userId)) {
      throw new MockExchangeError('ALREADY_EXISTS', `user ${userId} already exists`, { value: userId });
    }
    this.accounts.set(userId, new Account(userId, input.balance, this.now()));
    return userId;
  }

  /** The user's money. Throws `USER_NOT_FOUND`. */
  balance(userId: string): BalanceView {
    return this.op(() => {
      const account = this.accountOrThrow(userId);
      let positionsCost = Dollars.ZERO;
      for (const position of account.positions.values()) positionsCost = positionsCost.add(position.cost);
      return {
        available: account.available,
        cash: account.cash,
        reserved: account.reserved,
        positionsCost,
        updatedMs: account.updatedMs,
      };
    });
  }

  /** The user's positions, in the order the markets were first traded. Throws `USER_NOT_FOUND`. */
  positions(userId: string): Position[] {
    return this.op(() => [...this.accountOrThrow(userId).positions.values()]);
  }

  /** The user's fills, oldest first. Throws `USER_NOT_FOUND`. */
  fills(userId: string): readonly Fill[] {
    return this.op(() => this.accountOrThrow(userId).fills);
  }

  /** The user's settlements, oldest first. Throws `USER_NOT_FOUND`. */
  settlements(userId: string): readonly Settlement[] {
    return this.op(() => this.accountOrThrow(userId).settlements);
  }

  /** Every order the user placed, oldest first. Throws `USER_NOT_FOUND`. */
  orders(userId: string): readonly Order[] {
    return this.op(() => this.accountOrThrow(userId).orders);
  }

  /** One of the user's orders. Throws `ORDER_NOT_FOUND`. */
  getOrder(userId: string, orderId: string): Order {
    return this.op(() => this.ownedOrder(userId, orderId));
  }

  /** Contracts ahead of a resting order at its price level. Throws `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`. */
  queuePosition(userId: string, orderId: string): Contracts {
    return this.op(() => {
      const order = this.restingOrder(userId, orderId);
      return this.marketOrThrow(order.ticker).book.ladder(order.side).aheadOf(order);
    });
  }

  // ---------------------------------------------------------------- market data

  /** Book levels in ascending YES price. Read-only (safe inside listeners). Throws `MARKET_NOT_FOUND`. */
  orderbook(ticker: string): { readonly bids: LevelView[]; readonly asks: LevelView[] } {
    const { book } = this.marketOrThrow(ticker);
    const view = (levels: BookLevel[]): LevelView[] => levels.map((l) => ({ price: l.price, size: l.total }));
    return { bids: view(book.bids.ascending()), asks: view(book.asks.ascending()) };
  }

  /** Best bid and ask levels, if any. Read-only. Throws `MARKET_NOT_FOUND`. */
  topOfBook(ticker: string): { readonly bid: LevelView | undefined; readonly ask: LevelView | undefined } {
    const { book } = this.marketOrThrow(ticker);
    const level = (l: BookLevel | undefined): LevelView | undefined => (l === undefined ? undefined : { price: l.price, size: l.total });
    return { bid: level(book.bids.best()), ask: level(book.asks.best()) };
  }

  /** Contracts of YES held across all users (each YES contract is matched by one NO). Read-only. */
  openInterest(ticker: string): Contracts {
    let total = Contracts.ZERO;
    for (const account of this.accounts.values()) {
      const net = account.positions.get(ticker)?.net;
      if (net !== undefined && net.outcome === 'yes') total = total.add(net.count);
    }
    return total;
  }

  /** Public trades across all markets, oldest first. */
  trades(): Trade[] {
    const all: Trade[] = [];
    for (const market of this.marketsByTicker.values()) all.push(...market.trades);
    return all.sort((a, b) => a.createdMs - b.createdMs);
  }

  // ---------------------------------------------------------------- orders

  /**
   * Places an order and matches it against the book (Create Order V2).
   * Throws `MARKET_NOT_FOUND`, `TRADING_PAUSED`, `MARKET_NOT_OPEN`, `INVALID_ORDER`, `INVALID_PRICE`,
   * `REDUCE_ONLY_REQUIRES_IOC`, `DUPLICATE_CLIENT_ORDER_ID`, `ORDER_GROUP_NOT_FOUND`,
   * `ORDER_GROUP_TRIGGERED`, `POST_ONLY_CROSS`, `INSUFFICIENT_BALANCE`, `USER_NOT_FOUND`.
   */
  placeOrder(userId: string, input: PlaceOrderInput): ExecutionResult {
    return this.op(() => {
      const account = this.accountOrThrow(userId);
      const market = this.tradableMarket(input.ticker);
      const now = this.now();
      if (input.count.isZero()) {
        throw new MockExchangeError('INVALID_ORDER', 'count must be at least 0.01', { field: 'count', value: input.count.toWire() });
      }
      this.checkPrice(market, input.price);
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
      this.checkClientOrderId(account, clientOrderId, undefined);
      const group = input.orderGroupId === undefined ? undefined : this.groupForOrder(userId, input.orderGroupId);
      if (postOnly && this.wouldCross(market, input.side, input.price)) {
        throw new MockExchangeError('POST_ONLY_CROSS', 'post only cross', { ticker: input.ticker });
      }
      if (!reduceOnly) this.checkBalance(account, market, input.side, input.price, input.count, Dollars.ZERO);

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
      this.ordersById.set(order.orderId, order);
      group?.orderIdSet.add(order.orderId);

      const execution: Execution = { fillCount: Contracts.ZERO, fillNotional: Dollars.ZERO, fees: Dollars.ZERO };
      if (reduceOnly) {
        const position = account.positions.get(market.ticker)?.net;
        const closes: OutcomeSide = order.side === 'bid' ? 'no' : 'yes';
        const closable = position !== undefined && position.outcome === closes ? position.count : Contracts.ZERO;
        if (closable.lt(order.remaining)) {
          order.remaining = closable;
          order.lastUpdateReason = 'ReduceOnlyCancel';
        }
      }
      // Kalshi treats an expiry already in the past as immediate-or-cancel.
      const immediate =
        order.timeInForce !== 'good_till_canceled' || (order.expirationMs !== undefined && order.expirationMs <= now);
      if (order.timeInForce === 'fill_or_kill' && this.fillable(order, market).lt(order.remaining)) {
        order.remaining = Contracts.ZERO;
      }
      const outcome = order.remaining.isZero() ? 'done' : this.match(order, market, execution);
      this.finishTaker(order, market, account, outcome, immediate);
      return this.result(order, execution);
    });
  }

  /**
   * Cancels a resting order (Cancel Order V2).
   * @returns the order and the contracts taken off the book. Throws `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`.
   */
  cancelOrder(userId: string, orderId: string): { readonly order: Order; readonly reducedBy: Contracts; readonly tsMs: number } {
    return this.op(() => {
      const order = this.restingOrder(userId, orderId);
      const reducedBy = this.cancelResting(order, undefined);
      return { order, reducedBy, tsMs: this.now() };
    });
  }

  /** Cancels every resting order of the user, or of one subaccount (Cancel All Orders). */
  cancelAll(userId: string, subaccount?: number): Order[] {
    return this.op(() => {
      const account = this.accountOrThrow(userId);
      const canceled: Order[] = [];
      for (const order of [...account.resting]) {
        if (subaccount !== undefined && order.subaccount !== subaccount) continue;
        this.cancelResting(order, undefined);
        canceled.push(order);
      }
      return canceled;
    });
  }

  /**
   * Decreases a resting order's remaining count, keeping its queue position (Decrease Order V2).
   * Throws `INVALID_PARAMETER`, `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`.
   */
  decreaseOrder(userId: string, orderId: string, input: DecreaseOrderInput): { readonly order: Order; readonly tsMs: number } {
    return this.op(() => {
      if ((input.reduceBy === undefined) === (input.reduceTo === undefined)) {
        throw new MockExchangeError('INVALID_PARAMETER', 'exactly one of reduce_by and reduce_to is required', { field: 'reduce_by' });
      }
      const order = this.restingOrder(userId, orderId);
      let target: Contracts;
      if (input.reduceBy !== undefined) {
        target = input.reduceBy.gte(order.remaining) ? Contracts.ZERO : order.remaining.sub(input.reduceBy);
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
        this.cancelResting(order, 'Decrease');
      } else {
        this.resize(order, target, 'Decrease');
      }
      return { order, tsMs: this.now() };
    });
  }

  /**
   * Amends price, total count and/or expiry (Amend Order V2, and FIX OrderCancelReplaceRequest). A
   * lower count keeps queue position; a new price or a higher count goes to the back of the queue
   * and may trade; a count equal to the filled count cancels the order (`/fix/order-entry`), one
   * below it is refused.
   * Throws `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`, `INVALID_PARAMETER`, `INVALID_ORDER`,
   * `INVALID_PRICE`, `POST_ONLY_CROSS`, `DUPLICATE_CLIENT_ORDER_ID`, `INSUFFICIENT_BALANCE`,
   * `TRADING_PAUSED`, `MARKET_NOT_OPEN`.
   */
  amendOrder(userId: string, orderId: string, input: AmendOrderInput): ExecutionResult {
    return this.op(() => {
      const order = this.restingOrder(userId, orderId);
      const account = this.accountOrThrow(userId);
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
      const market = this.tradableMarket(order.ticker);
      this.checkPrice(market, input.price);
      if (input.count.lt(order.filled)) {
        throw new MockExchangeError('INVALID_ORDER', 'count must not be below the filled count', {
          field: 'count',
          value: input.count.toWire(),
          orderId,
        });
      }
      if (input.updatedClientOrderId !== undefined) this.checkClientOrderId(account, input.updatedClientOrderId, order);
      const remaining = input.count.sub(order.filled);
      const reprice = !remaining.isZero() && (!input.price.eq(order.price) || remaining.gt(order.remaining));
      const execution: Execution = { fillCount: Contracts.ZERO, fillNotional: Dollars.ZERO, fees: Dollars.ZERO };
      if (reprice) {
        if (order.postOnly && this.wouldCross(market, order.side, input.price)) {
          throw new MockExchangeError('POST_ONLY_CROSS', 'post only cross', { ticker: order.ticker, orderId });
        }
        const held = unitCost(order.side, order.price).times(order.remaining);
        this.checkBalance(account, market, order.side, input.price, remaining, held);
      }
      if (input.updatedClientOrderId !== undefined) {
        order.clientOrderId = input.updatedClientOrderId;
        account.useClientOrderId(input.updatedClientOrderId);
      }
      if (input.expirationMs !== undefined) {
        order.expirationMs = input.expirationMs ?? undefined;
        if (order.expirationMs === undefined) this.expiring.delete(order);
        else this.expiring.add(order);
      }
      order.initialCount = input.count;
      // FIX Order Cancel/Replace: a new total equal to the filled quantity cancels the order.
      if (remaining.isZero()) {
        this.cancelResting(order, 'Amend');
        return this.result(order, execution);
      }
      if (!reprice) {
        this.resize(order, remaining, 'Amend');
        return this.result(order, execution);
      }
      this.takeOffBook(order);
      order.price = input.price;
      order.remaining = remaining;
      order.lastUpdateReason = 'Amend';
      order.updatedMs = this.now();
      const outcome = this.match(order, market, execution);
      this.finishTaker(order, market, account, outcome, false);
      return this.result(order, execution);
    });
  }

  // ---------------------------------------------------------------- order groups

  /** Creates an order group with a rolling 15-second contract limit. Throws `INVALID_PARAMETER`, `USER_NOT_FOUND`. */
  createOrderGroup(userId: string, input: { readonly limit: Contracts; readonly subaccount?: number }): OrderGroup {
    return this.op(() => {
      this.accountOrThrow(userId);
      if (input.limit.isZero()) {
        throw new MockExchangeError('INVALID_PARAMETER', 'contracts_limit must be positive', { field: 'contracts_limit' });
      }
      const group = new OrderGroupState(this.newId(), userId, input.subaccount ?? 0, input.limit);
      this.groups.set(group.groupId, group);
      this.groupEvent(group, 'created', group.limit);
      return group;
    });
  }

  /** One of the user's order groups. Throws `ORDER_GROUP_NOT_FOUND`. */
  getOrderGroup(userId: string, groupId: string): OrderGroup {
    return this.op(() => this.ownedGroup(userId, groupId));
  }

  /** The user's order groups, oldest first. */
  listOrderGroups(userId: string): OrderGroup[] {
    return this.op(() => [...this.groups.values()].filter((g) => g.userId === userId));
  }

  /** Deletes a group and cancels its resting orders. Throws `ORDER_GROUP_NOT_FOUND`. */
  deleteOrderGroup(userId: string, groupId: string): void {
    this.op(() => {
      const group = this.ownedGroup(userId, groupId);
      this.cancelGroupOrders(group);
      this.groups.delete(groupId);
      this.groupEvent(group, 'deleted', undefined);
    });
  }

  /** Clears the group's matched-contracts window so its orders may trade again. Throws `ORDER_GROUP_NOT_FOUND`. */
  resetOrderGroup(userId: string, groupId: string): void {
    this.op(() => {
      const group = this.ownedGroup(userId, groupId);
      group.reset();
      this.groupEvent(group, 'reset', undefined);
    });
  }

  /** Triggers the group by hand: cancels its orders and blocks new ones until a reset. Throws `ORDER_GROUP_NOT_FOUND`. */
  triggerOrderGroup(userId: string, groupId: string): void {
    this.op(() => this.trigger(this.ownedGroup(userId, groupId)));
  }

  /**
   * Sets a new contract limit; when the contracts matched in the last 15 seconds already reach it,
   * the group is triggered at once (its orders canceled, new ones refused until a reset).
   * Throws `ORDER_GROUP_NOT_FOUND`, `INVALID_PARAMETER`.
   */
  updateOrderGroupLimit(userId: string, groupId: string, limit: Contracts): void {
    this.op(() => {
      const group = this.ownedGroup(userId, groupId);
      if (limit.isZero()) {
        throw new MockExchangeError('INVALID_PARAMETER', 'contracts_limit must be positive', { field: 'contracts_limit' });
      }
      group.limit = limit;
      this.groupEvent(group, 'limit_updated', limit);
      // A limit the rolling window already reaches triggers the group at once (Update Order Group Limit).
      if (!group.triggered && group.room(this.now()).isZero()) this.trigger(group);
    });
  }

  // ---------------------------------------------------------------- exchange control

  /** True unless trading is paused exchange-wide. */
  isTradingActive(): boolean {
    return this.tradingActive;
  }

  /** Pauses or resumes trading on the whole exchange; pausing cancels `cancel_order_on_pause` orders. */
  setTradingActive(active: boolean): void {
    this.op(() => {
      this.tradingActive = active;
      if (!active) {
        for (const order of [...this.ordersById.values()]) {
          if (order.status === 'resting' && order.cancelOnPause) this.cancelResting(order, 'HaltCancel');
        }
      }
    });
  }

  /** Pauses (status `inactive`) or resumes one market. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`. */
  setMarketPaused(ticker: string, paused: boolean): void {
    this.op(() => {
      const market = this.marketOrThrow(ticker);
      const from = paused ? 'active' : 'inactive';
      if (market.status !== from) {
        throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is ${market.status}`, { ticker });
      }
      market.status = paused ? 'inactive' : 'active';
      market.updatedMs = this.now();
      if (paused) {
        for (const order of this.restingIn(market)) if (order.cancelOnPause) this.cancelResting(order, 'HaltCancel');
      }
      this.lifecycle(market, paused ? 'deactivated' : 'activated');
    });
  }

  /**
   * Determines and settles a market: cancels its resting orders, pays $1 per winning contract,
   * records a settlement for every user who traded it. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`.
   */
  settleMarket(ticker: string, result: OutcomeSide): void {
    this.op(() => {
      const market = this.marketOrThrow(ticker);
      if (market.status === 'determined' || market.status === 'finalized') {
        throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is already settled`, { ticker });
      }
      for (const order of this.restingIn(market)) this.cancelResting(order, 'CloseCancel');
      const now = this.now();
      market.status = 'determined';
      market.result = result;
      market.determinedMs = now;
      market.closeMs = Math.min(market.closeMs, now);
      this.lifecycle(market, 'determined');
      for (const account of this.accounts.values()) {
        const position = account.positions.get(ticker);
        if (position === undefined || position.volume.isZero()) continue;
        const settlement = position.settle(result, now);
        account.cash = account.cash.add(settlement.revenue);
        account.updatedMs = now;
        account.settlements.push(settlement);
        this.emit({ type: 'position', userId: account.userId, position, subaccount: 0 });
      }
      market.status = 'finalized';
      market.settledMs = now;
      this.lifecycle(market, 'settled');
    });
  }

  /**
   * Records a public trade that no user took part in (for testing market-data consumers).
   * Throws `MARKET_NOT_FOUND`, `INVALID_PRICE`, `INVALID_ORDER`.
   */
  injectTrade(input: InjectTradeInput): Trade {
    return this.op(() => {
      const market = this.marketOrThrow(input.ticker);
      this.checkPrice(market, input.price);
      if (input.count.isZero()) {
        throw new MockExchangeError('INVALID_ORDER', 'count must be at least 0.01', { field: 'count' });
      }
      return this.recordTrade(market, input.price, input.count, input.takerSide);
    });
  }

  // ---------------------------------------------------------------- internals

  private op<T>(fn: () => T): T {
    this.sweepExpired();
    try {
      return fn();
    } finally {
      for (const ticker of this.touched) this.emit({ type: 'market_stats', ticker, tsMs: this.now() });
      this.touched.clear();
    }
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private sweepExpired(): void {
    if (this.expiring.size === 0) return;
    const now = this.now();
    for (const order of this.expiring) {
      if (order.expirationMs !== undefined && order.expirationMs <= now) this.cancelResting(order, 'ExpiryCancel');
    }
  }

  private lifecycle(market: MarketRecord, eventType: MarketLifecycleType): void {
    this.emit({ type: 'market_lifecycle', ticker: market.ticker, eventType, tsMs: this.now() });
  }

  private groupEvent(group: OrderGroupState, eventType: OrderGroupEventType, limit: Contracts | undefined): void {
    this.emit({ type: 'order_group', userId: group.userId, groupId: group.groupId, eventType, limit, tsMs: this.now() });
  }

  private seriesOrThrow(ticker: string): SeriesRecord {
    const series = this.seriesByTicker.get(ticker);
    if (series === undefined) throw new MockExchangeError('SERIES_NOT_FOUND', `no series ${ticker}`, { value: ticker });
    return series;
  }

  private eventOrThrow(eventTicker: string): EventRecord {
    const event = this.eventsByTicker.get(eventTicker);
    if (event === undefined) throw new MockExchangeError('EVENT_NOT_FOUND', `no event ${eventTicker}`, { value: eventTicker });
    return event;
  }

  private marketOrThrow(ticker: string): MarketRecord {
    const market = this.marketsByTicker.get(ticker);
    if (market === undefined) throw new MockExchangeError('MARKET_NOT_FOUND', `no market ${ticker}`, { ticker });
    return market;
  }

  private accountOrThrow(userId: string): Account {
    const account = this.accounts.get(userId);
    if (account === undefined) throw new MockExchangeError('USER_NOT_FOUND', `no user ${userId}`, { value: userId });
    return account;
  }

  private ownedOrder(userId: string, orderId: string): OrderRecord {
    const order = this.ordersById.get(orderId);
    if (order === undefined || order.userId !== userId) {
      throw new MockExchangeError('ORDER_NOT_FOUND', `no order ${orderId}`, { orderId });
    }
    return order;
  }

  private restingOrder(userId: string, orderId: string): OrderRecord {
    const order = this.ownedOrder(userId, orderId);
    if (order.status !== 'resting') {
      throw new MockExchangeError('ORDER_NOT_RESTING', `order ${orderId} is ${order.status}`, { orderId });
    }
    return order;
  }

  private ownedGroup(userId: string, groupId: string): OrderGroupState {
    const group = this.groups.get(groupId);
    if (group === undefined || group.userId !== userId) {
      throw new MockExchangeError('ORDER_GROUP_NOT_FOUND', `no order group ${groupId}`, { value: groupId });
    }
    return group;
  }

  private groupForOrder(userId: string, groupId: string): OrderGroupState {
    const group = this.ownedGroup(userId, groupId);
    if (group.triggered) {
      throw new MockExchangeError('ORDER_GROUP_TRIGGERED', `order group ${groupId} hit its limit; reset it first`, {
        field: 'order_group_id',
        value: groupId,
      });
    }
    return group;
  }

  private tradableMarket(ticker: string): MarketRecord {
    const market = this.marketOrThrow(ticker);
    if (!this.tradingActive) throw new MockExchangeError('TRADING_PAUSED', 'trading is paused', { ticker });
    if (market.status !== 'active') {
      throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is ${market.status}`, { ticker });
    }
    return market;
  }

  private checkPrice(market: MarketRecord, price: Dollars): void {
    if (price.lte(Dollars.ZERO) || price.gte(Dollars.ONE) || !market.ticks.isValidPrice(price)) {
      throw new MockExchangeError('INVALID_PRICE', `price ${price.toWire()} is not a valid tick of ${market.ticker}`, {
        field: 'price',
        value: price.toWire(),
        ticker: market.ticker,
      });
    }
  }

  /**
   * Kalshi rejects any resubmission of a `client_order_id` the user has used before, whatever became
   * of that order (`/getting_started/quick_start_create_order`). `except` may keep its own id.
   */
  private checkClientOrderId(account: Account, clientOrderId: string, except: OrderRecord | undefined): void {
    if (clientOrderId === '' || except?.clientOrderId === clientOrderId) return;
    if (account.hasUsedClientOrderId(clientOrderId)) {
      throw new MockExchangeError('DUPLICATE_CLIENT_ORDER_ID', 'client_order_id was already used by an order of this user', {
        field: 'client_order_id',
        value: clientOrderId,
      });
    }
  }

  /** Requires cash for the order's full cost plus the taker fee at its limit price; `held` is money the order already holds. */
  private checkBalance(account: Account, market: MarketRecord, side: BookSide, price: Dollars, count: Contracts, held: Dollars): void {
    const fee = this.tradeFee(market, price, count, true);
    const needed = unitCost(side, price).times(count).add(fee);
    if (account.available.add(held).lt(needed)) {
      throw new MockExchangeError('INSUFFICIENT_BALANCE', 'insufficient balance', { ticker: market.ticker });
    }
  }

  private tradeFee(market: MarketRecord, price: Dollars, count: Contracts, isTaker: boolean): Dollars {
    const series = this.seriesOrThrow(market.seriesTicker);
    return tradeFee({ price, count, isTaker, multiplier: series.feeMultiplier, feeType: series.feeType });
  }

  private wouldCross(market: MarketRecord, side: BookSide, price: Dollars): boolean {
    const best = market.book.opposite(side).best();
    return best !== undefined && crosses(side, price, best.price);
  }

  private restingIn(market: MarketRecord): OrderRecord[] {
    return [...market.book.bids.ascending(), ...market.book.asks.ascending()].flatMap((level) => [...level.orders]);
  }

  /**
   * Contracts a fill-or-kill order could take now, under the same group rules as {@link match}.
   * The caller's own resting orders count: Kalshi checks the book first and applies self-trade
   * prevention during execution, keeping the fills made before a self-cross (`/changelog/index`).
   */
  private fillable(order: OrderRecord, market: MarketRecord): Contracts {
    const now = this.now();
    const rooms = new Map<OrderGroupState, Contracts>();
    let total = Contracts.ZERO;
    levels: for (const level of market.book.opposite(order.side).bestFirst()) {
      if (!crosses(order.side, order.price, level.price)) break;
      for (const maker of level.orders) {
        let qty = maker.remaining;
        const group = maker.orderGroupId === undefined ? undefined : this.groups.get(maker.orderGroupId);
        if (group !== undefined) {
          const room = rooms.get(group) ?? group.room(now);
          qty = qty.min(room);
          rooms.set(group, room.sub(qty));
        }
        total = total.add(qty);
        if (total.gte(order.remaining)) break levels;
      }
    }
    const own = order.orderGroupId === undefined ? undefined : this.groups.get(order.orderGroupId);
    return own === undefined ? total : total.min(own.room(now));
  }

  private match(taker: OrderRecord, market: MarketRecord, execution: Execution): MatchOutcome {
    const ladder = market.book.opposite(taker.side);
    const takerGroup = taker.orderGroupId === undefined ? undefined : this.groups.get(taker.orderGroupId);
    while (!taker.remaining.isZero()) {
      if (takerGroup?.triggered) return 'group';
      const level = ladder.best();
      if (level === undefined || !crosses(taker.side, taker.price, level.price)) return 'done';
      const maker = level.orders[0]!;
      if (maker.userId === taker.userId) {
        if (taker.selfTradePrevention === 'taker_at_cross') return 'self_trade';
        this.cancelResting(maker, 'SelfTradeCancel');
        continue;
      }
      const now = this.now();
      let qty = taker.remaining.min(maker.remaining);
      if (takerGroup !== undefined) {
        const room = takerGroup.room(now);
        if (room.isZero()) {
          this.trigger(takerGroup);
          return 'group';
        }
        qty = qty.min(room);
      }
      const makerGroup = maker.orderGroupId === undefined ? undefined : this.groups.get(maker.orderGroupId);
      if (makerGroup !== undefined) {
        const room = makerGroup.room(now);
        if (room.isZero()) {
          this.trigger(makerGroup);
          continue;
        }
        qty = qty.min(room);
      }
      this.execute(taker, maker, qty, market, execution);
      if (makerGroup !== undefined && makerGroup.room(now).isZero()) this.trigger(makerGroup);
      if (takerGroup !== undefined && takerGroup.room(now).isZero()) {
        this.trigger(takerGroup);
        return taker.remaining.isZero() ? 'done' : 'group';
      }
    }
    return 'done';
  }

  private execute(taker: OrderRecord, maker: OrderRecord, qty: Contracts, market: MarketRecord, execution: Execution): void {
    const price = maker.price;
    const ladder = market.book.ladder(maker.side);
    ladder.shrink(maker, qty);
    const makerAccount = this.accountOrThrow(maker.userId);
    makerAccount.releasePart(maker, qty);
    maker.remaining = maker.remaining.sub(qty);
    if (maker.remaining.isZero()) {
      ladder.remove(maker);
      makerAccount.release(maker);
      this.expiring.delete(maker);
      maker.status = 'executed';
    }
    taker.remaining = taker.remaining.sub(qty);
    this.emitBookDelta(market.ticker, maker.side, price, qty, -1, taker, this.now());
    const notional = price.times(qty);
    const trade = this.recordTrade(market, price, qty, taker.side, notional);
    const takerFill = this.fillOrder(taker, market, price, qty, true, trade.tradeId);
    const makerFill = this.fillOrder(maker, market, price, qty, false, trade.tradeId);
    execution.fillCount = execution.fillCount.add(qty);
    execution.fillNotional = execution.fillNotional.add(notional);
    execution.fees = execution.fees.add(takerFill.fee);
    this.emit({ type: 'fill', fill: takerFill });
    this.emit({ type: 'fill', fill: makerFill });
    this.emitPosition(taker);
    this.emitPosition(maker);
    this.emit({ type: 'order', order: maker });
  }

  /** Records a public trade; `notional` is `price × count`, dollars. */
  private recordTrade(market: MarketRecord, price: Dollars, count: Contracts, takerSide: BookSide, notional = price.times(count)): Trade {
    const trade: Trade = { tradeId: this.newId(), ticker: market.ticker, price, count, takerSide, createdMs: this.now() };
    market.trades.push(trade);
    market.lastPrice = price;
    market.lastTradeSize = count;
    market.volume = market.volume.add(count);
    market.dollarVolume = market.dollarVolume.add(notional);
    this.touched.add(market.ticker);
    this.emit({ type: 'trade', trade });
    return trade;
  }

  private fillOrder(order: OrderRecord, market: MarketRecord, price: Dollars, qty: Contracts, isTaker: boolean, tradeId: string): Fill {
    const now = this.now();
    const cost = unitCost(order.side, price).times(qty);
    const fees = roundFill(cost, this.tradeFee(market, price, qty, isTaker), order.roundingAccumulated);
    order.roundingAccumulated = fees.accumulated;
    const fee = fees.netFee;
    const account = this.accountOrThrow(order.userId);
    const position = account.position(market.ticker, market.eventTicker, now);
    account.cash = account.cash.add(position.applyFill(order.side, price, qty, cost, fee, now));
    account.updatedMs = now;
    order.filled = order.filled.add(qty);
    if (isTaker) {
      order.takerFillCost = order.takerFillCost.add(cost);
      order.takerFees = order.takerFees.add(fee);
    } else {
      order.makerFillCost = order.makerFillCost.add(cost);
      order.makerFees = order.makerFees.add(fee);
    }
    order.updatedMs = now;
    order.lastUpdateReason = 'Trade';
    if (order.orderGroupId !== undefined) this.groups.get(order.orderGroupId)?.record(qty, now);
    const fill: Fill = {
      fillId: this.newId(),
      tradeId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      userId: order.userId,
      ticker: market.ticker,
      side: order.side,
      price,
      count: qty,
      isTaker,
      fee,
      tradeFee: fees.tradeFee,
      roundingFee: fees.roundingFee,
      rebate: fees.rebate,
      createdMs: now,
      postPosition: position.net,
      subaccount: order.subaccount,
    };
    account.fills.push(fill);
    return fill;
  }

  private emitPosition(order: OrderRecord): void {
    const position = this.accountOrThrow(order.userId).positions.get(order.ticker) as PositionState;
    this.emit({ type: 'position', userId: order.userId, position, subaccount: order.subaccount });
  }

  /** After matching: cancel what may not rest, or put the rest on the book. */
  private finishTaker(order: OrderRecord, market: MarketRecord, account: Account, outcome: MatchOutcome, immediate: boolean): void {
    const now = this.now();
    order.updatedMs = now;
    if (order.remaining.isZero()) {
      order.status = order.filled.isZero() ? 'canceled' : 'executed';
    } else if (outcome !== 'done' || immediate) {
      order.remaining = Contracts.ZERO;
      order.status = 'canceled';
      if (outcome === 'self_trade') order.lastUpdateReason = 'SelfTradeCancel';
    } else {
      order.status = 'resting';
      market.book.ladder(order.side).add(order);
      account.hold(order);
      if (order.expirationMs !== undefined) this.expiring.add(order);
      this.touched.add(market.ticker);
      this.emitBookDelta(market.ticker, order.side, order.price, order.remaining, 1, order, now);
    }
    this.emit({ type: 'order', order });
  }

  /** Takes a resting order's remaining size off the book without changing its status. */
  private takeOffBook(order: OrderRecord): void {
    const market = this.marketOrThrow(order.ticker);
    market.book.ladder(order.side).remove(order);
    this.accountOrThrow(order.userId).release(order);
    this.touched.add(market.ticker);
    this.emitBookDelta(market.ticker, order.side, order.price, order.remaining, -1, order, this.now());
  }

  /** A level of `ticker`'s book changed by `sign × delta` contracts, because of order `cause`. */
  private emitBookDelta(ticker: string, side: BookSide, price: Dollars, delta: Contracts, sign: 1 | -1, cause: OrderRecord, tsMs: number): void {
    this.emit({
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

  /** Cancels a resting order. @returns the contracts taken off the book. */
  private cancelResting(order: OrderRecord, reason: UpdateReason | undefined): Contracts {
    const removed = order.remaining;
    this.takeOffBook(order);
    this.expiring.delete(order);
    order.remaining = Contracts.ZERO;
    order.status = 'canceled';
    order.updatedMs = this.now();
    order.lastUpdateReason = reason;
    this.emit({ type: 'order', order });
    return removed;
  }

  /** Lowers a resting order's remaining count in place, keeping its queue position. */
  private resize(order: OrderRecord, remaining: Contracts, reason: UpdateReason): void {
    const market = this.marketOrThrow(order.ticker);
    const shrinkBy = order.remaining.sub(remaining);
    market.book.ladder(order.side).shrink(order, shrinkBy);
    this.accountOrThrow(order.userId).releasePart(order, shrinkBy);
    order.remaining = remaining;
    order.updatedMs = this.now();
    order.lastUpdateReason = reason;
    if (!shrinkBy.isZero()) {
      this.touched.add(market.ticker);
      this.emitBookDelta(market.ticker, order.side, order.price, shrinkBy, -1, order, this.now());
    }
    this.emit({ type: 'order', order });
  }

  private trigger(group: OrderGroupState): void {
    group.triggered = true;
    this.cancelGroupOrders(group);
    this.groupEvent(group, 'triggered', undefined);
  }

  private cancelGroupOrders(group: OrderGroupState): void {
    for (const orderId of group.orderIdSet) {
      const order = this.ordersById.get(orderId);
      // An order mid-match is not on the book yet; the matching loop cancels it itself.
      if (order !== undefined && this.accountOrThrow(order.userId).resting.has(order)) this.cancelResting(order, undefined);
    }
  }

  private result(order: OrderRecord, execution: Execution): ExecutionResult {
    return { order, ...execution, tsMs: this.now() };
  }
}

/** A series' fee multiplier: a decimal string of at least 0 with at most 4 decimals. */
function parseMultiplier(wire: string): Dollars {
  let multiplier: Dollars;
  try {
    multiplier = Dollars.parse(wire, 'fee_multiplier');
  } catch {
    throw new MockExchangeError('INVALID_PARAMETER', 'fee_multiplier must be a decimal string', { field: 'fee_multiplier', value: wire });
  }
  if (multiplier.isNegative()) {
    throw new MockExchangeError('INVALID_PARAMETER', 'fee_multiplier must not be negative', { field: 'fee_multiplier', value: wire });
  }
  return multiplier;
}
