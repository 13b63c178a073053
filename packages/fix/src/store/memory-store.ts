import { FixStoreError } from './errors.js';
import { type FixSessionStore, isSeqNum, type StoredMessage } from './session-store.js';

/**
 * A session store in memory: the default for sessions that reset sequence numbers on every
 * Logon (KalshiNR, KalshiDC, KalshiPT). State is lost with the process.
 */
export class MemorySessionStore implements FixSessionStore {
  private sender = 1;
  private target = 1;
  private readonly messages = new Map<number, Uint8Array>();

  get nextSenderSeqNum(): number {
    return this.sender;
  }

  get nextTargetSeqNum(): number {
    return this.target;
  }

  setNextSenderSeqNum(seqNum: number): void {
    this.sender = checked(seqNum);
  }

  setNextTargetSeqNum(seqNum: number): void {
    this.target = checked(seqNum);
  }

  saveOutbound(seqNum: number, bytes: Uint8Array): void {
    this.messages.set(checked(seqNum), bytes.slice());
  }

  getOutbound(begin: number, end: number): StoredMessage[] {
    return collect(this.messages, begin, end);
  }

  reset(): void {
    this.sender = 1;
    this.target = 1;
    this.messages.clear();
  }

  close(): void {}
}

export function checked(seqNum: number): number {
  if (!isSeqNum(seqNum)) throw new FixStoreError('FIX_STORE_BAD_SEQ_NUM', `sequence number ${String(seqNum)} is not a positive integer`);
  return seqNum;
}

/** Messages of `messages` with seqNum in `[begin, end]`, ascending. */
export function collect(messages: ReadonlyMap<number, Uint8Array>, begin: number, end: number): StoredMessage[] {
  const out: StoredMessage[] = [];
  if (end - begin < messages.size) {
    for (let seqNum = begin; seqNum <= end; seqNum++) {
      const bytes = messages.get(seqNum);
      if (bytes !== undefined) out.push({ seqNum, bytes });
    }
    return out;
  }
  for (const [seqNum, bytes] of messages) if (seqNum >= begin && seqNum <= end) out.push({ seqNum, bytes });
  return out.sort((a, b) => a.seqNum - b.seqNum);
}
