import { describe, expect, it } from 'vitest';
import { Contracts, Dollars, type FeeKind, type FeeType, tradingFee } from '../src/index.js';
import { thrown } from './helpers.js';

const d = (s: string) => Dollars.parse(s);
const c = (s: string) => Contracts.parse(s);

describe('tradingFee (fee schedule: roundUp(rate × C × P × (1 - P)))', () => {
  type Row = { price: string; count: string; kind: FeeKind; feeType?: FeeType; multiplier?: string; want: string };
  it.each<[string, Row]>([
    ['taker 1 @ 0.50: 0.0175 → 0.02', { price: '0.50', count: '1', kind: 'taker', want: '0.0200' }],
    ['taker 100 @ 0.50: 1.75 exactly', { price: '0.50', count: '100', kind: 'taker', want: '1.7500' }],
    ['taker 100 @ 0.05: 0.3325 → 0.34', { price: '0.05', count: '100', kind: 'taker', want: '0.3400' }],
    ['taker 100 @ 0.25: 1.3125 → 1.32', { price: '0.25', count: '100', kind: 'taker', want: '1.3200' }],
    ['taker 100 @ 0.90: 0.63', { price: '0.90', count: '100', kind: 'taker', want: '0.6300' }],
    ['taker 1 @ 0.01: 0.000693 → 0.01', { price: '0.01', count: '1', kind: 'taker', want: '0.0100' }],
    ['maker 100 @ 0.50: 0.4375 → 0.44', { price: '0.50', count: '100', kind: 'maker', want: '0.4400' }],
    ['maker 1 @ 0.50: 0.004375 → 0.01', { price: '0.50', count: '1', kind: 'maker', want: '0.0100' }],
    ['maker on a quadratic series pays nothing', { price: '0.50', count: '100', kind: 'maker', feeType: 'quadratic', want: '0.0000' }],
    ['combo maker 100 @ 0.50: 0.875 → 0.88', { price: '0.50', count: '100', kind: 'maker', feeType: 'quadratic_with_combo_maker_fees', want: '0.8800' }],
    ['taker ignores the maker fee type', { price: '0.50', count: '100', kind: 'taker', feeType: 'quadratic', want: '1.7500' }],
    ['multiplier 0.5: 0.875 → 0.88', { price: '0.50', count: '100', kind: 'taker', multiplier: '0.5', want: '0.8800' }],
    ['multiplier 0: free', { price: '0.50', count: '100', kind: 'taker', multiplier: '0', want: '0.0000' }],
    ['fractional count 2.5 @ 0.055: 0.009095… → 0.01', { price: '0.055', count: '2.5', kind: 'taker', want: '0.0100' }],
    ['price 0 and 1 cost nothing', { price: '1', count: '10', kind: 'taker', want: '0.0000' }],
  ])("roundTo 'cent': %s", (_, { price, count, kind, feeType, multiplier, want }) => {
    const fee = tradingFee({
      price: d(price),
      count: c(count),
      kind,
      feeType,
      multiplier: multiplier === undefined ? undefined : d(multiplier),
      roundTo: 'cent',
    });
    expect(fee.toWire()).toBe(want);
  });

  it.each<[string, { price: string; count: string; want: string; kind?: FeeKind }]>([
    ['1 @ 0.055: 0.00363825 → 0.0037', { price: '0.055', count: '1', want: '0.0037' }],
    ['3 @ 0.055: 0.01091475 → 0.0110', { price: '0.055', count: '3', want: '0.0110' }],
    ['1 @ 0.50: 0.0175 exactly', { price: '0.50', count: '1', want: '0.0175' }],
    ['0.01 @ 0.50: 0.000175 → 0.0002', { price: '0.50', count: '0.01', want: '0.0002' }],
    ['maker 1 @ 0.50: 0.004375 → 0.0044', { price: '0.50', count: '1', want: '0.0044', kind: 'maker' as const }],
  ])("default, $0.0001 (the fee-rounding trade fee): %s", (_, { price, count, want, kind }) => {
    expect(tradingFee({ price: d(price), count: c(count), kind: kind ?? 'taker' }).toWire()).toBe(want);
    expect(tradingFee({ price: d(price), count: c(count), kind: kind ?? 'taker', roundTo: 'centi-cent' }).toWire()).toBe(want);
  });

  it.each([
    ['price above 1', { input: { price: d('1.5'), count: c('1'), kind: 'taker' as const }, code: 'FIXED_POINT_RANGE', has: 'price: "1.5000"' }],
    ['negative price', { input: { price: d('-0.1'), count: c('1'), kind: 'taker' as const }, code: 'FIXED_POINT_RANGE', has: '"-0.1000"' }],
    ['negative multiplier', { input: { price: d('0.5'), count: c('1'), kind: 'taker' as const, multiplier: d('-1') }, code: 'FIXED_POINT_RANGE', has: 'multiplier' }],
    ['flat fee type', { input: { price: d('0.5'), count: c('1'), kind: 'taker' as const, feeType: 'flat' as FeeType }, code: 'FIXED_POINT_INVALID', has: '"flat"' }],
    ['unknown kind', { input: { price: d('0.5'), count: c('1'), kind: 'both' as FeeKind }, code: 'FIXED_POINT_INVALID', has: '"both"' }],
    ['unknown roundTo', { input: { price: d('0.5'), count: c('1'), kind: 'taker' as const, roundTo: 'mill' as 'cent' }, code: 'FIXED_POINT_INVALID', has: '"mill"' }],
  ])('rejects %s', (_, { input, code, has }) => {
    const e = thrown(() => tradingFee(input));
    expect(e.code).toBe(code);
    expect(e.message).toContain(has);
  });
});
