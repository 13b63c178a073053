import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { Contracts, Dollars, FixedPointError, TickSchedule, tradingFee } from '../src/index.js';
import { thrown } from './helpers.js';

describe('FixedPointError', () => {
  it('is an Error with a stable name, code, value and optional field', () => {
    const e = thrown(() => Dollars.parse('1e5', 'no_price_dollars'));
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(FixedPointError);
    expect((e as unknown as Error).name).toBe('FixedPointError');
    expect(e).toMatchObject({ code: 'FIXED_POINT_INVALID', value: '1e5', field: 'no_price_dollars' });
    const noField = thrown(() => Dollars.parse('1e5'));
    expect('field' in (noField as object)).toBe(false);
    expect(noField.message.startsWith('"1e5"')).toBe(true);
  });

  it.each([
    ['bigint', { fn: () => Contracts.fromWhole(-5n), has: '-5n' }],
    ['negative zero', { fn: () => Contracts.fromWhole(-0.5), has: '-0.5' }],
    ['null', { fn: () => Dollars.parse(null as unknown as string), has: 'null' }],
    ['object', { fn: () => Dollars.parse({} as unknown as string), has: 'an object' }],
  ])('describes a %s value in the message', (_, { fn, has }) => {
    expect(thrown(fn).message).toContain(has);
  });
});

describe('big.js configuration stays private', () => {
  it("using the package leaves the shared Big constructor's settings alone", () => {
    const before = { DP: Big.DP, RM: Big.RM, NE: Big.NE, PE: Big.PE, strict: Big.strict };
    Dollars.parse('0.5').times(Contracts.parse('3')).round(2, 'ceil');
    tradingFee({ price: Dollars.parse('0.5'), count: Contracts.ONE, kind: 'taker' });
    TickSchedule.fromMarket({ price_level_structure: 'deci_cent' }).roundToTick(Dollars.parse('0.5555'), 'nearest');
    expect({ DP: Big.DP, RM: Big.RM, NE: Big.NE, PE: Big.PE, strict: Big.strict }).toEqual(before);
    expect(before).toEqual({ DP: 20, RM: 1, NE: -7, PE: 21, strict: false });
  });
});
