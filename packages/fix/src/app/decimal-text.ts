/** Exact decimal-text helpers for FIX PRICE/QTY values: no floating point anywhere. */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Moves the decimal point of a plain decimal string: `places` > 0 multiplies by 10^places
 * (`'0.565'`, 2 → `'56.5'`), < 0 divides (`'56.5'`, -2 → `'0.565'`). The result has no
 * exponent, no leading zeros before the point and no trailing zeros after it.
 * @returns undefined when `text` is not `-?digits[.digits]`.
 */
export function shiftDecimal(text: string, places: number): string | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const sign = m[1] as string;
  let int = m[2] as string;
  let frac = m[3] ?? '';
  if (places > 0) {
    frac = frac.padEnd(places, '0');
    int += frac.slice(0, places);
    frac = frac.slice(places);
  } else if (places < 0) {
    int = int.padStart(-places + 1, '0');
    frac = int.slice(int.length + places) + frac;
    int = int.slice(0, int.length + places);
  }
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return sign === '-' && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * Normalises a decimal string to at most `maxDecimals` decimals: trailing zeros go, further
 * digits are cut (toward zero). `'100.0000'`, 2 → `'100'`; `'0.6633333'`, 6 → `'0.663333'`.
 * @returns undefined when `text` is not `-?digits[.digits]`.
 */
export function truncateDecimal(text: string, maxDecimals: number): string | undefined {
  const shifted = shiftDecimal(text, 0);
  if (shifted === undefined) return undefined;
  const dot = shifted.indexOf('.');
  if (dot < 0 || shifted.length - dot - 1 <= maxDecimals) return shifted;
  return shiftDecimal(shifted.slice(0, dot + 1 + maxDecimals), 0);
}
