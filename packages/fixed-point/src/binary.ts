import { type Contracts, countBig } from './contracts.js';
import { Dollars, dollarsFromBig, dollarsMicros } from './dollars.js';
import { FixedPointError } from './errors.js';

/**
 * `1 - p`: the other side of a binary market. A YES bid at `p` is a NO ask at `1 - p` (and the reverse), as in
 * Kalshi's order book, which lists only bids for each side.
 * @param p a price in dollars, 0 to 1 inclusive (settlement values 0 and 1 are allowed).
 * @throws FixedPointError `FIXED_POINT_RANGE` outside 0–1.
 */
export function complement(p: Dollars): Dollars {
  if (p.isNegative() || p.gt(Dollars.ONE)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value: p.toString(), problem: 'is not a price between 0 and 1' });
  }
  return Dollars.ONE.minus(p);
}

/**
 * Price × count: what `count` contracts cost at `p` (before fees). Exact: a 4-decimal price times a 2-decimal
 * count has at most 6 decimals.
 * @throws FixedPointError `FIXED_POINT_PRECISION` if `p` carries more than 4 decimals and the product needs
 *   more than 6.
 */
export function notional(p: Dollars, c: Contracts): Dollars {
  return p.times(c);
}

/** What `c` winning contracts pay at settlement: $1 each. */
export function payout(c: Contracts): Dollars {
  return dollarsFromBig(countBig(c), 'payout');
}

/** Package-internal: a price checked to be within 0–1, in micro-dollars (0 to 1,000,000). */
export function priceMicros(p: Dollars, field: string): number {
  if (p.isNegative() || p.gt(Dollars.ONE)) {
    throw new FixedPointError('FIXED_POINT_RANGE', { value: p.toString(), field, problem: 'is not a price between 0 and 1' });
  }
  return dollarsMicros(p);
}
