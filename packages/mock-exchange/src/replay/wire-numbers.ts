/**
 * Integer readings of the plain wire forms a recording carries on every delta, for the replay's
 * fast path. Each returns `undefined` for anything but its plain form, and the caller then uses
 * the strict `Dollars` / `SignedContracts` parsers (which accept or refuse it, with their errors).
 */

/** `0.d`–`0.dddd` (a price below $1 with 1–4 decimals) in centi-cents, else `undefined`. */
export function centiCentsOfPrice(text: string): number | undefined {
  const decimals = text.length - 2;
  if (decimals < 1 || decimals > 4 || text.charCodeAt(0) !== 48 || text.charCodeAt(1) !== 46) return undefined;
  let cc = 0;
  for (let i = 2; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    cc = cc * 10 + digit;
  }
  return cc * 10 ** (4 - decimals);
}

/** Whole digits a size change read as an integer may have: sums of a few such changes stay safe integers. */
export const MAX_DELTA_DIGITS = 13;

/**
 * `-?(0|[1-9]d{0,12})(.d{1,2})?` in hundredths (at most 13 whole digits, so sums of a few stay
 * safe integers), else `undefined`; a negative zero also goes to the strict parser.
 */
export function hundredthsOfDelta(text: string): number | undefined {
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  const wholeStart = i;
  let whole = 0;
  while (i < text.length && text.charCodeAt(i) !== 46) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    whole = whole * 10 + digit;
    i++;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > MAX_DELTA_DIGITS || (wholeDigits > 1 && text.charCodeAt(wholeStart) === 48)) return undefined;
  let fraction = 0;
  if (i < text.length) {
    const decimals = text.length - i - 1;
    if (decimals < 1 || decimals > 2) return undefined;
    for (let j = i + 1; j < text.length; j++) {
      const digit = text.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9) return undefined;
      fraction = fraction * 10 + digit;
    }
    if (decimals === 1) fraction *= 10;
  }
  const hundredths = whole * 100 + fraction;
  if (negative && hundredths === 0) return undefined;
  return negative ? -hundredths : hundredths;
}
