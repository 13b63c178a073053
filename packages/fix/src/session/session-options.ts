/** The options of a `FixSession`, for either role, the types they are made of, and their defaults and checks. */
import type { FixMessageOf } from '../codec/message.js';
import type { FixMsgType, Logon } from '../generated/messages.js';
import type { FixSessionStore } from '../store/session-store.js';
import type { FixClock } from './clock.js';
import { FixSessionError } from './errors.js';

/** Where a session is in its life. */
export type FixSessionState =
  /** Created, `start()` not called yet. */
  | 'idle'
  /** Initiator: Logon(A) being signed or sent, waiting for the answer. */
  | 'logon-sent'
  /** Acceptor: waiting for the counterparty's Logon(A). */
  | 'awaiting-logon'
  /** Logged on: application messages flow. */
  | 'active'
  /** Our Logout(5) is out, waiting for the counterparty's. */
  | 'logout-sent'
  /** The connection is over. */
  | 'closed';

/** MsgType(35) values of application messages (the dictionary's `msgcat='app'`). */
export type FixAppMsgType = Exclude<FixMsgType, '0' | '1' | '2' | '3' | '4' | '5' | 'A'>;

/** Logon(A) fields besides the ones the session sets (EncryptMethod, HeartBtInt, DefaultApplVerID, ResetSeqNumFlag). */
export type FixLogonFields = Omit<Logon, 'EncryptMethod' | 'HeartBtInt' | 'DefaultApplVerID' | 'ResetSeqNumFlag'>;

/** The header of the Logon(A) about to be sent, handed to `logonFields` (Kalshi signs it into RawData(96)). */
export interface FixLogonHeader {
  readonly SenderCompID: string;
  readonly TargetCompID: string;
  readonly MsgSeqNum: number;
  /** SendingTime(52) exactly as it will be sent. */
  readonly SendingTime: string;
}

/** Options both roles share. */
export interface FixSessionCommonOptions {
  /** Time source and timers; default the system clock. */
  readonly clock?: FixClock;
  /**
   * Largest accepted distance, in ms, between an inbound SendingTime(52) and our clock;
   * farther is answered with Reject(3) SessionRejectReason 10. Default 30,000.
   */
  readonly maxSendingTimeDriftMs?: number;
  /** Milliseconds to wait for the counterparty's Logout(5) after ours; default 5,000. */
  readonly logoutTimeoutMs?: number;
  /** Milliseconds to wait for the Logon(A) (or its answer); default 10,000. */
  readonly logonTimeoutMs?: number;
  /** Largest inbound message in bytes; default 1 MiB. */
  readonly maxMessageSize?: number;
  /**
   * Bytes of outbound messages the session holds while the transport applies backpressure
   * (`duplex.write()` returned false and 'drain' has not come yet); default 1 MiB. While this
   * much or more waits, `send()` throws FixSessionError `FIX_WRITE_QUEUE_FULL` before the message
   * takes a sequence number; the session's own messages (heartbeats, resends, rejects, logout)
   * are queued regardless. The `drain` event says when the queue has emptied.
   */
  readonly maxWriteQueueBytes?: number;
}

/** A session that logs on: Kalshi's side of a client. */
export interface FixInitiatorOptions extends FixSessionCommonOptions {
  readonly role: 'initiator';
  /** SenderCompID(49): for Kalshi, the API key id. */
  readonly senderCompId: string;
  /** TargetCompID(56): for Kalshi, the session name (`KalshiNR`, `KalshiRT`, ...). */
  readonly targetCompId: string;
  /**
   * SenderCompID(49) values accepted on inbound messages besides `targetCompId` (Kalshi writes
   * `Kalshi` there, per /fix/common-components). Anything else ends the session with
   * `FIX_COMP_ID_MISMATCH`. Default none.
   */
  readonly acceptSenderCompIds?: readonly string[];
  readonly store: FixSessionStore;
  /** HeartBtInt(108), seconds; default 30. */
  readonly heartbeatIntervalSec?: number;
  /**
   * Gap recovery: on an inbound gap send ResendRequest(2), and keep sent application messages
   * in the store to answer the counterparty's. Without it a gap is reported (`sequenceGap`) and
   * skipped, and resend requests are answered with one gap fill. Default false.
   */
  readonly retransmission?: boolean;
  /** Log on with ResetSeqNumFlag(141)=Y, both sequence numbers back to 1. Default false. */
  readonly resetSeqNumOnLogon?: boolean;
  /**
   * Extra Logon(A) fields for this header (signature, venue flags). Called again with a fresh
   * SendingTime if producing them took longer than half of `maxSendingTimeDriftMs`.
   */
  readonly logonFields?: (header: FixLogonHeader) => Promise<FixLogonFields> | FixLogonFields;
}

/** What an acceptor decides on a counterparty's Logon(A). */
export type FixLogonDecision =
  | {
      readonly accept: true;
      /** The session's state, usually kept by the acceptor across connections. */
      readonly store: FixSessionStore;
      /** As {@link FixInitiatorOptions.retransmission}. */
      readonly retransmission: boolean;
      /** Extra fields for our Logon(A) answer. */
      readonly logonFields?: FixLogonFields;
      /**
       * SenderCompID(49) of our messages (Kalshi writes `Kalshi`); default the Logon's
       * TargetCompID(56). Inbound messages must still be addressed to that TargetCompID.
       */
      readonly localCompId?: string;
    }
  | {
      readonly accept: false;
      /** Text(58) of the Logout(5) sent back. */
      readonly text: string;
      /** SenderCompID(49) of that Logout; default the Logon's TargetCompID(56). */
      readonly localCompId?: string;
    };

/** A session that waits for a Logon: an exchange or a test counterparty. */
export interface FixAcceptorOptions extends FixSessionCommonOptions {
  readonly role: 'acceptor';
  /** Checks the Logon(A) (signature, CompIDs) and picks the session's store. */
  readonly onLogon: (logon: FixMessageOf<'A'>) => Promise<FixLogonDecision> | FixLogonDecision;
}

/** Options of a {@link FixSession}. */
export type FixSessionOptions = FixInitiatorOptions | FixAcceptorOptions;


/** The numeric options of a session, defaulted and checked. Milliseconds and bytes. */
export interface SessionLimits {
  readonly maxDriftMs: number;
  readonly logonTimeoutMs: number;
  readonly logoutTimeoutMs: number;
  readonly maxWriteQueueBytes: number;
  /** HeartBtInt(108) of an initiator; an acceptor takes the counterparty's. */
  readonly heartbeatMs: number;
}

/**
 * Defaults and checks the numeric options.
 * @throws FixSessionError `FIX_INVALID_OPTIONS` naming the field: a time or size not positive,
 *   a heartbeat interval not a positive whole number of seconds.
 */
export function sessionLimits(options: FixSessionOptions): SessionLimits {
  const maxDriftMs = positive(options.maxSendingTimeDriftMs ?? 30_000, 'maxSendingTimeDriftMs');
  const logonTimeoutMs = positive(options.logonTimeoutMs ?? 10_000, 'logonTimeoutMs');
  const logoutTimeoutMs = positive(options.logoutTimeoutMs ?? 5_000, 'logoutTimeoutMs');
  const maxWriteQueueBytes = positive(options.maxWriteQueueBytes ?? 1024 * 1024, 'maxWriteQueueBytes');
  let heartbeatMs = 30_000;
  if (options.role === 'initiator') {
    const hb = options.heartbeatIntervalSec ?? 30;
    if (!Number.isSafeInteger(hb) || hb < 1) {
      throw new FixSessionError('FIX_INVALID_OPTIONS', 'heartbeatIntervalSec must be a positive integer', { field: 'heartbeatIntervalSec', value: hb });
    }
    heartbeatMs = hb * 1000;
  }
  return { maxDriftMs, logonTimeoutMs, logoutTimeoutMs, maxWriteQueueBytes, heartbeatMs };
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new FixSessionError('FIX_INVALID_OPTIONS', `${field} must be a positive number`, { field, value });
  return value;
}
