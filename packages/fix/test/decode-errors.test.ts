import { describe, expect, it } from 'vitest';
import { FixCodec, FixDecodeError, type FixDecodeErrorCode } from '../src/index.js';
import { HEADER, checksum, frame, wire } from './wire.js';

const codec = new FixCodec();

/** Decodes and returns the FixDecodeError thrown (failing when something else happens). */
function decodeError(bytes: string | Uint8Array): FixDecodeError {
  try {
    codec.decode(typeof bytes === 'string' ? wire(bytes) : bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(FixDecodeError);
    return e as FixDecodeError;
  }
  throw new Error('decoded without error');
}

/** Byte offset of `needle` in a wire text (`|` counts as one byte, like SOH). */
function at(message: string, needle: string): number {
  const i = message.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${message}`);
  return i;
}

interface Want {
  readonly code: FixDecodeErrorCode;
  readonly tag: number | undefined;
  /** Text whose first occurrence marks the expected offset. */
  readonly offsetOf?: string;
  readonly offset?: number;
}

const testRequest = frame(`35=1|${HEADER}112=ping|`);
const badChecksum = testRequest.replace(/10=\d{3}\|$/, (m) => `10=${String((Number(m.slice(3, 6)) + 1) % 256).padStart(3, '0')}|`);
const withBodyLength = (n: number) => testRequest.replace(/^8=FIXT\.1\.1\|9=\d+\|/, `8=FIXT.1.1|9=${n}|`);
const refreshChecksum = (m: string) => `${m.slice(0, -7)}10=${checksum(m.slice(0, -7))}|`;

const cases: Array<[string, { given: string; want: Want }]> = [
  ['BeginString other than FIXT.1.1', { given: frame(`35=1|${HEADER}112=a|`, 'FIX.4.4'), want: { code: 'FIX_BAD_BEGIN_STRING', tag: 8, offset: 0 } }],
  ['bytes that are not FIX', { given: 'hello', want: { code: 'FIX_BAD_BEGIN_STRING', tag: 8, offset: 0 } }],
  ['BodyLength too long', { given: refreshChecksum(withBodyLength(60)), want: { code: 'FIX_BAD_BODY_LENGTH', tag: 9, offset: 11 } }],
  ['BodyLength too short', { given: refreshChecksum(withBodyLength(50)), want: { code: 'FIX_BAD_BODY_LENGTH', tag: 9, offset: 11 } }],
  ['BodyLength not a number', { given: refreshChecksum(testRequest.replace('|9=', '|9=x')), want: { code: 'FIX_BAD_BODY_LENGTH', tag: 9, offset: 11 } }],
  ['BodyLength missing', { given: testRequest.replace(/^8=FIXT\.1\.1\|9=\d+\|/, '8=FIXT.1.1|'), want: { code: 'FIX_BAD_BODY_LENGTH', tag: 9, offset: 11 } }],
  ['trailing bytes after CheckSum', { given: `${testRequest}x`, want: { code: 'FIX_BAD_BODY_LENGTH', tag: 9, offset: 11 } }],
  ['CheckSum off by one', { given: badChecksum, want: { code: 'FIX_BAD_CHECKSUM', tag: 10, offsetOf: '10=' } }],
  ['CheckSum not three digits', { given: testRequest.replace(/10=\d{3}\|$/, '10=1x3|'), want: { code: 'FIX_BAD_CHECKSUM', tag: 10, offsetOf: '10=' } }],
  ['CheckSum over 255', { given: testRequest.replace(/10=\d{3}\|$/, '10=999|'), want: { code: 'FIX_BAD_CHECKSUM', tag: 10, offsetOf: '10=' } }],
  [
    'a bad CheckSum wins over a field error',
    { given: frame(`35=1|${HEADER}112=ping|9999=x|`).replace(/10=\d{3}/, '10=000'), want: { code: 'FIX_BAD_CHECKSUM', tag: 10, offsetOf: '10=' } },
  ],
  ['MsgType not the third field', { given: frame(`${HEADER}35=1|112=a|`), want: { code: 'FIX_MALFORMED', tag: 35, offsetOf: '49=' } }],
  ['tag that is not a number', { given: frame(`35=1|${HEADER}1x2=a|`), want: { code: 'FIX_MALFORMED', tag: undefined, offsetOf: '1x2' } }],
  ['tag with a leading zero', { given: frame(`35=1|${HEADER}0112=a|`), want: { code: 'FIX_MALFORMED', tag: undefined, offsetOf: '0112' } }],
  ['field without =', { given: frame(`35=1|${HEADER}112|`), want: { code: 'FIX_MALFORMED', tag: undefined, offsetOf: '112|' } }],
  ['DATA shorter than its LENGTH', { given: frame(`35=A|${HEADER}98=0|108=30|95=40|96=abc|1137=9|`), want: { code: 'FIX_MALFORMED', tag: 96, offsetOf: '96=' } }],
  ['LENGTH not followed by its DATA', { given: frame(`35=A|${HEADER}98=0|108=30|95=3|1137=9|`), want: { code: 'FIX_MALFORMED', tag: 96, offsetOf: '1137=' } }],
  ['MsgType not in the dictionary', { given: frame(`35=ZZ|${HEADER}`), want: { code: 'FIX_UNKNOWN_MSG_TYPE', tag: 35, offsetOf: '35=' } }],
  ['MsgType empty', { given: frame(`35=|${HEADER}`), want: { code: 'FIX_EMPTY_VALUE', tag: 35, offsetOf: '35=' } }],
  ['tag not in the dictionary', { given: frame(`35=1|${HEADER}112=a|9999=x|`), want: { code: 'FIX_UNKNOWN_TAG', tag: 9999, offsetOf: '9999=' } }],
  ['huge tag number', { given: frame(`35=1|${HEADER}112=a|123456789=x|`), want: { code: 'FIX_UNKNOWN_TAG', tag: 123456789, offsetOf: '123456789=' } }],
  ['tag of another message', { given: frame(`35=1|${HEADER}112=a|11=order-1|`), want: { code: 'FIX_TAG_NOT_IN_MESSAGE', tag: 11, offsetOf: '11=' } }],
  ['required body field missing', { given: frame(`35=1|${HEADER}`), want: { code: 'FIX_REQUIRED_TAG_MISSING', tag: 112, offsetOf: '10=' } }],
  [
    'required header field missing',
    { given: frame('35=1|49=CLIENT|56=KalshiNR|34=7|112=a|'), want: { code: 'FIX_REQUIRED_TAG_MISSING', tag: 52, offsetOf: '10=' } },
  ],
  [
    'required group member missing',
    {
      given: frame(`35=8|${HEADER}37=o|11=c|17=e|150=0|39=0|54=1|55=S|151=1|14=0|6=0|38=1|136=1|137=0.01|139=4|891=0|`),
      want: { code: 'FIX_REQUIRED_TAG_MISSING', tag: 138, offsetOf: '10=' },
    },
  ],
  ['DATA without its LENGTH', { given: frame(`35=A|${HEADER}98=0|108=30|96=abc|1137=9|`), want: { code: 'FIX_REQUIRED_TAG_MISSING', tag: 95, offsetOf: '96=' } }],
  ['empty value', { given: frame(`35=1|${HEADER}112=|`), want: { code: 'FIX_EMPTY_VALUE', tag: 112, offsetOf: '112=' } }],
  ['INT not a number', { given: frame(`35=1|49=C|56=K|34=abc|52=20260102-03:04:05|112=a|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 34, offsetOf: '34=' } }],
  ['SEQNUM negative', { given: frame(`35=1|49=C|56=K|34=-1|52=20260102-03:04:05|112=a|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 34, offsetOf: '34=' } }],
  ['INT beyond 15 digits', { given: frame(`35=1|49=C|56=K|34=1234567890123456|52=20260102-03:04:05|112=a|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 34, offsetOf: '34=' } }],
  ['PRICE with two dots', { given: frame(`35=S|${HEADER}117=q|131=r|55=S|132=1.2.3|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 132, offsetOf: '132=' } }],
  ['PRICE with an exponent', { given: frame(`35=S|${HEADER}117=q|131=r|55=S|132=1e5|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 132, offsetOf: '132=' } }],
  ['BOOLEAN other than Y/N', { given: frame(`35=1|${HEADER}43=T|112=a|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 43, offsetOf: '43=' } }],
  ['UTCTimestamp with a bad month', { given: frame('35=1|49=C|56=K|34=1|52=20261302-03:04:05|112=a|'), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 52, offsetOf: '52=' } }],
  ['UTCTimestamp without seconds', { given: frame('35=1|49=C|56=K|34=1|52=20260102-03:04|112=a|'), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 52, offsetOf: '52=' } }],
  ['CHAR of two characters', { given: frame(`35=F|${HEADER}11=c|41=o|54=12|55=S|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 54, offsetOf: '54=' } }],
  [
    'LocalMktDate of seven digits',
    { given: frame(`35=UMS|${HEADER}20105=r|55=S|715=2026010|20107=yes|730=1|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 715, offsetOf: '715=' } },
  ],
  ['NumInGroup not a number', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=x|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 453, offsetOf: '453=' } }],
  ['STRING that is not UTF-8', { given: frame(`35=5|${HEADER}58=\xff\xfe|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 58, offsetOf: '58=' } }],
  ['CHAR enum value unknown', { given: frame(`35=F|${HEADER}11=c|41=o|54=9|55=S|`), want: { code: 'FIX_VALUE_NOT_IN_ENUM', tag: 54, offsetOf: '54=' } }],
  ['INT enum value unknown', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=1|448=p|452=7|`), want: { code: 'FIX_VALUE_NOT_IN_ENUM', tag: 452, offsetOf: '452=' } }],
  ['STRING enum value unknown', { given: frame(`35=UMS|${HEADER}20105=r|55=S|715=20260102|20107=maybe|730=1|`), want: { code: 'FIX_VALUE_NOT_IN_ENUM', tag: 20107, offsetOf: '20107=' } }],
  [
    'MULTIPLEVALUESTRING with an unknown value',
    { given: frame(`35=D|${HEADER}11=c|18=6 7|38=1|40=2|44=0.5|54=1|55=S|`), want: { code: 'FIX_VALUE_NOT_IN_ENUM', tag: 18, offsetOf: '18=' } },
  ],
  [
    'MULTIPLEVALUESTRING with an empty item',
    { given: frame(`35=D|${HEADER}11=c|18=6  6|38=1|40=2|44=0.5|54=1|55=S|`), want: { code: 'FIX_BAD_VALUE_FORMAT', tag: 18, offsetOf: '18=' } },
  ],
  ['body field twice', { given: frame(`35=1|${HEADER}112=a|112=b|`), want: { code: 'FIX_DUPLICATE_TAG', tag: 112, offsetOf: '112=b' } }],
  ['header field twice', { given: frame(`35=1|${HEADER}49=again|112=a|`), want: { code: 'FIX_DUPLICATE_TAG', tag: 49, offsetOf: '49=again' } }],
  ['header field after the body', { given: frame(`35=1|${HEADER}112=a|50=late|`), want: { code: 'FIX_TAG_OUT_OF_ORDER', tag: 50, offsetOf: '50=' } }],
  ['MsgType again in the body', { given: frame(`35=1|${HEADER}112=a|35=1|`), want: { code: 'FIX_TAG_OUT_OF_ORDER', tag: 35, offsetOf: '35=1|10=' } }],
  ['body field after the trailer', { given: frame(`35=0|${HEADER}93=2|89=ab|112=a|`), want: { code: 'FIX_TAG_OUT_OF_ORDER', tag: 112, offsetOf: '112=' } }],
  ['group entry without its delimiter', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=1|452=24|`), want: { code: 'FIX_GROUP_ORDER', tag: 452, offsetOf: '452=' } }],
  [
    'group member repeated in one entry',
    { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=1|448=p|452=24|452=25|`), want: { code: 'FIX_GROUP_ORDER', tag: 452, offsetOf: '452=25' } },
  ],
  ['fewer group entries than counted', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=2|448=p|79=0|`), want: { code: 'FIX_GROUP_COUNT', tag: 453, offsetOf: '79=' } }],
  ['more group entries than counted', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=1|448=p|448=q|`), want: { code: 'FIX_GROUP_COUNT', tag: 453, offsetOf: '448=q' } }],
  ['group cut short by the end of the message', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=2|448=p|`), want: { code: 'FIX_GROUP_COUNT', tag: 453, offsetOf: '10=' } }],
];

describe('FixCodec.decode errors', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const e = decodeError(given);
    expect({ code: e.code, tag: e.tag }).toStrictEqual({ code: want.code, tag: want.tag });
    expect(e.offset).toBe(want.offset ?? at(given, want.offsetOf as string));
  });

  it('covers every decode error code but FIX_MESSAGE_TOO_LARGE (a framer error)', () => {
    const codes = new Set(cases.map(([, c]) => c.want.code));
    expect([...codes].sort()).toStrictEqual(
      [
        'FIX_BAD_BEGIN_STRING',
        'FIX_BAD_BODY_LENGTH',
        'FIX_BAD_CHECKSUM',
        'FIX_MALFORMED',
        'FIX_UNKNOWN_MSG_TYPE',
        'FIX_UNKNOWN_TAG',
        'FIX_TAG_NOT_IN_MESSAGE',
        'FIX_REQUIRED_TAG_MISSING',
        'FIX_EMPTY_VALUE',
        'FIX_BAD_VALUE_FORMAT',
        'FIX_VALUE_NOT_IN_ENUM',
        'FIX_DUPLICATE_TAG',
        'FIX_TAG_OUT_OF_ORDER',
        'FIX_GROUP_ORDER',
        'FIX_GROUP_COUNT',
      ].sort(),
    );
  });

  it.each([
    ['garbled', { given: badChecksum, want: { garbled: true, sessionRejectReason: undefined } }],
    ['rejectable', { given: frame(`35=1|${HEADER}112=a|9999=x|`), want: { garbled: false, sessionRejectReason: 0 } }],
    ['required tag missing', { given: frame(`35=1|${HEADER}`), want: { garbled: false, sessionRejectReason: 1 } }],
    ['group count', { given: frame(`35=F|${HEADER}11=c|41=o|54=1|55=S|453=2|448=p|`), want: { garbled: false, sessionRejectReason: 16 } }],
  ])('%s errors say how a session answers them', (_name, { given, want }) => {
    const e = decodeError(given);
    expect({ garbled: e.garbled, sessionRejectReason: e.sessionRejectReason }).toStrictEqual(want);
  });

  it('names the MsgType and MsgSeqNum of the rejected message (for Reject RefSeqNum)', () => {
    const given = frame(`35=1|${HEADER}112=a|9999=x|`);
    const e = decodeError(given);
    expect({ msgType: e.msgType, msgSeqNum: e.msgSeqNum }).toStrictEqual({ msgType: '1', msgSeqNum: 7 });
    expect(e.message).toBe(`FIX_UNKNOWN_TAG: tag 9999 at byte ${at(given, '9999=')} in MsgType 1`);
  });

  it('reads MsgSeqNum even when the fault comes before it', () => {
    const e = decodeError(frame('35=1|49=C|50=\xff|56=K|34=12|52=20260102-03:04:05|112=a|'));
    expect({ code: e.code, msgSeqNum: e.msgSeqNum }).toStrictEqual({ code: 'FIX_BAD_VALUE_FORMAT', msgSeqNum: 12 });
  });

  it('never puts field values in the message (they may be passwords or signatures)', () => {
    const e = decodeError(frame(`35=A|${HEADER}98=0|108=30|554=hunter2|554=hunter2|1137=9|`));
    expect(e.code).toBe('FIX_DUPLICATE_TAG');
    expect(e.message).not.toContain('hunter2');
  });
});
