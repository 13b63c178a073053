import { describe, expect, it } from 'vitest';
import { FixCodec, FixEncodeError, type FixEncodeErrorCode, type FixMessage } from '../src/index.js';

const codec = new FixCodec();
const header = { SenderCompID: 'C', TargetCompID: 'KalshiNR', MsgSeqNum: 1, SendingTime: '20260102-03:04:05.678' };
const order = { ClOrdID: 'c', OrderQty: '10', OrdType: '2', Price: '0.56', Side: '1', Symbol: 'KXBTCD-26JAN0217-T99999.99' };

/** A NewOrderSingle with `patch` merged into its body (values the types would reject included). */
function nos(patch: Record<string, unknown>): FixMessage {
  return { msgType: 'D', header, body: { ...order, ...patch } } as unknown as FixMessage;
}

const cases: Array<[string, { given: unknown; want: { code: FixEncodeErrorCode; field: string | undefined; tag: number | undefined } }]> = [
  ['unknown MsgType', { given: { msgType: 'ZZ', header, body: {} }, want: { code: 'FIX_ENCODE_UNKNOWN_MSG_TYPE', field: undefined, tag: undefined } }],
  ['MsgType not a string', { given: { msgType: 8, header, body: {} }, want: { code: 'FIX_ENCODE_UNKNOWN_MSG_TYPE', field: undefined, tag: undefined } }],
  ['header missing', { given: { msgType: '0', body: {} }, want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'header', tag: undefined } }],
  ['body not an object', { given: { msgType: '0', header, body: [] }, want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'body', tag: undefined } }],
  ['required body field missing', { given: nos({ Price: undefined }), want: { code: 'FIX_ENCODE_MISSING_FIELD', field: 'Price', tag: 44 } }],
  [
    'required header field missing',
    { given: { msgType: '0', header: { ...header, SendingTime: undefined }, body: {} }, want: { code: 'FIX_ENCODE_MISSING_FIELD', field: 'SendingTime', tag: 52 } },
  ],
  ['group entry without its delimiter', { given: nos({ NoPartyIDs: [{ PartyRole: 24 }] }), want: { code: 'FIX_ENCODE_MISSING_FIELD', field: 'PartyID', tag: 448 } }],
  ['unknown body property', { given: nos({ Prise: '0.56' }), want: { code: 'FIX_ENCODE_UNKNOWN_FIELD', field: 'Prise', tag: undefined } }],
  ['header property in the body', { given: nos({ MsgSeqNum: 2 }), want: { code: 'FIX_ENCODE_UNKNOWN_FIELD', field: 'MsgSeqNum', tag: undefined } }],
  ['unknown group entry property', { given: nos({ NoPartyIDs: [{ PartyID: 'p', Role: 24 }] }), want: { code: 'FIX_ENCODE_UNKNOWN_FIELD', field: 'Role', tag: undefined } }],
  ['price as a JS number', { given: nos({ Price: 0.56 }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'Price', tag: 44 } }],
  ['price with an exponent', { given: nos({ Price: '5e-1' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'Price', tag: 44 } }],
  ['empty string', { given: nos({ ClOrdID: '' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ClOrdID', tag: 11 } }],
  ['string containing SOH', { given: nos({ ClOrdID: 'a\x01b' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ClOrdID', tag: 11 } }],
  ['non-ASCII string containing SOH', { given: nos({ ClOrdID: 'é\x01' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ClOrdID', tag: 11 } }],
  ['CHAR not in its enum', { given: nos({ Side: '3' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'Side', tag: 54 } }],
  ['CHAR of two characters', { given: nos({ Side: '11' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'Side', tag: 54 } }],
  ['INT not in its enum', { given: nos({ SelfTradePreventionType: 9 }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'SelfTradePreventionType', tag: 2964 } }],
  ['INT with a fraction', { given: nos({ AllocAccount: 1.5 }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'AllocAccount', tag: 79 } }],
  ['INT as a string', { given: nos({ AllocAccount: '1' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'AllocAccount', tag: 79 } }],
  ['INT beyond 2^53', { given: nos({ AllocAccount: 2 ** 53 }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'AllocAccount', tag: 79 } }],
  ['SEQNUM negative', { given: { msgType: '0', header: { ...header, MsgSeqNum: -1 }, body: {} }, want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'MsgSeqNum', tag: 34 } }],
  ['BOOLEAN as Y', { given: nos({ CancelOrderOnPause: 'Y' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'CancelOrderOnPause', tag: 21006 } }],
  ['UTCTimestamp in ISO form', { given: nos({ ExpireTime: '2026-01-02T03:04:05Z' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ExpireTime', tag: 126 } }],
  ['MULTIPLEVALUESTRING as a string', { given: nos({ ExecInst: '6' }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ExecInst', tag: 18 } }],
  ['MULTIPLEVALUESTRING value not in its enum', { given: nos({ ExecInst: ['7'] }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ExecInst', tag: 18 } }],
  ['MULTIPLEVALUESTRING empty', { given: nos({ ExecInst: [] }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ExecInst', tag: 18 } }],
  ['group not an array', { given: nos({ NoPartyIDs: { PartyID: 'p' } }), want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'NoPartyIDs', tag: 453 } }],
  [
    'DATA with a character beyond latin1',
    {
      given: { msgType: 'A', header, body: { EncryptMethod: 0, HeartBtInt: 30, DefaultApplVerID: '9', RawData: 'sig✓' } },
      want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'RawData', tag: 96 },
    },
  ],
  [
    'LocalMktDate with dashes',
    {
      given: { msgType: 'UMS', header, body: { MarketSettlementReportID: 'r', Symbol: 'S', ClearingBusinessDate: '2026-01-02', MarketResult: 'yes', SettlementPrice: '1' } },
      want: { code: 'FIX_ENCODE_BAD_VALUE', field: 'ClearingBusinessDate', tag: 715 },
    },
  ],
];

describe('FixCodec.encode errors', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    let error: unknown;
    try {
      codec.encode(given as FixMessage);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixEncodeError);
    const e = error as FixEncodeError;
    expect({ code: e.code, field: e.field, tag: e.tag }).toStrictEqual(want);
  });

  it('never puts values in the message', () => {
    const given = { msgType: 'A', header, body: { EncryptMethod: 0, HeartBtInt: 30, DefaultApplVerID: '9', Password: 'hunter2\x01' } };
    expect(() => codec.encode(given as FixMessage)).toThrow(expect.objectContaining({ code: 'FIX_ENCODE_BAD_VALUE', message: expect.not.stringContaining('hunter2') }));
  });

  it('treats properties set to undefined as absent, and sends an empty group as a count of 0', () => {
    const bytes = codec.encode(nos({ TimeInForce: undefined, NoPartyIDs: [] }));
    expect(String.fromCharCode(...bytes)).toContain('\x01453=0\x01');
    expect(codec.decode(bytes)).toStrictEqual({ msgType: 'D', header, body: { ...order, NoPartyIDs: [] } });
  });

  it('keeps encoding after an error', () => {
    expect(() => codec.encode(nos({ Side: '3' }))).toThrow(FixEncodeError);
    expect(codec.decode(codec.encode(nos({})))).toStrictEqual({ msgType: 'D', header, body: order });
  });
});
