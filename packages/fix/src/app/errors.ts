import { KalshiFixError } from '../codec/errors.js';

/** Why an order or request was refused before anything was sent. */
export type FixValidationErrorCode =
  /** A price is outside (0, 1) dollars, or finer than the session's format allows (whole cents unless UseDollars; 4 decimals with it). */
  | 'FIX_INVALID_PRICE'
  /** A quantity is zero where it must be positive, or out of range. */
  | 'FIX_INVALID_QUANTITY'
  /** Another field is malformed (ClOrdID charset and length, subaccount range, ...). */
  | 'FIX_INVALID_FIELD'
  /** A field needed for this request is absent (ExpireTime with GTD, OrderGroupID for a group action). */
  | 'FIX_MISSING_FIELD'
  /** Cancel or replace of an order the client does not know, without the Symbol and Side to send it anyway. */
  | 'FIX_UNKNOWN_ORDER'
  /**
   * The message is not one a client sends on this Kalshi session (e.g. OrderMassCancelRequest
   * outside KalshiNR, orders on a listener session); `field` is `MsgType`, `value` the MsgType.
   * Doc pages: /fix/common-components, /fix/order-entry, /fix/listener-sessions.
   */
  | 'FIX_UNSUPPORTED_ON_SESSION';

/** A request that was not sent because a field is invalid. Names the field and the offending value. */
export class FixValidationError extends KalshiFixError {
  override readonly name = 'FixValidationError';
  readonly code: FixValidationErrorCode;
  /** FIX field name (e.g. `Price`, `ClOrdID`) or option name. */
  readonly field: string;
  /** The offending value as given (prices and counts as their decimal text). */
  readonly value: unknown;

  constructor(code: FixValidationErrorCode, field: string, value: unknown, why: string) {
    super(`${code}: ${field} ${describe(value)} ${why}`);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/** Why a request sent to Kalshi did not get its answer. */
export type FixRequestErrorCode =
  /** Kalshi answered with BusinessMessageReject(j); see `reason` (BusinessRejectReason 380) and `text`. */
  | 'FIX_BUSINESS_REJECT'
  /** Kalshi answered with a session-level Reject(3); see `reason` (SessionRejectReason 373). */
  | 'FIX_SESSION_REJECT'
  /** Kalshi answered an EventResendRequest(U1) with EventResendReject(U3); see `reason` (21004). */
  | 'FIX_EVENT_RESEND_REJECTED'
  /** Kalshi answered an OrderMassCancelRequest(q) with MassCancelResponse(531)=0; see `reason` (532). */
  | 'FIX_MASS_CANCEL_REJECTED'
  /** The connection ended before the answer came. */
  | 'FIX_REQUEST_ABORTED';

/** A request Kalshi refused, or whose answer was lost with the connection. */
export class FixRequestError extends KalshiFixError {
  override readonly name = 'FixRequestError';
  readonly code: FixRequestErrorCode;
  /** MsgType(35) of the request. */
  readonly msgType: string;
  /** The numeric reason code Kalshi gave, if any. */
  readonly reason: number | undefined;
  /** Text(58) from Kalshi, if any. */
  readonly text: string | undefined;

  constructor(code: FixRequestErrorCode, msgType: string, facts: { reason?: number | undefined; text?: string | undefined } = {}) {
    super(`${code}: MsgType ${msgType}${facts.reason === undefined ? '' : ` reason ${facts.reason}`}${facts.text === undefined ? '' : `: ${facts.text}`}`);
    this.code = code;
    this.msgType = msgType;
    this.reason = facts.reason;
    this.text = facts.text;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
