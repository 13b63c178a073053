import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { NetPosition } from './engine/types.js';

/** A dollar amount with as many decimals as it carries, at least 4 and at most 6 (`FixedPointDollars`). */
export function dollars(d: Dollars): string {
  return d.toString();
}

/** A dollar amount padded to exactly 6 decimals, as the WS `user_orders` cost and fee fields are documented. */
export function dollars6(d: Dollars): string {
  const text = d.toString();
  const decimals = text.length - text.indexOf('.') - 1;
  return text + '0'.repeat(6 - decimals);
}

/** A signed contract count (`position_fp`): negative for NO contracts. */
export function signedCount(net: NetPosition): string {
  return net.outcome === 'no' && !net.count.isZero() ? `-${net.count.toWire()}` : net.count.toWire();
}

/** RFC 3339 timestamp of Unix ms. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whole Unix seconds of Unix ms. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function micros(d: Dollars): bigint {
  const text = d.toString();
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole + fraction.padEnd(6, '0'));
  return negative ? -value : value;
}

/**
 * `total / count` rounded half-even to `decimals` places: the per-contract average of a dollar
 * total (average fill price, average fee). Integer arithmetic on scaled units, no floats.
 */
export function perContract(total: Dollars, count: Contracts, decimals: 4 | 6): Dollars {
  const hundredths = count.toHundredths();
  // total/count in units of 10^-decimals dollars = micros × 10^decimals / (10^4 × hundredths)
  const numerator = micros(total) * 10n ** BigInt(decimals);
  const denominator = 10_000n * hundredths;
  let quotient = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  if (twice > denominator || (twice === denominator && quotient % 2n !== 0n)) quotient += 1n;
  const text = quotient.toString().padStart(decimals + 1, '0');
  return Dollars.parse(`${text.slice(0, -decimals)}.${text.slice(-decimals)}`, undefined, { maxDecimals: 6 });
}
