/** What a `FixSession` reports: its closed event map and the facts its events carry. */
import type { FixDecodeError } from '../codec/errors.js';
import type { FixMessage, FixMessageOf } from '../codec/message.js';
import type { FixSessionError } from './errors.js';
import type { FixSessionState } from './session-options.js';

/** An inbound message we answered with Reject(3). */
export interface FixInboundReject {
  readonly refSeqNum: number;
  readonly refMsgType: string | undefined;
  readonly refTagId: number | undefined;
  /** SessionRejectReason(373). */
  readonly reason: number;
  readonly text: string;
}

/** A hole in the counterparty's sequence numbers. */
export interface FixSequenceGap {
  /** MsgSeqNum(34) expected. */
  readonly expected: number;
  /** MsgSeqNum(34) received. */
  readonly received: number;
  /** True when a ResendRequest(2) went out; false when the session has no retransmission and skipped the gap. */
  readonly resendRequested: boolean;
}

/**
 * Events of a `FixSession`, a closed map: a misspelt event name does not compile. Listeners run
 * synchronously; an exception thrown by one is rethrown on a microtask.
 */
export interface FixSessionEvents {
  /** An application message, in sequence (resent ones carry `header.PossDupFlag`). */
  message: (message: FixMessage) => void;
  /** The counterparty rejected one of our messages with Reject(3). */
  reject: (reject: FixMessageOf<'3'>) => void;
  /** We rejected one of the counterparty's messages with Reject(3). */
  inboundReject: (reject: FixInboundReject) => void;
  sequenceGap: (gap: FixSequenceGap) => void;
  /** Bytes that were not a message (bad framing or CheckSum): ignored, as FIX requires. */
  garbled: (error: FixDecodeError) => void;
  state: (state: FixSessionState) => void;
  /** The connection is over: `undefined` after an orderly Logout we started, the reason otherwise. */
  close: (error: FixSessionError | undefined) => void;
  /**
   * The transport took every message the session held back under backpressure (see
   * `maxWriteQueueBytes`): `send()` accepts messages again.
   */
  drain: () => void;
}

