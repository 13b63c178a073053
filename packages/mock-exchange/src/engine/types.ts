import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';

/** Side of the single YES book: `bid` buys YES at the price, `ask` sells YES (buys NO at 1 − price). */
export type BookSide = 'bid' | 'ask';
/** The outcome an order or fill positions its owner for: `bid` → `yes`, `ask` → `no`. */
export type OutcomeSide = 'yes' | 'no';
/** V2 `time_in_force` values (Create Order V2). */
export type TimeInForce = 'fill_or_kill' | 'good_till_canceled' | 'immediate_or_cancel';
/** V2 `self_trade_prevention_type` values. */
export type SelfTradePrevention = 'taker_at_cross' | 'maker';
/** REST order status. */
export type OrderStatus = 'resting' | 'canceled' | 'executed';
/** Why an order last changed; the WS `user_orders` `last_update_reason` values. */
export type UpdateReason =
  | 'Decrease'
  | 'Amend'
  | 'MarginCancel'
  | 'SelfTradeCancel'
  | 'ExpiryCancel'
  | 'CloseCancel'
  | 'HaltCancel'
  | 'Trade'
  | 'PostOnlyCrossCancel'
  | 'ReduceOnlyCancel';

/** Injected time source, in Unix epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** A net position: `count` contracts of `outcome` (a zero position reads as `yes` 0). */
export interface NetPosition {
  readonly outcome: OutcomeSide;
  readonly count: Contracts;
}

/** An order as the engine holds it. Prices are YES prices in dollars; counts are contracts. */
export interface Order {
  readonly orderId: string;
  readonly userId: string;
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly side: BookSide;
  /** YES price, dollars. */
  readonly price: Dollars;
  readonly initialCount: Contracts;
  readonly remaining: Contracts;
  readonly filled: Contracts;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly selfTradePrevention: SelfTradePrevention;
  readonly cancelOnPause: boolean;
  readonly orderGroupId: string | undefined;
  readonly subaccount: number;
  /** Unix ms, or undefined for good-till-canceled. */
  readonly expirationMs: number | undefined;
  readonly status: OrderStatus;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly lastUpdateReason: UpdateReason | undefined;
  /** Dollars paid for contracts bought as taker / maker (YES price for bids, NO price for asks). */
  readonly takerFillCost: Dollars;
  readonly makerFillCost: Dollars;
  readonly takerFees: Dollars;
  readonly makerFees: Dollars;
}

/** One side of one trade, as its owner sees it (REST `Fill`, WS `fill`). */
export interface Fill {
  /** Unique per fill; Kalshi also reports it as `trade_id`. */
  readonly fillId: string;
  /** The public trade this fill belongs to. */
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly userId: string;
  readonly ticker: string;
  readonly side: BookSide;
  /** YES price of the trade, dollars. */
  readonly price: Dollars;
  readonly count: Contracts;
  readonly isTaker: boolean;
  /**
   * Net fee charged for this fill, dollars: `tradeFee + roundingFee − rebate`, never negative
   * (`/getting_started/fee_rounding`). The REST and WS `fee_cost`, and what order and position fee totals sum.
   */
  readonly fee: Dollars;
  /** The fee schedule's fee for this fill, rounded up to $0.0001. */
  readonly tradeFee: Dollars;
  /** Sub-cent amount charged so that the balance stays a whole number of cents, $0 to $0.0099. */
  readonly roundingFee: Dollars;
  /** Whole cents refunded from the order's accumulated rounding fees. */
  readonly rebate: Dollars;
  readonly createdMs: number;
  /** Net position in the market after this fill. */
  readonly postPosition: NetPosition;
  readonly subaccount: number;
}

/** A public trade (REST `Trade`, WS `trade`). */
export interface Trade {
  readonly tradeId: string;
  readonly ticker: string;
  /** YES price, dollars. */
  readonly price: Dollars;
  readonly count: Contracts;
  readonly takerSide: BookSide;
  readonly createdMs: number;
}

/** A user's position in one market (REST `MarketPosition`, WS `market_position`). */
export interface Position {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly net: NetPosition;
  /** Cost basis of the open position, dollars. */
  readonly cost: Dollars;
  readonly realizedPnl: Dollars;
  readonly feesPaid: Dollars;
  /** Dollars spent buying contracts in this market, ever. */
  readonly totalTraded: Dollars;
  /** Contracts traded in this market, ever. */
  readonly volume: Contracts;
  readonly lastUpdatedMs: number;
}

/** A settlement of one market for one user (REST `Settlement`). */
export interface Settlement {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly result: OutcomeSide;
  readonly yesCount: Contracts;
  readonly yesCost: Dollars;
  readonly noCount: Contracts;
  readonly noCost: Dollars;
  /** Payout credited, dollars ($1 per winning contract). */
  readonly revenue: Dollars;
  /** Fees paid in the market, dollars. */
  readonly feeCost: Dollars;
  readonly settledMs: number;
}

/** An order group: a rolling 15-second cap on contracts matched by its orders. */
export interface OrderGroup {
  readonly groupId: string;
  readonly userId: string;
  readonly subaccount: number;
  readonly limit: Contracts;
  /** True once the limit was hit or the group was triggered; cleared by a reset. */
  readonly triggered: boolean;
  readonly orderIds: readonly string[];
}

/**
 * Market lifecycle event types emitted on `market_lifecycle_v2` (`price_level_structure_updated` on
 * that channel only: asyncapi.yaml does not list it for `multivariate_market_lifecycle`).
 */
export type MarketLifecycleType = 'created' | 'activated' | 'deactivated' | 'close_date_updated' | 'determined' | 'settled' | 'price_level_structure_updated';

/** Order group event types emitted on `order_group_updates`. */
export type OrderGroupEventType = 'created' | 'triggered' | 'reset' | 'deleted' | 'limit_updated';

/**
 * What the engine reports, synchronously, after each state change. Transport layers (REST, WS,
 * FIX) turn these into wire messages. Objects are live engine state: read them inside the
 * listener, do not keep them.
 */
export type EngineEvent =
  | { readonly type: 'order'; readonly order: Order }
  | { readonly type: 'fill'; readonly fill: Fill }
  | { readonly type: 'trade'; readonly trade: Trade }
  | {
      readonly type: 'book_delta';
      readonly ticker: string;
      readonly side: BookSide;
      /** YES price of the level, dollars. */
      readonly price: Dollars;
      /** Size change at the level, contracts; `sign` says whether it grew (1) or shrank (−1). */
      readonly delta: Contracts;
      readonly sign: 1 | -1;
      /** The order whose change moved the level, when a user caused it. */
      readonly cause: { readonly userId: string; readonly clientOrderId: string; readonly subaccount: number } | undefined;
      readonly tsMs: number;
    }
  | { readonly type: 'market_stats'; readonly ticker: string; readonly tsMs: number }
  | { readonly type: 'position'; readonly userId: string; readonly position: Position; readonly subaccount: number }
  | { readonly type: 'market_lifecycle'; readonly ticker: string; readonly eventType: MarketLifecycleType; readonly tsMs: number }
  | { readonly type: 'event_created'; readonly eventTicker: string }
  | {
      readonly type: 'order_group';
      readonly userId: string;
      readonly groupId: string;
      readonly eventType: OrderGroupEventType;
      readonly limit: Contracts | undefined;
      readonly tsMs: number;
    };
