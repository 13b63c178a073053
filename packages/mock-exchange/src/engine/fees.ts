import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';

/**
 * A series' `fee_type` the simulator prices. `quadratic` charges takers only;
 * `quadratic_with_maker_fees` also charges makers a quarter of the taker rate,
 * `quadratic_with_combo_maker_fees` half of it. `flat` (a fixed table) is not modelled.
 */
export type FeeType = 'quadratic' | 'quadratic_with_maker_fees' | 'quadratic_with_combo_maker_fees';

// The simulator keeps its own copy of Kalshi's fee rules (so a wrong rule in a client cannot hide
// behind the same wrong rule here). Fee-schedule coefficients, in micro-dollars: 0.07 for takers,
// 0.0175 and 0.035 for makers on the series that charge them.
const TAKER_RATE_MICROS = 70_000n;
const MAKER_RATE_MICROS = 17_500n;
const COMBO_MAKER_RATE_MICROS = 35_000n;
const MICROS_PER_DOLLAR = 1_000_000n;
/** rate × multiplier × p × (1 − p) in micro-dollars and counts in hundredths: 10^26 units per dollar, 10^22 per centi-cent. */
const UNITS_PER_CENTI_CENT = 10n ** 22n;
const CENT = Dollars.parse('0.01');

/** Input of {@link tradeFee}. */
export interface TradeFeeInput {
  /** YES price of the fill, dollars, strictly between 0 and 1. */
  readonly price: Dollars;
  readonly count: Contracts;
  readonly isTaker: boolean;
  readonly feeType: FeeType;
  /** The series' `fee_multiplier`. */
  readonly multiplier: Dollars;
}

/**
 * The trade fee of one fill: `rate × multiplier × C × P × (1 − P)` from the fee schedule (rate
 * 0.07 for takers; for makers 0 on `quadratic`, 0.0175 on `quadratic_with_maker_fees`, 0.035 on
 * `quadratic_with_combo_maker_fees`), computed exactly and rounded up to $0.0001, as the first
 * step of `/getting_started/fee_rounding` says. Never throws for engine-validated input.
 */
export function tradeFee(input: TradeFeeInput): Dollars {
  const rate = input.isTaker
    ? TAKER_RATE_MICROS
    : input.feeType === 'quadratic_with_maker_fees'
      ? MAKER_RATE_MICROS
      : input.feeType === 'quadratic_with_combo_maker_fees'
        ? COMBO_MAKER_RATE_MICROS
        : 0n;
  if (rate === 0n || input.count.isZero()) return Dollars.ZERO;
  // A fill's fee depends only on (rate, multiplier, count, price): remembered per multiplier value,
  // keyed by count hundredths × 10⁴ + price centi-cents (exact while that stays a safe integer).
  const memoable = input.price.decimals() <= 4 && input.count.lte(MAX_MEMO_COUNT);
  // Hundredths of a count this small are exact from its float contracts (no bigint made per fill).
  const key = memoable ? Math.round(input.count.toNumber() * 100) * 10_000 + input.price.toCentiCents() : undefined;
  const memo = key === undefined ? undefined : feeMemo(rate, input.multiplier);
  const known = key === undefined ? undefined : memo!.get(key);
  if (known !== undefined) return known;
  const exact = rate * micros(input.multiplier) * input.count.toHundredths() * priceVariance(input.price);
  const digits = ((exact + UNITS_PER_CENTI_CENT - 1n) / UNITS_PER_CENTI_CENT).toString().padStart(5, '0');
  // Parsing the decimal text is the cheapest way into Dollars.
  const fee = Dollars.parse(`${digits.slice(0, -4)}.${digits.slice(-4)}`);
  if (key !== undefined) {
    if (memo!.size >= FEE_MEMO_LIMIT) memo!.clear();
    memo!.set(key, fee);
  }
  return fee;
}

/** Counts up to which a fee's memo key (hundredths × 10⁴ + centi-cents) is a safe integer. */
const MAX_MEMO_COUNT = Contracts.fromHundredths(Math.floor(Number.MAX_SAFE_INTEGER / 10_000) - 1);
/** Fees remembered per (rate, multiplier) before the memo starts over (bounded memory). */
const FEE_MEMO_LIMIT = 1 << 16;
/** Fees by rate (taker, maker, combo maker), then multiplier (a series' own `Dollars`), then memo key. */
const takerMemos = new WeakMap<Dollars, Map<number, Dollars>>();
const makerMemos = new WeakMap<Dollars, Map<number, Dollars>>();
const comboMakerMemos = new WeakMap<Dollars, Map<number, Dollars>>();

function feeMemo(rate: bigint, multiplier: Dollars): Map<number, Dollars> {
  const byMultiplier = rate === TAKER_RATE_MICROS ? takerMemos : rate === MAKER_RATE_MICROS ? makerMemos : comboMakerMemos;
  let memo = byMultiplier.get(multiplier);
  if (memo === undefined) byMultiplier.set(multiplier, (memo = new Map()));
  return memo;
}

/** The fee components of one fill (`/getting_started/fee_rounding`), all dollars. */
export interface FillFee {
  /** From the fee schedule, rounded up to $0.0001. */
  readonly tradeFee: Dollars;
  /** What brings `revenue − tradeFee` down to the next whole cent, $0 to $0.0099. */
  readonly roundingFee: Dollars;
  /** A whole number of cents refunded from the order's accumulated rounding. */
  readonly rebate: Dollars;
  /** `tradeFee + roundingFee − rebate`, never negative: what the fill costs in fees. */
  readonly netFee: Dollars;
  /** The order's accumulated rounding after this fill. */
  readonly accumulated: Dollars;
}

/**
 * Applies Kalshi's fee rounding to one fill of an order (`/getting_started/fee_rounding`):
 * `revenue − tradeFee` is floored to the cent and the difference is the rounding fee, which adds
 * to the order's accumulator; while the accumulator exceeds $0.01 (strictly, as the page's prose
 * says), $0.01 of it is rebated, as long as the rebate leaves the fill's net fee at $0 or more
 * (the page: net fee "always >= $0.00"); a rebate that would not is kept for a later fill.
 *
 * Every simulated fill buys (YES or NO), so its revenue is `−spent`, and flooring `revenue − tradeFee`
 * is rounding `spent + tradeFee` up. The balance then changes by `−(spent + netFee)` (plus whole-dollar
 * payouts of netted pairs), a whole number of cents.
 * @param spent what the fill's contracts cost, dollars (price or 1 − price, times the count).
 * @param fee the fill's trade fee, from {@link tradeFee}.
 * @param accumulated the order's accumulated rounding before this fill (`Dollars.ZERO` for its first).
 */
export function roundFill(spent: Dollars, fee: Dollars, accumulated: Dollars): FillFee {
  const owed = fee.isZero() ? spent : spent.plus(fee);
  // Whole cents already (the common case of cent prices and whole counts): nothing to round.
  const roundingFee = toNextCent(owed);
  if (roundingFee.isZero() && accumulated.isZero()) {
    return { tradeFee: fee, roundingFee, rebate: Dollars.ZERO, netFee: fee, accumulated };
  }
  const gross = roundingFee.isZero() ? fee : fee.plus(roundingFee);
  let rest = roundingFee.isZero() ? accumulated : accumulated.plus(roundingFee);
  let rebate = Dollars.ZERO;
  while (rest.gt(CENT) && rebate.plus(CENT).lte(gross)) {
    rebate = rebate.plus(CENT);
    rest = rest.minus(CENT);
  }
  return { tradeFee: fee, roundingFee, rebate, netFee: rebate.isZero() ? gross : gross.minus(rebate), accumulated: rest };
}

/** Micro-dollars of `Dollars` values seen before, and `p × (1 − p)` of prices: they recur on every fill (Dollars are immutable). */
const microsSeen = new WeakMap<Dollars, bigint>();
const varianceSeen = new WeakMap<Dollars, bigint>();

/** `p × (1 − p)` of a price, in micro-dollars squared. */
function priceVariance(price: Dollars): bigint {
  let value = varianceSeen.get(price);
  if (value === undefined) {
    const p = micros(price);
    value = p * (MICROS_PER_DOLLAR - p);
    varianceSeen.set(price, value);
  }
  return value;
}

/** A non-negative dollar amount in micro-dollars (Dollars carry at most 6 decimals). */
function micros(d: Dollars): bigint {
  let value = microsSeen.get(d);
  if (value === undefined) {
    const [whole = '0', fraction = ''] = d.toString().split('.');
    value = BigInt(whole) * MICROS_PER_DOLLAR + BigInt(fraction.padEnd(6, '0'));
    microsSeen.set(d, value);
  }
  return value;
}

/**
 * What brings `amount` up to the next whole cent ($0 when it is whole cents already): `ceil₀.₀₁(amount) − amount`.
 * Integer centi-cent arithmetic for a non-negative amount of at most 4 decimals (prices and fees),
 * `Dollars.round` otherwise (6-decimal costs of subpenny prices times fractional counts).
 */
export function toNextCent(amount: Dollars): Dollars {
  const decimals = amount.decimals();
  if (decimals <= 2) return Dollars.ZERO;
  if (decimals > 4 || amount.isNegative()) return amount.round(2, 'ceil').minus(amount);
  return Dollars.fromCentiCents(100 - (amount.toCentiCents() % 100));
}
