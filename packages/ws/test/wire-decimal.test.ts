import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHundredths, parsePriceCc, parseScaled } from '../src/wire-decimal.js';

describe('parseScaled', () => {
  it.each<[string, { given: [string, number, boolean]; want: number }]>([
    ['4-decimal price', { given: ['0.5600', 4, false], want: 5600 }],
    ['short price', { given: ['0.56', 4, false], want: 5600 }],
    ['whole number', { given: ['12', 4, false], want: 120_000 }],
    ['signed count', { given: ['-3.50', 2, true], want: -350 }],
    ['one decimal', { given: ['7.5', 2, false], want: 750 }],
    ['15 digits', { given: ['9999999999999.99', 2, false], want: 999_999_999_999_999 }],
  ])('%s', (_name, { given, want }) => {
    expect(parseScaled(...given)).toBe(want);
  });

  it.each<[string, [string, number, boolean]]>([
    ['a minus sign when unsigned', ['-3.50', 2, false]],
    ['an exponent', ['1e3', 4, false]],
    ['an empty string', ['', 4, false]],
    ['a bare minus', ['-', 2, true]],
    ['no integer part', ['.5', 4, false]],
    ['no decimals after the dot', ['5.', 4, false]],
    ['too many decimals', ['0.12345', 4, false]],
    ['a plus sign', ['+1', 4, false]],
    ['two dots', ['1.2.3', 4, false]],
    ['16 digits', ['1234567890123456', 0, false]],
    ['a space', [' 1', 2, false]],
  ])('refuses %s', (_name, given) => {
    expect(parseScaled(...given)).toBeNaN();
  });
});

describe('parsePriceCc and parseHundredths', () => {
  it.each<[string, { given: () => number; want: number }]>([
    ['fast path', { given: () => parsePriceCc('0.4200'), want: 4200 }],
    ['subpenny', { given: () => parsePriceCc('0.0001'), want: 1 }],
    ['slow path', { given: () => parsePriceCc('0.42'), want: 4200 }],
    ['a dollar', { given: () => parsePriceCc('1.0000'), want: 10_000 }],
    ['a count', { given: () => parseHundredths('10.00', false), want: 1000 }],
    ['a negative delta', { given: () => parseHundredths('-0.01', true), want: -1 }],
    ['a count with one decimal (general path)', { given: () => parseHundredths('7.5', false), want: 750 }],
    ['a whole count (general path)', { given: () => parseHundredths('12', false), want: 1200 }],
    ['ten integer digits (fast path)', { given: () => parseHundredths('1234567890.01', false), want: 123_456_789_001 }],
    ['eleven integer digits (general path)', { given: () => parseHundredths('12345678901.01', false), want: 1_234_567_890_101 }],
  ])('%s', (_name, { given, want }) => {
    expect(given()).toBe(want);
  });

  it.each<[string, () => number]>([
    ['a letter in the fast path', () => parsePriceCc('0.4a00')],
    ['a number, not a string', () => parsePriceCc(0.42)],
    ['a negative price', () => parsePriceCc('-0.4200')],
    ['a count with 3 decimals', () => parseHundredths('1.001', false)],
    ['null', () => parseHundredths(null, true)],
    ['a negative count', () => parseHundredths('-1.00', false)],
    ['a bare minus before the dot', () => parseHundredths('-.00', true)],
    ['a letter in the decimals', () => parseHundredths('1.0x', false)],
    ['a letter in the integer part', () => parseHundredths('1x.00', false)],
    ['a minus inside the number', () => parseHundredths('1-2.00', true)],
  ])('refuses %s', (_name, parse) => {
    expect(parse()).toBeNaN();
  });
});

describe('parseHundredths fast path', () => {
  // Any short string over the characters that matter, plus well-formed counts: the fast path must
  // agree with the general parser on all of them (including NaN and -0).
  const chars = fc.constantFrom('0', '1', '5', '9', '.', '-', 'x', ' ', 'e');
  const noise = fc.array(chars, { maxLength: 14 }).map((c) => c.join(''));
  const counts = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 99 }))
    .map(([neg, whole, cents]) => `${neg ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`);

  it('agrees with parseScaled(text, 2, signed)', () => {
    fc.assert(
      fc.property(fc.oneof(noise, counts), fc.boolean(), (text, signed) => {
        expect(Object.is(parseHundredths(text, signed), parseScaled(text, 2, signed))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
