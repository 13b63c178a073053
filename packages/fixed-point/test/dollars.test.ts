import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Contracts, Dollars, FixedPointError, type RoundingMode } from '../src/index.js';
import { floorDiv, formatScaled, thrown } from './helpers.js';

const centiCents = fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n });
const micros = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });

describe('Dollars.parse', () => {
  it.each([
    ['two decimals', { given: '0.56', want: '0.5600' }],
    ['four decimals', { given: '0.5600', want: '0.5600' }],
    ['integer', { given: '12', want: '12.0000' }],
    ['negative', { given: '-3.12', want: '-3.1200' }],
    ['zero', { given: '0', want: '0.0000' }],
    ['negative zero normalised', { given: '-0.00', want: '0.0000' }],
    ['sub-penny', { given: '0.0550', want: '0.0550' }],
    ['large', { given: '123456789012.3456', want: '123456789012.3456' }],
  ])('%s', (_, { given, want }) => {
    expect(Dollars.parse(given).toWire()).toBe(want);
  });

  it.each([
    ['letters', { given: 'abc', want: 'FIXED_POINT_INVALID' }],
    ['exponent', { given: '1e5', want: 'FIXED_POINT_INVALID' }],
    ['empty', { given: '', want: 'FIXED_POINT_INVALID' }],
    ['leading space', { given: ' 1', want: 'FIXED_POINT_INVALID' }],
    ['trailing newline', { given: '1\n', want: 'FIXED_POINT_INVALID' }],
    ['plus sign', { given: '+1', want: 'FIXED_POINT_INVALID' }],
    ['hex', { given: '0x10', want: 'FIXED_POINT_INVALID' }],
    ['NaN', { given: 'NaN', want: 'FIXED_POINT_INVALID' }],
    ['Infinity', { given: 'Infinity', want: 'FIXED_POINT_INVALID' }],
    ['leading zero', { given: '01', want: 'FIXED_POINT_INVALID' }],
    ['bare point', { given: '.5', want: 'FIXED_POINT_INVALID' }],
    ['trailing point', { given: '5.', want: 'FIXED_POINT_INVALID' }],
    ['comma', { given: '0,5', want: 'FIXED_POINT_INVALID' }],
    ['non-ASCII digit', { given: '٣', want: 'FIXED_POINT_INVALID' }],
    ['five decimals', { given: '0.12345', want: 'FIXED_POINT_PRECISION' }],
  ])('rejects %s', (_, { given, want }) => {
    const e = thrown(() => Dollars.parse(given, 'yes_price_dollars'));
    expect(e).toBeInstanceOf(FixedPointError);
    expect(e.code).toBe(want);
    expect(e.value).toBe(given);
    expect(e.field).toBe('yes_price_dollars');
    expect(e.message).toContain(JSON.stringify(given));
    expect(e.message).toContain('yes_price_dollars');
  });

  it('names field, value and limit for too many decimals', () => {
    expect(() => Dollars.parse('0.12345', 'yes_price_dollars')).toThrow(
      'yes_price_dollars: "0.12345" has 5 decimals; at most 4 allowed',
    );
  });

  it('refuses a JS number at compile time and at run time', () => {
    // @ts-expect-error money is never a float
    const e = thrown(() => Dollars.parse(0.1 + 0.2, 'price'));
    expect(e.code).toBe('FIXED_POINT_INVALID');
    expect(e.message).toContain('0.30000000000000004');
    // @ts-expect-error nor missing
    expect(thrown(() => Dollars.parse(undefined)).code).toBe('FIXED_POINT_INVALID');
  });

  it('accepts 6 decimals only when asked', () => {
    expect(Dollars.parse('0.012345', 'fee_cost', { maxDecimals: 6 }).toString()).toBe('0.012345');
    expect(thrown(() => Dollars.parse('0.0123456', 'fee_cost', { maxDecimals: 6 })).code).toBe('FIXED_POINT_PRECISION');
  });

  it('parse ∘ toWire is the identity on canonical 4-decimal wire strings', () => {
    fc.assert(
      fc.property(centiCents, (cc) => {
        const wire = formatScaled(cc, 4);
        expect(Dollars.parse(wire).toWire()).toBe(wire);
      }),
    );
  });

  it('toWire pads any shorter valid form to 4 decimals', () => {
    fc.assert(
      fc.property(centiCents, fc.integer({ min: 0, max: 4 }), (cc, keep) => {
        const canonical = formatScaled(cc, 4);
        // Drop trailing zeros down to `keep` decimals where that is lossless.
        let shortened = canonical;
        while (shortened.endsWith('0') && shortened.split('.')[1]!.length > keep) shortened = shortened.slice(0, -1);
        if (shortened.endsWith('.')) shortened = shortened.slice(0, -1);
        expect(Dollars.parse(shortened).toWire()).toBe(canonical === '-0.0000' ? '0.0000' : canonical);
      }),
    );
  });
});

describe('Dollars from and to integer units', () => {
  it.each([
    ['cents', { given: () => Dollars.fromCents(5), want: '0.0500' }],
    ['negative cents', { given: () => Dollars.fromCents(-150), want: '-1.5000' }],
    ['bigint cents', { given: () => Dollars.fromCents(12345678901234567890n), want: '123456789012345678.9000' }],
    ['centi-cents', { given: () => Dollars.fromCentiCents(550), want: '0.0550' }],
    ['negative centi-cents', { given: () => Dollars.fromCentiCents(-1n), want: '-0.0001' }],
  ])('%s', (_, { given, want }) => {
    expect(given().toWire()).toBe(want);
  });

  it.each([
    ['0.1 + 0.2', { given: 0.1 + 0.2, want: 'FIXED_POINT_INVALID' }],
    ['1.5', { given: 1.5, want: 'FIXED_POINT_INVALID' }],
    ['NaN', { given: Number.NaN, want: 'FIXED_POINT_INVALID' }],
    ['Infinity', { given: Number.POSITIVE_INFINITY, want: 'FIXED_POINT_INVALID' }],
    ['unsafe integer', { given: 2 ** 60, want: 'FIXED_POINT_RANGE' }],
  ])('fromCents rejects %s', (_, { given, want }) => {
    const e = thrown(() => Dollars.fromCents(given, 'price'));
    expect(e.code).toBe(want);
    expect(e.message).toContain(String(given));
    expect(e.message).toContain('price');
  });

  it('fromCentiCents rejects floats', () => {
    expect(thrown(() => Dollars.fromCentiCents(0.5)).code).toBe('FIXED_POINT_INVALID');
  });

  it.each([
    ['whole cents', { given: '0.56', cents: 56, centiCents: 5600 }],
    ['negative', { given: '-12.3', cents: -1230, centiCents: -123000 }],
    ['zero', { given: '0', cents: 0, centiCents: 0 }],
  ])('toCents / toCentiCents: %s', (_, { given, cents, centiCents }) => {
    expect(Dollars.parse(given).toCents()).toBe(cents);
    expect(Dollars.parse(given).toCentiCents()).toBe(centiCents);
  });

  it('toCents refuses sub-penny amounts; toCentiCents refuses 5–6 decimals', () => {
    const e = thrown(() => Dollars.parse('0.0550').toCents());
    expect(e.code).toBe('FIXED_POINT_PRECISION');
    expect(e.message).toContain('0.0550');
    expect(thrown(() => Dollars.parse('0.00001', undefined, { maxDecimals: 6 }).toCentiCents()).code).toBe(
      'FIXED_POINT_PRECISION',
    );
  });

  it('toCents refuses amounts beyond safe integers', () => {
    expect(thrown(() => Dollars.parse('100000000000000000').toCents()).code).toBe('FIXED_POINT_RANGE');
  });

  it('cents and centi-cents round-trip exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(Dollars.fromCents(n).toCents()).toBe(n);
        expect(Dollars.fromCentiCents(n).toCentiCents()).toBe(n);
      }),
    );
  });
});

describe('Dollars arithmetic agrees with bigint arithmetic on centi-cents', () => {
  const of = (cc: bigint) => Dollars.fromCentiCents(cc);
  it('add, sub, neg, abs', () => {
    fc.assert(
      fc.property(centiCents, centiCents, (a, b) => {
        expect(of(a).add(of(b)).toWire()).toBe(formatScaled(a + b, 4));
        expect(of(a).sub(of(b)).toWire()).toBe(formatScaled(a - b, 4));
        expect(of(a).neg().toWire()).toBe(formatScaled(-a, 4));
        expect(of(a).abs().toWire()).toBe(formatScaled(a < 0n ? -a : a, 4));
      }),
    );
  });

  it('cmp and the comparisons', () => {
    fc.assert(
      fc.property(centiCents, centiCents, (a, b) => {
        const want = a < b ? -1 : a > b ? 1 : 0;
        const x = of(a);
        const y = of(b);
        expect(x.cmp(y)).toBe(want);
        expect([x.eq(y), x.lt(y), x.lte(y), x.gt(y), x.gte(y)]).toEqual([a === b, a < b, a <= b, a > b, a >= b]);
        expect(x.min(y).eq(of(a < b ? a : b))).toBe(true);
        expect(x.max(y).eq(of(a > b ? a : b))).toBe(true);
        expect([x.isZero(), x.isNegative(), x.isPositive()]).toEqual([a === 0n, a < 0n, a > 0n]);
      }),
    );
  });

  it('times: a 4-decimal price times a 2-decimal count is exact in micro-dollars', () => {
    fc.assert(
      fc.property(centiCents, fc.bigInt({ min: 0n, max: 10n ** 10n }), (cc, hundredths) => {
        const got = of(cc).times(Contracts.fromHundredths(hundredths));
        const want = Dollars.parse(formatScaled(cc * hundredths, 6), undefined, { maxDecimals: 6 });
        expect(got.eq(want)).toBe(true);
      }),
    );
  });

  it('times refuses a product needing more than 6 decimals', () => {
    const six = Dollars.parse('0.000001', undefined, { maxDecimals: 6 });
    const e = thrown(() => six.times(Contracts.parse('0.5')));
    expect(e.code).toBe('FIXED_POINT_PRECISION');
    expect(e.message).toContain('0.0000005');
  });

  const reference: Record<RoundingMode, (n: bigint, d: bigint) => bigint> = {
    floor: (n, d) => floorDiv(n, d),
    ceil: (n, d) => -floorDiv(-n, d),
    down: (n, d) => n / d,
    up: (n, d) => (n % d === 0n ? n / d : n / d + (n < 0n ? -1n : 1n)),
    'half-up': (n, d) => {
      const q = n / d;
      const r = n % d;
      const twice = 2n * (r < 0n ? -r : r);
      return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
    },
    'half-even': (n, d) => {
      const q = n / d;
      const r = n % d;
      const twice = 2n * (r < 0n ? -r : r);
      if (twice > d || (twice === d && q % 2n !== 0n)) return q + (n < 0n ? -1n : 1n);
      return q;
    },
  };

  it.each(Object.keys(reference) as RoundingMode[])('round(decimals, %s) matches integer rounding', (mode) => {
    fc.assert(
      fc.property(micros, fc.integer({ min: 0, max: 6 }), (m, decimals) => {
        const x = Dollars.parse(formatScaled(m, 6), undefined, { maxDecimals: 6 });
        const scale = 10n ** BigInt(6 - decimals);
        const want = reference[mode](m, scale);
        expect(x.round(decimals, mode).eq(Dollars.parse(formatScaled(want, decimals), undefined, { maxDecimals: 6 }))).toBe(true);
      }),
    );
  });

  it.each([
    ['floor of a negative', { given: '-0.0551', decimals: 2, mode: 'floor' as const, want: '-0.0600' }],
    ['down of a negative', { given: '-0.0551', decimals: 2, mode: 'down' as const, want: '-0.0500' }],
    ['ceil', { given: '0.0501', decimals: 2, mode: 'ceil' as const, want: '0.0600' }],
    ['half-even tie', { given: '0.0250', decimals: 2, mode: 'half-even' as const, want: '0.0200' }],
    ['half-up tie', { given: '0.0250', decimals: 2, mode: 'half-up' as const, want: '0.0300' }],
  ])('round: %s', (_, { given, decimals, mode, want }) => {
    expect(Dollars.parse(given).round(decimals, mode).toWire()).toBe(want);
  });

  it.each([
    ['negative decimals', { decimals: -1, mode: 'down' }],
    ['too many decimals', { decimals: 7, mode: 'down' }],
    ['fractional decimals', { decimals: 1.5, mode: 'down' }],
    ['unknown mode', { decimals: 2, mode: 'banker' }],
  ])('round rejects %s', (_, { decimals, mode }) => {
    expect(thrown(() => Dollars.ONE.round(decimals, mode as RoundingMode)).code).toBe('FIXED_POINT_INVALID');
  });
});

describe('Dollars formatting', () => {
  it('toWire refuses more than 4 decimals and names the value', () => {
    const x = Dollars.parse('0.0123', 'price').times(Contracts.parse('0.01'));
    const e = thrown(() => x.toWire());
    expect(e.code).toBe('FIXED_POINT_PRECISION');
    expect(e.message).toContain('"0.000123"');
    expect(x.round(4, 'ceil').toWire()).toBe('0.0002');
  });

  it('toString and toJSON match toWire, and print intermediate values exactly instead of throwing', () => {
    expect(String(Dollars.parse('0.56'))).toBe('0.5600');
    expect(JSON.stringify({ price: Dollars.parse('0.56') })).toBe('{"price":"0.5600"}');
    expect(`${Dollars.parse('0.01234', undefined, { maxDecimals: 6 })}`).toBe('0.01234');
  });

  it('decimals() counts the places in use', () => {
    expect(Dollars.parse('0.5600').decimals()).toBe(2);
    expect(Dollars.parse('12').decimals()).toBe(0);
    expect(Dollars.parse('0.000001', undefined, { maxDecimals: 6 }).decimals()).toBe(6);
  });

  it('values are immutable: operations return new values', () => {
    const a = Dollars.parse('1.5');
    a.add(Dollars.ONE);
    a.neg();
    expect(a.toWire()).toBe('1.5000');
    expect(Dollars.ZERO.toWire()).toBe('0.0000');
    expect(Dollars.ONE.toWire()).toBe('1.0000');
  });
});
