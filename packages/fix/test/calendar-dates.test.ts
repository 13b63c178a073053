/**
 * Regression: the decoder accepted impossible calendar dates in UTCTimestamp fields
 * (`20260231-12:00:00.000`) that `parseUtcTimestamp` then refused, so a session decoded a
 * message and threw while reading its SendingTime. The decoder, the encoder and
 * `parseUtcTimestamp` now share one check: real dates (leap years included), HH 00-23, MM 00-59,
 * SS 00-59 or a leap second 23:59:60 on the last day of a month, and 0, 3, 6, 9 or 12
 * fractional digits (FIX 5.0 SP2 UTCTimestamp). UTCDateOnly / LocalMktDate (`YYYYMMDD`) too.
 */
import { describe, expect, it } from 'vitest';
import { FixCodec, FixDecodeError, FixEncodeError, type FixMessageOf, parseUtcTimestamp } from '../src/index.js';
import { frame, wire } from './wire.js';

const codec = new FixCodec();

/** A TestRequest whose SendingTime(52) is `time`. */
function testRequest(time: string): string {
  return frame(`35=1|49=C|56=K|34=1|52=${time}|112=a|`);
}

/** A MarketSettlementReport whose ClearingBusinessDate(715, LocalMktDate) is `date`. */
function settlement(date: string): string {
  return frame(`35=UMS|49=C|56=K|34=1|52=20260102-03:04:05.678|20105=r|55=S|715=${date}|20107=yes|730=1|`);
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

const impossible: Array<[string, string]> = [
  ['February 31st', '20260231-12:00:00.000'],
  ['February 29th of a common year', '20260229-12:00:00.000'],
  ['February 29th of a century year not divisible by 400', '21000229-12:00:00'],
  ['April 31st', '20260431-12:00:00.000'],
  ['day 00', '20260100-12:00:00.000'],
  ['day 32', '20260132-12:00:00.000'],
  ['month 00', '20260001-12:00:00.000'],
  ['month 13', '20261301-12:00:00.000'],
  ['hour 24', '20260102-24:00:00.000'],
  ['minute 60', '20260102-12:60:00.000'],
  ['second 61', '20261231-23:59:61.000'],
  ['second 60 not at 23:59', '20260102-12:00:60.000'],
  ['second 60 at 23:59 not on the last day of a month', '20260130-23:59:60.000'],
  ['one fractional digit', '20260102-03:04:05.6'],
  ['two fractional digits', '20260102-03:04:05.67'],
  ['four fractional digits', '20260102-03:04:05.6789'],
  ['seven fractional digits', '20260102-03:04:05.1234567'],
  ['thirteen fractional digits', '20260102-03:04:05.1234567890123'],
  ['a trailing dot', '20260102-03:04:05.'],
];

const possible: Array<[string, { given: string; want: number }]> = [
  ['February 29th of a leap year', { given: '20240229-12:00:00.000', want: Date.UTC(2024, 1, 29, 12) }],
  ['February 29th of a year divisible by 400', { given: '20000229-00:00:00', want: Date.UTC(2000, 1, 29) }],
  ['April 30th', { given: '20260430-23:59:59.999', want: Date.UTC(2026, 3, 30, 23, 59, 59, 999) }],
  ['a leap second at the end of June', { given: '20260630-23:59:60.500', want: Date.UTC(2026, 6, 1, 0, 0, 0, 500) }],
  ['a leap second at the end of February of a leap year', { given: '20240229-23:59:60', want: Date.UTC(2024, 2, 1) }],
  ['microseconds', { given: '20260102-03:04:05.678901', want: Date.UTC(2026, 0, 2, 3, 4, 5, 678) }],
  ['nanoseconds', { given: '20260102-03:04:05.678901234', want: Date.UTC(2026, 0, 2, 3, 4, 5, 678) }],
  ['picoseconds', { given: '20260102-03:04:05.678901234567', want: Date.UTC(2026, 0, 2, 3, 4, 5, 678) }],
];

describe('regression: impossible calendar dates decoded as UTCTimestamp but refused by parseUtcTimestamp', () => {
  it.each(impossible)('decode and parseUtcTimestamp both reject %s with FIX_BAD_VALUE_FORMAT', (_name, time) => {
    const given = testRequest(time);
    const e = thrown(() => codec.decode(wire(given)));
    expect(e).toBeInstanceOf(FixDecodeError);
    expect({ code: (e as FixDecodeError).code, tag: (e as FixDecodeError).tag, offset: (e as FixDecodeError).offset }).toStrictEqual({
      code: 'FIX_BAD_VALUE_FORMAT',
      tag: 52,
      offset: given.indexOf('52='),
    });
    const p = thrown(() => parseUtcTimestamp(time));
    expect(p).toBeInstanceOf(FixDecodeError);
    expect((p as FixDecodeError).code).toBe('FIX_BAD_VALUE_FORMAT');
  });

  it.each(possible)('decode and parseUtcTimestamp both accept %s', (_name, { given, want }) => {
    const message = codec.decode(wire(testRequest(given)));
    expect(message.header.SendingTime).toBe(given);
    expect(parseUtcTimestamp(given)).toBe(want);
  });

  it.each(impossible)('encode refuses %s in a UTCTimestamp field', (_name, time) => {
    const message: FixMessageOf<'1'> = { msgType: '1', header: { SenderCompID: 'C', TargetCompID: 'K', MsgSeqNum: 1, SendingTime: time }, body: { TestReqID: 'a' } };
    const e = thrown(() => codec.encode(message));
    expect(e).toBeInstanceOf(FixEncodeError);
    expect({ code: (e as FixEncodeError).code, tag: (e as FixEncodeError).tag }).toStrictEqual({ code: 'FIX_ENCODE_BAD_VALUE', tag: 52 });
  });
});

describe('regression: impossible calendar dates in LocalMktDate / UTCDateOnly', () => {
  it.each([
    ['February 30th', '20260230'],
    ['February 29th of a common year', '20250229'],
    ['June 31st', '20260631'],
    ['day 00', '20260600'],
  ])('decode rejects %s with FIX_BAD_VALUE_FORMAT at ClearingBusinessDate(715)', (_name, date) => {
    const given = settlement(date);
    const e = thrown(() => codec.decode(wire(given)));
    expect(e).toBeInstanceOf(FixDecodeError);
    expect({ code: (e as FixDecodeError).code, tag: (e as FixDecodeError).tag, offset: (e as FixDecodeError).offset }).toStrictEqual({
      code: 'FIX_BAD_VALUE_FORMAT',
      tag: 715,
      offset: given.indexOf('715='),
    });
  });

  it.each([
    ['February 29th of a leap year', '20280229'],
    ['December 31st', '20261231'],
  ])('decode accepts %s', (_name, date) => {
    const message = codec.decode(wire(settlement(date)));
    expect(message.msgType === 'UMS' && message.body.ClearingBusinessDate).toBe(date);
  });
});
