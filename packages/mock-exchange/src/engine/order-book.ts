import { Contracts, type Dollars } from '@kalshi-sdk/fixed-point';
import type { BookSide } from './types.js';
import type { OrderRecord } from './order-record.js';

/** One price level: its orders in time priority and their total remaining size. */
export interface BookLevel {
  /** YES price, dollars. */
  readonly price: Dollars;
  /** The price in centi-cents, used only as a sort key. */
  readonly key: number;
  total: Contracts;
  readonly orders: OrderRecord[];
}

/**
 * One side of the book: levels keyed by price, kept sorted so the best is found in O(1). A level
 * that empties stays in the map (the prices a market trades at recur: no level object made and
 * dropped each time one empties and refills); only the sorted keys list the levels with orders.
 */
export class BookLadder {
  private readonly levels = new Map<number, BookLevel>();
  /** Ascending centi-cent keys of the levels that hold orders. */
  private keys: number[] = [];

  constructor(readonly side: BookSide) {}

  /** The best level: highest bid, lowest ask. */
  best(): BookLevel | undefined {
    const key = this.side === 'bid' ? this.keys[this.keys.length - 1] : this.keys[0];
    return key === undefined ? undefined : this.levels.get(key);
  }

  /** Levels from best to worst. */
  bestFirst(): BookLevel[] {
    const keys = this.side === 'bid' ? [...this.keys].reverse() : this.keys;
    return keys.map((k) => this.levels.get(k)!);
  }

  /** Levels in ascending price. */
  ascending(): BookLevel[] {
    return this.keys.map((k) => this.levels.get(k)!);
  }

  /** Appends the order at the back of its price level. */
  add(order: OrderRecord): void {
    const key = order.price.toCentiCents();
    let level = this.levels.get(key);
    if (level === undefined) {
      level = { price: order.price, key, total: Contracts.ZERO, orders: [] };
      this.levels.set(key, level);
    }
    if (level.orders.length === 0) this.keys.splice(this.insertionIndex(key), 0, key);
    level.orders.push(order);
    level.total = level.total.plus(order.remaining);
  }

  /** Removes the order and its remaining size from its level. */
  remove(order: OrderRecord): void {
    const level = this.levels.get(order.price.toCentiCents());
    if (level === undefined) return;
    const index = level.orders.indexOf(order);
    if (index < 0) return;
    level.orders.splice(index, 1);
    level.total = level.total.minus(order.remaining);
    if (level.orders.length === 0) this.keys.splice(this.keys.indexOf(level.key), 1);
  }

  /** Takes `by` contracts off the level total; the caller reduces the order itself. */
  shrink(order: OrderRecord, by: Contracts): void {
    const level = this.levels.get(order.price.toCentiCents());
    if (level !== undefined) level.total = level.total.minus(by);
  }

  /** Contracts resting ahead of the order at its level (its queue position). */
  aheadOf(order: OrderRecord): Contracts {
    const level = this.levels.get(order.price.toCentiCents());
    let ahead = Contracts.ZERO;
    if (level === undefined) return ahead;
    for (const o of level.orders) {
      if (o === order) break;
      ahead = ahead.plus(o.remaining);
    }
    return ahead;
  }

  private insertionIndex(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A binary market's single book: YES bids and YES asks (an ask at p is a NO bid at 1 − p). */
export class OrderBook {
  readonly bids = new BookLadder('bid');
  readonly asks = new BookLadder('ask');

  /** The ladder an order of `side` rests on. */
  ladder(side: BookSide): BookLadder {
    return side === 'bid' ? this.bids : this.asks;
  }

  /** The ladder an order of `side` trades against. */
  opposite(side: BookSide): BookLadder {
    return side === 'bid' ? this.asks : this.bids;
  }
}

/** Every order resting on `book`, bids then asks, each side in ascending price and time priority. */
export function restingOrders(book: OrderBook): OrderRecord[] {
  return [...book.bids.ascending(), ...book.asks.ascending()].flatMap((level) => [...level.orders]);
}

/** True when an order of `side` at `price` trades with a resting level at `levelPrice`. */
export function crosses(side: BookSide, price: Dollars, levelPrice: Dollars): boolean {
  return side === 'bid' ? price.gte(levelPrice) : price.lte(levelPrice);
}
