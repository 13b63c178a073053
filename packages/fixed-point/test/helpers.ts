/** Test-side reference formatting of scaled integers, independent of the package's own formatting. */
export function formatScaled(n: bigint, decimals: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${neg ? '-' : ''}${int}${decimals > 0 ? `.${frac}` : ''}`;
}

/** Floor division for bigints (bigint `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Catches the error thrown by `fn`, failing the test if nothing is thrown. */
export function thrown(fn: () => unknown): { code: string; message: string; value: unknown; field?: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; value: unknown; field?: string };
  }
  throw new Error('expected a throw');
}

/**
 * Test-side reference of a rounding division on bigints: `n / d` (d != 0) rounded to an integer with one of
 * the package's rounding modes.
 */
export function roundDiv(n: bigint, d: bigint, mode: string): bigint {
  if (d < 0n) return roundDiv(-n, -d, mode);
  const floor = floorDiv(n, d);
  const r = n - floor * d; // 0 <= r < d
  if (r === 0n) return floor;
  const ceil = floor + 1n;
  const towardZero = n < 0n ? ceil : floor;
  const awayFromZero = n < 0n ? floor : ceil;
  const twice = 2n * r;
  switch (mode) {
    case 'floor':
      return floor;
    case 'ceil':
      return ceil;
    case 'down':
      return towardZero;
    case 'up':
      return awayFromZero;
    case 'half-up':
      return twice === d ? awayFromZero : twice < d ? floor : ceil;
    case 'half-even':
      return twice === d ? (floor % 2n === 0n ? floor : ceil) : twice < d ? floor : ceil;
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}
