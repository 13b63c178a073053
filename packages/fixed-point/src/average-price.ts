import { type Big, decimalsOf, isZeroBig, parseDecimal } from './big.js';
import { Dollars, dollarsBig, dollarsFromBig, MAX_DOLLAR_DECIMALS, WIRE_DOLLAR_DECIMALS } from './dollars.js';
import { FixedPointError } from './errors.js';
import { checkDecimals, type RoundingMode, roundBig } from './rounding.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** Most decimals an {@link AveragePrice} keeps from its source (an average of 4-decimal prices can need many). */
export const MAX_AVERAGE_DECIMALS = 20;

/**
 * A volume-weighted average price in dollars, as Kalshi reports it: REST `average_fill_price` /
 * `average_fee_paid` (V2 order responses) and FIX AvgPx(6). It is derived (total ÷ count), so it may carry
 * more decimals than a `*_dollars` wire field: 55.2381¢ is $0.552381. It keeps every digit it was given and
 * has no `toWire()`, because no request takes an average; {@link AveragePrice.round} is the explicit way to a
 * {@link Dollars} (`avg.round(4, 'half-even').toWire()`), {@link AveragePrice.toString} prints it exactly.
 * Immutable.
 */
export class AveragePrice {
  private constructor(private readonly big: Big) {}

  /**
   * Parses an average price in dollars: a plain non-negative decimal string with up to 20 decimals
   * (`'0.5800'`, `'0.552381'`).
   * @param field the field name for error messages (`average_fill_price`, `AvgPx`).
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_RANGE` for a negative value, `FIXED_POINT_PRECISION` beyond 20 decimals.
   */
  static parse(text: string, field?: string): AveragePrice {
    return new AveragePrice(parseDecimal(text, field, MAX_AVERAGE_DECIMALS, false));
  }

  /** An average equal to `price` exactly. @throws FixedPointError `FIXED_POINT_RANGE` for a negative amount. */
  static fromDollars(price: Dollars): AveragePrice {
    if (price.isNegative()) {
      throw new FixedPointError('FIXED_POINT_RANGE', { value: price.toString(), problem: 'is negative; an average price is >= 0' });
    }
    return new AveragePrice(dollarsBig(price));
  }

  /** Decimal places in use (`'0.552381'` has 6, `'0.5800'` has 2). */
  decimals(): number {
    return decimalsOf(this.big);
  }

  /** True for $0 (Kalshi's AvgPx before the first fill). */
  isZero(): boolean {
    return isZeroBig(this.big);
  }

  /**
   * Rounds to `decimals` places with an explicit mode, giving a {@link Dollars}: `round(4, 'half-even')`
   * for a wire-precision value, `round(2, …)` for cents.
   * @param decimals 0–6.
   * @throws FixedPointError `FIXED_POINT_INVALID` for `decimals` outside 0–6 or an unknown mode.
   */
  round(decimals: number, mode: RoundingMode): Dollars {
    checkDecimals(decimals, MAX_DOLLAR_DECIMALS);
    return dollarsFromBig(roundBig(this.big, decimals, mode), 'rounded average');
  }

  /**
   * The same value as {@link Dollars}, exactly.
   * @throws FixedPointError `FIXED_POINT_PRECISION` when it has more than 6 decimals: use {@link AveragePrice.round}.
   */
  toDollars(): Dollars {
    return dollarsFromBig(this.big, 'average price');
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: AveragePrice | Dollars): -1 | 0 | 1 {
    return this.big.cmp(o instanceof AveragePrice ? o.big : dollarsBig(o));
  }
  /** `this == o` by value (`'0.58'` equals `'0.5800'` and `Dollars.parse('0.58')`). */
  eq(o: AveragePrice | Dollars): boolean {
    return this.cmp(o) === 0;
  }
  /** The smaller of `this` and `o`. */
  min(o: AveragePrice): AveragePrice {
    return this.cmp(o) <= 0 ? this : o;
  }
  /** The larger of `this` and `o`. */
  max(o: AveragePrice): AveragePrice {
    return this.cmp(o) >= 0 ? this : o;
  }

  /**
   * The average as a JS number of dollars. LOSSY: the nearest float, which cannot hold most decimals exactly.
   * For display and statistics only; never compute money with it (use {@link AveragePrice.round}).
   */
  toNumber(): number {
    return Number(this.big.toString());
  }

  /** Every digit, at least 4 decimals: `'0.5800'`, `'0.552381'`. Never rounds. */
  toString(): string {
    return this.big.toFixed(Math.max(WIRE_DOLLAR_DECIMALS, decimalsOf(this.big)));
  }
  /** Same as {@link AveragePrice.toString}. */
  toJSON(): string {
    return this.toString();
  }
  [inspect](): string {
    return `AveragePrice(${this.toString()})`;
  }
}
