import { B, bigFromInteger, type Big, decimalsOf, isNegativeBig, normalizeZero, parseDecimal } from './big.js';
import type { Dollars } from './dollars.js';
import { FixedPointError } from './errors.js';
import { checkDecimals, type DivOptions, divRound } from './rounding.js';
import { bigToUnits, fits, formatUnits, noNegZero, parseUnits, unitsToBig } from './scaled.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const HUNDRED = new B('100');
/** Decimals of a count: granularity 0.01 contract, and always 2 on the wire; also the fast path's unit. */
const COUNT_DECIMALS = 2;

let makeContracts!: (hundredths: number, big: Big | undefined) => Contracts;
/**
 * Counts under this many hundredths (327.68 contracts) are made once and shared: values are
 * immutable, and a count kept for long (an order's remaining and filled counts, a fill's
 * position) then costs no new object for the garbage collector to copy.
 */
const SHARED_COUNTS = 1 << 15;
const sharedCounts = new Array<Contracts | undefined>(SHARED_COUNTS).fill(undefined);

/** The count of `hundredths` (a safe integer, not -0): the shared one when it is small. */
function countOf(hundredths: number): Contracts {
  if (hundredths >= 0 && hundredths < SHARED_COUNTS) return (sharedCounts[hundredths] ??= makeContracts(hundredths, undefined));
  return makeContracts(hundredths, undefined);
}
let makeSigned!: (hundredths: number, big: Big | undefined) => SignedContracts;
let bigOfContracts!: (c: Contracts) => Big;
let bigOfSigned!: (c: SignedContracts) => Big;
let unitsOfContracts!: (c: Contracts) => number;
let unitsOfSigned!: (c: SignedContracts) => number;

/** The exact value of either count type. Package-internal: not exported from the package entry point. */
export function countBig(c: Contracts | SignedContracts): Big {
  return c instanceof Contracts ? bigOfContracts(c) : bigOfSigned(c);
}

/** Either count type in hundredths of a contract, or `NaN` beyond the fast path's bound. Package-internal. */
export function countUnits(c: Contracts | SignedContracts): number {
  return c instanceof Contracts ? unitsOfContracts(c) : unitsOfSigned(c);
}

function hundredthsBig(b: Big): bigint {
  return BigInt(b.times(HUNDRED).toFixed(0));
}

function fromHundredths(n: number | bigint, field: string | undefined): Big {
  return normalizeZero(bigFromInteger(n, field).div(HUNDRED));
}

/** Hundredths for a whole count `n`, or `NaN` unless `n` is a safe integer whose hundredths fit the fast path. */
function wholeToUnits(n: number | bigint): number {
  return typeof n === 'number' && Number.isSafeInteger(n) && fits(n * 100) ? noNegZero(n * 100) : Number.NaN;
}

/** A value's count type from an exact Big (at most 2 decimals), on the fast path when it fits. */
function contractsOf(b: Big): Contracts {
  const exact = normalizeZero(b);
  const h = bigToUnits(exact, COUNT_DECIMALS);
  return Number.isNaN(h) ? makeContracts(h, exact) : countOf(h);
}

function signedOf(b: Big): SignedContracts {
  const exact = normalizeZero(b);
  const h = bigToUnits(exact, COUNT_DECIMALS);
  return makeSigned(h, Number.isNaN(h) ? exact : undefined);
}

function toNumberOf(units: number, big: () => Big): number {
  return fits(units) ? units / 100 : Number(big().toString());
}

function divisorBig(divisor: number | bigint): Big {
  return bigFromInteger(divisor, 'divisor');
}

/**
 * A contract count: never negative, granularity 0.01 contract. Parses and formats Kalshi's `*_fp` fields
 * (`count_fp`, `yes_bid_size_fp`, `volume_fp`, …), which accept 0–2 decimals in requests and always carry 2
 * in responses. Immutable; every operation is exact unless it takes a rounding mode.
 *
 * Representation: a whole number of hundredths of a contract in a JS number while it is at most
 * `Number.MAX_SAFE_INTEGER` hundredths (about 90 trillion contracts), as Kalshi suggests ("treating "1.55"
 * as 155 units of 1c contracts"); beyond that bound the exact value is kept with big.js.
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Fractional Contracts).
 */
export class Contracts {
  /** 0 contracts. */
  static readonly ZERO: Contracts = new Contracts(0, undefined);
  /** 1 contract. */
  static readonly ONE: Contracts = new Contracts(100, undefined);

  static {
    makeContracts = (h, big) => new Contracts(h, big);
    sharedCounts[0] = Contracts.ZERO;
    sharedCounts[100] = Contracts.ONE;
    bigOfContracts = (c) => c.big ?? unitsToBig(c.hundredths, COUNT_DECIMALS);
    unitsOfContracts = (c) => c.hundredths;
  }

  /**
   * @param hundredths the count in hundredths, a safe integer, or `NaN` when `big` holds it.
   * @param big the exact value when `hundredths` is `NaN`, otherwise `undefined` (so equal values have equal
   *   fields).
   */
  private constructor(
    private readonly hundredths: number,
    private readonly big: Big | undefined,
  ) {}

  /**
   * Parses an `*_fp` wire string: `'10'`, `'10.5'`, `'10.50'`.
   * @param wire plain decimal string, 0–2 decimals, no sign, exponent, spaces or leading zeros.
   * @param field the field name to put in error messages (e.g. `count_fp`).
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_PRECISION` for more than 2 decimals, `FIXED_POINT_RANGE` for a minus sign.
   */
  static parse(wire: string, field?: string): Contracts {
    if (typeof wire === 'string') {
      const h = parseUnits(wire, COUNT_DECIMALS, COUNT_DECIMALS, false);
      if (!Number.isNaN(h)) return countOf(h);
    }
    return contractsOf(parseDecimal(wire, field, COUNT_DECIMALS, false));
  }

  /**
   * A whole number of contracts.
   * @param n a safe integer or bigint, >= 0.
   * @throws FixedPointError `FIXED_POINT_INVALID` for a non-integer (such as `1.5` or `NaN`),
   *   `FIXED_POINT_RANGE` for a negative or unsafe integer.
   */
  static fromWhole(n: number | bigint, field?: string): Contracts {
    const h = wholeToUnits(n);
    if (h >= 0) return countOf(h);
    return nonNegative(bigFromInteger(n, field), n, field);
  }

  /**
   * A count given in hundredths of a contract (Kalshi's "centicount", e.g. 250 is 2.50 contracts).
   * @param n a safe integer or bigint, >= 0.
   * @throws FixedPointError as {@link Contracts.fromWhole}.
   */
  static fromHundredths(n: number | bigint, field?: string): Contracts {
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return countOf(noNegZero(n));
    return nonNegative(fromHundredths(n, field), n, field);
  }

  /** `this + o`, exact. */
  plus(o: Contracts): Contracts {
    const h = this.hundredths + o.hundredths;
    return fits(h) ? countOf(h) : contractsOf(countBig(this).plus(countBig(o)));
  }

  /**
   * `this - o`, exact.
   * @throws FixedPointError `FIXED_POINT_RANGE` if `o` is larger than `this` (counts never go below 0;
   *   use {@link SignedContracts} for positions).
   */
  minus(o: Contracts): Contracts {
    if (this.cmp(o) < 0) {
      throw new FixedPointError('FIXED_POINT_RANGE', {
        value: o.toWire(),
        problem: `is more than ${this.toWire()}; a contract count cannot go below 0`,
      });
    }
    const h = this.hundredths - o.hundredths;
    return fits(h) ? countOf(h) : contractsOf(countBig(this).minus(countBig(o)));
  }

  /** @deprecated Use {@link Contracts.plus}; `add` will be removed in the next minor version. */
  add(o: Contracts): Contracts {
    return this.plus(o);
  }
  /** @deprecated Use {@link Contracts.minus}; `sub` will be removed in the next minor version. */
  sub(o: Contracts): Contracts {
    return this.minus(o);
  }

  /** `this × price`: what this many contracts cost at `price` (notional), exact. Same as `price.times(this)`. */
  times(price: Dollars): Dollars {
    return price.times(this);
  }

  /**
   * `this ÷ divisor` rounded to `options.decimals` places (0–2) with `options.rounding`, e.g. splitting an
   * order into slices: `Contracts.parse('10').div(3, { decimals: 0, rounding: 'floor' })` is 3.
   * @param divisor a positive safe integer or bigint.
   * @throws FixedPointError `FIXED_POINT_RANGE` for a zero, negative or unsafe divisor, `FIXED_POINT_INVALID`
   *   for a float divisor, `decimals` outside 0–2 or an unknown rounding mode.
   */
  div(divisor: number | bigint, options: DivOptions): Contracts {
    checkDecimals(options.decimals, COUNT_DECIMALS);
    const d = divisorBig(divisor);
    return nonNegative(divRound(countBig(this), d, options.decimals, options.rounding, 'count ÷ divisor'), divisor, 'divisor');
  }

  /** The smaller of `this` and `o`. */
  min(o: Contracts): Contracts {
    return this.cmp(o) <= 0 ? this : o;
  }

  /** The larger of `this` and `o`. */
  max(o: Contracts): Contracts {
    return this.cmp(o) >= 0 ? this : o;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Contracts | SignedContracts): -1 | 0 | 1 {
    // Two counts on the fast path (the common case) compare without the generic lookup.
    if (o instanceof Contracts && this.big === undefined && o.big === undefined) return this.hundredths < o.hundredths ? -1 : this.hundredths > o.hundredths ? 1 : 0;
    return compareCounts(this.hundredths, this, o);
  }
  /** `this == o`. */
  eq(o: Contracts | SignedContracts): boolean {
    return this.cmp(o) === 0;
  }
  /** `this < o`. */
  lt(o: Contracts | SignedContracts): boolean {
    return this.cmp(o) < 0;
  }
  /** `this <= o`. */
  lte(o: Contracts | SignedContracts): boolean {
    return this.cmp(o) <= 0;
  }
  /** `this > o`. */
  gt(o: Contracts | SignedContracts): boolean {
    return this.cmp(o) > 0;
  }
  /** `this >= o`. */
  gte(o: Contracts | SignedContracts): boolean {
    return this.cmp(o) >= 0;
  }
  /** True for 0 contracts. */
  isZero(): boolean {
    return this.hundredths === 0;
  }
  /** True when there is no fractional part (what a market without `fractional_trading_enabled` accepts). */
  isWhole(): boolean {
    return fits(this.hundredths) ? this.hundredths % 100 === 0 : decimalsOf(countBig(this)) === 0;
  }

  /** The same count as a {@link SignedContracts}. */
  toSigned(): SignedContracts {
    return makeSigned(this.hundredths, this.big);
  }

  /** The exact count in hundredths of a contract (centicounts). */
  toHundredths(): bigint {
    return fits(this.hundredths) ? BigInt(this.hundredths) : hundredthsBig(countBig(this));
  }

  /**
   * The count as a JS number of contracts. LOSSY: most fractional counts (`0.1`) have no exact float and
   * counts beyond 2^53 hundredths lose digits; the result is the nearest float. For display and statistics
   * only; never do arithmetic on it or send it to Kalshi (use {@link Contracts.toWire}).
   */
  toNumber(): number {
    return toNumberOf(this.hundredths, () => countBig(this));
  }

  /** The `*_fp` wire form, always 2 decimals: `'10.00'`, `'2.50'`. */
  toWire(): string {
    return fits(this.hundredths) ? formatUnits(this.hundredths, COUNT_DECIMALS, COUNT_DECIMALS) : countBig(this).toFixed(COUNT_DECIMALS);
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

function compareCounts(a: number, self: Contracts | SignedContracts, o: Contracts | SignedContracts): -1 | 0 | 1 {
  const b = countUnits(o);
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return countBig(self).cmp(countBig(o));
}

function nonNegative(b: Big, value: unknown, field: string | undefined): Contracts {
  if (isNegativeBig(b)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value, field, problem: 'is negative; must be >= 0' });
  }
  return contractsOf(b);
}

/**
 * A contract count that may be negative: positions (`position_fp`, where negative means a NO position) and
 * signed deltas. Same granularity (0.01), wire form and representation as {@link Contracts}, with a leading
 * `-` when negative. Immutable; every operation is exact unless it takes a rounding mode.
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Fractional Contracts).
 */
export class SignedContracts {
  /** 0 contracts. */
  static readonly ZERO: SignedContracts = new SignedContracts(0, undefined);

  static {
    makeSigned = (h, big) => new SignedContracts(h, big);
    bigOfSigned = (c) => c.big ?? unitsToBig(c.hundredths, COUNT_DECIMALS);
    unitsOfSigned = (c) => c.hundredths;
  }

  /** As {@link Contracts}' constructor. */
  private constructor(
    private readonly hundredths: number,
    private readonly big: Big | undefined,
  ) {}

  /**
   * Parses a signed `*_fp` wire string: `'-3'`, `'12.5'`, `'-0.25'`.
   * @param wire plain decimal string with an optional leading `-`, 0–2 decimals.
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_PRECISION` for more than 2 decimals.
   */
  static parse(wire: string, field?: string): SignedContracts {
    if (typeof wire === 'string') {
      const h = parseUnits(wire, COUNT_DECIMALS, COUNT_DECIMALS, true);
      if (!Number.isNaN(h)) return new SignedContracts(h, undefined);
    }
    return signedOf(parseDecimal(wire, field, COUNT_DECIMALS, true));
  }

  /**
   * A whole number of contracts, possibly negative.
   * @throws FixedPointError `FIXED_POINT_INVALID` for a non-integer, `FIXED_POINT_RANGE` for an unsafe integer.
   */
  static fromWhole(n: number | bigint, field?: string): SignedContracts {
    const h = wholeToUnits(n);
    return Number.isNaN(h) ? signedOf(bigFromInteger(n, field)) : new SignedContracts(h, undefined);
  }

  /**
   * A count in hundredths of a contract, possibly negative.
   * @throws FixedPointError as {@link SignedContracts.fromWhole}.
   */
  static fromHundredths(n: number | bigint, field?: string): SignedContracts {
    if (typeof n === 'number' && Number.isSafeInteger(n)) return new SignedContracts(noNegZero(n), undefined);
    return signedOf(fromHundredths(n, field));
  }

  /** `this + o`, exact. */
  plus(o: SignedContracts | Contracts): SignedContracts {
    const h = this.hundredths + countUnits(o);
    return fits(h) ? new SignedContracts(h, undefined) : signedOf(countBig(this).plus(countBig(o)));
  }
  /** `this - o`, exact. */
  minus(o: SignedContracts | Contracts): SignedContracts {
    const h = this.hundredths - countUnits(o);
    return fits(h) ? new SignedContracts(h, undefined) : signedOf(countBig(this).minus(countBig(o)));
  }
  /** @deprecated Use {@link SignedContracts.plus}; `add` will be removed in the next minor version. */
  add(o: SignedContracts | Contracts): SignedContracts {
    return this.plus(o);
  }
  /** @deprecated Use {@link SignedContracts.minus}; `sub` will be removed in the next minor version. */
  sub(o: SignedContracts | Contracts): SignedContracts {
    return this.minus(o);
  }
  /** `-this`. */
  neg(): SignedContracts {
    return fits(this.hundredths) ? new SignedContracts(noNegZero(-this.hundredths), undefined) : signedOf(countBig(this).neg());
  }
  /** `|this|` as an unsigned count. */
  abs(): Contracts {
    return fits(this.hundredths) ? countOf(Math.abs(this.hundredths)) : contractsOf(countBig(this).abs());
  }
  /**
   * The same count as {@link Contracts}.
   * @throws FixedPointError `FIXED_POINT_RANGE` if negative.
   */
  toContracts(field?: string): Contracts {
    if (this.hundredths >= 0) return this.big === undefined ? countOf(this.hundredths) : makeContracts(this.hundredths, this.big);
    return nonNegative(countBig(this), this.toWire(), field);
  }

  /** `this × price`: the signed value of this position at `price`, exact. Same as `price.times(this)`. */
  times(price: Dollars): Dollars {
    return price.times(this);
  }

  /**
   * `this ÷ divisor` rounded to `options.decimals` places (0–2) with `options.rounding`.
   * @param divisor a non-zero safe integer or bigint; may be negative.
   * @throws FixedPointError `FIXED_POINT_RANGE` for a zero or unsafe divisor, `FIXED_POINT_INVALID` for a
   *   float divisor, `decimals` outside 0–2 or an unknown rounding mode.
   */
  div(divisor: number | bigint, options: DivOptions): SignedContracts {
    checkDecimals(options.decimals, COUNT_DECIMALS);
    return signedOf(divRound(countBig(this), divisorBig(divisor), options.decimals, options.rounding, 'count ÷ divisor'));
  }

  /** The smaller of `this` and `o`. */
  min(o: SignedContracts): SignedContracts {
    return this.cmp(o) <= 0 ? this : o;
  }
  /** The larger of `this` and `o`. */
  max(o: SignedContracts): SignedContracts {
    return this.cmp(o) >= 0 ? this : o;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: SignedContracts | Contracts): -1 | 0 | 1 {
    return compareCounts(this.hundredths, this, o);
  }
  /** `this == o`. */
  eq(o: SignedContracts | Contracts): boolean {
    return this.cmp(o) === 0;
  }
  /** `this < o`. */
  lt(o: SignedContracts | Contracts): boolean {
    return this.cmp(o) < 0;
  }
  /** `this <= o`. */
  lte(o: SignedContracts | Contracts): boolean {
    return this.cmp(o) <= 0;
  }
  /** `this > o`. */
  gt(o: SignedContracts | Contracts): boolean {
    return this.cmp(o) > 0;
  }
  /** `this >= o`. */
  gte(o: SignedContracts | Contracts): boolean {
    return this.cmp(o) >= 0;
  }
  /** True for 0. */
  isZero(): boolean {
    return this.hundredths === 0;
  }
  /** True below 0 (a NO position when this is `position_fp`). */
  isNegative(): boolean {
    return fits(this.hundredths) ? this.hundredths < 0 : isNegativeBig(countBig(this));
  }
  /** True above 0. */
  isPositive(): boolean {
    return fits(this.hundredths) ? this.hundredths > 0 : !isNegativeBig(countBig(this));
  }

  /** The exact count in hundredths of a contract (negative for negative counts). */
  toHundredths(): bigint {
    return fits(this.hundredths) ? BigInt(this.hundredths) : hundredthsBig(countBig(this));
  }
  /** The count as a JS number of contracts. LOSSY, as {@link Contracts.toNumber}: display and statistics only. */
  toNumber(): number {
    return toNumberOf(this.hundredths, () => countBig(this));
  }
  /** The wire form, always 2 decimals: `'-3.00'`, `'12.50'`. */
  toWire(): string {
    return fits(this.hundredths) ? formatUnits(this.hundredths, COUNT_DECIMALS, COUNT_DECIMALS) : countBig(this).toFixed(COUNT_DECIMALS);
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
