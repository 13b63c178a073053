/**
 * The error hierarchy of @kalshi-sdk/fix. Every error carries a stable string `code`; decode
 * errors also carry the FIX tag and byte offset. Field values never appear in errors or their
 * messages: a value may be a password (tag 554) or a logon signature (tag 96).
 */

/** Base class of every error thrown by @kalshi-sdk/fix. */
export abstract class KalshiFixError extends Error {
  abstract readonly code: string;
}

/**
 * Why bytes could not be decoded. Codes marked *garbled* mean the frame itself is unusable (FIX
 * session rules: ignore it, do not reject it); the others are well-framed messages that break the
 * dictionary, answered with a session Reject(3) carrying `sessionRejectReason` (tag 373).
 */
export type FixDecodeErrorCode =
  /** Garbled: the frame does not start with `8=<BeginString>␁`. */
  | 'FIX_BAD_BEGIN_STRING'
  /** Garbled: BodyLength(9) is missing, not a number, or does not end where CheckSum(10) starts. */
  | 'FIX_BAD_BODY_LENGTH'
  /** Garbled: CheckSum(10) is not three digits or does not match the bytes. */
  | 'FIX_BAD_CHECKSUM'
  /** Garbled: not `tag=value␁` (non-digit or zero-led tag, missing `=`, MsgType not third, bad DATA length). */
  | 'FIX_MALFORMED'
  /** Garbled: the frame is larger than the framer's `maxMessageSize`. */
  | 'FIX_MESSAGE_TOO_LARGE'
  /** MsgType(35) is not in the dictionary (SessionRejectReason 11). */
  | 'FIX_UNKNOWN_MSG_TYPE'
  /** The tag is not in the dictionary (SessionRejectReason 0). */
  | 'FIX_UNKNOWN_TAG'
  /** The tag is in the dictionary but not in this message (SessionRejectReason 2). */
  | 'FIX_TAG_NOT_IN_MESSAGE'
  /** A required field is absent (SessionRejectReason 1). */
  | 'FIX_REQUIRED_TAG_MISSING'
  /** `tag=␁` with no value (SessionRejectReason 4). */
  | 'FIX_EMPTY_VALUE'
  /** The value is not of the field's type: int, decimal, Y/N, char, UTCTimestamp, date (SessionRejectReason 6). */
  | 'FIX_BAD_VALUE_FORMAT'
  /** The value is not one of the field's enumerated values (SessionRejectReason 5). */
  | 'FIX_VALUE_NOT_IN_ENUM'
  /** The tag appears twice outside a repeating group (SessionRejectReason 13). */
  | 'FIX_DUPLICATE_TAG'
  /** A header field after the body, a body field after the trailer, or a framing tag inside the body (SessionRejectReason 14). */
  | 'FIX_TAG_OUT_OF_ORDER'
  /** A group entry does not start with its delimiter, or repeats a field (SessionRejectReason 15). */
  | 'FIX_GROUP_ORDER'
  /** The NumInGroup count differs from the entries present (SessionRejectReason 16). */
  | 'FIX_GROUP_COUNT';

const SESSION_REJECT_REASON: Readonly<Partial<Record<FixDecodeErrorCode, number>>> = {
  FIX_UNKNOWN_TAG: 0,
  FIX_REQUIRED_TAG_MISSING: 1,
  FIX_TAG_NOT_IN_MESSAGE: 2,
  FIX_EMPTY_VALUE: 4,
  FIX_VALUE_NOT_IN_ENUM: 5,
  FIX_BAD_VALUE_FORMAT: 6,
  FIX_UNKNOWN_MSG_TYPE: 11,
  FIX_DUPLICATE_TAG: 13,
  FIX_TAG_OUT_OF_ORDER: 14,
  FIX_GROUP_ORDER: 15,
  FIX_GROUP_COUNT: 16,
};

/** Facts attached to a FixDecodeError. */
export interface FixDecodeErrorFacts {
  /** The FIX tag at fault, when one is. */
  readonly tag?: number | undefined;
  /** Byte offset of the fault: within the frame (`FixCodec.decode`) or the stream (`FixFramer`). */
  readonly offset: number;
  /** MsgType(35) when it was read before the fault. */
  readonly msgType?: string | undefined;
  /** MsgSeqNum(34) when the frame carries a readable one: the RefSeqNum(45) of a Reject. */
  readonly msgSeqNum?: number | undefined;
}

/** Bytes that are not a valid FIX message of the dictionary. Thrown by `FixCodec.decode`, reported by `FixFramer`. */
export class FixDecodeError extends KalshiFixError {
  override readonly name = 'FixDecodeError';
  readonly code: FixDecodeErrorCode;
  readonly tag: number | undefined;
  readonly offset: number;
  readonly msgType: string | undefined;
  readonly msgSeqNum: number | undefined;

  constructor(code: FixDecodeErrorCode, facts: FixDecodeErrorFacts) {
    const tag = facts.tag === undefined ? '' : ` tag ${facts.tag}`;
    const msg = facts.msgType === undefined ? '' : ` in MsgType ${facts.msgType}`;
    super(`${code}:${tag} at byte ${facts.offset}${msg}`);
    this.code = code;
    this.tag = facts.tag;
    this.offset = facts.offset;
    this.msgType = facts.msgType;
    this.msgSeqNum = facts.msgSeqNum;
  }

  /** True when the frame itself is unusable: a FIX session ignores such a message instead of rejecting it. */
  get garbled(): boolean {
    return this.sessionRejectReason === undefined;
  }

  /** SessionRejectReason(373) for the Reject(3) answering this message; undefined when garbled. */
  get sessionRejectReason(): number | undefined {
    return SESSION_REJECT_REASON[this.code];
  }
}

/** Why a message object could not be encoded. */
export type FixEncodeErrorCode =
  /** `msgType` is not in the dictionary. */
  | 'FIX_ENCODE_UNKNOWN_MSG_TYPE'
  /** A required field (or a group entry's delimiter) is absent. */
  | 'FIX_ENCODE_MISSING_FIELD'
  /** A property is not a field of the message, header, trailer or group entry. */
  | 'FIX_ENCODE_UNKNOWN_FIELD'
  /** A value does not fit the field's type or enum, is empty, or contains SOH. */
  | 'FIX_ENCODE_BAD_VALUE';

/** Facts attached to a FixEncodeError. */
export interface FixEncodeErrorFacts {
  readonly msgType: string;
  /** Field (or group) name at fault. */
  readonly field?: string | undefined;
  readonly tag?: number | undefined;
}

/** A message object that cannot be encoded. Thrown by `FixCodec.encode`. */
export class FixEncodeError extends KalshiFixError {
  override readonly name = 'FixEncodeError';
  readonly code: FixEncodeErrorCode;
  readonly msgType: string;
  readonly field: string | undefined;
  readonly tag: number | undefined;

  constructor(code: FixEncodeErrorCode, facts: FixEncodeErrorFacts) {
    const field = facts.field === undefined ? '' : ` ${facts.field}${facts.tag === undefined ? '' : `(${facts.tag})`}`;
    super(`${code}:${field} in MsgType ${facts.msgType}`);
    this.code = code;
    this.msgType = facts.msgType;
    this.field = facts.field;
    this.tag = facts.tag;
  }
}
