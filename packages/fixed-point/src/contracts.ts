import {
  B,
  bigFromInteger,
  type Big,
  decimalsOf,
  isNegativeBig,
  isPositiveBig,
  isZeroBig,
  normalizeZero,
  parseDecimal,
  ZERO_BIG,
} from './big.js';
import { FixedPointError } from './errors.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const HUNDRED = new B('100');
/** Decimals of a count: granularity 0.01 contract, and always 2 on the wire. */
const COUNT_DECIMALS = 2;

let makeContracts!: (b: Big) => Contracts;
let makeSigned!: (b: Big) => SignedContracts;
let bigOfContracts!: (c: Contracts) => Big;
let bigOfSigned!: (c: SignedContracts) => Big;

/** The exact value of either count type. Package-internal: not exported from the package entry point. */
export function countBig(c: Contracts | SignedContracts): Big {
  return c instanceof Contracts ? bigOfContracts(c) : bigOfSigned(c);
}

/** Package-internal constructor for values already known to be whole hundredths and >= 0. */
export function contractsFromBig(b: Big): Contracts {
  return makeContracts(b);
}

function hundredths(b: Big): bigint {
  return BigInt(b.times(HUNDRED).toFixed(0));
}

function fromHundredths(n: number | bigint, field: string | undefined): Big {
  return normalizeZero(bigFromInteger(n, field).div(HUNDRED));
}

/**
 * A contract count: never negative, granularity 0.01 contract. Parses and formats Kalshi's `*_fp` fields
 * (`count_fp`, `yes_bid_size_fp`, `volume_fp`, …), which accept 0–2 decimals in requests and always carry 2
 * in responses. Immutable; every operation is exact.
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Fractional Contracts).
 */
export class Contracts {
  /** 0 contracts. */
  static readonly ZERO: Contracts = new Contracts(ZERO_BIG);
  /** 1 contract. */
  static readonly ONE: Contracts = new Contracts(new B('1'));

  static {
    makeContracts = (b) => new Contracts(b);
    bigOfContracts = (c) => c.big;
  }

  private constructor(private readonly big: Big) {}

  /**
   * Parses an `*_fp` wire string: `'10'`, `'10.5'`, `'10.50'`.
   * @param wire plain decimal string, 0–2 decimals, no sign, exponent, spaces or leading zeros.
   * @param field the field name to put in error messages (e.g. `count_fp`).
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_PRECISION` for more than 2 decimals, `FIXED_POINT_RANGE` for a minus sign.
   */
  static parse(wire: string, field?: string): Contracts {
    return new Contracts(parseDecimal(wire, field, COUNT_DECIMALS, false));
  }

  /**
   * A whole number of contracts.
   * @param n a safe integer or bigint, >= 0.
   * @throws FixedPointError `FIXED_POINT_INVALID` for a non-integer (such as `1.5` or `NaN`),
   *   `FIXED_POINT_RANGE` for a negative or unsafe integer.
   */
  static fromWhole(n: number | bigint, field?: string): Contracts {
    return nonNegative(bigFromInteger(n, field), n, field);
  }

  /**
   * A count given in hundredths of a contract (Kalshi's "centicount", e.g. 250 is 2.50 contracts).
   * @param n a safe integer or bigint, >= 0.
   * @throws FixedPointError as {@link Contracts.fromWhole}.
   */
  static fromHundredths(n: number | bigint, field?: string): Contracts {
    return nonNegative(fromHundredths(n, field), n, field);
  }

  /** `this + o`. */
  add(o: Contracts): Contracts {
    return new Contracts(this.big.plus(o.big));
  }

  /**
   * `this - o`.
   * @throws FixedPointError `FIXED_POINT_RANGE` if `o` is larger than `this` (counts never go below 0;
   *   use {@link SignedContracts} for positions).
   */
  sub(o: Contracts): Contracts {
    if (o.big.gt(this.big)) {
      throw new FixedPointError('FIXED_POINT_RANGE', {
        value: o.toWire(),
        problem: `is more than ${this.toWire()}; a contract count cannot go below 0`,
      });
    }
    return new Contracts(normalizeZero(this.big.minus(o.big)));
  }

  /** The smaller of `this` and `o`. */
  min(o: Contracts): Contracts {
    return this.big.lte(o.big) ? this : o;
  }

  /** The larger of `this` and `o`. */
  max(o: Contracts): Contracts {
    return this.big.gte(o.big) ? this : o;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Contracts | SignedContracts): -1 | 0 | 1 {
    return this.big.cmp(countBig(o));
  }
  /** `this == o`. */
  eq(o: Contracts | SignedContracts): boolean {
    return this.big.eq(countBig(o));
  }
  /** `this < o`. */
  lt(o: Contracts | SignedContracts): boolean {
    return this.big.lt(countBig(o));
  }
  /** `this <= o`. */
  lte(o: Contracts | SignedContracts): boolean {
    return this.big.lte(countBig(o));
  }
  /** `this > o`. */
  gt(o: Contracts | SignedContracts): boolean {
    return this.big.gt(countBig(o));
  }
  /** `this >= o`. */
  gte(o: Contracts | SignedContracts): boolean {
    return this.big.gte(countBig(o));
  }
  /** True for 0 contracts. */
  isZero(): boolean {
    return isZeroBig(this.big);
  }
  /** True when there is no fractional part (what a market without `fractional_trading_enabled` accepts). */
  isWhole(): boolean {
    return decimalsOf(this.big) === 0;
  }

  /** The same count as a {@link SignedContracts}. */
  toSigned(): SignedContracts {
    return makeSigned(this.big);
  }

  /** The exact count in hundredths of a contract (centicounts). */
  toHundredths(): bigint {
    return hundredths(this.big);
  }

  /** The `*_fp` wire form, always 2 decimals: `'10.00'`, `'2.50'`. */
  toWire(): string {
    return this.big.toFixed(COUNT_DECIMALS);
  }
  /** Same as {@link Contracts.toWire}. */
  toString(): string {
    return this.toWire();
  }
  /** Same as {@link Contracts.toWire}, so `JSON.stringify` writes the wire form. */
  toJSON(): string {
    return this.toWire();
  }
  [inspect](): string {
    return `Contracts(${this.toWire()})`;
  }
}

function nonNegative(b: Big, value: unknown, field: string | undefined): Contracts {
  if (isNegativeBig(b)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value, field, problem: 'is negative; must be >= 0' });
  }
  return makeContracts(b);
}

/**
 * A contract count that may be negative: positions (`position_fp`, where negative means a NO position) and
 * signed deltas. Same granularity (0.01) and wire form as {@link Contracts}, with a leading `-` when negative.
 * Immutable; every operation is exact.
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Fractional Contracts).
 */
export class SignedContracts {
  /** 0 contracts. */
  static readonly ZERO: SignedContracts = new SignedContracts(ZERO_BIG);

  static {
    makeSigned = (b) => new SignedContracts(b);
    bigOfSigned = (c) => c.big;
  }

  private constructor(private readonly big: Big) {}

  /**
   * Parses a signed `*_fp` wire string: `'-3'`, `'12.5'`, `'-0.25'`.
   * @param wire plain decimal string with an optional leading `-`, 0–2 decimals.
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_PRECISION` for more than 2 decimals.
   */
  static parse(wire: string, field?: string): SignedContracts {
    return new SignedContracts(parseDecimal(wire, field, COUNT_DECIMALS, true));
  }

  /**
   * A whole number of contracts, possibly negative.
   * @throws FixedPointError `FIXED_POINT_INVALID` for a non-integer, `FIXED_POINT_RANGE` for an unsafe integer.
   */
  static fromWhole(n: number | bigint, field?: string): SignedContracts {
    return signed(bigFromInteger(n, field));
  }

  /**
   * A count in hundredths of a contract, possibly negative.
   * @throws FixedPointError as {@link SignedContracts.fromWhole}.
   */
  static fromHundredths(n: number | bigint, field?: string): SignedContracts {
    return new SignedContracts(fromHundredths(n, field));
  }

  /** `this + o`. */
  add(o: SignedContracts | Contracts): SignedContracts {
    return signed(this.big.plus(countBig(o)));
  }
  /** `this - o`. */
  sub(o: SignedContracts | Contracts): SignedContracts {
    return signed(this.big.minus(countBig(o)));
  }
  /** `-this`. */
  neg(): SignedContracts {
    return signed(this.big.neg());
  }
  /** `|this|` as an unsigned count. */
  abs(): Contracts {
    return makeContracts(this.big.abs());
  }
  /**
   * The same count as {@link Contracts}.
   * @throws FixedPointError `FIXED_POINT_RANGE` if negative.
   */
  toContracts(field?: string): Contracts {
    return nonNegative(this.big, this.toWire(), field);
  }

  /** The smaller of `this` and `o`. */
  min(o: SignedContracts): SignedContracts {
    return this.big.lte(o.big) ? this : o;
  }
  /** The larger of `this` and `o`. */
  max(o: SignedContracts): SignedContracts {
    return this.big.gte(o.big) ? this : o;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: SignedContracts | Contracts): -1 | 0 | 1 {
    return this.big.cmp(countBig(o));
  }
  /** `this == o`. */
  eq(o: SignedContracts | Contracts): boolean {
    return this.big.eq(countBig(o));
  }
  /** `this < o`. */
  lt(o: SignedContracts | Contracts): boolean {
    return this.big.lt(countBig(o));
  }
  /** `this <= o`. */
  lte(o: SignedContracts | Contracts): boolean {
    return this.big.lte(countBig(o));
  }
  /** `this > o`. */
  gt(o: SignedContracts | Contracts): boolean {
    return this.big.gt(countBig(o));
  }
  /** `this >= o`. */
  gte(o: SignedContracts | Contracts): boolean {
    return this.big.gte(countBig(o));
  }
  /** True for 0. */
  isZero(): boolean {
    return isZeroBig(this.big);
  }
  /** True below 0 (a NO position when this is `position_fp`). */
  isNegative(): boolean {
    return isNegativeBig(this.big);
  }
  /** True above 0. */
  isPositive(): boolean {
    return isPositiveBig(this.big);
  }

  /** The exact count in hundredths of a contract (negative for negative counts). */
  toHundredths(): bigint {
    return hundredths(this.big);
  }
  /** The wire form, always 2 decimals: `'-3.00'`, `'12.50'`. */
  toWire(): string {
    return this.big.toFixed(COUNT_DECIMALS);
  }
  /** Same as {@link SignedContracts.toWire}. */
  toString(): string {
    return this.toWire();
  }
  /** Same as {@link SignedContracts.toWire}. */
  toJSON(): string {
    return this.toWire();
  }
  [inspect](): string {
    return `SignedContracts(${this.toWire()})`;
  }
}

function signed(b: Big): SignedContracts {
  return makeSigned(normalizeZero(b));
}
