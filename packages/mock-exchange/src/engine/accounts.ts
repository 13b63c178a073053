import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { OrderRecord } from './order-record.js';
import { unitCost } from './order-record.js';
import { MockExchangeError } from '../errors.js';
import { toNextCent } from './fees.js';
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
    let cash = spent.plus(fee).neg();
    this.totalTraded = this.totalTraded.plus(spent);
    this.volume = this.volume.plus(qty);
    this.feesPaid = this.feesPaid.plus(fee);
    this.lastUpdatedMs = nowMs;
    const open = this.count;
    if (!open.isZero() && this.outcome !== bought) {
      const netted = qty.min(open);
      const costRemoved = this.consume(netted);
      // Each YES+NO pair pays out $1 at once.
      const payout = Dollars.ONE.times(netted);
      cash = cash.plus(payout);
      this.realizedPnl = this.realizedPnl.plus(payout).minus(unit.times(netted)).minus(costRemoved);
      const rest = qty.minus(netted);
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
    this.realizedPnl = this.realizedPnl.plus(revenue).minus(cost);
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
    this.openCount = this.openCount.plus(lot.count);
    this.openCost = this.openCost.plus(lot.unit.times(lot.count));
  }

  /** Closes `qty` contracts, oldest lots first. @returns their cost basis, dollars. */
  private consume(qty: Contracts): Dollars {
    let left = qty;
    let cost = Dollars.ZERO;
    while (!left.isZero()) {
      const lot = this.lots[0]!;
      const take = left.min(lot.count);
      cost = cost.plus(lot.unit.times(take));
      lot.count = lot.count.minus(take);
      left = left.minus(take);
      if (lot.count.isZero()) this.lots.shift();
    }
    this.openCount = this.openCount.minus(qty);
    this.openCost = this.openCost.minus(cost);
    return cost;
  }
}

/** Subaccounts a user may open besides the primary (0): /api-reference/portfolio/create-subaccount. */
export const MAX_SUBACCOUNTS = 32;

/**
 * One subaccount's money and positions: the primary (number 0) or a numbered subaccount. Resting
 * orders hold money from the wallet of their subaccount only; the total is a running sum, updated
 * by the owning `Account`'s `hold`, `release` and `releasePart`.
 */
export class Wallet {
  /** Cash, dollars, before money held for resting orders. */
  cash: Dollars;
  readonly positions = new Map<string, PositionState>();
  updatedMs: number;
  /** Netting of YES and NO positions (UpdateSubaccountNetting); on by default. */
  nettingEnabled = true;
  /** @internal Unit cost times remaining count of this wallet's resting orders, unrounded. */
  held = Dollars.ZERO;

  constructor(
    readonly subaccount: number,
    cash: Dollars,
    nowMs: number,
  ) {
    this.cash = cash;
    this.updatedMs = nowMs;
  }

  /**
   * Dollars held for resting orders, rounded up to the cent so that the balance left free stays a
   * whole number of cents. `/getting_started/fee_rounding`: "User balances must be exact multiples
   * of **\$0.01**".
   */
  get reserved(): Dollars {
    return this.held.decimals() <= 2 ? this.held : this.held.plus(toNextCent(this.held));
  }

  /** Cash free for new orders, dollars. */
  get available(): Dollars {
    return this.cash.minus(this.reserved);
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

/**
 * A user of the simulated exchange: one {@link Wallet} per subaccount (cash and positions kept
 * apart), and the user's orders, fills and settlements across all of them.
 *
 * Resting orders hold money: each its unit cost times its remaining count, from its subaccount's
 * wallet. The totals are running sums, updated by {@link hold}, {@link release} and
 * {@link releasePart} as orders go on the book, fill, shrink or leave it, so reading them costs
 * nothing however many orders rest.
 */
export class Account {
  /** Wallets by subaccount number; 0 (the primary) always exists. */
  readonly wallets = new Map<number, Wallet>();
  /** Every order the user placed, oldest first. */
  readonly orders: OrderRecord[] = [];
  readonly fills: Fill[] = [];
  readonly settlements: Settlement[] = [];
  updatedMs: number;
  private readonly restingSet = new Set<OrderRecord>();
  private readonly clientOrderIds = new Set<string>();
  private readonly primary: Wallet;

  constructor(
    readonly userId: string,
    cash: Dollars,
    nowMs: number,
  ) {
    this.primary = new Wallet(0, cash, nowMs);
    this.wallets.set(0, this.primary);
    this.updatedMs = nowMs;
  }

  /** The primary wallet's cash, dollars, before money held for resting orders. */
  get cash(): Dollars {
    return this.primary.cash;
  }

  set cash(value: Dollars) {
    this.primary.cash = value;
  }

  /** The primary wallet's positions. */
  get positions(): Map<string, PositionState> {
    return this.primary.positions;
  }

  /** The wallet of `subaccount`. Throws `INVALID_PARAMETER` when the user has not created it. */
  wallet(subaccount: number): Wallet {
    const wallet = this.wallets.get(subaccount);
    if (wallet === undefined) {
      throw new MockExchangeError('INVALID_PARAMETER', `subaccount ${subaccount} does not exist`, { field: 'subaccount', value: String(subaccount) });
    }
    return wallet;
  }

  /**
   * Opens the next numbered subaccount, with no cash. Throws `INVALID_PARAMETER` past
   * {@link MAX_SUBACCOUNTS}. @returns its wallet.
   */
  createSubaccount(nowMs: number): Wallet {
    const number = this.wallets.size;
    if (number > MAX_SUBACCOUNTS) {
      throw new MockExchangeError('INVALID_PARAMETER', `at most ${MAX_SUBACCOUNTS} subaccounts per user`, { field: 'subaccount' });
    }
    const wallet = new Wallet(number, Dollars.ZERO, nowMs);
    this.wallets.set(number, wallet);
    return wallet;
  }

  /** The user's orders on the book. Change it only through {@link hold} and {@link release}. */
  get resting(): ReadonlySet<OrderRecord> {
    return this.restingSet;
  }

  /** Dollars the primary wallet holds for resting orders (see {@link Wallet.reserved}). */
  get reserved(): Dollars {
    return this.primary.reserved;
  }

  /** The primary wallet's cash free for new orders, dollars. */
  get available(): Dollars {
    return this.primary.available;
  }

  /** True once an order of this user carried `clientOrderId`, whatever became of it. */
  hasUsedClientOrderId(clientOrderId: string): boolean {
    return this.clientOrderIds.has(clientOrderId);
  }

  /** Records a `client_order_id` an accepted order carries; `''` (none) is not recorded. */
  useClientOrderId(clientOrderId: string): void {
    if (clientOrderId !== '') this.clientOrderIds.add(clientOrderId);
  }

  /** Puts an order on the book: it holds its unit cost times its remaining count from its subaccount's wallet from now on. */
  hold(order: OrderRecord): void {
    const wallet = this.wallet(order.subaccount);
    this.restingSet.add(order);
    wallet.held = wallet.held.plus(unitCost(order.side, order.price).times(order.remaining));
  }

  /** Takes an order off the book; call before its remaining count or price changes. */
  release(order: OrderRecord): void {
    if (!this.restingSet.delete(order)) return;
    const wallet = this.wallet(order.subaccount);
    wallet.held = wallet.held.minus(unitCost(order.side, order.price).times(order.remaining));
  }

  /** Frees what `count` contracts of a resting order held (a fill or a decrease), before its remaining count drops by them. */
  releasePart(order: OrderRecord, count: Contracts): void {
    if (!this.restingSet.has(order)) return;
    const wallet = this.wallet(order.subaccount);
    wallet.held = wallet.held.minus(unitCost(order.side, order.price).times(count));
  }

  /** The primary wallet's position in `ticker`, created empty when missing. */
  position(ticker: string, eventTicker: string, nowMs: number): PositionState {
    return this.primary.position(ticker, eventTicker, nowMs);
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

  /** The money of one subaccount of the user (default the primary). Throws `USER_NOT_FOUND`, `INVALID_PARAMETER` for an unknown subaccount. */
  balance(userId: string, subaccount = 0): BalanceView {
    const account = this.get(userId);
    const wallet = account.wallet(subaccount);
    let positionsCost = Dollars.ZERO;
    for (const position of wallet.positions.values()) positionsCost = positionsCost.plus(position.cost);
    return {
      available: wallet.available,
      cash: wallet.cash,
      reserved: wallet.reserved,
      positionsCost,
      updatedMs: subaccount === 0 ? account.updatedMs : wallet.updatedMs,
    };
  }

  /** Contracts of YES held across all users (each YES contract is matched by one NO). */
  openInterest(ticker: string): Contracts {
    let total = Contracts.ZERO;
    for (const account of this.byUserId.values()) {
      for (const wallet of account.wallets.values()) {
        const net = wallet.positions.get(ticker)?.net;
        if (net !== undefined && net.outcome === 'yes') total = total.plus(net.count);
      }
    }
    return total;
  }
}
