import { B, type Big, ceilTo } from './big.js';
import { priceMicros } from './binary.js';
import { type Contracts, countBig } from './contracts.js';
import { Dollars, dollarsBig, dollarsFromBig } from './dollars.js';
import { FixedPointError } from './errors.js';
import { unitsToBig } from './scaled.js';

/** Who pays: the order that took liquidity, or the resting order it matched. */
export type FeeKind = 'taker' | 'maker';

/**
 * A series' `fee_type` (REST `Series.fee_type`, `FeeType` in the OpenAPI spec) that this package can price.
 * `quadratic` charges takers only; `quadratic_with_maker_fees` also charges makers at 1/4 of the taker rate;
 * `quadratic_with_combo_maker_fees` charges makers at 1/2 of it. `flat` (a fixed per-contract table in
 * Kalshi's fee schedule PDF) is not modelled.
 */
export type FeeType = 'quadratic' | 'quadratic_with_maker_fees' | 'quadratic_with_combo_maker_fees';

/** Precision a trading fee is rounded up to: $0.01, or $0.0001 as in Kalshi's fee-rounding rule. */
export type FeeRounding = 'cent' | 'centi-cent';

/** The taker coefficient of Kalshi's general trading fee: `0.07 × C × P × (1 - P)`. */
export const TAKER_FEE_RATE: Dollars = Dollars.parse('0.07');
/** The maker coefficient for series with `quadratic_with_maker_fees`: 0.0175 (1/4 of the taker rate). */
export const MAKER_FEE_RATE: Dollars = Dollars.parse('0.0175');
/** The maker coefficient for series with `quadratic_with_combo_maker_fees`: 0.035 (1/2 of the taker rate). */
export const COMBO_MAKER_FEE_RATE: Dollars = Dollars.parse('0.035');

// The coefficients as big.js values, converted once: tradingFee is on the hot path of a bot.
const TAKER_BIG = dollarsBig(TAKER_FEE_RATE);
const MAKER_BIG = dollarsBig(MAKER_FEE_RATE);
const COMBO_MAKER_BIG = dollarsBig(COMBO_MAKER_FEE_RATE);
const ZERO_RATE_BIG = new B('0');
const ONE_BIG = new B('1');

/** Input of {@link tradingFee}. */
export interface TradingFeeInput {
  /** Fill price in dollars, 0–1. */
  readonly price: Dollars;
  /** Contracts filled. */
  readonly count: Contracts;
  readonly kind: FeeKind;
  /**
   * The series' (or the event's override) `fee_multiplier`, a scale applied to the whole fee. Default 1.
   * Kalshi sends it as a JSON number; convert it with `Dollars.parse(String(n))`, which refuses a float
   * that is not a short decimal.
   */
  readonly multiplier?: Dollars | undefined;
  /** The series' `fee_type`. Default `quadratic_with_maker_fees`, so a maker fill is charged 0.0175. */
  readonly feeType?: FeeType | undefined;
  /**
   * Default `'centi-cent'`: the trade fee of Kalshi's fee-rounding rule (`/getting_started/fee_rounding`: the
   * fee-model fee rounded up to $0.0001), which `FeeAccumulator` then settles to the member's balance
   * precision with a rounding fee and rebates. `'cent'` rounds up to the next whole cent instead.
   */
  readonly roundTo?: FeeRounding | undefined;
}

/**
 * The trade fee for one fill, per Kalshi's fee schedule:
 * `roundUp(rate × multiplier × C × P × (1 - P))`, with `rate` 0.07 for takers and 0.0175 for makers
 * (0.035 for `quadratic_with_combo_maker_fees`, 0 for `quadratic`), rounded up to $0.0001 (the trade fee
 * of the fee-rounding rule), or to the cent with `roundTo: 'cent'`. The product is computed exactly before
 * the single rounding. What the balance finally moves by (whole cents) is {@link FeeAccumulator}'s job.
 *
 * Examples (taker): 1 contract at $0.50 → $0.0175; 100 at $0.50 → $1.75; 100 at $0.05 → $0.3325;
 * 0.03 at $0.3301 → $0.0005 (0.00046437… rounded up).
 *
 * Kalshi docs: the fee schedule (`kalshi-fee-schedule.pdf`, referenced by `Series.fee_type`) and
 * `getting_started/fee_rounding` (trade fee rounded up to $0.0001).
 * @throws FixedPointError `FIXED_POINT_RANGE` for a price outside 0–1 or a negative multiplier;
 *   `FIXED_POINT_INVALID` for an unknown `kind`, `feeType` or `roundTo`.
 */
export function tradingFee(input: TradingFeeInput): Dollars {
  const rate = feeRate(input.kind, input.feeType ?? 'quadratic_with_maker_fees');
  const multiplier = input.multiplier ?? Dollars.ONE;
  if (multiplier.isNegative()) {
    throw new FixedPointError('FIXED_POINT_RANGE', {
      value: multiplier.toString(),
      field: 'multiplier',
      problem: 'is negative; a fee multiplier must be >= 0',
    });
  }
  // P × (1 - P) on integers: both factors are at most 10^6 micro-dollars, so the product (in 10^-12) is exact.
  const p = priceMicros(input.price, 'price');
  const exact = rate
    .times(input.multiplier === undefined ? ONE_BIG : dollarsBig(multiplier))
    .times(countBig(input.count))
    .times(unitsToBig(p * (1_000_000 - p), 12));
  return dollarsFromBig(ceilTo(exact, feeDecimals(input.roundTo ?? 'centi-cent')), 'trading fee');
}

function feeRate(kind: FeeKind, feeType: FeeType): Big {
  if (feeType !== 'quadratic' && feeType !== 'quadratic_with_maker_fees' && feeType !== 'quadratic_with_combo_maker_fees') {
    throw new FixedPointError('FIXED_POINT_INVALID', {
      value: feeType as unknown,
      field: 'feeType',
      problem: "is not a supported fee type ('quadratic', 'quadratic_with_maker_fees', 'quadratic_with_combo_maker_fees')",
    });
  }
  if (kind === 'taker') return TAKER_BIG;
  if (kind === 'maker') {
    if (feeType === 'quadratic') return ZERO_RATE_BIG;
    return feeType === 'quadratic_with_maker_fees' ? MAKER_BIG : COMBO_MAKER_BIG;
  }
  throw new FixedPointError('FIXED_POINT_INVALID', {
    value: kind as unknown,
    field: 'kind',
    problem: "is not 'taker' or 'maker'",
  });
}

/** Package-internal: decimals for a {@link FeeRounding}. */
export function feeDecimals(r: FeeRounding): 2 | 4 {
  if (r === 'cent') return 2;
  if (r === 'centi-cent') return 4;
  throw new FixedPointError('FIXED_POINT_INVALID', {
    value: r as unknown,
    problem: "is not 'cent' or 'centi-cent'",
  });
}
