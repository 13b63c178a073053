import { MockExchangeError } from '../errors.js';
import type { Accounts } from './accounts.js';
import type { Catalog } from './catalog.js';
import type { EngineEvents } from './engine-events.js';
import { pullCloseTimeIn } from './market-changes.js';
import { restingOrders } from './order-book.js';
import type { OrderStore } from './order-store.js';
import type { Clock, OutcomeSide } from './types.js';

/** The engine parts {@link settleMarket} works on. */
export interface SettlementParts {
  readonly clock: Clock;
  readonly events: EngineEvents;
  readonly catalog: Catalog;
  readonly accounts: Accounts;
  readonly orders: OrderStore;
}

/**
 * Determines and settles a market at `result`: cancels its resting orders (`CloseCancel`), pays
 * $1 per winning contract, records a settlement for every user who traded it, and moves the
 * market through `determined` to `finalized`. Determined before its close time, the market's close
 * time becomes now first (`close_date_updated`, before `determined`). Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`.
 */
export function settleMarket(parts: SettlementParts, ticker: string, result: OutcomeSide): void {
  const { clock, events, catalog, accounts, orders } = parts;
  const market = catalog.market(ticker);
  if (market.status === 'determined' || market.status === 'finalized') {
    throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is already settled`, { ticker });
  }
  for (const order of restingOrders(market.book)) orders.cancelResting(order, 'CloseCancel');
  const now = clock.now();
  pullCloseTimeIn(catalog, market, now);
  market.status = 'determined';
  market.result = result;
  market.determinedMs = now;
  catalog.lifecycle(market, 'determined');
  for (const account of accounts.all()) {
    for (const wallet of account.wallets.values()) {
      const position = wallet.positions.get(ticker);
      if (position === undefined || position.volume.isZero()) continue;
      const settlement = position.settle(result, now);
      wallet.cash = wallet.cash.plus(settlement.revenue);
      wallet.updatedMs = now;
      account.updatedMs = now;
      account.settlements.push(settlement);
      events.emit({ type: 'position', userId: account.userId, position, subaccount: wallet.subaccount });
    }
  }
  market.status = 'finalized';
  market.settledMs = now;
  catalog.lifecycle(market, 'settled');
}
