/**
 * The fast path: values held as a JS integer count of a fixed unit (micro-dollars, hundredths of a contract).
 *
 * Exact by construction: every value on this path is an integer with `|n| <= Number.MAX_SAFE_INTEGER`, and
 * every result is checked to stay within that bound before it is kept. The sum or difference of two safe
 * integers, or a product, is computed in float; if the exact result is at most `MAX_SAFE_INTEGER` in magnitude
 * the float result equals it (integers up to 2^53 are exact and rounding is monotone), and if the exact result
 * is larger the float result is at least 2^53, so the `<= MAX_SAFE_INTEGER` check fails and the caller falls
 * back to big.js. `NaN` marks a value that lives on the big.js path; it fails the same check.
 *
 * Package-internal.
 */
import { B, type Big, ZERO_BIG } from './big.js';

/** 10^k for k = 0…15, as numbers (all exact). */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);
const ZEROS: readonly string[] = Array.from({ length: 16 }, (_, k) => '0'.repeat(k));
const POW10_BIG: readonly Big[] = Array.from({ length: 16 }, (_, k) => new B(`1e${k}`));
const MAX_SAFE_BIG = new B(String(Number.MAX_SAFE_INTEGER));

/** True when `n` is a scaled integer the fast path may keep (false for `NaN` and anything unsafe). */
export function fits(n: number): boolean {
  return Math.abs(n) <= Number.MAX_SAFE_INTEGER;
}

/** `n` without a negative zero. */
export function noNegZero(n: number): number {
  return n === 0 ? 0 : n;
}

/**
 * Parses the strict decimal grammar of {@link parseDecimal} (`-?(0|[1-9]\d*)(\.\d+)?`, at most `maxDecimals`
 * decimals, a sign only when `allowNegative`) into units of 10^-`unitDigits`. Returns `NaN` for anything
 * else, including a valid string too long for the fast path (more than `15 - unitDigits` integer digits),
 * so that the caller runs the big.js parser, which throws the typed error or handles the large value.
 * Requires `maxDecimals <= unitDigits <= 15`.
 */
export function parseUnits(s: string, unitDigits: number, maxDecimals: number, allowNegative: boolean): number {
  const len = s.length;
  let i = 0;
  let neg = false;
  if (len > 0 && s.charCodeAt(0) === 45 /* - */) {
    if (!allowNegative) return Number.NaN;
    neg = true;
    i = 1;
  }
  const intStart = i;
  let int = 0;
  for (; i < len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    int = int * 10 + d;
  }
  const intLen = i - intStart;
  if (intLen === 0 || intLen > 15 - unitDigits || (intLen > 1 && s.charCodeAt(intStart) === 48)) return Number.NaN;
  let frac = 0;
  let fracLen = 0;
  if (i < len) {
    if (s.charCodeAt(i) !== 46 /* . */) return Number.NaN;
    const fracStart = ++i;
    for (; i < len; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      frac = frac * 10 + d;
    }
    fracLen = i - fracStart;
    if (fracLen === 0 || fracLen > maxDecimals) return Number.NaN;
  }
  const v = int * (POW10[unitDigits] as number) + frac * (POW10[unitDigits - fracLen] as number);
  return neg ? noNegZero(-v) : v;
}

/**
 * Formats `units` (an integer count of 10^-`unitDigits`, safe) with exactly `outDigits` decimals. The caller
 * ensures `units` is a multiple of 10^(`unitDigits` - `outDigits`), so nothing is dropped.
 */
export function formatUnits(units: number, unitDigits: number, outDigits: number): string {
  const neg = units < 0;
  const a = (neg ? -units : units) / (POW10[unitDigits - outDigits] as number);
  if (outDigits === 0) return neg ? `-${a}` : `${a}`;
  const p = POW10[outDigits] as number;
  const frac = a % p;
  const fs = `${frac}`;
  return `${neg ? '-' : ''}${(a - frac) / p}.${ZEROS[outDigits - fs.length] as string}${fs}`;
}

/** Decimal places in use (0…`unitDigits`) of a safe scaled integer. */
export function decimalsOfUnits(units: number, unitDigits: number): number {
  if (units === 0) return 0;
  let d = unitDigits;
  while (d > 0 && units % 10 === 0) {
    units /= 10;
    d--;
  }
  return d;
}

/**
 * `units × 10^-unitDigits` as an exact Big, built from the integer's digits (no string parse): big.js keeps a
 * sign `s`, the exponent `e` of the first digit and the digits `c` without trailing zeros.
 */
export function unitsToBig(units: number, unitDigits: number): Big {
  const b = new B(ZERO_BIG);
  if (units === 0) return b;
  const digits: number[] = [];
  let a = Math.abs(units);
  while (a > 0) {
    const d = a % 10;
    digits.push(d);
    a = (a - d) / 10;
  }
  const count = digits.length;
  let low = 0;
  while (digits[low] === 0) low++;
  b.c = digits.slice(low).reverse();
  b.e = count - 1 - unitDigits;
  b.s = units < 0 ? -1 : 1;
  return b;
}

/**
 * The scaled integer of `b` (which must have at most `unitDigits` decimals), or `NaN` when it does not fit
 * in a safe integer: the value then stays on the big.js path. Below 10^(15 - unitDigits) in magnitude the
 * digits are read directly (at most 15 of them, so the integer is exact); above, big.js decides.
 */
export function bigToUnits(b: Big, unitDigits: number): number {
  if (b.e + unitDigits < 15) {
    const digits = b.c;
    let n = 0;
    for (let i = 0; i < digits.length; i++) n = n * 10 + (digits[i] as number);
    n *= POW10[b.e - digits.length + 1 + unitDigits] as number;
    return b.s < 0 ? noNegZero(-n) : n;
  }
  const scaled = b.times(POW10_BIG[unitDigits] as Big);
  return scaled.abs().lte(MAX_SAFE_BIG) ? Number(scaled.toFixed(0)) : Number.NaN;
}
