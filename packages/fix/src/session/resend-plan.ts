/**
 * How to answer a counterparty's ResendRequest(2): which stored application messages go out
 * again (with PossDupFlag(43)=Y) and which ranges become SequenceReset(4)-GapFill (the plan is
 * pure; {@link resendAnswer} encodes it).
 */
import type { FixCodec } from '../codec/codec.js';
import type { FixMessage } from '../codec/message.js';
import { formatUtcTimestamp } from '../codec/utc-timestamp.js';
import type { StandardHeader } from '../generated/messages.js';
import type { FixSessionStore, StoredMessage } from '../store/session-store.js';

/** One message of a resend answer, in MsgSeqNum order. */
export type ResendStep =
  /** Send this stored message again under its own MsgSeqNum. */
  | { readonly kind: 'resend'; readonly message: StoredMessage }
  /** SequenceReset-GapFill numbered `seqNum`, NewSeqNo(36) `newSeqNo`. */
  | { readonly kind: 'gap-fill'; readonly seqNum: number; readonly newSeqNo: number };

/** What {@link planResend} needs. */
export interface ResendRequestInput {
  /** BeginSeqNo(7). */
  readonly begin: number;
  /** EndSeqNo(16); 0 means everything sent. */
  readonly end: number;
  /** MsgSeqNum(34) of our last message sent. */
  readonly lastSent: number;
}

/**
 * The range a ResendRequest(2) asks for, clamped to what was sent; undefined when it is empty
 * or starts before 1 (nothing is sent back).
 */
export function resendRange(input: ResendRequestInput): { readonly begin: number; readonly stop: number } | undefined {
  const stop = input.end === 0 || input.end > input.lastSent ? input.lastSent : input.end;
  if (input.begin < 1 || input.begin > stop) return undefined;
  return { begin: input.begin, stop };
}

/**
 * The answer to a ResendRequest for `begin`..`stop`: the `stored` messages (those in the range
 * the store kept, ascending) again, every hole between them as one gap fill.
 */
export function planResend(begin: number, stop: number, stored: readonly StoredMessage[]): ResendStep[] {
  const steps: ResendStep[] = [];
  let gapStart = begin;
  for (const message of stored) {
    if (message.seqNum > gapStart) steps.push({ kind: 'gap-fill', seqNum: gapStart, newSeqNo: message.seqNum });
    steps.push({ kind: 'resend', message });
    gapStart = message.seqNum + 1;
  }
  if (gapStart <= stop) steps.push({ kind: 'gap-fill', seqNum: gapStart, newSeqNo: stop + 1 });
  return steps;
}

/** What {@link resendAnswer} needs. */
export interface ResendAnswerInput {
  /** BeginSeqNo(7) and EndSeqNo(16) of the ResendRequest. */
  readonly begin: number;
  readonly end: number;
  readonly store: FixSessionStore;
  /** Without retransmission nothing is stored: the whole range is one gap fill. */
  readonly retransmission: boolean;
  readonly codec: FixCodec;
  /** Unix ms, for SendingTime(52). */
  readonly now: () => number;
  /** Our header for MsgSeqNum `seq` (CompIDs, SendingTime). */
  readonly header: (seq: number) => StandardHeader;
}

/**
 * The encoded answer to a ResendRequest(2), message by message (lazily, so each is written
 * before the next is made): stored application messages again with PossDupFlag(43)=Y and
 * OrigSendingTime(122), everything else as SequenceReset(4)-GapFill.
 * @throws FixDecodeError for a stored message that no longer decodes.
 */
export function* resendAnswer(input: ResendAnswerInput): Generator<Uint8Array> {
  const { store, codec } = input;
  const range = resendRange({ begin: input.begin, end: input.end, lastSent: store.nextSenderSeqNum - 1 });
  if (range === undefined) return;
  const stored = input.retransmission ? store.getOutbound(range.begin, range.stop) : [];
  for (const step of planResend(range.begin, range.stop, stored)) {
    if (step.kind === 'gap-fill') {
      const header: StandardHeader = { ...input.header(step.seqNum), PossDupFlag: true, OrigSendingTime: formatUtcTimestamp(input.now()) };
      yield codec.encode({ msgType: '4', header, body: { GapFillFlag: true, NewSeqNo: step.newSeqNo } });
      continue;
    }
    const original = codec.decode(step.message.bytes);
    const header: StandardHeader = {
      ...original.header,
      PossDupFlag: true,
      OrigSendingTime: original.header.SendingTime,
      SendingTime: formatUtcTimestamp(input.now()),
    };
    yield codec.encode({ msgType: original.msgType, header, body: original.body } as FixMessage);
  }
}
