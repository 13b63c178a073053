/**
 * Where a FIX session keeps its sequence numbers and, on sessions with retransmission
 * (KalshiRT, KalshiRFQ), the application messages it sent, so it can answer a ResendRequest(2)
 * after a reconnect or a restart.
 */

/** One stored outbound message: its MsgSeqNum(34) and the bytes as first sent. */
export interface StoredMessage {
  readonly seqNum: number;
  readonly bytes: Uint8Array;
}

/**
 * A session's persistent state. Synchronous on purpose: the session updates it between
 * encoding a message and writing it to the socket, so a message is never on the wire before
 * its sequence number is recorded. Implementations: {@link MemorySessionStore},
 * {@link FileSessionStore}.
 */
export interface FixSessionStore {
  /** MsgSeqNum(34) of the next message we send; starts at 1. */
  readonly nextSenderSeqNum: number;
  /** MsgSeqNum(34) we expect next from the counterparty; starts at 1. */
  readonly nextTargetSeqNum: number;
  /** @throws FixStoreError `FIX_STORE_BAD_SEQ_NUM` unless a positive safe integer. */
  setNextSenderSeqNum(seqNum: number): void;
  /** @throws FixStoreError `FIX_STORE_BAD_SEQ_NUM` unless a positive safe integer. */
  setNextTargetSeqNum(seqNum: number): void;
  /** Keeps an application message we sent, for resends. */
  saveOutbound(seqNum: number, bytes: Uint8Array): void;
  /** Stored messages with `begin <= seqNum <= end`, ascending. */
  getOutbound(begin: number, end: number): StoredMessage[];
  /** Both sequence numbers back to 1 and no stored messages (ResetSeqNumFlag(141)=Y). */
  reset(): void;
  /** Releases files; the store is not used afterwards. */
  close(): void;
}

/** Checks a sequence number handed to a store. */
export function isSeqNum(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}
