/**
 * The wire formats the fixed-point fast path relies on: dollar amounts as whole micro-dollars (4 decimals on
 * the wire, 6 inside fee math) and counts as whole hundredths of a contract.
 */
import { describe, expect, it } from 'vitest';
import { Contracts, Dollars, SignedContracts } from '../../src/index.js';
import { thrown } from '../helpers.js';

describe('/getting_started/fixed_point_migration wire formats', () => {
  it('/getting_started/fixed_point_migration: *_dollars strings carry up to 4 decimals, and toWire writes 4', () => {
    // Quote: "`*_dollars` fields are fixed-point dollar strings with up to 4 decimal places (e.g., `"0.1200"`)"
    expect(Dollars.parse('0.12').toWire()).toBe('0.1200');
    expect(Dollars.parse('0.1200', 'price_dollars').plus(Dollars.parse('0.0001')).toWire()).toBe('0.1201');
    const e = thrown(() => Dollars.parse('0.12001', 'price_dollars'));
    expect([e.code, e.field]).toEqual(['FIXED_POINT_PRECISION', 'price_dollars']);
  });

  it('/getting_started/fixed_point_migration: intermediate amounts reach 6 decimals, held exactly and never sent unrounded', () => {
    // Quote: "When combined with fractional contract sizes, intermediate calculations can reach up to 6 decimal places (for example, in fee rounding math)"
    const notional = Dollars.parse('0.3301').times(Contracts.parse('0.03'));
    expect(notional.toString()).toBe('0.009903');
    expect(notional.decimals()).toBe(6);
    expect(notional.plus(Dollars.parse('0.000097', undefined, { maxDecimals: 6 })).toWire()).toBe('0.0100');
    expect(thrown(() => notional.toWire()).code).toBe('FIXED_POINT_PRECISION');
    expect(notional.round(4, 'ceil').toWire()).toBe('0.0100');
    expect(thrown(() => Dollars.parse('0.0000001', undefined, { maxDecimals: 6 })).code).toBe('FIXED_POINT_PRECISION');
  });

  it('/getting_started/fixed_point_migration: *_fp counts accept 0–2 decimals and are written with 2', () => {
    // Quote: "Accept 0-2 decimal places on input (responses always emit 2 decimals)"
    // Quote: "Minimum granularity is 0.01 contracts"
    expect(['10', '10.5', '10.50'].map((s) => Contracts.parse(s, 'count_fp').toWire())).toEqual(['10.00', '10.50', '10.50']);
    expect(SignedContracts.parse('-0.01', 'position_fp').toWire()).toBe('-0.01');
    const e = thrown(() => Contracts.parse('1.005', 'count_fp'));
    expect([e.code, e.field]).toEqual(['FIXED_POINT_PRECISION', 'count_fp']);
  });

  it('/getting_started/fixed_point_migration: a count is a whole number of hundredths, so count arithmetic is integer arithmetic', () => {
    // Quote: "One way to prepare is to internally multiply the `_fp` value by 100 and cast to an integer."
    // Quote: "treating `"1.55"` as 155 units of 1c contracts allows continued use of integer arithmetic"
    expect(Contracts.parse('1.55').toHundredths()).toBe(155n);
    expect(Contracts.parse('1.55').plus(Contracts.parse('0.45')).toHundredths()).toBe(200n);
    expect(Contracts.fromHundredths(155).eq(Contracts.parse('1.55'))).toBe(true);
  });
});
