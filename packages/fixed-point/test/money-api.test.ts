/**
 * Issue #13, "Money API": the big.js vocabulary on Dollars, Contracts and SignedContracts (plus, minus,
 * times, div with explicit rounding), mid with explicit rounding, min/max/cmp, the lossy toNumber(), and
 * the deprecated add/sub aliases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AveragePrice, Contracts, Dollars, type RoundingMode, SignedContracts } from '../src/index.js';
import { formatScaled, roundDiv, thrown } from './helpers.js';

const MODES: readonly RoundingMode[] = ['down', 'up', 'floor', 'ceil', 'half-up', 'half-even'];
const mode = fc.constantFrom(...MODES);
const micros = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
const d6 = (m: bigint) => Dollars.parse(formatScaled(m, 6), undefined, { maxDecimals: 6 });

describe('plus / minus replace add / sub, which stay as deprecated aliases', () => {
  it('Dollars, Contracts and SignedContracts: plus and minus, and the aliases give the same values', () => {
    const [a, b] = [Dollars.parse('0.5600'), Dollars.parse('0.0150')];
    expect(a.plus(b).toWire()).toBe('0.5750');
    expect(a.minus(b).toWire()).toBe('0.5450');
    expect(a.add(b).eq(a.plus(b)) && a.sub(b).eq(a.minus(b))).toBe(true);

    const [c, e] = [Contracts.parse('10'), Contracts.parse('2.5')];
    expect(c.plus(e).toWire()).toBe('12.50');
    expect(c.minus(e).toWire()).toBe('7.50');
    expect(c.add(e).eq(c.plus(e)) && c.sub(e).eq(c.minus(e))).toBe(true);
    expect(thrown(() => e.minus(c)).code).toBe('FIXED_POINT_RANGE');

    const p = SignedContracts.parse('-3');
    expect(p.plus(e).toWire()).toBe('-0.50');
    expect(p.minus(e).toWire()).toBe('-5.50');
    expect(p.add(e).eq(p.plus(e)) && p.sub(e).eq(p.minus(e))).toBe(true);
  });
});

describe('times', () => {
  it('a count times a price is the notional, the same as price.times(count)', () => {
    const price = Dollars.parse('0.5600');
    expect(Contracts.parse('10.5').times(price).toString()).toBe('5.8800');
    expect(SignedContracts.parse('-3').times(price).toWire()).toBe('-1.6800');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 14n }), (cc, h) => {
        const p = Dollars.fromCentiCents(cc);
        const count = Contracts.fromHundredths(h);
        expect(count.times(p).eq(p.times(count))).toBe(true);
        expect(count.toSigned().neg().times(p).eq(p.times(count).neg())).toBe(true);
      }),
    );
  });
});

describe('div takes an explicit rounding', () => {
  it('Dollars.div(count) is the exact quotient rounded once, in every mode', () => {
    fc.assert(
      fc.property(micros, fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((h) => h !== 0n), fc.integer({ min: 0, max: 6 }), mode, (m, h, decimals, rounding) => {
        // (m × 10^-6) / (h × 10^-2) in units of 10^-decimals = m × 10^decimals / (h × 10^4).
        const want = roundDiv(m * 10n ** BigInt(decimals), h * 10_000n, rounding);
        const got = d6(m).div(SignedContracts.fromHundredths(h), { decimals, rounding });
        expect(got.toString()).toBe(d6(want * 10n ** BigInt(6 - decimals)).toString());
      }),
    );
  });

  it('Dollars.div(integer) splits an amount, rounded as asked', () => {
    fc.assert(
      fc.property(micros, fc.bigInt({ min: -1000n, max: 1000n }).filter((k) => k !== 0n), fc.integer({ min: 0, max: 6 }), mode, (m, k, decimals, rounding) => {
        const want = roundDiv(m * 10n ** BigInt(decimals), k * 10n ** 6n, rounding);
        expect(d6(m).div(k, { decimals, rounding }).eq(d6(want * 10n ** BigInt(6 - decimals)))).toBe(true);
        if (k >= -(2n ** 31n)) expect(d6(m).div(Number(k), { decimals, rounding }).eq(d6(m).div(k, { decimals, rounding }))).toBe(true);
      }),
    );
  });

  it('average price: a cost divided by a count', () => {
    const cost = Dollars.parse('5.6000');
    const count = Contracts.parse('21');
    expect(cost.div(count, { decimals: 4, rounding: 'half-even' }).toWire()).toBe('0.2667');
    expect(cost.div(count, { decimals: 4, rounding: 'down' }).toWire()).toBe('0.2666');
    expect(Dollars.parse('1').div(3, { decimals: 2, rounding: 'ceil' }).toWire()).toBe('0.3400');
    expect(Dollars.parse('-1').div(3, { decimals: 2, rounding: 'ceil' }).toWire()).toBe('-0.3300');
  });

  it('refuses a zero divisor, a float divisor, a bad decimals and a missing or unknown rounding', () => {
    const x = Dollars.parse('1');
    const zero = thrown(() => x.div(Contracts.ZERO, { decimals: 4, rounding: 'half-even' }));
    expect(zero.code).toBe('FIXED_POINT_RANGE');
    expect(zero.field).toBe('divisor');
    expect(thrown(() => x.div(0n, { decimals: 4, rounding: 'down' })).code).toBe('FIXED_POINT_RANGE');
    expect(thrown(() => x.div(1.5, { decimals: 4, rounding: 'down' })).code).toBe('FIXED_POINT_INVALID');
    expect(thrown(() => x.div(3, { decimals: 7, rounding: 'down' })).code).toBe('FIXED_POINT_INVALID');
    // @ts-expect-error the rounding is required
    const missing = thrown(() => x.div(3, { decimals: 4 }));
    expect(missing.code).toBe('FIXED_POINT_INVALID');
    expect(missing.field).toBe('rounding');
    expect(thrown(() => x.div(4, { decimals: 4, rounding: 'banker' as RoundingMode })).code).toBe('FIXED_POINT_INVALID');
  });

  it('Contracts.div and SignedContracts.div split a count to 0–2 decimals', () => {
    const ten = Contracts.parse('10');
    expect(ten.div(3, { decimals: 0, rounding: 'floor' }).toWire()).toBe('3.00');
    expect(ten.div(3, { decimals: 2, rounding: 'half-even' }).toWire()).toBe('3.33');
    expect(ten.div(4, { decimals: 0, rounding: 'half-even' }).toWire()).toBe('2.00');
    expect(thrown(() => ten.div(-2, { decimals: 2, rounding: 'down' })).code).toBe('FIXED_POINT_RANGE');
    expect(thrown(() => ten.div(3, { decimals: 3, rounding: 'down' })).code).toBe('FIXED_POINT_INVALID');
    expect(SignedContracts.parse('-10').div(4, { decimals: 0, rounding: 'floor' }).toWire()).toBe('-3.00');
    expect(SignedContracts.parse('-10').div(-4, { decimals: 1, rounding: 'down' }).toWire()).toBe('2.50');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10_000n }), fc.integer({ min: 0, max: 2 }), mode, (h, k, decimals, rounding) => {
        const want = roundDiv(h * 10n ** BigInt(decimals), k * 100n, rounding) * 10n ** BigInt(2 - decimals);
        expect(SignedContracts.fromHundredths(h).div(k, { decimals, rounding }).toHundredths()).toBe(want);
        if (h >= 0n) expect(Contracts.fromHundredths(h).div(k, { decimals, rounding }).toHundredths()).toBe(want);
      }),
    );
  });
});

describe('mid takes an explicit rounding', () => {
  it('an odd centi-cent spread puts the midpoint on half a centi-cent: the mode decides', () => {
    const [bid, ask] = [Dollars.parse('0.5500'), Dollars.parse('0.5501')];
    expect(bid.mid(ask, { rounding: 'half-even' }).toWire()).toBe('0.5500');
    expect(bid.mid(ask, { rounding: 'half-up' }).toWire()).toBe('0.5501');
    expect(bid.mid(ask, { rounding: 'floor' }).toWire()).toBe('0.5500');
    expect(ask.mid(bid, { rounding: 'ceil' }).toWire()).toBe('0.5501');
    expect(bid.mid(ask, { rounding: 'down', decimals: 6 }).toString()).toBe('0.55005');
    expect(Dollars.parse('0.55').mid(Dollars.parse('0.57'), { rounding: 'down' }).toWire()).toBe('0.5600');
    // @ts-expect-error the rounding is required
    expect(thrown(() => bid.mid(ask, {})).code).toBe('FIXED_POINT_INVALID');
    expect(thrown(() => bid.mid(ask, { rounding: 'down', decimals: 8 })).code).toBe('FIXED_POINT_INVALID');
  });

  it('equals (a + b) / 2 rounded with integer arithmetic', () => {
    fc.assert(
      fc.property(micros, micros, fc.integer({ min: 0, max: 6 }), mode, (a, b, decimals, rounding) => {
        const want = roundDiv((a + b) * 10n ** BigInt(decimals), 2n * 10n ** 6n, rounding);
        expect(d6(a).mid(d6(b), { rounding, decimals }).eq(d6(want * 10n ** BigInt(6 - decimals)))).toBe(true);
      }),
    );
  });
});

describe('min, max, cmp', () => {
  it('on Dollars, Contracts, SignedContracts and AveragePrice', () => {
    const [lo, hi] = [Dollars.parse('0.55'), Dollars.parse('0.5600')];
    expect([lo.min(hi), lo.max(hi), lo.cmp(hi), hi.cmp(lo), lo.cmp(Dollars.parse('0.5500'))]).toEqual([lo, hi, -1, 1, 0]);
    const [c1, c2] = [Contracts.parse('1'), Contracts.parse('2')];
    expect([c1.min(c2), c2.max(c1), c1.cmp(c2)]).toEqual([c1, c2, -1]);
    const [s1, s2] = [SignedContracts.parse('-1'), SignedContracts.parse('1')];
    expect([s1.min(s2), s1.max(s2), s2.cmp(s1)]).toEqual([s1, s2, 1]);
    const [a1, a2] = [AveragePrice.parse('0.552381'), AveragePrice.parse('0.5524')];
    expect([a1.min(a2), a1.max(a2), a1.cmp(a2)]).toEqual([a1, a2, -1]);
  });
});

describe('toNumber is explicit and lossy', () => {
  it('gives the nearest float, which need not be exact', () => {
    expect(Dollars.parse('0.1').toNumber()).toBe(0.1);
    expect(Dollars.parse('-12.3456').toNumber()).toBe(-12.3456);
    expect(Dollars.parse('0.000001', undefined, { maxDecimals: 6 }).toNumber()).toBe(1e-6);
    // 17 significant digits: the float drops the last ones.
    expect(Dollars.parse('12345678901234567.8901').toNumber()).toBe(12345678901234568);
    expect(Dollars.parse('0.1').plus(Dollars.parse('0.2')).toNumber()).toBe(0.3);
    expect(Contracts.parse('2.5').toNumber()).toBe(2.5);
    expect(SignedContracts.parse('-0.01').toNumber()).toBe(-0.01);
    expect(AveragePrice.parse('0.55238095238095238095').toNumber()).toBe(0.5523809523809524);
  });
});

describe('README example (Arithmetic: the big.js vocabulary)', () => {
  it('gives the values the README shows', () => {
    const bid = Dollars.parse('0.5500');
    const ask = Dollars.parse('0.5501');
    const count = Contracts.parse('21');
    expect(ask.minus(bid).toWire()).toBe('0.0001');
    expect(bid.plus(ask).toWire()).toBe('1.1001');
    expect(bid.min(ask)).toBe(bid);
    const cost = ask.times(count);
    expect(cost.toWire()).toBe('11.5521');
    expect(count.times(ask).eq(cost)).toBe(true);
    expect(cost.div(count, { decimals: 4, rounding: 'half-even' }).toWire()).toBe('0.5501');
    expect(Dollars.parse('1').div(3, { decimals: 2, rounding: 'ceil' }).toWire()).toBe('0.3400');
    expect(count.div(4, { decimals: 0, rounding: 'floor' }).toWire()).toBe('5.00');
    expect(bid.mid(ask, { rounding: 'half-even' }).toWire()).toBe('0.5500');
    expect(bid.mid(ask, { rounding: 'ceil' }).toWire()).toBe('0.5501');
    expect(bid.mid(ask, { rounding: 'down', decimals: 6 }).toString()).toBe('0.55005');
    expect(SignedContracts.parse('-3').plus(count).toWire()).toBe('18.00');
    expect(ask.toNumber()).toBe(0.5501);
  });
});
