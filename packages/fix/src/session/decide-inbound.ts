/**
 * Pure decisions on what the counterparty sent: given a session snapshot and one inbound message
 * (or a message that failed to decode), the actions to perform, in order. Checks CompIDs,
 * SendingTime(52) accuracy, MsgSeqNum(34) (gaps, too low, PossDupFlag(43) with
 * OrigSendingTime(122)), SequenceReset(4) in both modes, and answers the session-level messages.
 */
import type { FixDecodeError } from '../codec/errors.js';
import type { FixMessage, FixMessageOf } from '../codec/message.js';
import { parseUtcTimestamp } from '../codec/utc-timestamp.js';
import type { FixMessageBodies } from '../generated/messages.js';
import type { DecidedEvent, SessionAction } from './actions.js';
import { FixSessionError } from './errors.js';
import type { FixInboundReject, FixSessionEvents } from './session-events.js';
import type { SessionSnapshot } from './session-state.js';

const REASON_COMP_ID = 9;
const REASON_SENDING_TIME = 10;
const REASON_REQUIRED_TAG_MISSING = 1;
const REASON_VALUE_INCORRECT = 5;
const TAG_SENDER_COMP_ID = 49;
const TAG_TARGET_COMP_ID = 56;
const TAG_SENDING_TIME = 52;
const TAG_ORIG_SENDING_TIME = 122;
const TAG_NEW_SEQ_NO = 36;
/** MsgTypes {@link dispatch} answers itself instead of passing up. */
const SESSION_LEVEL: ReadonlySet<string> = new Set(['0', '1', '2', '3', '5', 'A']);

/**
 * What to do with a decoded inbound message: the answer to our Logon(A) in `logon-sent`, any
 * message in `active` or `logout-sent`; nothing in other states (an acceptor's Logon check is
 * asynchronous and stays with the session).
 * @throws RangeError from `parseUtcTimestamp` only for a SendingTime the decoder let through.
 */
export function decideInbound(s: SessionSnapshot, message: FixMessage): SessionAction[] {
  switch (s.state) {
    case 'logon-sent':
      return decideLogonAnswer(s, message);
    case 'active':
    case 'logout-sent':
      return decideSessionMessage(s, message);
    default:
      return [];
  }
}

/**
 * What to do with bytes that framed but did not decode: before logon, end the session unless
 * they were garbled; garbled bytes (or no MsgSeqNum) are reported and ignored; otherwise
 * Reject(3) with the decoder's SessionRejectReason(373), after gap handling.
 */
export function decideDecodeError(s: SessionSnapshot, error: FixDecodeError): SessionAction[] {
  if (s.state === 'awaiting-logon' || s.state === 'logon-sent') {
    if (error.garbled) return [];
    return [close(new FixSessionError('FIX_LOGON_EXPECTED', `the first message does not decode (${error.code})`, { cause: error }))];
  }
  const reason = error.sessionRejectReason;
  const seq = error.msgSeqNum;
  if (reason === undefined || seq === undefined) return [emit('garbled', error, false)];
  const expected = s.nextTargetSeqNum;
  if (seq < expected) return [];
  const out: SessionAction[] = [];
  if (seq > expected && !gap(s, expected, seq, out)) return out;
  out.push(...rejectInbound({ refSeqNum: seq, refMsgType: error.msgType, refTagId: error.tag, reason, text: error.code }));
  return out;
}

/**
 * Logon done (either role): consume the Logon's MsgSeqNum, or ask for the gap before it (report
 * it and skip it without retransmission), start heartbeats, resolve `start()`.
 */
export function decideActivation(s: Pick<SessionSnapshot, 'retransmission'>, seq: number, expected: number): SessionAction[] {
  const out: SessionAction[] = [{ kind: 'set-state', state: 'active' }];
  if (seq === expected) {
    out.push({ kind: 'set-next-target', seqNum: seq + 1 });
  } else if (s.retransmission) {
    out.push(...requestResend(expected, seq));
  } else {
    out.push(emit('sequenceGap', { expected, received: seq, resendRequested: false }, false), { kind: 'set-next-target', seqNum: seq + 1 });
  }
  out.push({ kind: 'arm-heartbeat' }, { kind: 'logged-on' });
  return out;
}

/**
 * A MsgSeqNum below the expected one without PossDupFlag: log out (once there is a store to
 * number the Logout) and end with `FIX_SEQ_TOO_LOW`.
 */
export function decideTooLow(s: Pick<SessionSnapshot, 'state' | 'hasStore'>, expected: number, received: number): SessionAction[] {
  const text = `MsgSeqNum too low, expecting ${expected} but received ${received}`;
  const out: SessionAction[] = [];
  if (s.state === 'active' || s.hasStore) out.push({ kind: 'set-state', state: 'logout-sent' }, send('5', { Text: text }));
  out.push(close(new FixSessionError('FIX_SEQ_TOO_LOW', text, { expected, received })));
  return out;
}

function decideLogonAnswer(s: SessionSnapshot, message: FixMessage): SessionAction[] {
  if (message.msgType === '5') {
    const text = message.body.Text;
    return [close(new FixSessionError('FIX_LOGON_REJECTED', `the counterparty refused the Logon${text === undefined ? '' : `: ${text}`}`, { text }))];
  }
  if (message.msgType !== 'A') return [close(new FixSessionError('FIX_LOGON_EXPECTED', `expected a Logon answer, got MsgType ${message.msgType}`))];
  const wrongCompIds = checkCompIds(s, message);
  if (wrongCompIds !== undefined) return wrongCompIds;
  const seq = message.header.MsgSeqNum;
  const expected = s.nextTargetSeqNum;
  if (seq < expected) return decideTooLow(s, expected, seq);
  return decideActivation(s, seq, expected);
}

function decideSessionMessage(s: SessionSnapshot, message: FixMessage): SessionAction[] {
  const header = message.header;
  const wrongCompIds = checkCompIds(s, message);
  if (wrongCompIds !== undefined) return wrongCompIds;
  const seq = header.MsgSeqNum;
  const sendingMs = parseUtcTimestamp(header.SendingTime);
  const drift = Math.abs(s.now - sendingMs);
  if (message.msgType === '4') return decideSequenceReset(s, message);
  const out: SessionAction[] = [];
  let expected = s.nextTargetSeqNum;
  if (seq > expected) {
    // A Logout ends the session anyway; a ResendRequest is answered before asking for ours.
    if (message.msgType === '5') return logoutReceived(s, message.body.Text);
    if (s.retransmission && message.msgType === '2') out.push({ kind: 'answer-resend', begin: message.body.BeginSeqNo, end: message.body.EndSeqNo });
    if (!gap(s, expected, seq, out)) return out;
    expected = seq;
  }
  if (seq < expected) return header.PossDupFlag === true ? out : [...out, ...decideTooLow(s, expected, seq)];
  if (!(drift <= s.maxDriftMs)) {
    return [...out, ...rejectInbound({ refSeqNum: seq, refMsgType: message.msgType, refTagId: TAG_SENDING_TIME, reason: REASON_SENDING_TIME, text: 'SendingTime accuracy problem' })];
  }
  if (header.PossDupFlag === true) {
    if (header.OrigSendingTime === undefined) {
      return [...out, ...rejectInbound({ refSeqNum: seq, refMsgType: message.msgType, refTagId: TAG_ORIG_SENDING_TIME, reason: REASON_REQUIRED_TAG_MISSING, text: 'PossDupFlag=Y without OrigSendingTime' })];
    }
    if (!(parseUtcTimestamp(header.OrigSendingTime) <= sendingMs)) {
      return [...out, ...rejectInbound({ refSeqNum: seq, refMsgType: message.msgType, refTagId: TAG_ORIG_SENDING_TIME, reason: REASON_SENDING_TIME, text: 'OrigSendingTime after SendingTime' })];
    }
  }
  const accept: SessionAction = { kind: 'set-next-target', seqNum: seq + 1 };
  // The common case (in sequence, no resend pending) as one small literal: this runs per message.
  if (out.length === 0 && s.resendUpTo === undefined && !SESSION_LEVEL.has(message.msgType)) return [accept, emit('message', message, true)];
  out.push(accept);
  if (s.resendUpTo !== undefined && seq >= s.resendUpTo) out.push({ kind: 'set-resend-up-to', seqNum: undefined });
  dispatch(s, message, out);
  return out;
}

/** An in-sequence message, its actions appended to `out`: answer the session-level ones, pass the rest up. */
function dispatch(s: SessionSnapshot, message: FixMessage, out: SessionAction[]): void {
  switch (message.msgType) {
    case '0':
    case 'A':
      return;
    case '1':
      out.push(send('0', { TestReqID: message.body.TestReqID }));
      return;
    case '2':
      out.push({ kind: 'answer-resend', begin: message.body.BeginSeqNo, end: message.body.EndSeqNo });
      return;
    case '3':
      out.push(emit('reject', message, true));
      return;
    case '5':
      out.push(...logoutReceived(s, message.body.Text));
      return;
    default:
      out.push(emit('message', message, true));
  }
}

function decideSequenceReset(s: SessionSnapshot, message: FixMessageOf<'4'>): SessionAction[] {
  const seq = message.header.MsgSeqNum;
  const newSeqNo = message.body.NewSeqNo;
  const expected = s.nextTargetSeqNum;
  if (message.body.GapFillFlag !== true) {
    // Reset mode: MsgSeqNum is ignored, NewSeqNo may not go backwards.
    if (newSeqNo < expected) {
      return rejectInbound({ refSeqNum: seq, refMsgType: '4', refTagId: TAG_NEW_SEQ_NO, reason: REASON_VALUE_INCORRECT, text: 'NewSeqNo below the expected MsgSeqNum' });
    }
    return advanceTo(s, newSeqNo);
  }
  if (seq < expected) return message.header.PossDupFlag === true ? [] : decideTooLow(s, expected, seq);
  const out: SessionAction[] = [];
  if (seq > expected && !gap(s, expected, seq, out)) return out;
  if (newSeqNo <= seq) {
    return [...out, ...rejectInbound({ refSeqNum: seq, refMsgType: '4', refTagId: TAG_NEW_SEQ_NO, reason: REASON_VALUE_INCORRECT, text: 'NewSeqNo not above MsgSeqNum' })];
  }
  return [...out, ...advanceTo(s, newSeqNo)];
}

function advanceTo(s: SessionSnapshot, nextTarget: number): SessionAction[] {
  const out: SessionAction[] = [{ kind: 'set-next-target', seqNum: nextTarget }];
  if (s.resendUpTo !== undefined && nextTarget > s.resendUpTo) out.push({ kind: 'set-resend-up-to', seqNum: undefined });
  return out;
}

/**
 * An inbound MsgSeqNum above the expected one, its actions appended to `out`. With
 * retransmission: ask for the rest once and drop this message (the resend brings it again);
 * returns false. Without: report the gap, skip to `seq`, and return true so the message is processed.
 */
function gap(s: SessionSnapshot, expected: number, seq: number, out: SessionAction[]): boolean {
  if (s.retransmission) {
    if (s.resendUpTo === undefined) out.push(...requestResend(expected, seq));
    else out.push({ kind: 'set-resend-up-to', seqNum: Math.max(s.resendUpTo, seq) });
    return false;
  }
  out.push(emit('sequenceGap', { expected, received: seq, resendRequested: false }, false), { kind: 'set-next-target', seqNum: seq });
  return true;
}

function requestResend(expected: number, seq: number): SessionAction[] {
  return [
    { kind: 'set-resend-up-to', seqNum: seq },
    // EndSeqNo 0: everything from BeginSeqNo on (FIXT.1.1 "infinity").
    send('2', { BeginSeqNo: expected, EndSeqNo: 0 }),
    emit('sequenceGap', { expected, received: seq, resendRequested: true }, false),
  ];
}

function logoutReceived(s: SessionSnapshot, text: string | undefined): SessionAction[] {
  if (s.state === 'logout-sent') return [close(undefined)];
  return [
    { kind: 'set-state', state: 'logout-sent' },
    send('5', {}),
    close(new FixSessionError('FIX_LOGGED_OUT', `the counterparty logged out${text === undefined ? '' : `: ${text}`}`, { text })),
  ];
}

/** Undefined when the CompIDs are this session's; otherwise Reject(3) and Logout(5) (once active) and the end. */
function checkCompIds(s: SessionSnapshot, message: FixMessage): SessionAction[] | undefined {
  const { SenderCompID, TargetCompID, MsgSeqNum } = message.header;
  const senderOk = SenderCompID === s.targetCompId || s.acceptSenderCompIds.has(SenderCompID);
  if (senderOk && TargetCompID === s.inboundTargetCompId) return undefined;
  const out: SessionAction[] = [];
  if (s.state === 'active') {
    const wrong = senderOk ? TAG_TARGET_COMP_ID : TAG_SENDER_COMP_ID;
    out.push(...rejectInbound({ refSeqNum: MsgSeqNum, refMsgType: message.msgType, refTagId: wrong, reason: REASON_COMP_ID, text: 'CompID problem' }), send('5', { Text: 'CompID problem' }));
  }
  out.push(close(new FixSessionError('FIX_COMP_ID_MISMATCH', `message from ${SenderCompID} to ${TargetCompID} on session ${s.senderCompId} → ${s.targetCompId}`)));
  return out;
}

function rejectInbound(reject: FixInboundReject): SessionAction[] {
  return [
    { kind: 'set-next-target', seqNum: reject.refSeqNum + 1 },
    send('3', {
      RefSeqNum: reject.refSeqNum,
      ...(reject.refTagId === undefined ? {} : { RefTagID: reject.refTagId }),
      ...(reject.refMsgType === undefined ? {} : { RefMsgType: reject.refMsgType }),
      SessionRejectReason: reject.reason as NonNullable<FixMessageBodies['3']['SessionRejectReason']>,
      Text: reject.text,
    }),
    emit('inboundReject', reject, false),
  ];
}

function send<T extends '0' | '2' | '3' | '5'>(msgType: T, body: FixMessageBodies[T]): SessionAction {
  return { kind: 'send', msgType, body };
}

function close(error: FixSessionError | undefined): SessionAction {
  return { kind: 'close', error };
}

function emit<K extends DecidedEvent>(event: K, arg: Parameters<FixSessionEvents[K]>[0], safely: boolean): SessionAction {
  return { kind: 'emit', event, arg, safely } as SessionAction;
}
