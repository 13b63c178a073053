import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { Accounts } from './accounts.js';
import type { Catalog } from './catalog.js';
import type { OrderEntry } from './order-entry.js';
import type { Clock } from './types.js';

/** A new RFQ: exactly one of `contracts` (whole) and `targetCost`. */
export interface CreateRfqInput {
  readonly ticker: string;
  readonly contracts?: Contracts;
  readonly targetCost?: Dollars;
  readonly restRemainder: boolean;
  /** Close the requester's open RFQ on the same market instead of answering 409. */
  readonly replaceExisting?: boolean;
  readonly subaccount?: number;
}

/** A new quote: both prices in dollars, `0` declines a side. */
export interface CreateQuoteInput {
  readonly rfqId: string;
  readonly yesBid: Dollars;
  readonly noBid: Dollars;
  readonly restRemainder: boolean;
  readonly postOnly?: boolean;
  readonly subaccount?: number;
}

/** Filters of {@link Communications.listQuotes}, as the `GET /communications/quotes` query has them. */
export interface QuoteFilter {
  readonly rfqId?: string;
  readonly status?: string;
  /** Only quotes the caller created. */
  readonly mine?: boolean;
  /** Only quotes on RFQs the caller created. */
  readonly onMyRfqs?: boolean;
  /** Unix ms bounds on `updated_ts`, inclusive. */
  readonly minUpdatedMs?: number;
  readonly maxUpdatedMs?: number;
}

/** Filters of {@link Communications.listRfqs}. */
export interface RfqFilter {
  readonly ticker?: string;
  readonly eventTicker?: string;
  readonly status?: string;
  readonly userId?: string;
  readonly subaccount?: number;
}

/** What {@link Communications} needs from the engine. */
export interface CommunicationsOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly catalog: Catalog;
  readonly accounts: Accounts;
  readonly entry: OrderEntry;
  /** True for a High Volatility Market (shorter windows); the engine answers true for combo markets. */
  readonly isHighVolatility: (ticker: string) => boolean;
  /** Runs one engine operation (expiry sweep first, `market_stats` after). */
  readonly run: <T>(fn: () => T) => T;
}
