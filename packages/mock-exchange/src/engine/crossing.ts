import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { OrderEntry } from './order-entry.js';
import type { BookSide, Order } from './types.js';

/** One party of a negotiated trade. */
export interface CrossingParty {
  readonly userId: string;
  readonly subaccount: number;
  readonly clientOrderId: string;
  /** Leave what did not trade on the book (else it is canceled). */
  readonly restRemainder: boolean;
}

/** A negotiated trade entered into the book: the maker's order first, then the taker's at the same YES price. */
export interface Crossing {
  readonly ticker: string;
  /** YES price, dollars. */
  readonly price: Dollars;
  readonly count: Contracts;
  /** Book side of the maker's order; the taker takes the other. */
  readonly makerSide: BookSide;
  readonly maker: CrossingParty & { readonly postOnly: boolean };
  readonly taker: CrossingParty;
}

/**
 * Enters a negotiated trade (an executed RFQ quote or block trade) into the public book, as
 * `/getting_started/rfqs` describes: "At the end of the timer, orders are entered into the book."
 * The trade then runs through the matcher like any other, so fills, positions, balances, fees and
 * the `fill` / `user_orders` streams follow. If the taker's order is refused, the maker's order is
 * taken back off the book before the error is rethrown.
 * @returns both orders. Throws what {@link OrderEntry.place} throws.
 */
export function enterCrossing(entry: OrderEntry, crossing: Crossing): { readonly maker: Order; readonly taker: Order } {
  const takerSide: BookSide = crossing.makerSide === 'bid' ? 'ask' : 'bid';
  const maker = entry.place(crossing.maker.userId, {
    ticker: crossing.ticker,
    side: crossing.makerSide,
    price: crossing.price,
    count: crossing.count,
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
    clientOrderId: crossing.maker.clientOrderId,
    postOnly: crossing.maker.postOnly,
    subaccount: crossing.maker.subaccount,
  }).order;
  let taker: Order;
  try {
    taker = entry.place(crossing.taker.userId, {
      ticker: crossing.ticker,
      side: takerSide,
      price: crossing.price,
      count: crossing.count,
      timeInForce: crossing.taker.restRemainder ? 'good_till_canceled' : 'immediate_or_cancel',
      selfTradePrevention: 'taker_at_cross',
      clientOrderId: crossing.taker.clientOrderId,
      subaccount: crossing.taker.subaccount,
    }).order;
  } catch (error) {
    if (maker.status === 'resting') entry.cancel(maker.userId, maker.orderId);
    throw error;
  }
  if (maker.status === 'resting' && !crossing.maker.restRemainder) entry.cancel(maker.userId, maker.orderId);
  return { maker, taker };
}
