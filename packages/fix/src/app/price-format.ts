import { AveragePrice, Contracts, Dollars, FixedPointError } from '@kalshi-sdk/fixed-point';
import { shiftDecimal, truncateDecimal } from './decimal-text.js';
import { FixValidationError } from './errors.js';

/**
 * Kalshi's two FIX price formats, for Price(44), AvgPx(6), LastPx(31), BidPx(132) and
 * OfferPx(133): whole cents by default (`44=56`), or dollars with up to 4 decimals when the
 * session logged on with UseDollars(21005)=Y (`44=0.5600`, subpenny ticks). Values are always
 * `Dollars` in the API; this class converts at the wire. Doc page: /fix/subpenny-pricing.
 */
export class FixPriceFormat {
  /** @param useDollars the session's UseDollars(21005) flag. */
  constructor(readonly useDollars: boolean) {}

  /**
   * A limit price (order or quote) as wire text. Must lie strictly between $0 and $1; in cents
   * mode it must be a whole number of cents (1–99), in dollars mode have at most 4 decimals.
   * @param field FIX field name for the error (`Price`, `BidPx`, ...).
   * @throws FixValidationError `FIX_INVALID_PRICE`.
   */
  limit(price: Dollars, field = 'Price'): string {
    if (!(price instanceof Dollars)) throw new FixValidationError('FIX_INVALID_PRICE', field, price, 'must be a Dollars value');
    if (!price.isPositive() || price.gte(Dollars.ONE)) {
      throw new FixValidationError('FIX_INVALID_PRICE', field, price.toString(), 'must be strictly between $0 and $1');
    }
    if (this.useDollars) {
      if (price.decimals() > 4) throw new FixValidationError('FIX_INVALID_PRICE', field, price.toString(), 'has more than 4 decimals');
      return price.toWire();
    }
    if (price.decimals() > 2) {
      throw new FixValidationError('FIX_INVALID_PRICE', field, price.toString(), 'is not a whole number of cents: log on with useDollars for subpenny prices');
    }
    return String(price.toCents());
  }

  /** Any price (an average, a fill price) as wire text, without range or tick checks: cents with decimals as needed, or dollars. */
  format(price: Dollars): string {
    const text = price.toString();
    return this.useDollars ? (truncateDecimal(text, 6) as string) : (shiftDecimal(text, 2) as string);
  }

  /**
   * Wire text of a price field → Dollars. Digits beyond 6 decimals of a dollar are cut toward zero
   * (averages keep them: see {@link FixPriceFormat.parseAverage}).
   * @throws FixValidationError `FIX_INVALID_PRICE` when the text is not a decimal.
   */
  parse(text: string, field = 'Price'): Dollars {
    const dollars = this.useDollars ? text : shiftDecimal(text, -2);
    const exact = dollars === undefined ? undefined : truncateDecimal(dollars, 6);
    if (exact === undefined) throw new FixValidationError('FIX_INVALID_PRICE', field, text, 'is not a decimal price');
    return Dollars.parse(exact, field, { maxDecimals: 6 });
  }

  /**
   * Wire text of an average price (AvgPx 6) → AveragePrice, every decimal kept (55.2619…¢ is
   * $0.552619…); the caller rounds it explicitly.
   * @throws FixValidationError `FIX_INVALID_PRICE` when the text is not a decimal.
   */
  parseAverage(text: string, field = 'AvgPx'): AveragePrice {
    const dollars = this.useDollars ? text : shiftDecimal(text, -2);
    if (dollars !== undefined) {
      try {
        return AveragePrice.parse(dollars, field);
      } catch (e) {
        if (!(e instanceof FixedPointError)) throw e;
      }
    }
    throw new FixValidationError('FIX_INVALID_PRICE', field, text, 'is not a decimal average price');
  }
}

/**
 * A QTY field (OrderQty 38, CumQty 14, LeavesQty 151, LastQty 32) → Contracts. Kalshi may send
 * more decimals than the 0.01 granularity (`100.0000`): trailing zeros are dropped.
 * @throws FixValidationError `FIX_INVALID_QUANTITY` for a non-decimal, a negative or a finer-than-0.01 value.
 */
export function parseQuantity(text: string, field: string): Contracts {
  const trimmed = truncateDecimal(text, 20);
  const dot = trimmed?.indexOf('.') ?? -1;
  if (trimmed === undefined || trimmed.startsWith('-') || (dot >= 0 && trimmed.length - dot - 1 > 2)) {
    throw new FixValidationError('FIX_INVALID_QUANTITY', field, text, 'is not a count of contracts in 0.01 steps');
  }
  return Contracts.parse(trimmed, field);
}

/**
 * Contracts → QTY wire text with 2 decimals (`'10.00'`).
 * @throws FixValidationError `FIX_INVALID_QUANTITY` when `positive` and the count is zero, or not a Contracts value.
 */
export function formatQuantity(count: Contracts, field: string, positive = true): string {
  if (!(count instanceof Contracts)) throw new FixValidationError('FIX_INVALID_QUANTITY', field, count, 'must be a Contracts value');
  if (positive && count.isZero()) throw new FixValidationError('FIX_INVALID_QUANTITY', field, count.toWire(), 'must be positive');
  return count.toWire();
}
