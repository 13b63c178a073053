import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Accounts, BalanceView } from './accounts.js';
import { BlockTrades } from './block-trades.js';
import type { Catalog } from './catalog.js';
import { Communications } from './communications.js';
import { buildEngineCore, injectTrade, registerInternals, type Operations } from './engine-core.js';
import { randomIds } from './random-ids.js';
import type { EngineEvents } from './engine-events.js';
import { bookView, topView, type InjectTradeInput, type LevelView, type MatchingEngineOptions } from './engine-views.js';
import { checkSettleTime, EngineTimers } from './engine-timers.js';
import type { Halts } from './halts.js';
import { closeMarketEarly, setCloseTime, setPriceLevelStructure, type MarketChangeParts, type PriceLevelStructureChange } from './market-changes.js';
import type { EventInput, EventRecord, MarketInput, MarketRecord, SeriesInput, SeriesRecord } from './markets.js';
import type { Matcher } from './matcher.js';
import type { AmendOrderInput, DecreaseOrderInput, ExecutionResult, OrderEntry, PlaceOrderInput } from './order-entry.js';
import type { OrderGroups } from './order-groups.js';
import type { OrderStore } from './order-store.js';
import { ReferenceStore } from '../reference/reference-store.js';
import { MarketHistory } from '../history/market-history.js';
import { isSchedulingClock, SystemClock } from './scheduler.js';
import { settleMarket, type SettlementParts } from './settlement.js';
import { SubaccountDesk } from './subaccounts.js';
import { FcmDesk } from './fcm.js';
import type { Clock, EngineEvent, Fill, Order, OrderGroup, OutcomeSide, Position, Settlement, Trade } from './types.js';

export type { AmendOrderInput, BalanceView, DecreaseOrderInput, ExecutionResult, InjectTradeInput, LevelView, MatchingEngineOptions, PlaceOrderInput, PriceLevelStructureChange };

/**
 * The simulated exchange: reference data, one price-time-priority book per binary market, user
 * accounts, order groups and settlement. Transport-independent: REST, WebSocket and FIX layers
 * call its methods and turn the {@link EngineEvent}s it reports into wire messages.
 *
 * A facade over one module per job: `Catalog` (series, events, markets), `Accounts`,
 * `OrderStore` (orders on and off the book), `OrderEntry` (the order operations),
 * `OrderGroups`, `Halts`, {@link settleMarket} and the `Matcher`. Each public
 * call runs as one operation: expired orders are canceled first, and `market_stats` events for the
 * markets it touched follow it.
 *
 * Money and counts are `Dollars` / `Contracts` throughout. Every method throws
 * {@link MockExchangeError} on bad input; nothing changes when it throws.
 */
export class MatchingEngine {
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly events: EngineEvents;
  private readonly catalog: Catalog;
  private readonly accounts: Accounts;
  private readonly orderStore: OrderStore;
  private readonly groups: OrderGroups;
  private readonly halts: Halts;
  private readonly matcher: Matcher;
  private readonly entry: OrderEntry;
  private readonly settlementParts: SettlementParts;
  private readonly changeParts: MarketChangeParts;
  /** RFQs and quotes (`/getting_started/rfqs`): create, quote, accept, confirm, delete; executed quotes trade through this engine. */
  readonly communications: Communications;
  /** Block trade proposals between two users; accepted by both, they trade through this engine. */
  readonly blockTrades: BlockTrades;
  /** Subaccounts: their wallets (own cash and positions) and transfers between them. */
  readonly subaccounts: SubaccountDesk;
  /** FCM members and their subtraders (each a user of its own). */
  readonly fcm: FcmDesk;
  /** Milestones, live data, structured targets, incentives, multivariate collections and search data (REST reference endpoints). */
  readonly reference = new ReferenceStore();
  /** Candlesticks, the historical cutoff, fee changes, the exchange schedule and user-data timestamps, recorded from this engine's events. */
  readonly history: MarketHistory;
  private readonly timers: EngineTimers | undefined;
  private readonly operations: Operations;

  constructor(options: MatchingEngineOptions = {}) {
    const core = buildEngineCore(options.clock ?? new SystemClock(), options.newId ?? randomIds());
    const { clock, newId, events, catalog, accounts, orders } = core;
    this.clock = clock;
    this.newId = newId;
    this.events = events;
    this.catalog = catalog;
    this.accounts = accounts;
    this.orderStore = orders;
    this.groups = core.groups;
    this.halts = core.halts;
    this.matcher = core.matcher;
    this.entry = core.entry;
    this.settlementParts = core.settlement;
    this.changeParts = { clock, catalog, orders };
    this.operations = registerInternals(this, core);
    const negotiated = { clock, newId, catalog, accounts, entry: this.entry, run: <T>(fn: () => T): T => this.op(fn) };
    this.communications = new Communications({ ...negotiated, isHighVolatility: (ticker) => this.reference.multivariateMarkets.has(ticker) });
    this.operations.addSweep(() => this.communications.sweepDue());
    this.blockTrades = new BlockTrades(negotiated);
    this.subaccounts = new SubaccountDesk(accounts, clock, newId);
    this.fcm = new FcmDesk(accounts, clock);
    this.timers = isSchedulingClock(clock)
      ? new EngineTimers({ clock, events, catalog, orders, run: (fn) => this.op(fn), settle: (ticker, result) => this.settleMarket(ticker, result) })
      : undefined;
    this.history = new MarketHistory(this, clock);
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
    return this.events.on(listener);
  }

  // ---------------------------------------------------------------- reference data

  /** Creates a series. Throws `ALREADY_EXISTS`, `INVALID_PARAMETER` (fee multiplier not a decimal of at least 0). */
  createSeries(input: SeriesInput): SeriesRecord {
    return this.op(() => this.catalog.createSeries(input));
  }

  /** Creates an event in an existing series. Throws `ALREADY_EXISTS`, `SERIES_NOT_FOUND`. */
  createEvent(input: EventInput): EventRecord {
    return this.op(() => this.catalog.createEvent(input));
  }

  /**
   * Creates a market in an existing event.
   * Throws `ALREADY_EXISTS`, `EVENT_NOT_FOUND`, `INVALID_PARAMETER` (price ranges), and
   * `FixedPointError` from the tick schedule.
   */
  createMarket(input: MarketInput): MarketRecord {
    return this.op(() => this.catalog.createMarket(input));
  }

  /** Opens an `initialized` market for trading. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`. */
  openMarket(ticker: string): void {
    this.op(() => this.catalog.openMarket(ticker));
  }

  /** The series, or undefined. */
  getSeries(ticker: string): SeriesRecord | undefined {
    return this.catalog.findSeries(ticker);
  }

  /** All series, in creation order. */
  listSeries(): SeriesRecord[] {
    return this.catalog.allSeries();
  }

  /** The event, or undefined. */
  getEvent(eventTicker: string): EventRecord | undefined {
    return this.catalog.findEvent(eventTicker);
  }

  /** All events, in creation order. */
  listEvents(): EventRecord[] {
    return this.catalog.allEvents();
  }

  /** The market, or undefined. */
  getMarket(ticker: string): MarketRecord | undefined {
    return this.catalog.findMarket(ticker);
  }

  /** All markets, in creation order. */
  listMarkets(): MarketRecord[] {
    return this.catalog.allMarkets();
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
    this.accounts.add(userId, input.balance, this.now());
    return userId;
  }

  /** The money of one of the user's subaccounts (default 0, the primary). Throws `USER_NOT_FOUND`, `INVALID_PARAMETER` (unknown subaccount). */
  balance(userId: string, subaccount = 0): BalanceView {
    return this.op(() => this.accounts.balance(userId, subaccount));
  }

  /** The positions of one of the user's subaccounts (default the primary), in the order the markets were first traded. Throws `USER_NOT_FOUND`, `INVALID_PARAMETER`. */
  positions(userId: string, subaccount = 0): Position[] {
    return this.op(() => [...this.accounts.get(userId).wallet(subaccount).positions.values()]);
  }

  /** The user's fills, oldest first. Throws `USER_NOT_FOUND`. */
  fills(userId: string): readonly Fill[] {
    return this.op(() => this.accounts.get(userId).fills);
  }

  /** The user's settlements, oldest first. Throws `USER_NOT_FOUND`. */
  settlements(userId: string): readonly Settlement[] {
    return this.op(() => this.accounts.get(userId).settlements);
  }

  /** Every order the user placed, oldest first. Throws `USER_NOT_FOUND`. */
  orders(userId: string): readonly Order[] {
    return this.op(() => this.accounts.get(userId).orders);
  }

  /** One of the user's orders. Throws `ORDER_NOT_FOUND`. */
  getOrder(userId: string, orderId: string): Order {
    return this.op(() => this.orderStore.owned(userId, orderId));
  }

  /** Contracts ahead of a resting order at its price level. Throws `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`. */
  queuePosition(userId: string, orderId: string): Contracts {
    return this.op(() => {
      const order = this.orderStore.resting(userId, orderId);
      return this.catalog.market(order.ticker).book.ladder(order.side).aheadOf(order);
    });
  }

  // ---------------------------------------------------------------- market data

  /** Book levels in ascending YES price. Read-only (safe inside listeners). Throws `MARKET_NOT_FOUND`. */
  orderbook(ticker: string): { readonly bids: LevelView[]; readonly asks: LevelView[] } {
    return bookView(this.catalog.market(ticker).book);
  }

  /** Best bid and ask levels, if any. Read-only. Throws `MARKET_NOT_FOUND`. */
  topOfBook(ticker: string): { readonly bid: LevelView | undefined; readonly ask: LevelView | undefined } {
    return topView(this.catalog.market(ticker).book);
  }

  /** Contracts of YES held across all users (each YES contract is matched by one NO). Read-only. */
  openInterest(ticker: string): Contracts {
    return this.accounts.openInterest(ticker);
  }

  /** Public trades across all markets, oldest first. */
  trades(): Trade[] {
    return this.catalog.trades();
  }

  // ---------------------------------------------------------------- orders

  /**
   * Places an order and matches it against the book (Create Order V2).
   * Throws `MARKET_NOT_FOUND`, `TRADING_PAUSED`, `MARKET_NOT_OPEN`, `INVALID_ORDER`, `INVALID_PRICE`,
   * `REDUCE_ONLY_REQUIRES_IOC`, `DUPLICATE_CLIENT_ORDER_ID`, `ORDER_GROUP_NOT_FOUND`,
   * `ORDER_GROUP_TRIGGERED`, `POST_ONLY_CROSS`, `INSUFFICIENT_BALANCE`, `USER_NOT_FOUND`.
   */
  placeOrder(userId: string, input: PlaceOrderInput): ExecutionResult {
    return this.op(() => this.entry.place(userId, input));
  }

  /**
   * Cancels a resting order (Cancel Order V2).
   * @returns the order and the contracts taken off the book. Throws `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`.
   */
  cancelOrder(userId: string, orderId: string): { readonly order: Order; readonly reducedBy: Contracts; readonly tsMs: number } {
    return this.op(() => this.entry.cancel(userId, orderId));
  }

  /** Cancels every resting order of the user, or of one subaccount (Cancel All Orders). */
  cancelAll(userId: string, subaccount?: number): Order[] {
    return this.op(() => this.entry.cancelAll(userId, subaccount));
  }

  /**
   * Decreases a resting order's remaining count, keeping its queue position (Decrease Order V2).
   * Throws `INVALID_PARAMETER`, `ORDER_NOT_FOUND`, `ORDER_NOT_RESTING`.
   */
  decreaseOrder(userId: string, orderId: string, input: DecreaseOrderInput): { readonly order: Order; readonly tsMs: number } {
    return this.op(() => this.entry.decrease(userId, orderId, input));
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
    return this.op(() => this.entry.amend(userId, orderId, input));
  }

  // ---------------------------------------------------------------- order groups

  /** Creates an order group with a rolling 15-second contract limit. Throws `INVALID_PARAMETER`, `USER_NOT_FOUND`. */
  createOrderGroup(userId: string, input: { readonly limit: Contracts; readonly subaccount?: number }): OrderGroup {
    return this.op(() => {
      this.accounts.get(userId);
      return this.groups.create(userId, input.limit, input.subaccount ?? 0);
    });
  }

  /** One of the user's order groups. Throws `ORDER_GROUP_NOT_FOUND`. */
  getOrderGroup(userId: string, groupId: string): OrderGroup {
    return this.op(() => this.groups.owned(userId, groupId));
  }

  /** The user's order groups, oldest first. */
  listOrderGroups(userId: string): OrderGroup[] {
    return this.op(() => this.groups.ownedBy(userId));
  }

  /** Deletes a group and cancels its resting orders. Throws `ORDER_GROUP_NOT_FOUND`. */
  deleteOrderGroup(userId: string, groupId: string): void {
    this.op(() => this.groups.delete(userId, groupId));
  }

  /** Clears the group's matched-contracts window so its orders may trade again. Throws `ORDER_GROUP_NOT_FOUND`. */
  resetOrderGroup(userId: string, groupId: string): void {
    this.op(() => this.groups.reset(userId, groupId));
  }

  /** Triggers the group by hand: cancels its orders and blocks new ones until a reset. Throws `ORDER_GROUP_NOT_FOUND`. */
  triggerOrderGroup(userId: string, groupId: string): void {
    this.op(() => this.groups.trigger(this.groups.owned(userId, groupId)));
  }

  /**
   * Sets a new contract limit; when the contracts matched in the last 15 seconds already reach it,
   * the group is triggered at once (its orders canceled, new ones refused until a reset).
   * Throws `ORDER_GROUP_NOT_FOUND`, `INVALID_PARAMETER`.
   */
  updateOrderGroupLimit(userId: string, groupId: string, limit: Contracts): void {
    this.op(() => this.groups.updateLimit(userId, groupId, limit));
  }

  // ---------------------------------------------------------------- exchange control

  /** True unless trading is paused exchange-wide. */
  isTradingActive(): boolean {
    return this.halts.isTradingActive();
  }

  /** Pauses or resumes trading on the whole exchange; pausing cancels `cancel_order_on_pause` orders. */
  setTradingActive(active: boolean): void {
    this.op(() => this.halts.setTradingActive(active));
  }

  /** Pauses (status `inactive`) or resumes one market. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`. */
  setMarketPaused(ticker: string, paused: boolean): void {
    this.op(() => this.halts.setMarketPaused(ticker, paused));
  }

  /**
   * Determines and settles a market: cancels its resting orders, pays $1 per winning contract,
   * records a settlement for every user who traded it. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`.
   */
  settleMarket(ticker: string, result: OutcomeSide): void {
    this.op(() => settleMarket(this.settlementParts, ticker, result));
  }

  /**
   * Settles `ticker` at `result` when the clock reaches `atMs` (Unix ms), as a market's settlement
   * timer does (`/getting_started/market_lifecycle`); a later call replaces the schedule. Needs a
   * scheduling clock. Throws `MARKET_NOT_FOUND`, `INVALID_PARAMETER` (no scheduling clock, or `atMs`
   * not finite).
   */
  scheduleSettlement(ticker: string, result: OutcomeSide, atMs: number): void {
    checkSettleTime(atMs);
    if (this.timers === undefined) {
      throw new MockExchangeError('INVALID_PARAMETER', 'scheduled settlement needs a clock with at() (SystemClock, ManualClock)', { field: 'clock' });
    }
    this.timers.settleAt(ticker, result, atMs);
  }

  /**
   * Closes a market now, as its `close_time` passing does: status `closed`, resting orders canceled
   * (`CloseCancel`), new orders refused (`MARKET_NOT_OPEN`). Ahead of its close time, the close time
   * becomes now first (`close_date_updated`). No-op for a closed or settled market.
   * Throws `MARKET_NOT_FOUND`.
   */
  closeMarket(ticker: string): void {
    this.op(() => closeMarketEarly(this.changeParts, ticker));
  }

  /**
   * Sets a market's `close_time` (Unix ms) and reports `close_date_updated` (WS `market_lifecycle_v2`,
   * `close_ts`; `/getting_started/market_lifecycle`). A time at or before now closes the market at
   * once (resting orders canceled, `CloseCancel`); a future time reopens a `closed` market
   * (`close_date_updated`, then `activated`); otherwise the market closes when the clock reaches it.
   * @returns whether the close time changed (the same time reports nothing).
   * @throws MockExchangeError `INVALID_PARAMETER` (field `close_time`: not a whole Unix ms, or before
   *   `open_time`), `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN` (determined or settled).
   */
  setMarketCloseTime(ticker: string, closeTimeMs: number): boolean {
    return this.op(() => setCloseTime(this.changeParts, ticker, closeTimeMs));
  }

  /**
   * Changes a market's `price_level_structure` and `price_ranges` (default: the structure's standard
   * bands) and reports `price_level_structure_updated` (WS `market_lifecycle_v2`). New orders,
   * amends, quotes and injected trades are checked against the new ranges; resting orders keep
   * their prices (`/getting_started/fixed_point_migration`).
   * @returns whether anything changed (the same structure and ranges report nothing).
   * @throws MockExchangeError `INVALID_PARAMETER` naming the field (`price_level_structure`,
   *   `price_ranges`, `price_ranges[i]`, `price_ranges[i].step` …) and value, `MARKET_NOT_FOUND`,
   *   `MARKET_NOT_OPEN` (determined or settled).
   */
  setPriceLevelStructure(ticker: string, change: PriceLevelStructureChange): boolean {
    return this.op(() => setPriceLevelStructure(this.changeParts, ticker, change));
  }

  /**
   * Records a public trade that no user took part in (for testing market-data consumers).
   * Throws `MARKET_NOT_FOUND`, `INVALID_PRICE`, `INVALID_ORDER`.
   */
  injectTrade(input: InjectTradeInput): Trade {
    return this.op(() => injectTrade(this.matcher, this.catalog.market(input.ticker), input));
  }

  /** Runs `fn` as one engine operation (see {@link Operations}). */
  private op<T>(fn: () => T): T {
    return this.operations.run(fn);
  }
}
