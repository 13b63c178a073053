import { MockExchangeError } from '../errors.js';

/** Scale of a reference price: 8 decimals, as the index and Pyth feeds format `value_usd`. */
const SCALE = 100_000_000n;
const DECIMAL = /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,8})?$/;

/**
 * A USD reference price (an index or commodity value) as an exact count of 10⁻⁸ dollars. These
 * prices carry 8 decimals, more than `Dollars` holds, and are never JS floats.
 */
export type UsdValue = bigint;

/**
 * Parses a non-negative decimal string with at most 8 decimals (`'68000.12'`, `'82.12345'`).
 * @throws MockExchangeError `INVALID_PARAMETER` naming `field` and the value.
 */
export function parseUsdValue(text: unknown, field: string): UsdValue {
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new MockExchangeError('INVALID_PARAMETER', `${field} must be a decimal string of at least 0 with at most 8 decimals`, { field, value: text });
  }
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole!) * SCALE + BigInt(fraction.padEnd(8, '0'));
}

/** `value` with exactly 8 decimals (`'68000.12000000'`). */
export function formatUsdValue(value: UsdValue): string {
  return `${value / SCALE}.${(value % SCALE).toString().padStart(8, '0')}`;
}

/** The mean of `values` (at least one), rounded half up to 10⁻⁸ dollars. */
export function meanUsdValue(values: readonly UsdValue[]): UsdValue {
  const n = BigInt(values.length);
  const sum = values.reduce((a, b) => a + b, 0n);
  return (sum * 2n + n) / (2n * n);
}
