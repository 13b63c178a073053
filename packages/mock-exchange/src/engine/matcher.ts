import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { Accounts, PositionState } from './accounts.js';
import type { Catalog } from './catalog.js';
import type { EngineEvents } from './engine-events.js';
import { roundFill, tradeFee } from './fees.js';
import type { MarketRecord } from './markets.js';
import { crosses } from './order-book.js';
import type { OrderGroups, OrderGroupState } from './order-groups.js';
import { unitCost, type OrderRecord } from './order-record.js';
import type { MatchOutcome, OrderStore } from './order-store.js';
import type { BookSide, Clock, Fill, Trade } from './types.js';

/** What one order operation's matching did, accumulated over its fills. */
export interface Execution {
  /** Contracts filled. */
  fillCount: Contracts;
  /** Sum of YES price × count over the fills, dollars. */
  fillNotional: Dollars;
  /** Fees charged to the taker on the fills, dollars. */
  fees: Dollars;
}

/** What {@link Matcher} needs from the engine. */
export interface MatcherOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly events: EngineEvents;
  readonly catalog: Catalog;
  readonly accounts: Accounts;
  readonly orders: OrderStore;
  readonly groups: OrderGroups;
}

/**
 * Price-time-priority matching of a taker against one market's book: self-trade prevention,
 * order-group limits, fills with their fees, positions and cash, and the public trade.
 */
export class Matcher {
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly events: EngineEvents;
  private readonly catalog: Catalog;
  private readonly accounts: Accounts;
  private readonly orders: OrderStore;
  private readonly groups: OrderGroups;

  constructor(options: MatcherOptions) {
    this.clock = options.clock;
    this.newId = options.newId;
    this.events = options.events;
    this.catalog = options.catalog;
    this.accounts = options.accounts;
    this.orders = options.orders;
    this.groups = options.groups;
  }

  /** The fee of a trade in `market`, dollars, by its series' fee schedule. */
  tradeFee(market: MarketRecord, price: Dollars, count: Contracts, isTaker: boolean): Dollars {
    const series = this.catalog.series(market.seriesTicker);
    return tradeFee({ price, count, isTaker, multiplier: series.feeMultiplier, feeType: series.feeType });
  }

  /** True when an order of `side` at `price` would trade with the best opposite level. */
  wouldCross(market: MarketRecord, side: BookSide, price: Dollars): boolean {
    const best = market.book.opposite(side).best();
    return best !== undefined && crosses(side, price, best.price);
  }

  /**
   * Contracts a fill-or-kill order could take now, under the same group rules as {@link match}.
   * The caller's own resting orders count: Kalshi checks the book first and applies self-trade
   * prevention during execution, keeping the fills made before a self-cross (`/changelog/index`).
   */
  fillable(order: OrderRecord, market: MarketRecord): Contracts {
    const now = this.clock.now();
    const rooms = new Map<OrderGroupState, Contracts>();
    let total = Contracts.ZERO;
    levels: for (const level of market.book.opposite(order.side).bestFirst()) {
      if (!crosses(order.side, order.price, level.price)) break;
      for (const maker of level.orders) {
        let qty = maker.remaining;
        const group = maker.orderGroupId === undefined ? undefined : this.groups.find(maker.orderGroupId);
        if (group !== undefined) {
          const room = rooms.get(group) ?? group.room(now);
          qty = qty.min(room);
          rooms.set(group, room.minus(qty));
        }
        total = total.plus(qty);
        if (total.gte(order.remaining)) break levels;
      }
    }
    const own = order.orderGroupId === undefined ? undefined : this.groups.find(order.orderGroupId);
    return own === undefined ? total : total.min(own.room(now));
  }

  /** Matches the taker against the book until it is filled, stops crossing, or a rule stops it. */
  match(taker: OrderRecord, market: MarketRecord, execution: Execution): MatchOutcome {
    const ladder = market.book.opposite(taker.side);
    const takerGroup = taker.orderGroupId === undefined ? undefined : this.groups.find(taker.orderGroupId);
    while (!taker.remaining.isZero()) {
      if (takerGroup?.triggered) return 'group';
      const level = ladder.best();
      if (level === undefined || !crosses(taker.side, taker.price, level.price)) return 'done';
      const maker = level.orders[0]!;
      if (maker.userId === taker.userId) {
        if (taker.selfTradePrevention === 'taker_at_cross') return 'self_trade';
        this.orders.cancelResting(maker, 'SelfTradeCancel');
        continue;
      }
      const now = this.clock.now();
      let qty = taker.remaining.min(maker.remaining);
      if (takerGroup !== undefined) {
        const room = takerGroup.room(now);
        if (room.isZero()) {
          this.groups.trigger(takerGroup);
          return 'group';
        }
        qty = qty.min(room);
      }
      const makerGroup = maker.orderGroupId === undefined ? undefined : this.groups.find(maker.orderGroupId);
      if (makerGroup !== undefined) {
        const room = makerGroup.room(now);
        if (room.isZero()) {
          this.groups.trigger(makerGroup);
          continue;
        }
        qty = qty.min(room);
      }
      this.execute(taker, maker, qty, market, execution);
      if (makerGroup !== undefined && makerGroup.room(now).isZero()) this.groups.trigger(makerGroup);
      if (takerGroup !== undefined && takerGroup.room(now).isZero()) {
        this.groups.trigger(takerGroup);
        return taker.remaining.isZero() ? 'done' : 'group';
      }
    }
    return 'done';
  }

  /** Records a public trade; `notional` is `price × count`, dollars. */
  recordTrade(market: MarketRecord, price: Dollars, count: Contracts, takerSide: BookSide, notional = price.times(count)): Trade {
    const trade: Trade = { tradeId: this.newId(), ticker: market.ticker, price, count, takerSide, createdMs: this.clock.now() };
    market.trades.push(trade);
    market.lastPrice = price;
    market.lastTradeSize = count;
    market.volume = market.volume.plus(count);
    market.dollarVolume = market.dollarVolume.plus(notional);
    this.events.touch(market.ticker);
    this.events.emit({ type: 'trade', trade });
    return trade;
  }

  private execute(taker: OrderRecord, maker: OrderRecord, qty: Contracts, market: MarketRecord, execution: Execution): void {
    const price = maker.price;
    const ladder = market.book.ladder(maker.side);
    ladder.shrink(maker, qty);
    const makerAccount = this.accounts.get(maker.userId);
    makerAccount.releasePart(maker, qty);
    maker.remaining = maker.remaining.minus(qty);
    if (maker.remaining.isZero()) this.orders.filledUp(maker, ladder, makerAccount);
    taker.remaining = taker.remaining.minus(qty);
    this.orders.emitBookDelta(market.ticker, maker.side, price, qty, -1, taker, this.clock.now());
    const notional = price.times(qty);
    const trade = this.recordTrade(market, price, qty, taker.side, notional);
    const takerFill = this.fillOrder(taker, market, price, qty, true, trade.tradeId);
    const makerFill = this.fillOrder(maker, market, price, qty, false, trade.tradeId);
    execution.fillCount = execution.fillCount.plus(qty);
    execution.fillNotional = execution.fillNotional.plus(notional);
    execution.fees = execution.fees.plus(takerFill.fee);
    this.events.emit({ type: 'fill', fill: takerFill });
    this.events.emit({ type: 'fill', fill: makerFill });
    this.emitPosition(taker);
    this.emitPosition(maker);
    this.events.emit({ type: 'order', order: maker });
  }

  private fillOrder(order: OrderRecord, market: MarketRecord, price: Dollars, qty: Contracts, isTaker: boolean, tradeId: string): Fill {
    const now = this.clock.now();
    const cost = unitCost(order.side, price).times(qty);
    const fees = roundFill(cost, this.tradeFee(market, price, qty, isTaker), order.roundingAccumulated);
    order.roundingAccumulated = fees.accumulated;
    const fee = fees.netFee;
    const account = this.accounts.get(order.userId);
    const wallet = account.wallet(order.subaccount);
    const position = wallet.position(market.ticker, market.eventTicker, now);
    wallet.cash = wallet.cash.plus(position.applyFill(order.side, price, qty, cost, fee, now));
    wallet.updatedMs = now;
    account.updatedMs = now;
    order.filled = order.filled.plus(qty);
    if (isTaker) {
      order.takerFillCost = order.takerFillCost.plus(cost);
      order.takerFees = order.takerFees.plus(fee);
    } else {
      order.makerFillCost = order.makerFillCost.plus(cost);
      order.makerFees = order.makerFees.plus(fee);
    }
    order.updatedMs = now;
    order.lastUpdateReason = 'Trade';
    if (order.orderGroupId !== undefined) this.groups.find(order.orderGroupId)?.record(qty, now);
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
    const position = this.accounts.get(order.userId).wallet(order.subaccount).positions.get(order.ticker) as PositionState;
    this.events.emit({ type: 'position', userId: order.userId, position, subaccount: order.subaccount });
  }
}
