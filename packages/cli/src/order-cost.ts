import { Contracts, Dollars, tradingFee, type FeeType } from '@kalshi-sdk/fixed-point';

/** What an order would cost, computed locally (`kalshi order place --dry-run`). */
export interface OrderCost {
  /** Dollars locked if it fills in full: price × count for a bid, (1 − price) × count for an ask (the NO side bought). */
  readonly cost: Dollars;
  /** The taker trade fee if all of it fills at its price (an upper bound: a maker fill pays less). */
  readonly maxFee: Dollars;
}

/**
 * Cost and maximum fee of `count` contracts on `side` at `price`, exactly (fixed-point, no floats).
 * Fee per Kalshi's fee schedule via `tradingFee` (rounded up to $0.0001, /getting_started/fee_rounding).
 */
export function orderCost(side: 'bid' | 'ask', price: Dollars, count: Contracts, feeType: FeeType | undefined, multiplier: Dollars | undefined): OrderCost {
  const perContract = side === 'bid' ? price : Dollars.ONE.minus(price);
  return {
    cost: perContract.times(count),
    maxFee: tradingFee({ price, count, kind: 'taker', feeType, multiplier }),
  };
}
