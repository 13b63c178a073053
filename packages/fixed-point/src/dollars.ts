import {
  B,
  bigFromInteger,
  type Big,
  ceilTo,
  decimalsOf,
  floorTo,
  isNegativeBig,
  isPositiveBig,
  isZeroBig,
  normalizeZero,
  parseDecimal,
  toSafeInteger,
  ZERO_BIG,
} from './big.js';
import { type Contracts, countBig, type SignedContracts } from './contracts.js';
import { FixedPointError } from './errors.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** Decimals a {@link Dollars} may carry internally (Kalshi: fee math with fractional counts reaches 6). */
export const MAX_DOLLAR_DECIMALS = 6;
/** Decimals a {@link Dollars} may carry on the wire (`*_dollars` fields). */
export const WIRE_DOLLAR_DECIMALS = 4;

const CENTS = new B('100');
const CENTI_CENTS = new B('10000');

/**
 * How {@link Dollars.round} resolves a value that lies between two representable ones.
 * - `'down'`: toward zero (truncate); `'up'`: away from zero.
 * - `'floor'`: toward negative infinity; `'ceil'`: toward positive infinity.
 * - `'half-up'`: nearest, ties away from zero; `'half-even'`: nearest, ties to the even digit.
 */
export type RoundingMode = 'down' | 'up' | 'floor' | 'ceil' | 'half-up' | 'half-even';

/** Options for {@link Dollars.parse}. */
export interface DollarsParseOptions {
  /**
   * Most decimals accepted. Default 4, what Kalshi accepts in requests. Use 6 for response amounts that
   * Kalshi documents as emitting up to 6 decimals (fees and costs with fractional contracts).
   */
  readonly maxDecimals?: 4 | 6 | undefined;
}

let makeDollars!: (b: Big) => Dollars;
let bigOfDollars!: (d: Dollars) => Big;

/** The exact value. Package-internal: not exported from the package entry point. */
export function dollarsBig(d: Dollars): Big {
  return bigOfDollars(d);
}

/**
 * Package-internal constructor: wraps a Big, refusing more than 6 decimals.
 * @throws FixedPointError `FIXED_POINT_PRECISION` naming `what` when the exact value needs more decimals.
 */
export function dollarsFromBig(b: Big, what: string): Dollars {
  const d = decimalsOf(b);
  if (d > MAX_DOLLAR_DECIMALS) {
    throw new FixedPointError('FIXED_POINT_PRECISION', {
      value: b.toFixed(d),
      problem: `(${what}) has ${d} decimals; a dollar amount carries at most ${MAX_DOLLAR_DECIMALS}: round it explicitly`,
    });
  }
  return makeDollars(normalizeZero(b));
}

/**
 * An amount of US dollars: prices, costs, balances, fees. Parses and formats Kalshi's `*_dollars` fields
 * (fixed-point dollar strings such as `'0.5600'`). Immutable; every operation is exact.
 *
 * On the wire a value has at most 4 decimals; internally it may carry up to 6 (intermediate fee math with
 * fractional contracts, as Kalshi documents). Any result that would need more than 6 decimals throws
 * `FIXED_POINT_PRECISION` rather than round; use {@link Dollars.round} to round explicitly.
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Subpenny Pricing).
 */
export class Dollars {
  /** $0. */
  static readonly ZERO: Dollars = new Dollars(ZERO_BIG);
  /** $1, the payout of one winning contract. */
  static readonly ONE: Dollars = new Dollars(new B('1'));

  static {
    makeDollars = (b) => new Dollars(b);
    bigOfDollars = (d) => d.big;
  }

  private constructor(private readonly big: Big) {}

  /**
   * Parses a `*_dollars` wire string: `'0.56'`, `'0.5600'`, `'12'`, `'-3.1200'`.
   * @param wire plain decimal string: optional `-`, digits (no leading zeros), optional `.` and up to 4
   *   decimals (or `options.maxDecimals`). No exponent, `+`, spaces, hex, `NaN` or `Infinity`.
   * @param field the field name to put in error messages (e.g. `yes_price_dollars`).
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_PRECISION` for too many decimals (`'0.12345'`).
   */
  static parse(wire: string, field?: string, options?: DollarsParseOptions): Dollars {
    return new Dollars(parseDecimal(wire, field, options?.maxDecimals ?? WIRE_DOLLAR_DECIMALS, true));
  }

  /**
   * An amount given in whole cents (`1` is $0.01).
   * @param cents a safe integer or bigint; may be negative.
   * @throws FixedPointError `FIXED_POINT_INVALID` for a non-integer (`0.1 + 0.2`, `1.5`, `NaN`),
   *   `FIXED_POINT_RANGE` for an unsafe integer.
   */
  static fromCents(cents: number | bigint, field?: string): Dollars {
    return dollarsFromBig(bigFromInteger(cents, field).div(CENTS), 'cents');
  }

  /**
   * An amount given in centi-cents, 1/10,000 of a dollar (`1` is $0.0001), the unit of the WebSocket
   * `market_positions` channel and several REST fields named `*_centi_cents`.
   * @param cc a safe integer or bigint; may be negative.
   * @throws FixedPointError as {@link Dollars.fromCents}.
   */
  static fromCentiCents(cc: number | bigint, field?: string): Dollars {
    return dollarsFromBig(bigFromInteger(cc, field).div(CENTI_CENTS), 'centi-cents');
  }

  /** `this + o`. */
  add(o: Dollars): Dollars {
    return makeDollars(normalizeZero(this.big.plus(o.big)));
  }
  /** `this - o`. */
  sub(o: Dollars): Dollars {
    return makeDollars(normalizeZero(this.big.minus(o.big)));
  }
  /** `-this`. */
  neg(): Dollars {
    return makeDollars(normalizeZero(this.big.neg()));
  }
  /** `|this|`. */
  abs(): Dollars {
    return makeDollars(this.big.abs());
  }

  /**
   * `this × count`: a per-contract amount times a count, e.g. a price times contracts (notional).
   * A 4-decimal price times a 2-decimal count is exact at 6 decimals.
   * @throws FixedPointError `FIXED_POINT_PRECISION` if the exact product needs more than 6 decimals.
   */
  times(count: Contracts | SignedContracts): Dollars {
    return dollarsFromBig(this.big.times(countBig(count)), `${this.toString()} × ${count.toWire()}`);
  }

  /**
   * Rounds to `decimals` places with an explicit mode: the only way this package drops digits.
   * @param decimals 0–6.
   * @throws FixedPointError `FIXED_POINT_INVALID` for `decimals` outside 0–6 or not an integer.
   */
  round(decimals: number, mode: RoundingMode): Dollars {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DOLLAR_DECIMALS) {
      throw new FixedPointError('FIXED_POINT_INVALID', {
        value: decimals,
        field: 'decimals',
        problem: `is not an integer from 0 to ${MAX_DOLLAR_DECIMALS}`,
      });
    }
    return makeDollars(normalizeZero(roundBig(this.big, decimals, mode)));
  }

  /** The smaller of `this` and `o`. */
  min(o: Dollars): Dollars {
    return this.big.lte(o.big) ? this : o;
  }
  /** The larger of `this` and `o`. */
  max(o: Dollars): Dollars {
    return this.big.gte(o.big) ? this : o;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Dollars): -1 | 0 | 1 {
    return this.big.cmp(o.big);
  }
  /** `this == o` (by value: `'0.5'` equals `'0.5000'`). */
  eq(o: Dollars): boolean {
    return this.big.eq(o.big);
  }
  /** `this < o`. */
  lt(o: Dollars): boolean {
    return this.big.lt(o.big);
  }
  /** `this <= o`. */
  lte(o: Dollars): boolean {
    return this.big.lte(o.big);
  }
  /** `this > o`. */
  gt(o: Dollars): boolean {
    return this.big.gt(o.big);
  }
  /** `this >= o`. */
  gte(o: Dollars): boolean {
    return this.big.gte(o.big);
  }
  /** True for $0. */
  isZero(): boolean {
    return isZeroBig(this.big);
  }
  /** True below $0. */
  isNegative(): boolean {
    return isNegativeBig(this.big);
  }
  /** True above $0. */
  isPositive(): boolean {
    return isPositiveBig(this.big);
  }
  /** Decimal places in use, 0–6 (`'0.5600'` has 2). */
  decimals(): number {
    return decimalsOf(this.big);
  }

  /**
   * The amount in whole cents.
   * @throws FixedPointError `FIXED_POINT_PRECISION` unless a whole number of cents (`'0.0550'` is not),
   *   `FIXED_POINT_RANGE` if the cents do not fit in a safe integer.
   */
  toCents(): number {
    return this.toUnits(CENTS, 'cents');
  }

  /**
   * The amount in centi-cents (1/10,000 dollar).
   * @throws FixedPointError `FIXED_POINT_PRECISION` unless a whole number of centi-cents (at most 4
   *   decimals), `FIXED_POINT_RANGE` if they do not fit in a safe integer.
   */
  toCentiCents(): number {
    return this.toUnits(CENTI_CENTS, 'centi-cents');
  }

  /**
   * The `*_dollars` wire form, always 4 decimals: `'0.5600'`, `'-3.1200'`, `'12.0000'`.
   * @throws FixedPointError `FIXED_POINT_PRECISION` if more than 4 decimals are set (an intermediate value;
   *   round it explicitly first).
   */
  toWire(): string {
    const d = decimalsOf(this.big);
    if (d > WIRE_DOLLAR_DECIMALS) {
      throw new FixedPointError('FIXED_POINT_PRECISION', {
        value: this.big.toFixed(d),
        problem: `has ${d} decimals; at most ${WIRE_DOLLAR_DECIMALS} allowed on the wire: round it explicitly`,
      });
    }
    return this.big.toFixed(WIRE_DOLLAR_DECIMALS);
  }

  /**
   * Same as {@link Dollars.toWire} for values that fit the wire. An intermediate value with 5–6 decimals is
   * printed exactly (`'0.012345'`) instead of throwing, so logging and template strings never fail.
   */
  toString(): string {
    return this.big.toFixed(Math.max(WIRE_DOLLAR_DECIMALS, decimalsOf(this.big)));
  }
  /** Same as {@link Dollars.toString}, so `JSON.stringify` writes the wire form. */
  toJSON(): string {
    return this.toString();
  }
  [inspect](): string {
    return `Dollars(${this.toString()})`;
  }

  private toUnits(scale: Big, unit: string): number {
    const scaled = this.big.times(scale);
    if (decimalsOf(scaled) > 0) {
      throw new FixedPointError('FIXED_POINT_PRECISION', {
        value: this.toString(),
        problem: `is not a whole number of ${unit}`,
      });
    }
    return toSafeInteger(scaled, this.toString(), undefined);
  }
}

/** Rounds a Big with one of this package's named modes. Package-internal. */
export function roundBig(b: Big, decimals: number, mode: RoundingMode): Big {
  switch (mode) {
    case 'down':
      return b.round(decimals, B.roundDown);
    case 'up':
      return b.round(decimals, B.roundUp);
    case 'half-up':
      return b.round(decimals, B.roundHalfUp);
    case 'half-even':
      return b.round(decimals, B.roundHalfEven);
    case 'floor':
      return floorTo(b, decimals);
    case 'ceil':
      return ceilTo(b, decimals);
    default:
      throw new FixedPointError('FIXED_POINT_INVALID', {
        value: mode as unknown,
        field: 'mode',
        problem: "is not a rounding mode ('down', 'up', 'floor', 'ceil', 'half-up', 'half-even')",
      });
  }
}
