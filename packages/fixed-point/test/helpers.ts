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
