import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Contracts, FixedPointError, SignedContracts } from '../src/index.js';
import { formatScaled, thrown } from './helpers.js';

const hundredths = fc.bigInt({ min: 0n, max: 10n ** 16n });
const signedHundredths = fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n });

describe('Contracts.parse', () => {
  it.each([
    ['integer', { given: '10', want: '10.00' }],
    ['one decimal', { given: '10.5', want: '10.50' }],
    ['two decimals', { given: '10.50', want: '10.50' }],
    ['smallest', { given: '0.01', want: '0.01' }],
    ['zero', { given: '0', want: '0.00' }],
  ])('%s', (_, { given, want }) => {
    expect(Contracts.parse(given).toWire()).toBe(want);
  });

  it.each([
    ['negative', { given: '-1', want: 'FIXED_POINT_RANGE' }],
    ['negative zero', { given: '-0', want: 'FIXED_POINT_RANGE' }],
    ['three decimals', { given: '1.005', want: 'FIXED_POINT_PRECISION' }],
    ['letters', { given: 'abc', want: 'FIXED_POINT_INVALID' }],
    ['exponent', { given: '1e5', want: 'FIXED_POINT_INVALID' }],
    ['empty', { given: '', want: 'FIXED_POINT_INVALID' }],
    ['leading space', { given: ' 1', want: 'FIXED_POINT_INVALID' }],
    ['plus sign', { given: '+1', want: 'FIXED_POINT_INVALID' }],
    ['hex', { given: '0x10', want: 'FIXED_POINT_INVALID' }],
    ['NaN', { given: 'NaN', want: 'FIXED_POINT_INVALID' }],
    ['Infinity', { given: 'Infinity', want: 'FIXED_POINT_INVALID' }],
  ])('rejects %s', (_, { given, want }) => {
    const e = thrown(() => Contracts.parse(given, 'count_fp'));
    expect(e).toBeInstanceOf(FixedPointError);
    expect(e.code).toBe(want);
    expect(e.field).toBe('count_fp');
    expect(e.message).toContain(`count_fp: ${JSON.stringify(given)}`);
  });

  it('parse ∘ toWire is the identity on canonical 2-decimal wire strings', () => {
    fc.assert(
      fc.property(hundredths, (h) => {
        const wire = formatScaled(h, 2);
        const c = Contracts.parse(wire);
        expect(c.toWire()).toBe(wire);
        expect(c.toHundredths()).toBe(h);
      }),
    );
  });
});

describe('Contracts from integers', () => {
  it.each([
    ['whole', { given: () => Contracts.fromWhole(7), want: '7.00' }],
    ['bigint whole', { given: () => Contracts.fromWhole(10n ** 20n), want: '100000000000000000000.00' }],
    ['hundredths', { given: () => Contracts.fromHundredths(250), want: '2.50' }],
  ])('%s', (_, { given, want }) => {
    expect(given().toWire()).toBe(want);
  });

  it.each([
    ['float', { given: 1.5, want: 'FIXED_POINT_INVALID' }],
    ['0.1 + 0.2', { given: 0.1 + 0.2, want: 'FIXED_POINT_INVALID' }],
    ['NaN', { given: Number.NaN, want: 'FIXED_POINT_INVALID' }],
    ['negative', { given: -1, want: 'FIXED_POINT_RANGE' }],
    ['negative bigint', { given: -1n, want: 'FIXED_POINT_RANGE' }],
    ['unsafe', { given: 2 ** 53, want: 'FIXED_POINT_RANGE' }],
  ])('fromWhole rejects %s', (_, { given, want }) => {
    const e = thrown(() => Contracts.fromWhole(given, 'count'));
    expect(e.code).toBe(want);
    expect(e.message).toContain(typeof given === 'bigint' ? `${given}n` : String(given));
  });
});

describe('Contracts arithmetic agrees with bigint arithmetic on hundredths', () => {
  const of = (h: bigint) => Contracts.fromHundredths(h);
  it('add, sub, min, max, comparisons', () => {
    fc.assert(
      fc.property(hundredths, hundredths, (a, b) => {
        expect(of(a).add(of(b)).toHundredths()).toBe(a + b);
        if (a >= b) expect(of(a).sub(of(b)).toHundredths()).toBe(a - b);
        else expect(thrown(() => of(a).sub(of(b))).code).toBe('FIXED_POINT_RANGE');
        expect(of(a).min(of(b)).toHundredths()).toBe(a < b ? a : b);
        expect(of(a).max(of(b)).toHundredths()).toBe(a > b ? a : b);
        expect(of(a).cmp(of(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect([of(a).eq(of(b)), of(a).lt(of(b)), of(a).lte(of(b)), of(a).gt(of(b)), of(a).gte(of(b))]).toEqual([
          a === b,
          a < b,
          a <= b,
          a > b,
          a >= b,
        ]);
        expect(of(a).isWhole()).toBe(a % 100n === 0n);
      }),
    );
  });

  it('sub below zero names both counts', () => {
    const e = thrown(() => Contracts.parse('3').sub(Contracts.parse('5')));
    expect(e.code).toBe('FIXED_POINT_RANGE');
    expect(e.message).toContain('"5.00"');
    expect(e.message).toContain('3.00');
  });

  it('constants and immutability', () => {
    const c = Contracts.parse('2');
    c.add(Contracts.ONE);
    expect(c.toWire()).toBe('2.00');
    expect(Contracts.ZERO.isZero()).toBe(true);
    expect(Contracts.ONE.toWire()).toBe('1.00');
    expect(JSON.stringify({ count_fp: c })).toBe('{"count_fp":"2.00"}');
  });
});

describe('SignedContracts', () => {
  it.each([
    ['negative position', { given: '-3', want: '-3.00' }],
    ['fractional negative', { given: '-0.25', want: '-0.25' }],
    ['positive', { given: '12.5', want: '12.50' }],
    ['negative zero normalised', { given: '-0.00', want: '0.00' }],
  ])('parse %s', (_, { given, want }) => {
    expect(SignedContracts.parse(given).toWire()).toBe(want);
  });

  it.each([
    ['three decimals', { given: '-1.005', want: 'FIXED_POINT_PRECISION' }],
    ['double sign', { given: '--1', want: 'FIXED_POINT_INVALID' }],
    ['plus sign', { given: '+1', want: 'FIXED_POINT_INVALID' }],
  ])('rejects %s', (_, { given, want }) => {
    const e = thrown(() => SignedContracts.parse(given, 'position_fp'));
    expect(e.code).toBe(want);
    expect(e.message).toContain(JSON.stringify(given));
  });

  it('parse ∘ toWire is the identity on canonical signed wire strings', () => {
    fc.assert(
      fc.property(signedHundredths, (h) => {
        const wire = formatScaled(h, 2);
        expect(SignedContracts.parse(wire).toWire()).toBe(wire === '-0.00' ? '0.00' : wire);
        expect(SignedContracts.parse(wire).toHundredths()).toBe(h);
      }),
    );
  });

  it('arithmetic agrees with bigint arithmetic, mixing in unsigned counts', () => {
    const of = (h: bigint) => SignedContracts.fromHundredths(h);
    fc.assert(
      fc.property(signedHundredths, signedHundredths, hundredths, (a, b, u) => {
        expect(of(a).add(of(b)).toHundredths()).toBe(a + b);
        expect(of(a).sub(of(b)).toHundredths()).toBe(a - b);
        expect(of(a).add(Contracts.fromHundredths(u)).toHundredths()).toBe(a + u);
        expect(of(a).sub(Contracts.fromHundredths(u)).toHundredths()).toBe(a - u);
        expect(of(a).neg().toHundredths()).toBe(-a);
        expect(of(a).abs().toHundredths()).toBe(a < 0n ? -a : a);
        expect(of(a).cmp(of(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(of(a).min(of(b)).toHundredths()).toBe(a < b ? a : b);
        expect(of(a).max(of(b)).toHundredths()).toBe(a > b ? a : b);
        expect([of(a).isZero(), of(a).isNegative(), of(a).isPositive()]).toEqual([a === 0n, a < 0n, a > 0n]);
      }),
    );
  });

  it('converts to and from unsigned counts', () => {
    expect(Contracts.parse('4.5').toSigned().neg().toWire()).toBe('-4.50');
    expect(SignedContracts.parse('4.5').toContracts().toWire()).toBe('4.50');
    const e = thrown(() => SignedContracts.parse('-4.5').toContracts('position_fp'));
    expect(e.code).toBe('FIXED_POINT_RANGE');
    expect(e.message).toContain('position_fp: "-4.50"');
    expect(SignedContracts.fromWhole(-3).eq(Contracts.parse('3'))).toBe(false);
    expect(SignedContracts.fromWhole(3).eq(Contracts.parse('3'))).toBe(true);
    expect(Contracts.parse('3').gt(SignedContracts.fromWhole(-3))).toBe(true);
  });

  it('fromWhole refuses floats', () => {
    expect(thrown(() => SignedContracts.fromWhole(-1.5)).code).toBe('FIXED_POINT_INVALID');
    expect(SignedContracts.fromWhole(-2n).toWire()).toBe('-2.00');
  });
});
