import { KalshiFixError } from '../codec/errors.js';

/** Why a FIX session failed or refused an operation. */
export type FixSessionErrorCode =
  /** A message was offered while the session is not logged on (or is logging out). */
  | 'FIX_NOT_LOGGED_ON'
  /** The counterparty answered our Logon(A) with a Logout(5); `text` carries its Text(58). */
  | 'FIX_LOGON_REJECTED'
  /** No Logon(A) answer within `logonTimeoutMs`. */
  | 'FIX_LOGON_TIMEOUT'
  /** No message from the counterparty within HeartBtInt after our TestRequest(1). */
  | 'FIX_HEARTBEAT_TIMEOUT'
  /** An inbound MsgSeqNum(34) below the expected one without PossDupFlag(43)=Y: the session is out of sync. */
  | 'FIX_SEQ_TOO_LOW'
  /** SenderCompID(49)/TargetCompID(56) of an inbound message are not this session's. */
  | 'FIX_COMP_ID_MISMATCH'
  /** The counterparty sent Logout(5); `text` carries its Text(58). */
  | 'FIX_LOGGED_OUT'
  /** The transport closed without a Logout(5) exchange. */
  | 'FIX_DISCONNECTED'
  /** The first inbound message of a connection was not a valid Logon(A). */
  | 'FIX_LOGON_EXPECTED'
  /** Signing the Logon failed (the signer rejected); see `cause`. */
  | 'FIX_LOGON_SIGN_FAILED'
  /** An option is out of range or contradicts another; see `field` and `value`. */
  | 'FIX_INVALID_OPTIONS'
  /**
   * `send()` while `maxWriteQueueBytes` or more wait for the transport to drain (`value`: the
   * bytes waiting). Nothing was sent and no sequence number was taken; retry after `drain`.
   */
  | 'FIX_WRITE_QUEUE_FULL';

/** Facts attached to a FixSessionError. Never a signature or key material. */
export interface FixSessionErrorFacts {
  /** Text(58) sent by the counterparty, when the error comes from its Logout or Reject. */
  readonly text?: string | undefined;
  /** Option or field at fault. */
  readonly field?: string | undefined;
  /** The offending option value (never a secret). */
  readonly value?: unknown;
  /** MsgSeqNum(34) expected, for sequence errors. */
  readonly expected?: number | undefined;
  /** MsgSeqNum(34) received, for sequence errors. */
  readonly received?: number | undefined;
  readonly cause?: unknown;
}

/** A FIX session error. Assert on `code`. */
export class FixSessionError extends KalshiFixError {
  override readonly name = 'FixSessionError';
  readonly code: FixSessionErrorCode;
  readonly text: string | undefined;
  readonly field: string | undefined;
  readonly value: unknown;
  readonly expected: number | undefined;
  readonly received: number | undefined;

  constructor(code: FixSessionErrorCode, message: string, facts: FixSessionErrorFacts = {}) {
    super(`${code}: ${message}`, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.text = facts.text;
    this.field = facts.field;
    this.value = facts.value;
    this.expected = facts.expected;
    this.received = facts.received;
  }
}
