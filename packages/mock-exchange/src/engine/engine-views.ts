import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { BookLevel, OrderBook } from './order-book.js';
import type { BookSide, Clock } from './types.js';

/** Options of `MatchingEngine`. */
export interface MatchingEngineOptions {
  /**
   * Time source (Unix ms); default a `SystemClock` (`Date.now` and real timers). A clock that
   * can schedule (`at`, e.g. a `ManualClock`) also drives expirations, market open and close
   * and scheduled settlements; a plain `now()` clock leaves them to each operation's sweep.
   */
  readonly clock?: Clock;
  /** Id source for orders, trades, fills, groups and market ids; default random version-4 UUIDs. */
  readonly newId?: () => string;
}

/** A public trade injected by the test harness, with no user behind it. */
export interface InjectTradeInput {
  readonly ticker: string;
  readonly price: Dollars;
  readonly count: Contracts;
  readonly takerSide: BookSide;
}

/** An aggregated price level: YES price and total contracts. */
export interface LevelView {
  readonly price: Dollars;
  readonly size: Contracts;
}

const levelView = (level: BookLevel): LevelView => ({ price: level.price, size: level.total });

/** The book's levels in ascending YES price, each side. */
export function bookView(book: OrderBook): { readonly bids: LevelView[]; readonly asks: LevelView[] } {
  return { bids: book.bids.ascending().map(levelView), asks: book.asks.ascending().map(levelView) };
}

/** The book's best bid and ask levels, if any. */
export function topView(book: OrderBook): { readonly bid: LevelView | undefined; readonly ask: LevelView | undefined } {
  const bid = book.bids.best();
  const ask = book.asks.best();
  return { bid: bid === undefined ? undefined : levelView(bid), ask: ask === undefined ? undefined : levelView(ask) };
}
