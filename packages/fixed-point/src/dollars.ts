import { B, bigFromInteger, type Big, decimalsOf, isNegativeBig, normalizeZero, parseDecimal, toSafeInteger } from './big.js';
import { type Contracts, countBig, countUnits, type SignedContracts } from './contracts.js';
import { FixedPointError } from './errors.js';
import { checkDecimals, type DivOptions, divRound, type RoundingMode, roundBig } from './rounding.js';
import { bigToUnits, decimalsOfUnits, fits, formatUnits, noNegZero, parseUnits, unitsToBig } from './scaled.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** Decimals a {@link Dollars} may carry internally (Kalshi: fee math with fractional counts reaches 6). */
export const MAX_DOLLAR_DECIMALS = 6;
/** Decimals a {@link Dollars} may carry on the wire (`*_dollars` fields). */
export const WIRE_DOLLAR_DECIMALS = 4;

/** The fast path's unit: 10^-6 dollar, so every value a `Dollars` may hold is a whole number of units. */
const UNIT_DIGITS = MAX_DOLLAR_DECIMALS;
const CENTS = new B('100');
const CENTI_CENTS = new B('10000');
const TWO = new B('2');
/** Micro-dollars per cent and per centi-cent. */
const MICROS_PER_CENT = 10_000;
const MICROS_PER_CC = 100;

/** Options for {@link Dollars.parse}. */
export interface DollarsParseOptions {
  /**
   * Most decimals accepted. Default 4, what Kalshi accepts in requests. Use 6 for response amounts that
   * Kalshi documents as emitting up to 6 decimals (fees and costs with fractional contracts).
   */
  readonly maxDecimals?: 4 | 6 | undefined;
}

/** Options for {@link Dollars.mid}. */
export interface MidOptions {
  /** How a midpoint between two representable values is resolved. Required: `mid` never rounds implicitly. */
  readonly rounding: RoundingMode;
  /** Decimal places of the result, 0–6. Default 4, the wire precision, so the result can be sent as is. */
  readonly decimals?: number | undefined;
}

let makeDollars!: (micros: number, big: Big | undefined) => Dollars;
/**
 * Non-negative whole numbers of centi-cents ($0.0001) under this bound ($6.5536: every price, and
 * most fees and small costs) are made once and shared: values are immutable, and an amount kept
 * for long (an order's fill costs and fees) then costs no new object for the garbage collector to copy.
 */
const SHARED_CENTI_CENTS = 1 << 16;
const sharedAmounts = new Array<Dollars | undefined>(SHARED_CENTI_CENTS).fill(undefined);
let bigOfDollars!: (d: Dollars) => Big;
let microsOfDollars!: (d: Dollars) => number;

/** The value in micro-dollars, or `NaN` beyond the fast path's bound. Package-internal. */
export function dollarsMicros(d: Dollars): number {
  return microsOfDollars(d);
}

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
  const exact = normalizeZero(b);
  const micros = bigToUnits(exact, UNIT_DIGITS);
  return Number.isNaN(micros) ? makeDollars(micros, exact) : fromMicros(micros);
}

/** Package-internal: a safe integer count of micro-dollars ($0.000001), not -0; the shared value when there is one. */
function fromMicros(micros: number): Dollars {
  if (micros >= 0 && micros % 100 === 0 && micros < SHARED_CENTI_CENTS * 100) return (sharedAmounts[micros / 100] ??= makeDollars(micros, undefined));
  return makeDollars(micros, undefined);
}

/**
 * An amount of US dollars: prices, costs, balances, fees. Parses and formats Kalshi's `*_dollars` fields
 * (fixed-point dollar strings such as `'0.5600'`). Immutable; every operation is exact unless it takes a
 * {@link RoundingMode}.
 *
 * On the wire a value has at most 4 decimals; internally it may carry up to 6 (intermediate fee math with
 * fractional contracts, as Kalshi documents). Any result that would need more than 6 decimals throws
 * `FIXED_POINT_PRECISION` rather than round; use {@link Dollars.round} to round explicitly.
 *
 * Representation: a whole number of micro-dollars in a JS number while its magnitude is at most
 * `Number.MAX_SAFE_INTEGER` micro-dollars (about $9.007 billion), where parse, `plus`, `minus`, `times`,
 * comparisons and formatting are integer operations; beyond that bound, and for division and rounding, the
 * exact value is computed with big.js. The two paths give the same results (property-tested).
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Subpenny Pricing).
 */
export class Dollars {
  /** $0. */
  static readonly ZERO: Dollars = new Dollars(0, undefined);
  /** $1, the payout of one winning contract. */
  static readonly ONE: Dollars = new Dollars(1_000_000, undefined);

  static {
    makeDollars = (micros, big) => new Dollars(micros, big);
    sharedAmounts[0] = Dollars.ZERO;
    sharedAmounts[10_000] = Dollars.ONE;
    bigOfDollars = (d) => d.big ?? unitsToBig(d.micros, UNIT_DIGITS);
    microsOfDollars = (d) => d.micros;
  }

  /**
   * @param micros the value in micro-dollars, a safe integer, or `NaN` when it is beyond the fast path's
   *   bound and `big` holds it.
   * @param big the exact value when `micros` is `NaN`, otherwise `undefined`: equal values have equal fields,
   *   so structural equality (`toEqual` in tests) keeps working.
   */
  private constructor(
    private readonly micros: number,
    private readonly big: Big | undefined,
  ) {}

  /**
   * Parses a `*_dollars` wire string: `'0.56'`, `'0.5600'`, `'12'`, `'-3.1200'`.
   * @param wire plain decimal string: optional `-`, digits (no leading zeros), optional `.` and up to 4
   *   decimals (or `options.maxDecimals`). No exponent, `+`, spaces, hex, `NaN` or `Infinity`.
   * @param field the field name to put in error messages (e.g. `yes_price_dollars`).
   * @throws FixedPointError `FIXED_POINT_INVALID` for anything but a plain decimal string,
   *   `FIXED_POINT_PRECISION` for too many decimals (`'0.12345'`).
   */
  static parse(wire: string, field?: string, options?: DollarsParseOptions): Dollars {
    const maxDecimals = options?.maxDecimals ?? WIRE_DOLLAR_DECIMALS;
    if (typeof wire === 'string') {
      const micros = parseUnits(wire, UNIT_DIGITS, maxDecimals, true);
      if (!Number.isNaN(micros)) return fromMicros(micros);
    }
    // Anything the fast parser does not take: the strict big.js parser throws the typed error, or returns
    // a value too large for the fast path.
    return dollarsFromBig(parseDecimal(wire, field, maxDecimals, true), 'parsed amount');
  }

  /**
   * An amount given in whole cents (`1` is $0.01).
   * @param cents a safe integer or bigint; may be negative.
   * @throws FixedPointError `FIXED_POINT_INVALID` for a non-integer (`0.1 + 0.2`, `1.5`, `NaN`),
   *   `FIXED_POINT_RANGE` for an unsafe integer.
   */
  static fromCents(cents: number | bigint, field?: string): Dollars {
    const micros = typeof cents === 'number' && Number.isInteger(cents) ? cents * MICROS_PER_CENT : Number.NaN;
    if (fits(micros)) return fromMicros(noNegZero(micros));
    return dollarsFromBig(bigFromInteger(cents, field).div(CENTS), 'cents');
  }

  /**
   * An amount given in centi-cents, 1/10,000 of a dollar (`1` is $0.0001), the unit of the WebSocket
   * `market_positions` channel and several REST fields named `*_centi_cents`.
   * @param cc a safe integer or bigint; may be negative.
   * @throws FixedPointError as {@link Dollars.fromCents}.
   */
  static fromCentiCents(cc: number | bigint, field?: string): Dollars {
    const micros = typeof cc === 'number' && Number.isInteger(cc) ? cc * MICROS_PER_CC : Number.NaN;
    if (fits(micros)) return fromMicros(noNegZero(micros));
    return dollarsFromBig(bigFromInteger(cc, field).div(CENTI_CENTS), 'centi-cents');
  }

  /** `this + o`, exact. */
  plus(o: Dollars): Dollars {
    const micros = this.micros + o.micros;
    return fits(micros) ? fromMicros(micros) : dollarsFromBig(dollarsBig(this).plus(dollarsBig(o)), 'sum');
  }
  /** `this - o`, exact. */
  minus(o: Dollars): Dollars {
    const micros = this.micros - o.micros;
    return fits(micros) ? fromMicros(micros) : dollarsFromBig(dollarsBig(this).minus(dollarsBig(o)), 'difference');
  }
  /** @deprecated Use {@link Dollars.plus}; `add` will be removed in the next minor version. */
  add(o: Dollars): Dollars {
    return this.plus(o);
  }
  /** @deprecated Use {@link Dollars.minus}; `sub` will be removed in the next minor version. */
  sub(o: Dollars): Dollars {
    return this.minus(o);
  }
  /** `-this`. */
  neg(): Dollars {
    return fits(this.micros) ? fromMicros(noNegZero(-this.micros)) : dollarsFromBig(dollarsBig(this).neg(), 'negation');
  }
  /** `|this|`. */
  abs(): Dollars {
    return fits(this.micros) ? fromMicros(Math.abs(this.micros)) : dollarsFromBig(dollarsBig(this).abs(), 'absolute value');
  }

  /**
   * `this × count`: a per-contract amount times a count, e.g. a price times contracts (notional).
   * A 4-decimal price times a 2-decimal count is exact at 6 decimals.
   * @throws FixedPointError `FIXED_POINT_PRECISION` if the exact product needs more than 6 decimals.
   */
  times(count: Contracts | SignedContracts): Dollars {
    // micro-dollars × hundredths = units of 10^-8 dollar; whole micro-dollars when divisible by 100.
    const product = this.micros * countUnits(count);
    if (fits(product) && product % 100 === 0) return fromMicros(noNegZero(product / 100));
    return dollarsFromBig(dollarsBig(this).times(countBig(count)), `${this.toString()} × ${count.toWire()}`);
  }

  /**
   * `this ÷ divisor`, rounded to `options.decimals` places with `options.rounding` (computed exactly with
   * big.js, then rounded once): a cost divided by a count is an average price per contract
   * (`cost.div(count, { decimals: 4, rounding: 'half-even' })`), an amount divided by an integer splits it.
   * @param divisor a contract count, or a safe integer or bigint.
   * @throws FixedPointError `FIXED_POINT_RANGE` for a zero divisor or an unsafe integer,
   *   `FIXED_POINT_INVALID` for a float divisor, `decimals` outside 0–6 or an unknown rounding mode.
   */
  div(divisor: Contracts | SignedContracts | number | bigint, options: DivOptions): Dollars {
    checkDecimals(options.decimals, MAX_DOLLAR_DECIMALS);
    const d = typeof divisor === 'number' || typeof divisor === 'bigint' ? bigFromInteger(divisor, 'divisor') : countBig(divisor);
    return dollarsFromBig(divRound(dollarsBig(this), d, options.decimals, options.rounding, `${this.toString()} ÷ ${d.toString()}`), 'quotient');
  }

  /**
   * The midpoint `(this + o) / 2`, rounded to `options.decimals` places (default 4) with `options.rounding`.
   * The midpoint of two wire prices can fall on half a centi-cent (bid 0.5500, ask 0.5501 → 0.55005), so the
   * rounding is required: `'half-even'` for a fair mid, `'floor'`/`'ceil'` to stay on the bid's/ask's side.
   * @throws FixedPointError `FIXED_POINT_INVALID` for `decimals` outside 0–6 or an unknown rounding mode.
   */
  mid(o: Dollars, options: MidOptions): Dollars {
    const decimals = options.decimals ?? WIRE_DOLLAR_DECIMALS;
    checkDecimals(decimals, MAX_DOLLAR_DECIMALS);
    return dollarsFromBig(divRound(dollarsBig(this).plus(dollarsBig(o)), TWO, decimals, options.rounding, 'midpoint'), 'midpoint');
  }

  /**
   * Rounds to `decimals` places with an explicit mode.
   * @param decimals 0–6.
   * @throws FixedPointError `FIXED_POINT_INVALID` for `decimals` outside 0–6 or not an integer.
   */
  round(decimals: number, mode: RoundingMode): Dollars {
    checkDecimals(decimals, MAX_DOLLAR_DECIMALS);
    return dollarsFromBig(roundBig(dollarsBig(this), decimals, mode), 'rounded amount');
  }

  /** The smaller of `this` and `o`. */
  min(o: Dollars): Dollars {
    return this.cmp(o) <= 0 ? this : o;
  }
  /** The larger of `this` and `o`. */
  max(o: Dollars): Dollars {
    return this.cmp(o) >= 0 ? this : o;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Dollars): -1 | 0 | 1 {
    const a = this.micros;
    const b = o.micros;
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return dollarsBig(this).cmp(dollarsBig(o));
  }
  /** `this == o` (by value: `'0.5'` equals `'0.5000'`). */
  eq(o: Dollars): boolean {
    return this.cmp(o) === 0;
  }
  /** `this < o`. */
  lt(o: Dollars): boolean {
    return this.cmp(o) < 0;
  }
  /** `this <= o`. */
  lte(o: Dollars): boolean {
    return this.cmp(o) <= 0;
  }
  /** `this > o`. */
  gt(o: Dollars): boolean {
    return this.cmp(o) > 0;
  }
  /** `this >= o`. */
  gte(o: Dollars): boolean {
    return this.cmp(o) >= 0;
  }
  /** True for $0. */
  isZero(): boolean {
    return this.micros === 0;
  }
  /** True below $0. */
  isNegative(): boolean {
    return fits(this.micros) ? this.micros < 0 : isNegativeBig(dollarsBig(this));
  }
  /** True above $0. */
  isPositive(): boolean {
    return fits(this.micros) ? this.micros > 0 : !isNegativeBig(dollarsBig(this));
  }
  /** Decimal places in use, 0–6 (`'0.5600'` has 2). */
  decimals(): number {
    return fits(this.micros) ? decimalsOfUnits(this.micros, UNIT_DIGITS) : decimalsOf(dollarsBig(this));
  }

  /**
   * The amount in whole cents.
   * @throws FixedPointError `FIXED_POINT_PRECISION` unless a whole number of cents (`'0.0550'` is not),
   *   `FIXED_POINT_RANGE` if the cents do not fit in a safe integer.
   */
  toCents(): number {
    return this.toUnits(MICROS_PER_CENT, CENTS, 'cents');
  }

  /**
   * The amount in centi-cents (1/10,000 dollar).
   * @throws FixedPointError `FIXED_POINT_PRECISION` unless a whole number of centi-cents (at most 4
   *   decimals), `FIXED_POINT_RANGE` if they do not fit in a safe integer.
   */
  toCentiCents(): number {
    return this.toUnits(MICROS_PER_CC, CENTI_CENTS, 'centi-cents');
  }

  /**
   * The amount as a JS number of dollars. LOSSY: a float cannot hold most decimal amounts exactly
   * (`0.1` is stored as 0.1000000000000000055…) and large amounts lose their last digits. The result is the
   * float nearest the exact value. For display, charts and statistics only; never compute money with it or
   * send it to Kalshi (use {@link Dollars.toWire}).
   */
  toNumber(): number {
    return fits(this.micros) ? this.micros / 1_000_000 : Number(dollarsBig(this).toString());
  }

  /**
   * The `*_dollars` wire form, always 4 decimals: `'0.5600'`, `'-3.1200'`, `'12.0000'`.
   * @throws FixedPointError `FIXED_POINT_PRECISION` if more than 4 decimals are set (an intermediate value;
   *   round it explicitly first).
   */
  toWire(): string {
    const m = this.micros;
    if (fits(m) && m % MICROS_PER_CC === 0) return formatUnits(m, UNIT_DIGITS, WIRE_DOLLAR_DECIMALS);
    const d = this.decimals();
    if (d > WIRE_DOLLAR_DECIMALS) {
      throw new FixedPointError('FIXED_POINT_PRECISION', {
        value: this.toString(),
        problem: `has ${d} decimals; at most ${WIRE_DOLLAR_DECIMALS} allowed on the wire: round it explicitly`,
      });
    }
    return dollarsBig(this).toFixed(WIRE_DOLLAR_DECIMALS);
  }

  /**
   * Same as {@link Dollars.toWire} for values that fit the wire. An intermediate value with 5–6 decimals is
   * printed exactly (`'0.012345'`) instead of throwing, so logging and template strings never fail.
   */
  toString(): string {
    const digits = Math.max(WIRE_DOLLAR_DECIMALS, this.decimals());
    return fits(this.micros) ? formatUnits(this.micros, UNIT_DIGITS, digits) : dollarsBig(this).toFixed(digits);
  }
  /** Same as {@link Dollars.toString}, so `JSON.stringify` writes the wire form. */
  toJSON(): string {
    return this.toString();
  }
  [inspect](): string {
    return `Dollars(${this.toString()})`;
  }

  private toUnits(microsPerUnit: number, scale: Big, unit: string): number {
    const m = this.micros;
    if (fits(m) && m % microsPerUnit === 0) return noNegZero(m / microsPerUnit);
    const scaled = dollarsBig(this).times(scale);
    if (decimalsOf(scaled) > 0) {
      throw new FixedPointError('FIXED_POINT_PRECISION', {
        value: this.toString(),
        problem: `is not a whole number of ${unit}`,
      });
    }
    return toSafeInteger(scaled, this.toString(), undefined);
  }
}
