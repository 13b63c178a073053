import { describe, expect, it } from 'vitest';
import { complement, Contracts, Dollars, notional, payout } from '../src/index.js';
import { thrown } from './helpers.js';

const d = (s: string) => Dollars.parse(s);

describe('complement', () => {
  it.each([
    ['yes bid 0.56 is a no ask 0.44', { given: '0.56', want: '0.4400' }],
    ['sub-penny', { given: '0.055', want: '0.9450' }],
    ['bounds', { given: '1', want: '0.0000' }],
    ['zero', { given: '0', want: '1.0000' }],
  ])('%s', (_, { given, want }) => {
    expect(complement(d(given)).toWire()).toBe(want);
  });

  it.each([['negative', '-0.01'], ['above 1', '1.0001']])('rejects %s', (_, given) => {
    const e = thrown(() => complement(d(given)));
    expect(e.code).toBe('FIXED_POINT_RANGE');
    expect(e.message).toContain(given === '-0.01' ? '-0.0100' : '1.0001');
  });
});

describe('notional and payout', () => {
  it.each([
    ['whole contracts', { price: '0.56', count: '10', want: '5.600000' }],
    ['sub-penny price, fractional count', { price: '0.0555', count: '2.55', want: '0.141525' }],
  ])('notional: %s', (_, { price, count, want }) => {
    expect(notional(d(price), Contracts.parse(count)).eq(Dollars.parse(want, undefined, { maxDecimals: 6 }))).toBe(true);
  });

  it('payout is $1 per contract', () => {
    expect(payout(Contracts.parse('12.34')).toWire()).toBe('12.3400');
    expect(payout(Contracts.ZERO).toWire()).toBe('0.0000');
  });
});
