/**
 * Byte-level checks of FIX value formats, shared by the decoder (on received bytes) and the
 * encoder (on the bytes it just wrote), so both sides accept exactly the same texts.
 */

const D0 = 48;
const D9 = 57;

/** Digits in a safe JS integer's magnitude we accept: 15 (< 2^53). */
const MAX_INT_DIGITS = 15;

/**
 * Integer in `b[s..e)`: an optional `-` (when `signed`), then 1-15 digits. Returns NaN when the
 * bytes are not such an integer.
 */
export function parseInteger(b: Uint8Array, s: number, e: number, signed: boolean): number {
  let i = s;
  let negative = false;
  if (signed && b[i] === 45) {
    negative = true;
    i++;
  }
  if (i === e || e - i > MAX_INT_DIGITS) return NaN;
  let n = 0;
  for (; i < e; i++) {
    const c = b[i] as number;
    if (c < D0 || c > D9) return NaN;
    n = n * 10 + (c - D0);
  }
  return negative ? -n : n;
}

/** FIX float text (PRICE, QTY, AMT): `-?digits[.digits]` or `-?.digits`, at least one digit, no exponent. */
export function isDecimal(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === 45) i++;
  let digits = 0;
  let dot = false;
  for (; i < e; i++) {
    const c = b[i] as number;
    if (c >= D0 && c <= D9) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** True when `b[s..s+n)` are all ASCII digits. */
function allDigits(b: Uint8Array, s: number, n: number): boolean {
  for (let i = s; i < s + n; i++) {
    const c = b[i] as number;
    if (c < D0 || c > D9) return false;
  }
  return true;
}

/** Two digits already known to be digits, as a number. */
function two(b: Uint8Array, i: number): number {
  return ((b[i] as number) - D0) * 10 + ((b[i + 1] as number) - D0);
}

/** `YYYYMMDD` with month 01-12 and day 01-31. */
export function isDate(b: Uint8Array, s: number, e: number): boolean {
  return e - s === 8 && dateAt(b, s);
}

function dateAt(b: Uint8Array, s: number): boolean {
  if (!allDigits(b, s, 8)) return false;
  const month = two(b, s + 4);
  const day = two(b, s + 6);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** UTCTimestamp: `YYYYMMDD-HH:MM:SS` with an optional `.` and 1-9 fractional digits; second 60 allowed (leap). */
export function isUtcTimestamp(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n < 17 || n === 18 || n > 27) return false;
  if (b[s + 8] !== 45 || b[s + 11] !== 58 || b[s + 14] !== 58 || !dateAt(b, s)) return false;
  if (!allDigits(b, s + 9, 2) || !allDigits(b, s + 12, 2) || !allDigits(b, s + 15, 2)) return false;
  if (two(b, s + 9) > 23 || two(b, s + 12) > 59 || two(b, s + 15) > 60) return false;
  return n === 17 || (b[s + 17] === 46 && allDigits(b, s + 18, n - 18));
}
