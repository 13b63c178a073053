// fixed-point in this runtime: parse, arithmetic and format, exact where floats are not.
import { Contracts, Dollars, FixedPointError } from '@kalshi-sdk/fixed-point';
import { expect, expectThrows } from './expect.mjs';

export async function checkFixedPoint() {
  const price = Dollars.parse('0.565');
  expect(price.toWire(), '0.5650', 'Dollars.parse(0.565).toWire()');
  expect(Dollars.parse('0.1').plus(Dollars.parse('0.2')).toWire(), '0.3000', '0.1 + 0.2');
  expect(price.times(Contracts.parse('10.5')).toString(), '5.9325', '0.565 × 10.5 contracts');
  expect(Contracts.parse('3').plus(Contracts.parse('0.25')).toWire(), '3.25', 'contracts 3 + 0.25');
  await expectThrows(() => Dollars.parse('abc'), FixedPointError, 'Dollars.parse(abc)');
}
