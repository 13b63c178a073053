import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Contracts, Dollars, FeeAccumulator, type FillFees } from '../src/index.js';
import { thrown } from './helpers.js';

const d = (s: string) => Dollars.parse(s, undefined, { maxDecimals: 6 });
const c = (s: string) => Contracts.parse(s);
const wire = (f: FillFees) => ({
  tradeFee: f.tradeFee.toString(),
  roundingFee: f.roundingFee.toString(),
  rebate: f.rebate.toString(),
  netFee: f.netFee.toString(),
  balanceChange: f.balanceChange.toString(),
});

describe('FeeAccumulator (getting_started/fee_rounding)', () => {
  it('buy 3 @ $0.055 as three 1-lot taker fills costs what one 3-lot fill costs', () => {
    const split = new FeeAccumulator();
    const fills = [1, 2, 3].map(() => wire(split.fill({ action: 'buy', price: d('0.055'), count: c('1'), kind: 'taker' })));
    // revenue -0.055, trade fee 0.0037, balance change -0.0587 → floor -0.06, rounding fee 0.0013.
    expect(fills).toEqual([1, 2, 3].map(() => ({
      tradeFee: '0.0037',
      roundingFee: '0.0013',
      rebate: '0.0000',
      netFee: '0.0050',
      balanceChange: '-0.0600',
    })));
    expect(split.accumulated.toWire()).toBe('0.0039');

    const whole = new FeeAccumulator();
    expect(wire(whole.fill({ action: 'buy', price: d('0.055'), count: c('3'), kind: 'taker' }))).toEqual({
      tradeFee: '0.0110',
      roundingFee: '0.0040',
      rebate: '0.0000',
      netFee: '0.0150',
      balanceChange: '-0.1800',
    });
    expect(split.totals.netFee.toWire()).toBe('0.0150');
    expect(split.totals.balanceChange.toWire()).toBe(whole.totals.balanceChange.toWire());
  });

  it('a seller keeps the floor of revenue minus fee', () => {
    const acc = new FeeAccumulator();
    // revenue +0.055, trade fee 0.0037, balance change 0.0513 → floor 0.05, rounding fee 0.0013.
    expect(wire(acc.fill({ action: 'sell', price: d('0.055'), count: c('1'), kind: 'taker' }))).toEqual({
      tradeFee: '0.0037',
      roundingFee: '0.0013',
      rebate: '0.0000',
      netFee: '0.0050',
      balanceChange: '0.0500',
    });
  });

  it('the accumulator carries over from taker to maker fills of the same order', () => {
    const acc = new FeeAccumulator();
    for (let i = 0; i < 3; i++) acc.fill({ action: 'buy', price: d('0.50'), count: c('1'), kind: 'taker' });
    // maker 1 @ 0.50: trade fee 0.004375 → 0.0044, change -0.5044 → -0.51, rounding 0.0056; 0.0075 + 0.0056 ≥ 0.01.
    expect(wire(acc.fill({ action: 'buy', price: d('0.50'), count: c('1'), kind: 'maker' }))).toEqual({
      tradeFee: '0.0044',
      roundingFee: '0.0056',
      rebate: '0.0100',
      netFee: '0.0000',
      balanceChange: '-0.5100',
    });
    expect(acc.accumulated.toWire()).toBe('0.0031');
  });

  it("direct members settle to $0.0001: whole contracts at 4-decimal prices need no rounding fee", () => {
    const acc = new FeeAccumulator({ balancePrecision: 'centi-cent' });
    expect(wire(acc.fill({ action: 'buy', price: d('0.055'), count: c('1'), kind: 'taker' }))).toEqual({
      tradeFee: '0.0037',
      roundingFee: '0.0000',
      rebate: '0.0000',
      netFee: '0.0037',
      balanceChange: '-0.0587',
    });
    // 0.55 contracts @ 0.0555: revenue -0.030525 (6 decimals) → rounding to $0.0001 needed.
    const f = wire(acc.fill({ action: 'buy', price: d('0.0555'), count: c('0.55'), kind: 'taker' }));
    expect(f.tradeFee).toBe('0.0021');
    expect(f.balanceChange).toBe('-0.0327');
    expect(f.roundingFee).toBe('0.000075');
  });

  it('record() takes revenue and a fee-model fee, rounding the fee up to $0.0001 (step 1)', () => {
    const acc = new FeeAccumulator();
    const f = wire(acc.record({ revenue: d('-0.055'), tradeFee: d('0.003638') }));
    expect(f.tradeFee).toBe('0.0037');
    expect(f.balanceChange).toBe('-0.0600');
  });

  it('record() rejects a negative trade fee', () => {
    const e = thrown(() => new FeeAccumulator().record({ revenue: d('1'), tradeFee: d('-0.01') }));
    expect(e.code).toBe('FIXED_POINT_RANGE');
    expect(e.message).toContain('tradeFee: "-0.0100"');
  });

  it('rejects an unknown balance precision', () => {
    expect(thrown(() => new FeeAccumulator({ balancePrecision: 'mill' as 'cent' })).code).toBe('FIXED_POINT_INVALID');
  });

  it('tiny fractional fills: a rebate waits for a fill whose own fees cover a cent, so no net fee is negative', () => {
    const acc = new FeeAccumulator();
    const nets = [1, 2, 3].map(() => acc.fill({ action: 'buy', price: d('0.50'), count: c('0.01'), kind: 'taker' }).netFee.toWire());
    expect(nets).toEqual(['0.0050', '0.0050', '0.0050']);
    expect(acc.accumulated.toWire()).toBe('0.0144');
    // A 1-lot fill (fees 0.0175 + 0.0025) then takes the waiting cent.
    const f = acc.fill({ action: 'buy', price: d('0.50'), count: c('1'), kind: 'taker' });
    expect([f.rebate.toWire(), f.netFee.toWire(), f.netChange.toWire()]).toEqual(['0.0100', '0.0100', '-0.5100']);
    expect(acc.accumulated.toWire()).toBe('0.0069');
  });

  it('invariants hold over any sequence of fills', () => {
    const fill = fc.record({
      action: fc.constantFrom('buy' as const, 'sell' as const),
      price: fc.integer({ min: 1, max: 9999 }).map((cc) => Dollars.fromCentiCents(cc)),
      count: fc.integer({ min: 1, max: 100_000 }).map((h) => Contracts.fromHundredths(h)),
      kind: fc.constantFrom('taker' as const, 'maker' as const),
    });
    fc.assert(
      fc.property(fc.constantFrom('cent' as const, 'centi-cent' as const), fc.array(fill, { minLength: 1, maxLength: 20 }), (precision, fills) => {
        const acc = new FeeAccumulator({ balancePrecision: precision });
        const unit = precision === 'cent' ? 2 : 4;
        let revenue = Dollars.ZERO;
        for (const f of fills) {
          const r = acc.fill(f);
          const gross = f.price.times(f.count);
          revenue = revenue.add(f.action === 'sell' ? gross : gross.neg());
          expect(r.balanceChange.decimals()).toBeLessThanOrEqual(unit);
          expect(r.rebate.decimals()).toBeLessThanOrEqual(2);
          expect(r.roundingFee.isNegative()).toBe(false);
          expect(r.netFee.isNegative()).toBe(false);
          expect(r.netFee.eq(r.tradeFee.add(r.roundingFee).sub(r.rebate))).toBe(true);
          expect(r.netChange.eq(r.balanceChange.add(r.rebate))).toBe(true);
          expect(acc.accumulated.isNegative()).toBe(false);
        }
        const t = acc.totals;
        // Every dollar is accounted for: what left the balance is revenue minus fees, minus what is still accumulated.
        expect(t.netChange.eq(revenue.sub(t.tradeFee).sub(acc.accumulated))).toBe(true);
        expect(t.netFee.isNegative()).toBe(false);
      }),
    );
  });
});
