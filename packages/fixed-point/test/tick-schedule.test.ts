import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dollars, TickSchedule, type TickRounding } from '../src/index.js';
import { formatScaled, thrown } from './helpers.js';

const d = (s: string) => Dollars.parse(s, undefined, { maxDecimals: 6 });
const linear = TickSchedule.fromMarket({ price_level_structure: 'linear_cent' });
const deci = TickSchedule.fromMarket({ price_level_structure: 'deci_cent' });
const tapered = TickSchedule.fromMarket({ price_level_structure: 'tapered_deci_cent' });
const centi = TickSchedule.fromMarket({
  price_level_structure: 'banded_centi_cent',
  price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0001' }],
});
const schedules = { linear, deci, tapered, centi };

describe('TickSchedule.isValidPrice', () => {
  it.each([
    ['linear 0.56', { s: linear, p: '0.56', want: true }],
    ['linear 0.01', { s: linear, p: '0.01', want: true }],
    ['linear 0.99', { s: linear, p: '0.99', want: true }],
    ['linear 0.055', { s: linear, p: '0.055', want: false }],
    ['linear 0', { s: linear, p: '0', want: false }],
    ['linear 1', { s: linear, p: '1', want: false }],
    ['linear negative', { s: linear, p: '-0.5', want: false }],
    ['linear 1.5', { s: linear, p: '1.5', want: false }],
    ['deci 0.555', { s: deci, p: '0.555', want: true }],
    ['deci 0.001', { s: deci, p: '0.001', want: true }],
    ['deci 0.999', { s: deci, p: '0.999', want: true }],
    ['deci 0.0555', { s: deci, p: '0.0555', want: false }],
    ['tapered 0.055', { s: tapered, p: '0.055', want: true }],
    ['tapered 0.10', { s: tapered, p: '0.10', want: true }],
    ['tapered 0.105', { s: tapered, p: '0.105', want: false }],
    ['tapered 0.555', { s: tapered, p: '0.555', want: false }],
    ['tapered 0.56', { s: tapered, p: '0.56', want: true }],
    ['tapered 0.90', { s: tapered, p: '0.90', want: true }],
    ['tapered 0.905', { s: tapered, p: '0.905', want: true }],
    ['tapered 0.999', { s: tapered, p: '0.999', want: true }],
    ['centi 0.0001', { s: centi, p: '0.0001', want: true }],
    ['centi 0.5555', { s: centi, p: '0.5555', want: true }],
    ['centi 0.00005', { s: centi, p: '0.00005', want: false }],
  ])('%s', (_, { s, p, want }) => {
    expect(s.isValidPrice(d(p))).toBe(want);
  });

  it('assertValidPrice names the field, value and the step that applies', () => {
    const e = thrown(() => tapered.assertValidPrice(d('0.555'), 'yes_price_dollars'));
    expect(e.code).toBe('FIXED_POINT_TICK');
    expect(e.field).toBe('yes_price_dollars');
    expect(e.message).toContain('yes_price_dollars: "0.5550"');
    expect(e.message).toContain('0.0100');
    expect(thrown(() => linear.assertValidPrice(d('1'))).message).toContain('strictly between 0 and 1');
    expect(() => linear.assertValidPrice(d('0.5'))).not.toThrow();
  });
});

describe('TickSchedule.roundToTick', () => {
  type Row = { s: TickSchedule; p: string; mode: TickRounding; want: string };
  it.each<[string, Row]>([
    ['linear down', { s: linear, p: '0.555', mode: 'down', want: '0.5500' }],
    ['linear up', { s: linear, p: '0.551', mode: 'up', want: '0.5600' }],
    ['linear nearest below half', { s: linear, p: '0.554', mode: 'nearest', want: '0.5500' }],
    ['linear nearest tie goes up', { s: linear, p: '0.555', mode: 'nearest', want: '0.5600' }],
    ['linear on tick unchanged', { s: linear, p: '0.56', mode: 'down', want: '0.5600' }],
    ['linear 6 decimals', { s: linear, p: '0.010001', mode: 'down', want: '0.0100' }],
    ['linear below range up', { s: linear, p: '0', mode: 'up', want: '0.0100' }],
    ['linear above range down', { s: linear, p: '1.5', mode: 'down', want: '0.9900' }],
    ['linear nearest from 0', { s: linear, p: '0', mode: 'nearest', want: '0.0100' }],
    ['deci down', { s: deci, p: '0.5555', mode: 'down', want: '0.5550' }],
    ['deci up', { s: deci, p: '0.5551', mode: 'up', want: '0.5560' }],
    ['deci nearest', { s: deci, p: '0.5556', mode: 'nearest', want: '0.5560' }],
    ['tapered tail keeps 0.001', { s: tapered, p: '0.0555', mode: 'down', want: '0.0550' }],
    ['tapered middle uses 0.01', { s: tapered, p: '0.555', mode: 'down', want: '0.5500' }],
    ['tapered across the band edge up', { s: tapered, p: '0.0995', mode: 'up', want: '0.1000' }],
    ['tapered just above 0.10 down', { s: tapered, p: '0.105', mode: 'down', want: '0.1000' }],
    ['tapered just above 0.10 up', { s: tapered, p: '0.101', mode: 'up', want: '0.1100' }],
    ['tapered upper tail', { s: tapered, p: '0.9015', mode: 'nearest', want: '0.9020' }],
    ['tapered just below 0.90 nearest', { s: tapered, p: '0.896', mode: 'nearest', want: '0.9000' }],
    ['centi', { s: centi, p: '0.55555', mode: 'down', want: '0.5555' }],
  ])('%s', (_, { s, p, mode, want }) => {
    expect(s.roundToTick(d(p), mode).toWire()).toBe(want);
  });

  it.each<[string, { s: TickSchedule; p: string; mode: TickRounding }]>([
    ['nothing below the first tick', { s: linear, p: '0.005', mode: 'down' }],
    ['nothing above the last tick', { s: linear, p: '0.995', mode: 'up' }],
    ['negative price down', { s: deci, p: '-1', mode: 'down' }],
  ])('throws FIXED_POINT_TICK: %s', (_, { s, p, mode }) => {
    const e = thrown(() => s.roundToTick(d(p), mode));
    expect(e.code).toBe('FIXED_POINT_TICK');
    expect(e.message).toContain(`"${d(p).toString()}"`);
  });

  it('rejects an unknown mode', () => {
    expect(thrown(() => linear.roundToTick(d('0.5'), 'sideways' as TickRounding)).code).toBe('FIXED_POINT_INVALID');
  });

  it('down <= p <= up, both valid, and adjacent (or equal) for any p in (0, 1)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(schedules)),
        fc.bigInt({ min: 10_000n, max: 990_000n }),
        (s, micros) => {
          const p = d(formatScaled(micros, 6));
          const down = s.roundToTick(p, 'down');
          const up = s.roundToTick(p, 'up');
          const nearest = s.roundToTick(p, 'nearest');
          expect(down.lte(p) && up.gte(p)).toBe(true);
          expect(s.isValidPrice(down) && s.isValidPrice(up)).toBe(true);
          expect(s.ticksBetween(down, up)).toBe(down.eq(up) ? 0 : 1);
          expect(nearest.eq(down) || nearest.eq(up)).toBe(true);
          expect(p.sub(nearest).abs().lte(p.sub(down.eq(nearest) ? up : down).abs())).toBe(true);
        },
      ),
    );
  });
});

describe('TickSchedule.ticksBetween and bounds', () => {
  it.each([
    ['linear', { s: linear, a: '0.10', b: '0.12', want: 2 }],
    ['linear reversed', { s: linear, a: '0.12', b: '0.10', want: -2 }],
    ['linear full range', { s: linear, a: '0.01', b: '0.99', want: 98 }],
    ['deci', { s: deci, a: '0.001', b: '0.999', want: 998 }],
    ['tapered across the lower edge', { s: tapered, a: '0.09', b: '0.11', want: 11 }],
    ['tapered full range', { s: tapered, a: '0.001', b: '0.999', want: 100 + 80 + 99 - 1 }],
    ['same price', { s: tapered, a: '0.5', b: '0.5', want: 0 }],
  ])('%s', (_, { s, a, b, want }) => {
    expect(s.ticksBetween(d(a), d(b))).toBe(want);
  });

  it('refuses prices that are not on a tick', () => {
    const e = thrown(() => linear.ticksBetween(d('0.10'), d('0.105')));
    expect(e.code).toBe('FIXED_POINT_TICK');
    expect(e.field).toBe('to');
  });

  it.each([
    ['linear', { s: linear, min: '0.0100', max: '0.9900' }],
    ['deci', { s: deci, min: '0.0010', max: '0.9990' }],
    ['tapered', { s: tapered, min: '0.0010', max: '0.9990' }],
    ['centi', { s: centi, min: '0.0001', max: '0.9999' }],
  ])('min/max price: %s', (_, { s, min, max }) => {
    expect([s.minPrice.toWire(), s.maxPrice.toWire()]).toEqual([min, max]);
  });
});

describe('TickSchedule.fromMarket', () => {
  it('price_ranges are authoritative over the structure name', () => {
    const s = TickSchedule.fromMarket({
      price_level_structure: 'linear_cent',
      price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0010' }],
    });
    expect(s.isValidPrice(d('0.555'))).toBe(true);
    expect(s.structure).toBe('linear_cent');
    expect(s.ranges.map((r) => r.step.toWire())).toEqual(['0.0010']);
  });

  it('accepts ranges in any order and a partial band', () => {
    const s = TickSchedule.fromMarket({
      price_ranges: [
        { start: '0.50', end: '0.60', step: '0.05' },
        { start: '0.20', end: '0.50', step: '0.10' },
      ],
    });
    expect(s.ranges.map((r) => r.start.toWire())).toEqual(['0.2000', '0.5000']);
    expect(s.ticksBetween(d('0.2'), d('0.6'))).toBe(5);
    expect(s.isValidPrice(d('0.1'))).toBe(false);
    expect(s.roundToTick(d('0.1'), 'up').toWire()).toBe('0.2000');
    expect(thrown(() => s.roundToTick(d('0.1'), 'down')).code).toBe('FIXED_POINT_TICK');
    expect(thrown(() => s.assertValidPrice(d('0.1'))).message).toContain('outside every price range');
  });

  it('empty price_ranges fall back to the structure', () => {
    expect(TickSchedule.fromMarket({ price_level_structure: 'deci_cent', price_ranges: [] }).isValidPrice(d('0.555'))).toBe(true);
  });

  it.each([
    ['unknown structure', { given: { price_level_structure: 'banded_centi_cent' }, code: 'FIXED_POINT_INVALID', has: 'banded_centi_cent' }],
    ['empty structure', { given: { price_level_structure: '' }, code: 'FIXED_POINT_INVALID', has: '""' }],
    ['nothing at all', { given: {}, code: 'FIXED_POINT_INVALID', has: 'price_level_structure' }],
    ['inherited property name', { given: { price_level_structure: 'toString' }, code: 'FIXED_POINT_INVALID', has: 'toString' }],
    ['unparseable start', { given: { price_ranges: [{ start: 'zero', end: '1', step: '0.01' }] }, code: 'FIXED_POINT_INVALID', has: 'price_ranges[0].start' }],
    ['step with 5 decimals', { given: { price_ranges: [{ start: '0', end: '1', step: '0.00001' }] }, code: 'FIXED_POINT_PRECISION', has: 'price_ranges[0].step' }],
    ['zero step', { given: { price_ranges: [{ start: '0', end: '1', step: '0' }] }, code: 'FIXED_POINT_INVALID', has: 'step' }],
    ['start after end', { given: { price_ranges: [{ start: '0.9', end: '0.1', step: '0.01' }] }, code: 'FIXED_POINT_INVALID', has: 'start < end' }],
    ['beyond 1', { given: { price_ranges: [{ start: '0', end: '2', step: '0.01' }] }, code: 'FIXED_POINT_INVALID', has: '0 to 1' }],
    ['step does not divide', { given: { price_ranges: [{ start: '0', end: '1', step: '0.03' }] }, code: 'FIXED_POINT_INVALID', has: 'multiple of step' }],
    ['overlap', { given: { price_ranges: [{ start: '0', end: '0.5', step: '0.01' }, { start: '0.4', end: '1', step: '0.01' }] }, code: 'FIXED_POINT_INVALID', has: 'overlaps' }],
    ['no price inside (0, 1)', { given: { price_ranges: [{ start: '0', end: '1', step: '1' }] }, code: 'FIXED_POINT_INVALID', has: 'no price' }],
  ])('rejects %s', (_, { given, code, has }) => {
    const e = thrown(() => TickSchedule.fromMarket(given));
    expect(e.code).toBe(code);
    expect(e.message).toContain(has);
  });
});
