import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FixStoreError } from './errors.js';
import { checked, collect } from './memory-store.js';
import { type FixSessionStore, isSeqNum, type StoredMessage } from './session-store.js';

/** Options of {@link FileSessionStore.open}. */
export interface FileSessionStoreOptions {
  /** Directory for the store's files; created when missing. */
  readonly dir: string;
  /**
   * File name stem, one per session: e.g. `<apiKeyId>-KalshiRT-demo`. Characters other than
   * letters, digits, `.`, `_` and `-` are replaced with `_`.
   */
  readonly name: string;
  /**
   * fsync after every write, so a power loss cannot roll sequence numbers back. Default false
   * (as QuickFIX's file store): writes are atomic and ordered, but may sit in the OS cache.
   */
  readonly fsync?: boolean;
}

const RECORD_HEADER = 8;

/**
 * A session store on disk, the default for sessions with retransmission (KalshiRT, KalshiRFQ):
 * a restarted process resumes with the same sequence numbers and can still resend what it sent.
 *
 * Files: `<name>.seqnums.json` holds both sequence numbers and is replaced atomically (written
 * to a temporary file, then renamed over the old one), so a crash leaves either the old or the
 * new numbers, never a torn file. `<name>.messages` is an append-only log of sent application
 * messages (`seqNum` u32 BE, `length` u32 BE, bytes); a record cut short by a crash is dropped
 * at the next open. Both are cleared by {@link reset} (ResetSeqNumFlag(141)=Y or Kalshi's weekly
 * sequence reset). Stored messages are also kept in memory for resends.
 */
export class FileSessionStore implements FixSessionStore {
  private sender: number;
  private target: number;
  private readonly messages: Map<number, Uint8Array>;
  private readonly seqPath: string;
  private readonly tmpPath: string;
  private readonly logPath: string;
  private readonly fsync: boolean;
  private logFd: number | undefined;

  private constructor(paths: { seq: string; log: string }, state: { sender: number; target: number; messages: Map<number, Uint8Array>; logFd: number }, fsync: boolean) {
    this.seqPath = paths.seq;
    this.tmpPath = `${paths.seq}.tmp`;
    this.logPath = paths.log;
    this.sender = state.sender;
    this.target = state.target;
    this.messages = state.messages;
    this.logFd = state.logFd;
    this.fsync = fsync;
  }

  /**
   * Opens (or creates) the store named `name` in `dir` and loads its state.
   * @throws FixStoreError `FIX_STORE_IO` when the files cannot be read or created,
   *   `FIX_STORE_CORRUPT` when the sequence-number file does not parse.
   */
  static open(options: FileSessionStoreOptions): FileSessionStore {
    const stem = options.name.replace(/[^A-Za-z0-9._-]/g, '_');
    const seq = join(options.dir, `${stem}.seqnums.json`);
    const log = join(options.dir, `${stem}.messages`);
    io(() => mkdirSync(options.dir, { recursive: true }), options.dir);
    let sender = 1;
    let target = 1;
    const text = readOptional(seq);
    if (text !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const p = parsed as { nextSenderSeqNum?: unknown; nextTargetSeqNum?: unknown } | undefined;
      if (typeof p?.nextSenderSeqNum !== 'number' || typeof p.nextTargetSeqNum !== 'number' || !isSeqNum(p.nextSenderSeqNum) || !isSeqNum(p.nextTargetSeqNum)) {
        throw new FixStoreError('FIX_STORE_CORRUPT', 'the sequence-number file does not hold two positive sequence numbers', { path: seq });
      }
      sender = p.nextSenderSeqNum;
      target = p.nextTargetSeqNum;
    }
    const messages = new Map<number, Uint8Array>();
    const logFd = io(() => openSync(log, 'a+'), log);
    const bytes = readOptionalBytes(log) ?? new Uint8Array(0);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = 0;
    while (pos + RECORD_HEADER <= bytes.length) {
      const seqNum = view.getUint32(pos);
      const length = view.getUint32(pos + 4);
      if (pos + RECORD_HEADER + length > bytes.length) break;
      messages.set(seqNum, bytes.slice(pos + RECORD_HEADER, pos + RECORD_HEADER + length));
      pos += RECORD_HEADER + length;
    }
    if (pos < bytes.length) io(() => ftruncateSync(logFd, pos), log);
    return new FileSessionStore({ seq, log }, { sender, target, messages, logFd }, options.fsync ?? false);
  }

  get nextSenderSeqNum(): number {
    return this.sender;
  }

  get nextTargetSeqNum(): number {
    return this.target;
  }

  /** @throws FixStoreError `FIX_STORE_BAD_SEQ_NUM`, `FIX_STORE_IO`. */
  setNextSenderSeqNum(seqNum: number): void {
    this.sender = checked(seqNum);
    this.persist();
  }

  /** @throws FixStoreError `FIX_STORE_BAD_SEQ_NUM`, `FIX_STORE_IO`. */
  setNextTargetSeqNum(seqNum: number): void {
    this.target = checked(seqNum);
    this.persist();
  }

  /** Appends the message to the log. @throws FixStoreError `FIX_STORE_BAD_SEQ_NUM`, `FIX_STORE_IO`. */
  saveOutbound(seqNum: number, bytes: Uint8Array): void {
    checked(seqNum);
    const record = new Uint8Array(RECORD_HEADER + bytes.length);
    const view = new DataView(record.buffer);
    view.setUint32(0, seqNum);
    view.setUint32(4, bytes.length);
    record.set(bytes, RECORD_HEADER);
    const fd = this.fd();
    io(() => {
      writeSync(fd, record);
      if (this.fsync) fsyncSync(fd);
    }, this.logPath);
    this.messages.set(seqNum, record.subarray(RECORD_HEADER));
  }

  getOutbound(begin: number, end: number): StoredMessage[] {
    return collect(this.messages, begin, end);
  }

  /** @throws FixStoreError `FIX_STORE_IO`. */
  reset(): void {
    const fd = this.fd();
    io(() => ftruncateSync(fd, 0), this.logPath);
    this.messages.clear();
    this.sender = 1;
    this.target = 1;
    this.persist();
  }

  close(): void {
    if (this.logFd === undefined) return;
    const fd = this.logFd;
    this.logFd = undefined;
    io(() => closeSync(fd), this.logPath);
  }

  private fd(): number {
    if (this.logFd === undefined) throw new FixStoreError('FIX_STORE_IO', 'the store is closed', { path: this.logPath });
    return this.logFd;
  }

  private persist(): void {
    const text = JSON.stringify({ nextSenderSeqNum: this.sender, nextTargetSeqNum: this.target });
    io(() => {
      const fd = openSync(this.tmpPath, 'w');
      try {
        writeSync(fd, text);
        if (this.fsync) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(this.tmpPath, this.seqPath);
    }, this.seqPath);
  }
}

function io<T>(fn: () => T, path: string): T {
  try {
    return fn();
  } catch (error) {
    const causeCode = (error as { code?: unknown }).code;
    throw new FixStoreError('FIX_STORE_IO', `cannot read or write ${path}`, {
      path,
      ...(typeof causeCode === 'string' ? { causeCode } : {}),
      cause: error,
    });
  }
}

function readOptionalBytes(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    return io(() => {
      throw error;
    }, path);
  }
}

function readOptional(path: string): string | undefined {
  const bytes = readOptionalBytes(path);
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}
