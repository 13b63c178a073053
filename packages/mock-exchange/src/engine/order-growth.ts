import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { EngineCore } from './engine-core.js';
import type { BookLevel } from './order-book.js';
import { unitCost, type OrderRecord } from './order-record.js';

/**
 * Raises a resting order's remaining (and total) count by `by` contracts, when it is the last
 * order of `level` (its price level on the book): the same queue as a new order of `by` at the
 * back. The order holds the extra money from its wallet; a `book_delta` of `+by` and an `order`
 * event follow, as for a new order. (The replay's synthetic counterparty growing a recorded level.)
 * @returns false, changing nothing, when the order is not the last of `level`.
 */
export function growLastOrder(core: EngineCore, level: BookLevel, order: OrderRecord, by: Contracts, unit: Dollars = unitCost(order.side, order.price)): boolean {
  if (level.orders[level.orders.length - 1] !== order || order.status !== 'resting') return false;
  const account = core.accounts.get(order.userId);
  if (account.resting.has(order)) {
    const wallet = account.wallet(order.subaccount);
    wallet.held = wallet.held.plus(unit.times(by));
  }
  level.total = level.total.plus(by);
  order.remaining = order.remaining.plus(by);
  order.initialCount = order.initialCount.plus(by);
  order.updatedMs = core.operationClock.now();
  core.events.touch(order.ticker);
  core.orders.emitBookDelta(order.ticker, order.side, order.price, by, 1, order, order.updatedMs);
  core.events.emit({ type: 'order', order });
  return true;
}

/**
 * Lowers a resting order's remaining count to `to` contracts in place, when it is the last order of
 * `level` (its price level on the book): `OrderStore.resize` with reason `Decrease` on that level,
 * without looking it up by market and price. (The replay's synthetic counterparty shrinking a
 * recorded level.)
 * @returns false, changing nothing, when the order is not the last of `level`.
 */
export function shrinkLastOrder(core: EngineCore, level: BookLevel, order: OrderRecord, to: Contracts): boolean {
  if (level.orders[level.orders.length - 1] !== order || order.status !== 'resting') return false;
  core.orders.resize(order, to, 'Decrease', level);
  return true;
}

/** The level of `ladder`-side book `levels` that holds `order`, if it rests there. */
export function levelOf(levels: readonly BookLevel[], order: OrderRecord): BookLevel | undefined {
  return levels.find((level) => level.orders.includes(order));
}
