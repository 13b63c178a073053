/** The typed shape of a FIX message as the codec encodes and decodes it. */
import type { FixMessageBodies, FixMsgType, StandardHeader, StandardTrailer } from '../generated/messages.js';

/**
 * One message of type `T`: BeginString(8), BodyLength(9), MsgType(35) and CheckSum(10) are
 * written and checked by the codec, as are the LENGTH fields of DATA pairs (RawDataLength 95,
 * SignatureLength 93). Property names are the dictionary's field names; repeating groups are
 * arrays named after their NumInGroup field (e.g. `NoPartyIDs`).
 */
export interface FixMessageOf<T extends FixMsgType> {
  readonly msgType: T;
  readonly header: StandardHeader;
  readonly body: FixMessageBodies[T];
  readonly trailer?: StandardTrailer;
}

/** Any message of the dictionary; `switch (m.msgType)` narrows `body`. */
export type FixMessage = { [T in FixMsgType]: FixMessageOf<T> }[FixMsgType];
