import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AveragePrice, Dollars, FixedPointError } from '../src/index.js';
import { formatScaled, thrown } from './helpers.js';

describe('AveragePrice', () => {
  it('keeps every digit of a derived average and prints it exactly, at least 4 decimals', () => {
    expect(AveragePrice.parse('0.552381', 'AvgPx').toString()).toBe('0.552381');
    expect(AveragePrice.parse('0.55238095238095238095').toString()).toBe('0.55238095238095238095');
    expect(AveragePrice.parse('0.58').toString()).toBe('0.5800');
    expect(AveragePrice.parse('0').isZero()).toBe(true);
    expect(JSON.stringify({ avg: AveragePrice.parse('0.552381') })).toBe('{"avg":"0.552381"}');
    expect(AveragePrice.parse('0.552381').decimals()).toBe(6);
  });

  it('has no toWire(): it becomes Dollars only by an explicit rounding, or exactly when it fits', () => {
    expectTypeOf<AveragePrice>().not.toHaveProperty('toWire');
    const avg = AveragePrice.parse('0.552381');
    expect(avg.round(4, 'half-even').toWire()).toBe('0.5524');
    expect(avg.round(4, 'down').toWire()).toBe('0.5523');
    expect(avg.round(2, 'ceil').toWire()).toBe('0.5600');
    expect(avg.toDollars().toString()).toBe('0.552381');
    const long = AveragePrice.parse('0.5523809');
    const e = thrown(() => long.toDollars());
    expect(e.code).toBe('FIXED_POINT_PRECISION');
    expect(e.message).toContain('0.5523809');
    expect(long.round(6, 'half-up').toString()).toBe('0.552381');
  });

  it('compares by value with AveragePrice and Dollars', () => {
    const avg = AveragePrice.parse('0.58');
    expect(avg.eq(Dollars.parse('0.5800'))).toBe(true);
    expect(avg.eq(AveragePrice.fromDollars(Dollars.parse('0.58')))).toBe(true);
    expect(AveragePrice.parse('0.552381').cmp(Dollars.parse('0.5524'))).toBe(-1);
    expect(AveragePrice.parse('0.552381').cmp(AveragePrice.parse('0.55238'))).toBe(1);
  });

  it.each([
    ['a negative average', () => AveragePrice.parse('-0.5', 'AvgPx'), 'FIXED_POINT_RANGE', 'AvgPx'],
    ['not a decimal', () => AveragePrice.parse('1e-3', 'average_fill_price'), 'FIXED_POINT_INVALID', 'average_fill_price'],
    ['21 decimals', () => AveragePrice.parse(`0.${'1'.repeat(21)}`, 'AvgPx'), 'FIXED_POINT_PRECISION', 'AvgPx'],
    ['a negative Dollars', () => AveragePrice.fromDollars(Dollars.parse('-0.1')), 'FIXED_POINT_RANGE', undefined],
    ['round to 7 decimals', () => AveragePrice.parse('0.5').round(7, 'down'), 'FIXED_POINT_INVALID', 'decimals'],
  ])('refuses %s with a typed error', (_, fn, code, field) => {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(FixedPointError);
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });

  it('round(4) is within half a centi-cent of the exact value, and toString round-trips', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (n) => {
        const text = formatScaled(n, 12);
        const avg = AveragePrice.parse(text);
        expect(AveragePrice.parse(avg.toString()).eq(avg)).toBe(true);
        const rounded = avg.round(4, 'half-even');
        const diff = AveragePrice.parse(text).cmp(rounded) >= 0 ? BigInt(n) - BigInt(rounded.toCentiCents()) * 10n ** 8n : BigInt(rounded.toCentiCents()) * 10n ** 8n - BigInt(n);
        expect(diff <= 5n * 10n ** 7n).toBe(true);
      }),
    );
  });
});
