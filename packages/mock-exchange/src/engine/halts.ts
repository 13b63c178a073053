import { MockExchangeError } from '../errors.js';
import type { Catalog } from './catalog.js';
import type { MarketRecord } from './markets.js';
import { restingOrders } from './order-book.js';
import type { OrderStore } from './order-store.js';
import type { Clock } from './types.js';

/** What {@link Halts} needs from the engine. */
export interface HaltsOptions {
  readonly clock: Clock;
  readonly catalog: Catalog;
  readonly orders: OrderStore;
}

/**
 * Exchange-wide and per-market trading pauses, and the check every order operation makes that
 * its market may trade now. Pausing cancels the `cancel_order_on_pause` orders it affects.
 */
export class Halts {
  private readonly clock: Clock;
  private readonly catalog: Catalog;
  private readonly orders: OrderStore;
  private tradingActive = true;

  constructor(options: HaltsOptions) {
    this.clock = options.clock;
    this.catalog = options.catalog;
    this.orders = options.orders;
  }

  /** True unless trading is paused exchange-wide. */
  isTradingActive(): boolean {
    return this.tradingActive;
  }

  /** Pauses or resumes trading on the whole exchange; pausing cancels `cancel_order_on_pause` orders. */
  setTradingActive(active: boolean): void {
    this.tradingActive = active;
    if (!active) {
      for (const order of this.orders.restingOrders()) {
        if (order.status === 'resting' && order.cancelOnPause) this.orders.cancelResting(order, 'HaltCancel');
      }
    }
  }

  /** Pauses (status `inactive`) or resumes one market. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`. */
  setMarketPaused(ticker: string, paused: boolean): void {
    const market = this.catalog.market(ticker);
    const from = paused ? 'active' : 'inactive';
    if (market.status !== from) {
      throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is ${market.status}`, { ticker });
    }
    market.status = paused ? 'inactive' : 'active';
    market.updatedMs = this.clock.now();
    if (paused) {
      for (const order of restingOrders(market.book)) if (order.cancelOnPause) this.orders.cancelResting(order, 'HaltCancel');
    }
    this.catalog.lifecycle(market, paused ? 'deactivated' : 'activated');
  }

  /** The market, if orders may trade in it now. Throws `MARKET_NOT_FOUND`, `TRADING_PAUSED`, `MARKET_NOT_OPEN`. */
  tradableMarket(ticker: string): MarketRecord {
    const market = this.catalog.market(ticker);
    if (!this.tradingActive) throw new MockExchangeError('TRADING_PAUSED', 'trading is paused', { ticker });
    if (market.status !== 'active') {
      throw new MockExchangeError('MARKET_NOT_OPEN', `market ${ticker} is ${market.status}`, { ticker });
    }
    return market;
  }
}
