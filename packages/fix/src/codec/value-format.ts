/**
 * Byte-level checks of FIX value formats, shared by the decoder (on received bytes) and the
 * encoder (on the bytes it just wrote), so both sides accept exactly the same texts.
 */

const D0 = 48;
const D9 = 57;

/** Digits in a safe JS integer's magnitude we accept: 15 (< 2^53). */
const MAX_INT_DIGITS = 15;

/**
 * Integer in `b[s..e)`: an optional `-` (when `signed`), then 1-15 digits (leading zeros allowed,
 * as FIX int allows them). Returns NaN when the bytes are not such an integer; `-0` is 0.
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
  // `-0` (a sign and leading zeros are legal FIX int text) is zero, not JS -0: a decoded value
  // must equal what re-encoding it decodes to.
  return negative ? 0 - n : n;
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

/** Days in `month` (1-12) of `year` in the proleptic Gregorian calendar (as JS `Date` counts them). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day of month of the calendar date `YYYYMMDD` at `b[s..s+8)`: 0 when the bytes are not digits or
 * not a real date (month 01-12, day within the month: `20260230` is not, `20240229` is).
 */
function dayAt(b: Uint8Array, s: number): number {
  if (!allDigits(b, s, 8)) return 0;
  const month = two(b, s + 4);
  const day = two(b, s + 6);
  if (month < 1 || month > 12 || day < 1) return 0;
  return day <= daysInMonth(two(b, s) * 100 + two(b, s + 2), month) ? day : 0;
}

/** UTCDateOnly / LocalMktDate: `YYYYMMDD`, a real calendar date. */
export function isDate(b: Uint8Array, s: number, e: number): boolean {
  return e - s === 8 && dayAt(b, s) !== 0;
}

/**
 * UTCTimestamp (FIX 5.0 SP2): `YYYYMMDD-HH:MM:SS`, optionally followed by `.` and 3, 6, 9 or 12
 * fractional digits (milli-, micro-, nano-, picoseconds). The date must exist, HH is 00-23 and
 * MM 00-59; SS is 00-59, or 60 for a leap second, which UTC inserts only as 23:59:60 on the last
 * day of a month.
 */
export function isUtcTimestamp(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n !== 17 && n !== 21 && n !== 24 && n !== 27 && n !== 30) return false;
  if (b[s + 8] !== 45 || b[s + 11] !== 58 || b[s + 14] !== 58) return false;
  const day = dayAt(b, s);
  if (day === 0 || !allDigits(b, s + 9, 2) || !allDigits(b, s + 12, 2) || !allDigits(b, s + 15, 2)) return false;
  const hour = two(b, s + 9);
  const minute = two(b, s + 12);
  const second = two(b, s + 15);
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (second === 60 && (hour !== 23 || minute !== 59 || day !== daysInMonth(two(b, s) * 100 + two(b, s + 2), two(b, s + 4)))) return false;
  return n === 17 || (b[s + 17] === 46 && allDigits(b, s + 18, n - 18));
}
