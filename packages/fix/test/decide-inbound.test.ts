import { describe, expect, it } from 'vitest';
import { FixDecodeError } from '../src/codec/errors.js';
import { formatUtcTimestamp } from '../src/codec/utc-timestamp.js';
import type { FixMessage } from '../src/codec/message.js';
import { decideActivation, decideDecodeError, decideInbound } from '../src/session/decide-inbound.js';
import type { SessionSnapshot } from '../src/session/session-state.js';
import { describeActions, inbound, snapshot, T0 } from './support/actions.js';

const ORDER_ACK = { ClOrdID: 'c1' };

const inboundCases: Array<[string, { given: { state?: Partial<SessionSnapshot>; message: FixMessage }; want: string[] }]> = [
  ['an in-sequence application message is counted and passed up', { given: { message: inbound('r', ORDER_ACK) }, want: ['set-next-target 6', 'emit message'] }],
  ['Heartbeat is counted, nothing else', { given: { message: inbound('0') }, want: ['set-next-target 6'] }],
  ['TestRequest is answered with its TestReqID', { given: { message: inbound('1', { TestReqID: 'ping' }) }, want: ['set-next-target 6', 'send 0 {"TestReqID":"ping"}'] }],
  ['ResendRequest is answered from the store', { given: { message: inbound('2', { BeginSeqNo: 2, EndSeqNo: 0 }) }, want: ['set-next-target 6', 'answer-resend 2-0'] }],
  ['Reject(3) is counted and reported', { given: { message: inbound('3', { RefSeqNum: 9 }) }, want: ['set-next-target 6', 'emit reject'] }],
  [
    "the counterparty's Logout is answered and ends the session",
    { given: { message: inbound('5', { Text: 'bye' }) }, want: ['set-next-target 6', 'set-state logout-sent', 'send 5 {}', 'close FIX_LOGGED_OUT'] },
  ],
  ['the answer to our Logout ends the session in order', { given: { state: { state: 'logout-sent' }, message: inbound('5') }, want: ['set-next-target 6', 'close orderly'] }],
  [
    'a gap without retransmission is reported, skipped, and the message processed',
    {
      given: { message: inbound('r', ORDER_ACK, { MsgSeqNum: 8 }) },
      want: ['emit sequenceGap {"expected":5,"received":8,"resendRequested":false}', 'set-next-target 8', 'set-next-target 9', 'emit message'],
    },
  ],
  [
    'a gap with retransmission asks for everything from the expected number and drops the message',
    {
      given: { state: { retransmission: true }, message: inbound('r', ORDER_ACK, { MsgSeqNum: 8 }) },
      want: ['set-resend-up-to 8', 'send 2 {"BeginSeqNo":5,"EndSeqNo":0}', 'emit sequenceGap {"expected":5,"received":8,"resendRequested":true}'],
    },
  ],
  [
    'a second gap while a resend is outstanding only extends it',
    { given: { state: { retransmission: true, resendUpTo: 8 }, message: inbound('r', ORDER_ACK, { MsgSeqNum: 12 }) }, want: ['set-resend-up-to 12'] },
  ],
  [
    'a ResendRequest beyond a gap is answered before asking for ours',
    {
      given: { state: { retransmission: true }, message: inbound('2', { BeginSeqNo: 1, EndSeqNo: 0 }, { MsgSeqNum: 7 }) },
      want: ['answer-resend 1-0', 'set-resend-up-to 7', 'send 2 {"BeginSeqNo":5,"EndSeqNo":0}', 'emit sequenceGap {"expected":5,"received":7,"resendRequested":true}'],
    },
  ],
  [
    'the resent message that closes the gap stops tracking it',
    {
      given: { state: { retransmission: true, resendUpTo: 5 }, message: inbound('r', ORDER_ACK, { PossDupFlag: true, OrigSendingTime: formatUtcTimestamp(T0 - 1000) }) },
      want: ['set-next-target 6', 'set-resend-up-to none', 'emit message'],
    },
  ],
  [
    'MsgSeqNum too low without PossDupFlag: Logout and FIX_SEQ_TOO_LOW',
    {
      given: { message: inbound('r', ORDER_ACK, { MsgSeqNum: 3 }) },
      want: ['set-state logout-sent', 'send 5 {"Text":"MsgSeqNum too low, expecting 5 but received 3"}', 'close FIX_SEQ_TOO_LOW'],
    },
  ],
  ['MsgSeqNum too low with PossDupFlag: ignored', { given: { message: inbound('r', ORDER_ACK, { MsgSeqNum: 3, PossDupFlag: true }) }, want: [] }],
  [
    'SendingTime farther than maxDriftMs: Reject 10 on tag 52',
    {
      given: { message: inbound('r', ORDER_ACK, { SendingTime: formatUtcTimestamp(T0 - 30_001) }) },
      want: ['set-next-target 6', 'send 3 {"RefSeqNum":5,"RefTagID":52,"RefMsgType":"r","SessionRejectReason":10,"Text":"SendingTime accuracy problem"}', 'emit inboundReject'],
    },
  ],
  [
    'PossDupFlag without OrigSendingTime: Reject 1 on tag 122',
    {
      given: { message: inbound('r', ORDER_ACK, { PossDupFlag: true }) },
      want: ['set-next-target 6', 'send 3 {"RefSeqNum":5,"RefTagID":122,"RefMsgType":"r","SessionRejectReason":1,"Text":"PossDupFlag=Y without OrigSendingTime"}', 'emit inboundReject'],
    },
  ],
  [
    'OrigSendingTime after SendingTime: Reject 10 on tag 122',
    {
      given: { message: inbound('r', ORDER_ACK, { PossDupFlag: true, OrigSendingTime: formatUtcTimestamp(T0 + 1000) }) },
      want: ['set-next-target 6', 'send 3 {"RefSeqNum":5,"RefTagID":122,"RefMsgType":"r","SessionRejectReason":10,"Text":"OrigSendingTime after SendingTime"}', 'emit inboundReject'],
    },
  ],
  [
    'a wrong TargetCompID while active: Reject 9 on tag 56, Logout, FIX_COMP_ID_MISMATCH',
    {
      given: { message: inbound('r', ORDER_ACK, { TargetCompID: 'someone-else' }) },
      want: [
        'set-next-target 6',
        'send 3 {"RefSeqNum":5,"RefTagID":56,"RefMsgType":"r","SessionRejectReason":9,"Text":"CompID problem"}',
        'emit inboundReject',
        'send 5 {"Text":"CompID problem"}',
        'close FIX_COMP_ID_MISMATCH',
      ],
    },
  ],
  ['SenderCompID `Kalshi` is accepted besides the session name', { given: { message: inbound('0', {}, { SenderCompID: 'Kalshi' }) }, want: ['set-next-target 6'] }],
  ['SequenceReset-GapFill moves the expected number', { given: { message: inbound('4', { GapFillFlag: true, NewSeqNo: 9 }) }, want: ['set-next-target 9'] }],
  [
    'SequenceReset-GapFill not moving forward: Reject 5 on tag 36',
    {
      given: { message: inbound('4', { GapFillFlag: true, NewSeqNo: 5 }) },
      want: ['set-next-target 6', 'send 3 {"RefSeqNum":5,"RefTagID":36,"RefMsgType":"4","SessionRejectReason":5,"Text":"NewSeqNo not above MsgSeqNum"}', 'emit inboundReject'],
    },
  ],
  ['SequenceReset-Reset ignores MsgSeqNum', { given: { message: inbound('4', { NewSeqNo: 20 }, { MsgSeqNum: 99 }) }, want: ['set-next-target 20'] }],
  [
    'SequenceReset-Reset going backwards: Reject 5 on tag 36',
    {
      given: { message: inbound('4', { NewSeqNo: 2 }) },
      want: ['set-next-target 6', 'send 3 {"RefSeqNum":5,"RefTagID":36,"RefMsgType":"4","SessionRejectReason":5,"Text":"NewSeqNo below the expected MsgSeqNum"}', 'emit inboundReject'],
    },
  ],
  [
    'a SequenceReset past the resend being waited for stops tracking it',
    { given: { state: { retransmission: true, resendUpTo: 8 }, message: inbound('4', { NewSeqNo: 9 }) }, want: ['set-next-target 9', 'set-resend-up-to none'] },
  ],
  // The answer to our Logon.
  [
    'logon-sent: the Logon answer in sequence activates the session',
    { given: { state: { state: 'logon-sent', nextTargetSeqNum: 1 }, message: inbound('A', {}, { MsgSeqNum: 1 }) }, want: ['set-state active', 'set-next-target 2', 'arm-heartbeat', 'logged-on'] },
  ],
  ['logon-sent: a Logout refuses the Logon', { given: { state: { state: 'logon-sent' }, message: inbound('5', { Text: 'invalid signature' }) }, want: ['close FIX_LOGON_REJECTED'] }],
  ['logon-sent: anything else is not a Logon answer', { given: { state: { state: 'logon-sent' }, message: inbound('0') }, want: ['close FIX_LOGON_EXPECTED'] }],
  ['logon-sent: a wrong CompID closes without a Reject', { given: { state: { state: 'logon-sent' }, message: inbound('A', {}, { SenderCompID: 'x' }) }, want: ['close FIX_COMP_ID_MISMATCH'] }],
  ['idle and closed sessions do nothing', { given: { state: { state: 'closed' }, message: inbound('r', ORDER_ACK) }, want: [] }],
];

describe('decideInbound', () => {
  it.each(inboundCases)('%s', (_name, { given, want }) => {
    expect(describeActions(decideInbound(snapshot(given.state), given.message))).toEqual(want);
  });
});

describe('decideActivation', () => {
  const cases: Array<[string, { given: { retransmission: boolean; seq: number; expected: number }; want: string[] }]> = [
    ['in sequence', { given: { retransmission: true, seq: 1, expected: 1 }, want: ['set-state active', 'set-next-target 2', 'arm-heartbeat', 'logged-on'] }],
    [
      'a gap before the Logon, with retransmission: ResendRequest',
      {
        given: { retransmission: true, seq: 4, expected: 2 },
        want: ['set-state active', 'set-resend-up-to 4', 'send 2 {"BeginSeqNo":2,"EndSeqNo":0}', 'emit sequenceGap {"expected":2,"received":4,"resendRequested":true}', 'arm-heartbeat', 'logged-on'],
      },
    ],
    [
      'a gap before the Logon, without: reported and skipped',
      {
        given: { retransmission: false, seq: 4, expected: 2 },
        want: ['set-state active', 'emit sequenceGap {"expected":2,"received":4,"resendRequested":false}', 'set-next-target 5', 'arm-heartbeat', 'logged-on'],
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(describeActions(decideActivation({ retransmission: given.retransmission }, given.seq, given.expected))).toEqual(want);
  });
});

describe('decideDecodeError', () => {
  const error = (facts: { code?: 'FIX_VALUE_NOT_IN_ENUM' | 'FIX_BAD_CHECKSUM'; msgSeqNum?: number }) =>
    new FixDecodeError(facts.code ?? 'FIX_VALUE_NOT_IN_ENUM', { tag: 54, offset: 40, msgType: 'D', ...(facts.msgSeqNum === undefined ? {} : { msgSeqNum: facts.msgSeqNum }) });
  const cases: Array<[string, { given: { state?: Partial<SessionSnapshot>; error: FixDecodeError }; want: string[] }]> = [
    [
      'a well-framed message that breaks the dictionary: Reject with its reason, counted',
      {
        given: { error: error({ msgSeqNum: 5 }) },
        want: ['set-next-target 6', 'send 3 {"RefSeqNum":5,"RefTagID":54,"RefMsgType":"D","SessionRejectReason":5,"Text":"FIX_VALUE_NOT_IN_ENUM"}', 'emit inboundReject'],
      },
    ],
    ['without a MsgSeqNum it is reported as garbled', { given: { error: error({}) }, want: ['emit garbled'] }],
    ['a bad CheckSum is reported as garbled, never rejected', { given: { error: error({ code: 'FIX_BAD_CHECKSUM', msgSeqNum: 5 }) }, want: ['emit garbled'] }],
    ['before logon garbled bytes are ignored', { given: { state: { state: 'awaiting-logon' }, error: error({ code: 'FIX_BAD_CHECKSUM', msgSeqNum: 1 }) }, want: [] }],
    ['below the expected number: ignored', { given: { error: error({ msgSeqNum: 4 }) }, want: [] }],
    [
      'beyond a gap with retransmission: ask for the gap, no Reject yet',
      {
        given: { state: { retransmission: true }, error: error({ msgSeqNum: 7 }) },
        want: ['set-resend-up-to 7', 'send 2 {"BeginSeqNo":5,"EndSeqNo":0}', 'emit sequenceGap {"expected":5,"received":7,"resendRequested":true}'],
      },
    ],
    ['before logon a message that does not decode ends the session', { given: { state: { state: 'logon-sent' }, error: error({ msgSeqNum: 1 }) }, want: ['close FIX_LOGON_EXPECTED'] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(describeActions(decideDecodeError(snapshot(given.state), given.error))).toEqual(want);
  });
});
