import BigJs from 'big.js';
import { FixedPointError } from './errors.js';

/**
 * This package's own big.js constructor. `Big()` returns an independent constructor, so the settings below
 * never touch the `Big` a user of this package may import and configure.
 * - `strict`: big.js refuses JS numbers, so no float can slip into a value.
 * - `DP`: division is only used where the result is checked to be exact; 20 places is ample for that.
 * - `NE`/`PE`: `toString()` never switches to exponential notation for values this package creates.
 */
export const B = BigJs();
B.strict = true;
B.DP = 20;
B.RM = B.roundDown;
B.NE = -40;
B.PE = 40;

export type Big = BigJs.Big;

/** Decimal places actually set (trailing zeros are not stored by big.js). */
export function decimalsOf(b: Big): number {
  return Math.max(0, b.c.length - 1 - b.e);
}

export function isZeroBig(b: Big): boolean {
  return b.c[0] === 0;
}

export function isNegativeBig(b: Big): boolean {
  return b.s < 0 && b.c[0] !== 0;
}

export function isPositiveBig(b: Big): boolean {
  return b.s > 0 && b.c[0] !== 0;
}

/** `b`, or {@link ZERO_BIG} when `b` is zero, so that every zero is the same value (never `-0`). */
export function normalizeZero(b: Big): Big {
  return isZeroBig(b) ? ZERO_BIG : b;
}

/** Round toward negative infinity to `dp` decimals (big.js only offers toward/away from zero). */
export function floorTo(b: Big, dp: number): Big {
  const t = b.round(dp, B.roundDown);
  return isNegativeBig(b) && !t.eq(b) ? t.minus(new B(`1e-${dp}`)) : t;
}

/** Round toward positive infinity to `dp` decimals. */
export function ceilTo(b: Big, dp: number): Big {
  const t = b.round(dp, B.roundDown);
  return !isNegativeBig(b) && !t.eq(b) ? t.plus(new B(`1e-${dp}`)) : t;
}

/**
 * A JS number or bigint that must be an exact integer. Floats (`0.1 + 0.2`, `1.5`), NaN and infinities are
 * refused with `FIXED_POINT_INVALID`; integers beyond `Number.MAX_SAFE_INTEGER` with `FIXED_POINT_RANGE`
 * (they may already have lost digits; pass a bigint instead).
 */
export function bigFromInteger(n: number | bigint, field: string | undefined): Big {
  if (typeof n === 'bigint') return new B(n.toString());
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new FixedPointError('FIXED_POINT_INVALID', {
      value: n,
      field,
      problem: typeof n === 'number' ? 'is not an integer; floats are never accepted for money or counts' : 'is not a number or bigint',
    });
  }
  if (!Number.isSafeInteger(n)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value: n, field, problem: 'is not a safe integer; pass a bigint' });
  }
  return new B(String(n));
}

/** Converts an integral Big to a safe JS integer, or throws `FIXED_POINT_RANGE`. */
export function toSafeInteger(b: Big, value: unknown, field: string | undefined): number {
  const n = Number(b.toFixed(0));
  if (!Number.isSafeInteger(n)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value, field, problem: 'does not fit in a safe integer' });
  }
  return n === 0 ? 0 : n;
}

const DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal string (`-?digits[.digits]`, no exponent, sign `+`, spaces, hex or leading zeros)
 * with at most `maxDecimals` decimals. When `allowNegative` is false any minus sign is refused with
 * `FIXED_POINT_RANGE` (counts never carry a sign, not even '-0').
 */
export function parseDecimal(
  wire: unknown,
  field: string | undefined,
  maxDecimals: number,
  allowNegative: boolean,
): Big {
  if (typeof wire !== 'string') {
    throw new FixedPointError('FIXED_POINT_INVALID', {
      value: wire,
      field,
      problem: 'is not a string; fixed-point values are parsed from decimal strings only',
    });
  }
  const m = DECIMAL.exec(wire);
  if (m === null) {
    throw new FixedPointError('FIXED_POINT_INVALID', {
      value: wire,
      field,
      problem: 'is not a plain decimal number (expected digits with an optional "." and up to '
        + `${maxDecimals} decimals${allowNegative ? ', optionally preceded by "-"' : ''})`,
    });
  }
  const decimals = m[3]?.length ?? 0;
  if (decimals > maxDecimals) {
    throw new FixedPointError('FIXED_POINT_PRECISION', {
      value: wire,
      field,
      problem: `has ${decimals} decimals; at most ${maxDecimals} allowed`,
    });
  }
  if (!allowNegative && m[1] === '-') {
    throw new FixedPointError('FIXED_POINT_RANGE', { value: wire, field, problem: 'is negative; must be >= 0' });
  }
  // '-0' and '-0.00' parse to a signed zero; normalise so every zero is the same value.
  return normalizeZero(new B(wire));
}

export const ZERO_BIG: Big = new B('0');
