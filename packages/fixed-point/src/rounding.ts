import { B, type Big, ceilTo, floorTo, isNegativeBig, isZeroBig, normalizeZero } from './big.js';
import { FixedPointError } from './errors.js';

/**
 * How a value that lies between two representable ones is resolved ({@link Dollars.round}, `div`, `mid`).
 * - `'down'`: toward zero (truncate); `'up'`: away from zero.
 * - `'floor'`: toward negative infinity; `'ceil'`: toward positive infinity.
 * - `'half-up'`: nearest, ties away from zero; `'half-even'`: nearest, ties to the even digit.
 */
export type RoundingMode = 'down' | 'up' | 'floor' | 'ceil' | 'half-up' | 'half-even';

/** Options of the dividing operations (`Dollars.div`, `Contracts.div`, `SignedContracts.div`). */
export interface DivOptions {
  /** Decimal places of the result: 0–6 for dollars, 0–2 for counts. */
  readonly decimals: number;
  /** How the exact quotient is rounded to `decimals` places. Required: division never rounds implicitly. */
  readonly rounding: RoundingMode;
}

const MODES = "('down', 'up', 'floor', 'ceil', 'half-up', 'half-even')";
const ONE = new B('1');
const TWO = new B('2');

/** Package-internal: throws `FIXED_POINT_INVALID` unless `decimals` is an integer from 0 to `max`. */
export function checkDecimals(decimals: number, max: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > max) {
    throw new FixedPointError('FIXED_POINT_INVALID', {
      value: decimals,
      field: 'decimals',
      problem: `is not an integer from 0 to ${max}`,
    });
  }
}

function badMode(mode: unknown): FixedPointError {
  return new FixedPointError('FIXED_POINT_INVALID', { value: mode, field: 'rounding', problem: `is not a rounding mode ${MODES}` });
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
        problem: `is not a rounding mode ${MODES}`,
      });
  }
}

/**
 * `n / d` rounded to `decimals` places with `mode`, exactly. big.js's own `div` first cuts the quotient at
 * `DP` places, which could round twice; here the quotient of `n × 10^decimals` by `d` is truncated to an
 * integer (cutting at `DP` places and then at 0 truncates the same way as cutting at 0), and the exact
 * remainder decides the rounding. Package-internal.
 * @throws FixedPointError `FIXED_POINT_RANGE` when `d` is zero, `FIXED_POINT_INVALID` for an unknown mode.
 */
export function divRound(n: Big, d: Big, decimals: number, mode: RoundingMode, what: string): Big {
  if (isZeroBig(d)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value: d.toString(), field: 'divisor', problem: `is zero (${what})` });
  }
  const scaled = n.times(new B(`1e${decimals}`));
  const q = scaled.div(d).round(0, B.roundDown);
  const r = scaled.minus(q.times(d));
  const negative = isNegativeBig(scaled) !== isNegativeBig(d);
  const twice = r.abs().times(TWO).cmp(d.abs());
  let away: boolean;
  switch (mode) {
    case 'down':
      away = false;
      break;
    case 'up':
      away = true;
      break;
    case 'floor':
      away = negative;
      break;
    case 'ceil':
      away = !negative;
      break;
    case 'half-up':
      away = twice >= 0;
      break;
    case 'half-even':
      away = twice > 0 || (twice === 0 && !isZeroBig(q.mod(TWO)));
      break;
    default:
      throw badMode(mode);
  }
  const rounded = away && !isZeroBig(r) ? (negative ? q.minus(ONE) : q.plus(ONE)) : q;
  return normalizeZero(rounded.times(new B(`1e-${decimals}`)));
}
