import { Contracts, Dollars, TickSchedule } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { FeeType } from './fees.js';
import { OrderBook } from './order-book.js';
import type { OutcomeSide, Trade } from './types.js';

export type { FeeType };

/** Price level structures the simulator knows default price ranges for. */
export type PriceLevelStructure = 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';

/** Every {@link PriceLevelStructure}. */
export const PRICE_LEVEL_STRUCTURES: readonly PriceLevelStructure[] = ['linear_cent', 'deci_cent', 'tapered_deci_cent'];

/** A price band: valid prices from `start` to `end` in steps of `step`, all dollar strings. */
export interface PriceRangeInput {
  readonly start: string;
  readonly end: string;
  readonly step: string;
}

/** Input of `createSeries`. */
export interface SeriesInput {
  readonly ticker: string;
  readonly title?: string;
  readonly category?: string;
  readonly frequency?: string;
  /** Default `quadratic` (taker fees only); `flat` is not modelled. */
  readonly feeType?: FeeType;
  /** Fee multiplier as a decimal string of at least 0 with at most 4 decimals, default `'1'`; it scales the whole trade fee. */
  readonly feeMultiplier?: string;
}

/** Input of `createEvent`. */
export interface EventInput {
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly title?: string;
  readonly subTitle?: string;
  readonly mutuallyExclusive?: boolean;
}

/** Input of `createMarket`. */
export interface MarketInput {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly title?: string;
  readonly yesSubTitle?: string;
  readonly noSubTitle?: string;
  /** Default `linear_cent` (one-cent ticks). */
  readonly priceLevelStructure?: PriceLevelStructure;
  /** Default: the standard bands of the structure. */
  readonly priceRanges?: readonly PriceRangeInput[];
  /** Unix ms; default: now. */
  readonly openTimeMs?: number;
  /** Unix ms; default: 30 days after open. */
  readonly closeTimeMs?: number;
  /** `active` (default) trades at once; `initialized` waits for `openMarket`. */
  readonly status?: 'active' | 'initialized';
}

/** A series as the simulator holds it. */
export interface SeriesRecord {
  readonly ticker: string;
  readonly title: string;
  readonly category: string;
  readonly frequency: string;
  readonly feeType: FeeType;
  readonly feeMultiplier: Dollars;
  readonly updatedMs: number;
}

/** An event as the simulator holds it. */
export interface EventRecord {
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly title: string;
  readonly subTitle: string;
  readonly mutuallyExclusive: boolean;
  readonly updatedMs: number;
  readonly marketTickers: string[];
}

/** Kalshi market statuses the simulator moves through (`inactive` = paused). */
export type MarketStatus = 'initialized' | 'active' | 'inactive' | 'closed' | 'determined' | 'finalized';

/** How a market's strike is defined (REST `Market` strike fields); each field absent until set. */
export interface MarketStrike {
  readonly strikeType?: string;
  readonly floorStrike?: number;
  readonly capStrike?: number;
  readonly customStrike?: Readonly<Record<string, unknown>>;
}

/** A market as the simulator holds it, book included. */
export interface MarketRecord {
  readonly ticker: string;
  /** UUID, sent as `market_id` on the WebSocket. */
  readonly marketId: string;
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly title: string;
  /** Changed by `POST /__mock/markets/{ticker}/metadata` (WS `metadata_updated`). */
  yesSubTitle: string;
  readonly noSubTitle: string;
  /** Strike metadata (REST `strike_type`, `floor_strike`, `cap_strike`, `custom_strike`); absent until set. */
  strike?: MarketStrike;
  readonly createdMs: number;
  updatedMs: number;
  readonly openMs: number;
  closeMs: number;
  status: MarketStatus;
  /** Changed by `setPriceLevelStructure` (WS `price_level_structure_updated`), with `priceRanges` and `ticks`. */
  priceLevelStructure: PriceLevelStructure;
  priceRanges: readonly PriceRangeInput[];
  /** The valid order prices of `priceRanges`: what new orders are checked against. */
  ticks: TickSchedule;
  result: OutcomeSide | undefined;
  settledMs: number | undefined;
  determinedMs: number | undefined;
  lastPrice: Dollars | undefined;
  lastTradeSize: Contracts;
  volume: Contracts;
  /** Traded notional at YES prices, dollars. */
  dollarVolume: Dollars;
  readonly book: OrderBook;
  /** Public trades, oldest first. */
  readonly trades: Trade[];
}

/** The bands Kalshi publishes for each structure, in dollars. */
export function defaultPriceRanges(structure: PriceLevelStructure): PriceRangeInput[] {
  switch (structure) {
    case 'linear_cent':
      return [{ start: '0.0000', end: '1.0000', step: '0.0100' }];
    case 'deci_cent':
      return [{ start: '0.0000', end: '1.0000', step: '0.0010' }];
    case 'tapered_deci_cent':
      return [
        { start: '0.0000', end: '0.1000', step: '0.0010' },
        { start: '0.1000', end: '0.9000', step: '0.0100' },
        { start: '0.9000', end: '1.0000', step: '0.0010' },
      ];
  }
}

/** Builds a market record from its input. */
export function newMarket(input: MarketInput, series: SeriesRecord, marketId: string, nowMs: number): MarketRecord {
  const priceLevelStructure = input.priceLevelStructure ?? 'linear_cent';
  const priceRanges = input.priceRanges ?? defaultPriceRanges(priceLevelStructure);
  const openMs = input.openTimeMs ?? nowMs;
  return {
    ticker: input.ticker,
    marketId,
    eventTicker: input.eventTicker,
    seriesTicker: series.ticker,
    title: input.title ?? input.ticker,
    yesSubTitle: input.yesSubTitle ?? 'Yes',
    noSubTitle: input.noSubTitle ?? 'No',
    createdMs: nowMs,
    updatedMs: nowMs,
    openMs,
    closeMs: input.closeTimeMs ?? openMs + 30 * 24 * 3600 * 1000,
    status: input.status ?? 'active',
    priceLevelStructure,
    priceRanges,
    ticks: TickSchedule.fromMarket({ price_level_structure: priceLevelStructure, price_ranges: priceRanges }),
    result: undefined,
    settledMs: undefined,
    determinedMs: undefined,
    lastPrice: undefined,
    lastTradeSize: Contracts.ZERO,
    volume: Contracts.ZERO,
    dollarVolume: Dollars.ZERO,
    book: new OrderBook(),
    trades: [],
  };
}

/** Requires `price` to be a YES price strictly between $0 and $1 on the market's tick schedule. Throws `INVALID_PRICE`. */
export function checkPrice(market: MarketRecord, price: Dollars): void {
  if (price.lte(Dollars.ZERO) || price.gte(Dollars.ONE) || !market.ticks.isValidPrice(price)) {
    throw new MockExchangeError('INVALID_PRICE', `price ${price.toWire()} is not a valid tick of ${market.ticker}`, {
      field: 'price',
      value: price.toWire(),
      ticker: market.ticker,
    });
  }
}
