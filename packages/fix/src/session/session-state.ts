/**
 * What the session's decision functions see: a read-only snapshot of one `FixSession` at the
 * moment an input (a message, a decode error, a timer) arrives. The decisions never read the
 * store, the clock or the duplex themselves, so they are tested as tables without sockets.
 */
import type { FixSessionState } from './session-options.js';

/** A TestRequest(1) we sent and have not had an answer to. */
export interface PendingTestRequest {
  /** TestReqID(112). */
  readonly id: string;
  /** When it went out, Unix ms. */
  readonly sentMs: number;
}

/** One session's state as the decision functions see it. Times are Unix ms. */
export interface SessionSnapshot {
  readonly state: FixSessionState;
  /** The clock at the input. */
  readonly now: number;
  /** False for an acceptor before its logon check picked a store. */
  readonly hasStore: boolean;
  /** MsgSeqNum(34) expected next from the counterparty (0 without a store). */
  readonly nextTargetSeqNum: number;
  /** Gap recovery with ResendRequest(2) and stored outbound messages. */
  readonly retransmission: boolean;
  /** Highest MsgSeqNum(34) seen beyond a gap we asked to be resent. */
  readonly resendUpTo: number | undefined;
  /** SenderCompID(49) of our messages. */
  readonly senderCompId: string | undefined;
  /** SenderCompID(49) of the counterparty's messages. */
  readonly targetCompId: string | undefined;
  /** TargetCompID(56) inbound messages must carry. */
  readonly inboundTargetCompId: string | undefined;
  /** SenderCompID(49) values accepted inbound besides `targetCompId`. */
  readonly acceptSenderCompIds: ReadonlySet<string>;
  /** Largest accepted |SendingTime(52) − now|. */
  readonly maxDriftMs: number;
  /** HeartBtInt(108) in ms. */
  readonly heartbeatMs: number;
  readonly lastSentMs: number;
  readonly lastReceivedMs: number;
  readonly testRequest: PendingTestRequest | undefined;
  /** When the logon or logout wait ends. */
  readonly deadlineMs: number;
  /** For the `FIX_LOGON_TIMEOUT` message. */
  readonly logonTimeoutMs: number;
}
