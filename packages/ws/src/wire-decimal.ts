/**
 * Order-book hot path: wire decimal strings to exact integers without big.js.
 *
 * A book applies about a million deltas a second, so it keeps prices as integer centi-cents
 * (1/10,000 dollar, the 4 decimals of `price_dollars`) and sizes as integer hundredths of a
 * contract (the 2 decimals of `*_fp`). Both stay far below 2^53, so every value is an exact
 * integer, never a fraction. The public API converts them to `Dollars` and `Contracts`.
 */

/** Centi-cents in one dollar. */
export const CC_PER_DOLLAR = 10_000;

const DOT = 46;
const MINUS = 45;
const ZERO = 48;
// 15 significant digits keep any result below Number.MAX_SAFE_INTEGER.
const MAX_DIGITS = 15;

/**
 * Parses a plain decimal string (`'0.5600'`, `'12'`, `'-3.50'`) into an integer count of
 * 10^-`scale` units. Returns `NaN` for anything else: exponents, `+`, spaces, empty parts, more
 * decimals than `scale`, a minus sign when `signed` is false, or more than 15 digits.
 */
export function parseScaled(text: string, scale: number, signed: boolean): number {
  const length = text.length;
  let i = 0;
  let negative = false;
  if (length > 0 && text.charCodeAt(0) === MINUS) {
    if (!signed) return Number.NaN;
    negative = true;
    i = 1;
  }
  let value = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (decimals >= 0 || digits === 0) return Number.NaN;
      decimals = 0;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    if (decimals >= 0 && ++decimals > scale) return Number.NaN;
    if (++digits > MAX_DIGITS) return Number.NaN;
    value = value * 10 + d;
  }
  if (digits === 0 || decimals === 0) return Number.NaN;
  for (let k = decimals < 0 ? 0 : decimals; k < scale; k++) value *= 10;
  return negative ? -value : value;
}

/** `'0.5600'` → 5600 centi-cents; NaN unless a plain non-negative decimal with at most 4 decimals. */
export function parsePriceCc(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  // Fast path for Kalshi's usual '0.dddd'.
  if (text.length === 6 && text.charCodeAt(0) === ZERO && text.charCodeAt(1) === DOT) {
    const a = text.charCodeAt(2) - ZERO;
    const b = text.charCodeAt(3) - ZERO;
    const c = text.charCodeAt(4) - ZERO;
    const d = text.charCodeAt(5) - ZERO;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9 && d >= 0 && d <= 9) return a * 1000 + b * 100 + c * 10 + d;
  }
  return parseScaled(text, 4, false);
}

/** `'10.00'` → 1000 hundredths; `signed` allows a leading minus (`delta_fp`). NaN when malformed. */
export function parseHundredths(text: unknown, signed: boolean): number {
  if (typeof text !== 'string') return Number.NaN;
  // Fast path for Kalshi's usual '[-]ddd.dd' (at most 10 characters before the dot, so the result
  // stays far below 2^53); anything else takes the general parser.
  const length = text.length;
  const dot = length - 3;
  if (dot > 0 && dot < 11 && text.charCodeAt(dot) === DOT) {
    const negative = text.charCodeAt(0) === MINUS;
    if (!negative || signed) {
      let value = 0;
      let i = negative ? 1 : 0;
      if (i < dot) {
        for (; i < dot; i++) {
          const d = text.charCodeAt(i) - ZERO;
          if (d < 0 || d > 9) break;
          value = value * 10 + d;
        }
        const a = text.charCodeAt(dot + 1) - ZERO;
        const b = text.charCodeAt(dot + 2) - ZERO;
        if (i === dot && a >= 0 && a <= 9 && b >= 0 && b <= 9) {
          value = value * 100 + a * 10 + b;
          return negative ? -value : value;
        }
      }
    }
  }
  return parseScaled(text, 2, signed);
}
