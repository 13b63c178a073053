import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { OrderRecord } from './order-record.js';
import { unitCost } from './order-record.js';
import { MockExchangeError } from '../errors.js';
import type { BookSide, Fill, NetPosition, OutcomeSide, Position, Settlement } from './types.js';

interface Lot {
  count: Contracts;
  /** Dollars paid per contract. */
  unit: Dollars;
}

/**
 * A user's position in one market, kept as FIFO lots of one outcome so cost basis and realized
 * P&L stay exact without division. Buying the opposite outcome nets pairs into $1 each. The open
 * count and cost basis are running totals of the lots, since every fill reads them.
 */
export class PositionState implements Position {
  outcome: OutcomeSide = 'yes';
  private lots: Lot[] = [];
  private openCount = Contracts.ZERO;
  private openCost = Dollars.ZERO;
  realizedPnl = Dollars.ZERO;
  feesPaid = Dollars.ZERO;
  totalTraded = Dollars.ZERO;
  volume = Contracts.ZERO;
  lastUpdatedMs: number;

  constructor(
    readonly ticker: string,
    readonly eventTicker: string,
    nowMs: number,
  ) {
    this.lastUpdatedMs = nowMs;
  }

  /** Open contracts. */
  get count(): Contracts {
    return this.openCount;
  }

  get net(): NetPosition {
    const count = this.count;
    return { outcome: count.isZero() ? 'yes' : this.outcome, count };
  }

  /** Cost basis of the open contracts, dollars. */
  get cost(): Dollars {
    return this.openCost;
  }

  /**
   * Books a fill of `qty` contracts bought on `side` at YES price `price` for `spent` dollars (their
   * unit cost times `qty`, which the caller has already computed), with `fee` charged.
   * @returns the change to the owner's cash, dollars (negative when money is spent).
   */
  applyFill(side: BookSide, price: Dollars, qty: Contracts, spent: Dollars, fee: Dollars, nowMs: number): Dollars {
    const unit = unitCost(side, price);
    const bought: OutcomeSide = side === 'bid' ? 'yes' : 'no';
    let cash = spent.add(fee).neg();
    this.totalTraded = this.totalTraded.add(spent);
    this.volume = this.volume.add(qty);
    this.feesPaid = this.feesPaid.add(fee);
    this.lastUpdatedMs = nowMs;
    const open = this.count;
    if (!open.isZero() && this.outcome !== bought) {
      const netted = qty.min(open);
      const costRemoved = this.consume(netted);
      // Each YES+NO pair pays out $1 at once.
      const payout = Dollars.ONE.times(netted);
      cash = cash.add(payout);
      this.realizedPnl = this.realizedPnl.add(payout).sub(unit.times(netted)).sub(costRemoved);
      const rest = qty.sub(netted);
      if (!rest.isZero()) {
        this.outcome = bought;
        this.addLot({ count: rest, unit });
      }
    } else {
      this.outcome = bought;
      this.addLot({ count: qty, unit });
    }
    return cash;
  }

  /**
   * Settles the position at `result` and empties it.
   * @returns the settlement record (revenue is what the caller credits to cash).
   */
  settle(result: OutcomeSide, nowMs: number): Settlement {
    const { outcome, count } = this.net;
    const cost = this.cost;
    const revenue = outcome === result ? Dollars.ONE.times(count) : Dollars.ZERO;
    this.realizedPnl = this.realizedPnl.add(revenue).sub(cost);
    this.lots = [];
    this.openCount = Contracts.ZERO;
    this.openCost = Dollars.ZERO;
    this.lastUpdatedMs = nowMs;
    return {
      ticker: this.ticker,
      eventTicker: this.eventTicker,
      result,
      yesCount: outcome === 'yes' ? count : Contracts.ZERO,
      yesCost: outcome === 'yes' ? cost : Dollars.ZERO,
      noCount: outcome === 'no' ? count : Contracts.ZERO,
      noCost: outcome === 'no' ? cost : Dollars.ZERO,
      revenue,
      feeCost: this.feesPaid,
      settledMs: nowMs,
    };
  }

  private addLot(lot: Lot): void {
    this.lots.push(lot);
    this.openCount = this.openCount.add(lot.count);
    this.openCost = this.openCost.add(lot.unit.times(lot.count));
  }

  /** Closes `qty` contracts, oldest lots first. @returns their cost basis, dollars. */
  private consume(qty: Contracts): Dollars {
    let left = qty;
    let cost = Dollars.ZERO;
    while (!left.isZero()) {
      const lot = this.lots[0]!;
      const take = left.min(lot.count);
      cost = cost.add(lot.unit.times(take));
      lot.count = lot.count.sub(take);
      left = left.sub(take);
      if (lot.count.isZero()) this.lots.shift();
    }
    this.openCount = this.openCount.sub(qty);
    this.openCost = this.openCost.sub(cost);
    return cost;
  }
}

/**
 * A user of the simulated exchange: cash, positions, orders, fills and settlements.
 *
 * Resting orders hold money: each its unit cost times its remaining count. The total is kept as
 * a running sum, updated by {@link hold}, {@link release} and {@link releasePart} as orders go
 * on the book, fill, shrink or leave it, so reading it costs nothing however many orders rest.
 */
export class Account {
  /** Cash, dollars, before money held for resting orders. */
  cash: Dollars;
  readonly positions = new Map<string, PositionState>();
  /** Every order the user placed, oldest first. */
  readonly orders: OrderRecord[] = [];
  readonly fills: Fill[] = [];
  readonly settlements: Settlement[] = [];
  updatedMs: number;
  private readonly restingSet = new Set<OrderRecord>();
  private readonly clientOrderIds = new Set<string>();
  private held = Dollars.ZERO;

  constructor(
    readonly userId: string,
    cash: Dollars,
    nowMs: number,
  ) {
    this.cash = cash;
    this.updatedMs = nowMs;
  }

  /** The user's orders on the book. Change it only through {@link hold} and {@link release}. */
  get resting(): ReadonlySet<OrderRecord> {
    return this.restingSet;
  }

  /**
   * Dollars held for resting orders: each holds its unit cost times its remaining count, and the
   * total is rounded up to the cent, so that the balance left free stays a whole number of cents
   * (`/getting_started/fee_rounding`: balances are exact multiples of $0.01).
   */
  get reserved(): Dollars {
    return this.held.decimals() <= 2 ? this.held : this.held.round(2, 'ceil');
  }

  /** Cash free for new orders, dollars. */
  get available(): Dollars {
    return this.cash.sub(this.reserved);
  }

  /** True once an order of this user carried `clientOrderId`, whatever became of it. */
  hasUsedClientOrderId(clientOrderId: string): boolean {
    return this.clientOrderIds.has(clientOrderId);
  }

  /** Records a `client_order_id` an accepted order carries; `''` (none) is not recorded. */
  useClientOrderId(clientOrderId: string): void {
    if (clientOrderId !== '') this.clientOrderIds.add(clientOrderId);
  }

  /** Puts an order on the book: it holds its unit cost times its remaining count from now on. */
  hold(order: OrderRecord): void {
    this.restingSet.add(order);
    this.held = this.held.add(unitCost(order.side, order.price).times(order.remaining));
  }

  /** Takes an order off the book; call before its remaining count or price changes. */
  release(order: OrderRecord): void {
    if (!this.restingSet.delete(order)) return;
    this.held = this.held.sub(unitCost(order.side, order.price).times(order.remaining));
  }

  /** Frees what `count` contracts of a resting order held (a fill or a decrease), before its remaining count drops by them. */
  releasePart(order: OrderRecord, count: Contracts): void {
    if (!this.restingSet.has(order)) return;
    this.held = this.held.sub(unitCost(order.side, order.price).times(count));
  }

  position(ticker: string, eventTicker: string, nowMs: number): PositionState {
    let position = this.positions.get(ticker);
    if (position === undefined) {
      position = new PositionState(ticker, eventTicker, nowMs);
      this.positions.set(ticker, position);
    }
    return position;
  }
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

/** Every user of the simulated exchange, by user id, in the order they were added. */
export class Accounts {
  private readonly byUserId = new Map<string, Account>();

  /** Adds a user with `cash` dollars. Throws `ALREADY_EXISTS`. */
  add(userId: string, cash: Dollars, nowMs: number): void {
    if (this.byUserId.has(userId)) {
      throw new MockExchangeError('ALREADY_EXISTS', `user ${userId} already exists`, { value: userId });
    }
    this.byUserId.set(userId, new Account(userId, cash, nowMs));
  }

  /** The user's account. Throws `USER_NOT_FOUND`. */
  get(userId: string): Account {
    const account = this.byUserId.get(userId);
    if (account === undefined) throw new MockExchangeError('USER_NOT_FOUND', `no user ${userId}`, { value: userId });
    return account;
  }

  /** Every account, oldest first. */
  all(): IterableIterator<Account> {
    return this.byUserId.values();
  }

  /** The user's money. Throws `USER_NOT_FOUND`. */
  balance(userId: string): BalanceView {
    const account = this.get(userId);
    let positionsCost = Dollars.ZERO;
    for (const position of account.positions.values()) positionsCost = positionsCost.add(position.cost);
    return {
      available: account.available,
      cash: account.cash,
      reserved: account.reserved,
      positionsCost,
      updatedMs: account.updatedMs,
    };
  }

  /** Contracts of YES held across all users (each YES contract is matched by one NO). */
  openInterest(ticker: string): Contracts {
    let total = Contracts.ZERO;
    for (const account of this.byUserId.values()) {
      const net = account.positions.get(ticker)?.net;
      if (net !== undefined && net.outcome === 'yes') total = total.add(net.count);
    }
    return total;
  }
}
