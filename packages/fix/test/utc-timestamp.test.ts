import { describe, expect, it } from 'vitest';
import { FixDecodeError, formatUtcTimestamp, parseUtcTimestamp } from '../src/index.js';

describe('formatUtcTimestamp', () => {
  it.each([
    ['epoch milliseconds', { given: Date.UTC(2026, 0, 2, 3, 4, 5, 678), want: '20260102-03:04:05.678' }],
    ['a Date', { given: new Date(Date.UTC(2026, 11, 31, 23, 59, 59, 5)), want: '20261231-23:59:59.005' }],
    ['the epoch', { given: 0, want: '19700101-00:00:00.000' }],
  ])('%s', (_name, { given, want }) => {
    expect(formatUtcTimestamp(given)).toBe(want);
  });

  it.each([['NaN', Number.NaN], ['an invalid Date', new Date('nope')], ['year 10000', Date.UTC(10000, 0, 1)]])('rejects %s', (_name, given) => {
    expect(() => formatUtcTimestamp(given)).toThrow(RangeError);
  });
});

describe('parseUtcTimestamp', () => {
  it.each([
    ['milliseconds', { given: '20260102-03:04:05.678', want: Date.UTC(2026, 0, 2, 3, 4, 5, 678) }],
    ['whole seconds', { given: '20260102-03:04:05', want: Date.UTC(2026, 0, 2, 3, 4, 5) }],
    ['microseconds, truncated', { given: '20260102-03:04:05.678999', want: Date.UTC(2026, 0, 2, 3, 4, 5, 678) }],
    ['nanoseconds, truncated', { given: '20260102-03:04:05.123456789', want: Date.UTC(2026, 0, 2, 3, 4, 5, 123) }],
    ['a leap second', { given: '20261231-23:59:60', want: Date.UTC(2027, 0, 1) }],
    ['a year before 100', { given: '00500101-00:00:00', want: new Date(0).setUTCFullYear(50, 0, 1) }],
    ['a round trip of format', { given: formatUtcTimestamp(1_767_323_045_678), want: 1_767_323_045_678 }],
  ])('%s', (_name, { given, want }) => {
    expect(parseUtcTimestamp(given)).toBe(want);
  });

  it.each([
    ['ISO 8601', '2026-01-02T03:04:05Z'],
    ['February 30th', '20260230-00:00:00'],
    ['hour 24', '20260102-24:00:00'],
    ['a trailing dot', '20260102-03:04:05.'],
    ['one fractional digit (FIX allows 3, 6, 9 or 12)', '20260102-03:04:05.6'],
    ['ten fractional digits', '20260102-03:04:05.1234567890'],
    ['non-ASCII digits', '２0260102-03:04:05'],
  ])('rejects %s with FIX_BAD_VALUE_FORMAT', (_name, given) => {
    expect(() => parseUtcTimestamp(given)).toThrow(expect.objectContaining({ code: 'FIX_BAD_VALUE_FORMAT' }));
    expect(() => parseUtcTimestamp(given)).toThrow(FixDecodeError);
  });
});
