/**
 * The scaled-integer fast path against big.js. Every operation the fast path computes on integers (parse,
 * plus, minus, neg, abs, comparisons, min/max, times(count), cents / centi-cents, formatting) is checked
 * against the same operation done on big.js values, over wire strings and values near the bounds: zero,
 * negatives, the most decimals allowed, and magnitudes on both sides of `Number.MAX_SAFE_INTEGER` units
 * (micro-dollars for Dollars, hundredths for counts), where values move to the big.js path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { B, type Big, decimalsOf, parseDecimal } from '../src/big.js';
import { Contracts, Dollars, SignedContracts, tradingFee } from '../src/index.js';
import { formatScaled, thrown } from './helpers.js';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const ZERO = new B('0');
const HUNDRED = new B('100');

/** Scaled integers: small, around ±MAX_SAFE_INTEGER, around ±MAX_SAFE_INTEGER / 2 (sums cross it), huge. */
const units = fc.oneof(
  fc.constantFrom(0n, 1n, -1n, 100n, -100n, MAX, -MAX, MAX + 1n, -MAX - 1n, MAX - 99n, MAX + 100n),
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
  fc.bigInt({ min: MAX - 10_000n, max: MAX + 10_000n }).chain((u) => fc.constantFrom(u, -u)),
  fc.bigInt({ min: MAX / 2n - 10_000n, max: MAX / 2n + 10_000n }).chain((u) => fc.constantFrom(u, -u)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);

/** `u` × 10^-digits as a wire string, with trailing zeros dropped down to `keep` decimals where lossless. */
function wire(u: bigint, digits: number, keep: number): string {
  let s = formatScaled(u, digits);
  if (digits > 0) {
    while (s.endsWith('0') && s.split('.')[1]!.length > keep) s = s.slice(0, -1);
    if (s.endsWith('.')) s = s.slice(0, -1);
  }
  return s;
}

/** The exact value in the form `toString()` must print: at least `min` decimals, every digit. */
function exact(b: Big, min: number): string {
  return b.toFixed(Math.max(min, decimalsOf(b)));
}

/** The outcome of `fn`: its string result, or the error's code and message. */
function outcome(fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    const err = e as { code?: string; message: string };
    return `${err.code ?? 'bare error'}: ${err.message}`;
  }
}

const dollarWire = fc.tuple(units, fc.integer({ min: 0, max: 6 })).map(([u, keep]) => wire(u, 6, keep));
const d6 = (s: string) => Dollars.parse(s, undefined, { maxDecimals: 6 });
const big6 = (s: string) => parseDecimal(s, undefined, 6, true);

/** Strings of the characters a decimal uses, and a few it must not: most are invalid. */
const junk = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' ', 'x', '٣'), maxLength: 24 });

describe('Dollars fast path agrees with big.js', () => {
  it('parse accepts and refuses exactly what the big.js parser does, with the same error', () => {
    fc.assert(
      fc.property(fc.oneof(dollarWire, junk), fc.constantFrom(4 as const, 6 as const), (s, maxDecimals) => {
        expect(outcome(() => Dollars.parse(s, 'price_dollars', { maxDecimals }).toString())).toBe(
          outcome(() => exact(parseDecimal(s, 'price_dollars', maxDecimals, true), 4)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('toWire and toString print the big.js value (toWire refusing 5–6 decimals)', () => {
    fc.assert(
      fc.property(dollarWire, (s) => {
        const b = big6(s);
        expect(d6(s).toString()).toBe(exact(b, 4));
        if (decimalsOf(b) <= 4) expect(d6(s).toWire()).toBe(b.toFixed(4));
        else expect(thrown(() => d6(s).toWire()).code).toBe('FIXED_POINT_PRECISION');
        expect(d6(s).decimals()).toBe(decimalsOf(b));
      }),
    );
  });

  it('plus, minus, neg, abs', () => {
    fc.assert(
      fc.property(dollarWire, dollarWire, (x, y) => {
        const [a, b] = [big6(x), big6(y)];
        expect(d6(x).plus(d6(y)).toString()).toBe(exact(a.plus(b), 4));
        expect(d6(x).minus(d6(y)).toString()).toBe(exact(a.minus(b), 4));
        expect(d6(x).neg().toString()).toBe(exact(a.eq(ZERO) ? a : a.neg(), 4));
        expect(d6(x).abs().toString()).toBe(exact(a.abs(), 4));
      }),
    );
  });

  it('cmp, eq, lt, lte, gt, gte, min, max, isZero, isNegative, isPositive', () => {
    fc.assert(
      fc.property(dollarWire, dollarWire, (x, y) => {
        const [a, b] = [big6(x), big6(y)];
        const [p, q] = [d6(x), d6(y)];
        expect(p.cmp(q)).toBe(a.cmp(b));
        expect([p.eq(q), p.lt(q), p.lte(q), p.gt(q), p.gte(q)]).toEqual([a.eq(b), a.lt(b), a.lte(b), a.gt(b), a.gte(b)]);
        expect(p.min(q).toString()).toBe(exact(a.lte(b) ? a : b, 4));
        expect(p.max(q).toString()).toBe(exact(a.gte(b) ? a : b, 4));
        expect([p.isZero(), p.isNegative(), p.isPositive()]).toEqual([a.eq(ZERO), a.lt(ZERO), a.gt(ZERO)]);
      }),
    );
  });

  it('times(count) is the big.js product, or FIXED_POINT_PRECISION when that needs more than 6 decimals', () => {
    fc.assert(
      fc.property(dollarWire, units, fc.integer({ min: 0, max: 2 }), (x, h, keep) => {
        const count = wire(h, 2, keep);
        const want = big6(x).times(parseDecimal(count, undefined, 2, true));
        const got = outcome(() => d6(x).times(SignedContracts.parse(count)).toString());
        expect(decimalsOf(want) <= 6 ? got === exact(want, 4) : got.startsWith('FIXED_POINT_PRECISION')).toBe(true);
        if (h >= 0n) expect(outcome(() => d6(x).times(Contracts.parse(count)).toString())).toBe(got);
      }),
    );
  });

  it('toCents and toCentiCents are the big.js value scaled, or the same typed error', () => {
    const reference = (b: Big, scale: string): string => {
      const scaled = b.times(new B(scale));
      if (decimalsOf(scaled) > 0) return 'FIXED_POINT_PRECISION';
      const n = Number(scaled.toFixed(0));
      return Number.isSafeInteger(n) ? String(n) : 'FIXED_POINT_RANGE';
    };
    const actual = (fn: () => number): string => {
      try {
        return String(fn());
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    fc.assert(
      fc.property(dollarWire, (x) => {
        expect(actual(() => d6(x).toCents())).toBe(reference(big6(x), '100'));
        expect(actual(() => d6(x).toCentiCents())).toBe(reference(big6(x), '10000'));
      }),
    );
  });

  it('fromCents and fromCentiCents equal the big.js quotient for any safe integer or bigint', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })), (n) => {
        expect(Dollars.fromCents(n).toString()).toBe(exact(new B(String(n)).div(HUNDRED), 4));
        expect(Dollars.fromCentiCents(n).toString()).toBe(exact(new B(String(n)).div(new B('10000')), 4));
      }),
    );
  });

  it('toNumber is the float nearest the exact value', () => {
    fc.assert(
      fc.property(dollarWire, (x) => {
        expect(d6(x).toNumber()).toBe(Number(exact(big6(x), 0)));
      }),
    );
  });
});

describe('count fast path agrees with big.js', () => {
  const countWire = fc.tuple(units, fc.integer({ min: 0, max: 2 })).map(([u, keep]) => wire(u, 2, keep));
  const bigCount = (s: string) => parseDecimal(s, undefined, 2, true);

  it('Contracts.parse and SignedContracts.parse accept and refuse exactly what the big.js parser does', () => {
    fc.assert(
      fc.property(fc.oneof(countWire, junk), (s) => {
        expect(outcome(() => Contracts.parse(s, 'count_fp').toWire())).toBe(outcome(() => parseDecimal(s, 'count_fp', 2, false).toFixed(2)));
        expect(outcome(() => SignedContracts.parse(s, 'position_fp').toWire())).toBe(
          outcome(() => parseDecimal(s, 'position_fp', 2, true).toFixed(2)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('SignedContracts plus, minus, neg, abs, comparisons, toHundredths, toNumber', () => {
    fc.assert(
      fc.property(countWire, countWire, (x, y) => {
        const [a, b] = [bigCount(x), bigCount(y)];
        const [p, q] = [SignedContracts.parse(x), SignedContracts.parse(y)];
        expect(p.plus(q).toWire()).toBe(a.plus(b).toFixed(2));
        expect(p.minus(q).toWire()).toBe(a.minus(b).toFixed(2));
        expect(p.neg().toWire()).toBe((a.eq(ZERO) ? a : a.neg()).toFixed(2));
        expect(p.abs().toWire()).toBe(a.abs().toFixed(2));
        expect(p.cmp(q)).toBe(a.cmp(b));
        expect([p.eq(q), p.lt(q), p.lte(q), p.gt(q), p.gte(q)]).toEqual([a.eq(b), a.lt(b), a.lte(b), a.gt(b), a.gte(b)]);
        expect(p.min(q).toWire()).toBe((a.lte(b) ? a : b).toFixed(2));
        expect(p.max(q).toWire()).toBe((a.gte(b) ? a : b).toFixed(2));
        expect([p.isZero(), p.isNegative(), p.isPositive()]).toEqual([a.eq(ZERO), a.lt(ZERO), a.gt(ZERO)]);
        expect(p.toHundredths()).toBe(BigInt(a.times(HUNDRED).toFixed(0)));
        expect(p.toNumber()).toBe(Number(a.toString()));
      }),
    );
  });

  it('Contracts plus, minus (refusing to go below 0), comparisons against either count type, isWhole', () => {
    fc.assert(
      fc.property(countWire, countWire, (x, y) => {
        const [a, b] = [bigCount(x).abs(), bigCount(y).abs()];
        const [p, q] = [Contracts.parse(a.toFixed(2)), Contracts.parse(b.toFixed(2))];
        expect(p.plus(q).toWire()).toBe(a.plus(b).toFixed(2));
        if (a.gte(b)) expect(p.minus(q).toWire()).toBe(a.minus(b).toFixed(2));
        else expect(thrown(() => p.minus(q))).toMatchObject({ code: 'FIXED_POINT_RANGE', value: b.toFixed(2) });
        expect(p.cmp(q)).toBe(a.cmp(b));
        expect(p.cmp(SignedContracts.parse(y))).toBe(a.cmp(bigCount(y)));
        expect(p.min(q).toWire()).toBe((a.lte(b) ? a : b).toFixed(2));
        expect(p.max(q).toWire()).toBe((a.gte(b) ? a : b).toFixed(2));
        expect(p.isWhole()).toBe(decimalsOf(a) === 0);
        expect(p.toSigned().toContracts().eq(p)).toBe(true);
      }),
    );
  });

  it('fromWhole and fromHundredths equal the big.js value for any safe integer or bigint', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })), (n) => {
        const whole = new B(String(n));
        expect(SignedContracts.fromWhole(n).toWire()).toBe(whole.toFixed(2));
        expect(SignedContracts.fromHundredths(n).toWire()).toBe(whole.div(HUNDRED).toFixed(2));
        if (whole.gte(ZERO)) {
          expect(Contracts.fromWhole(n).toWire()).toBe(whole.toFixed(2));
          expect(Contracts.fromHundredths(n).toWire()).toBe(whole.div(HUNDRED).toFixed(2));
        } else {
          expect(thrown(() => Contracts.fromWhole(n)).code).toBe('FIXED_POINT_RANGE');
          expect(thrown(() => Contracts.fromHundredths(n)).code).toBe('FIXED_POINT_RANGE');
        }
      }),
    );
  });
});

describe('equal values have equal fields', () => {
  it('whatever path made them and whatever was computed from them, so toEqual compares values', () => {
    const price = Dollars.parse('0.5');
    const count = Contracts.parse('3');
    tradingFee({ price, count, kind: 'taker' });
    expect(price.round(2, 'down').times(count).div(count, { decimals: 4, rounding: 'down' })).toEqual(price);
    expect(price).toEqual(Dollars.fromCents(50));
    expect(count).toEqual(Contracts.fromWhole(3));
    expect(count.toSigned()).toEqual(SignedContracts.fromHundredths(300));
    expect(Dollars.parse('100000000000000000000')).toEqual(Dollars.fromCents(10n ** 22n));
    expect(Dollars.parse('9007199254.740991', undefined, { maxDecimals: 6 })).toEqual(d6('9007199254.740990').plus(d6('0.000001')));
  });
});
