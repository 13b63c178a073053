/**
 * Streaming framer: cuts a TCP byte stream into FIX frames. A frame is found by its
 * `8=<BeginString>␁9=<BodyLength>␁` start and must end, BodyLength bytes later, with
 * `10=NNN␁`. Chunks may split or merge frames anywhere. Bytes that are not a frame are reported
 * once per run as a garbled FixDecodeError and skipped up to the next `8=<BeginString>␁`.
 * Buffered bytes never exceed `maxMessageSize` plus one chunk. The checksum itself is verified
 * by `FixCodec.decode`, in the same pass as the fields.
 */
import { ascii } from './compiled-dictionary.js';
import { FixDecodeError, type FixDecodeErrorCode } from './errors.js';

const SOH = 1;
/** `10=NNN␁` */
const TRAILER_LENGTH = 7;

/** Options of a FixFramer. */
export interface FixFramerOptions {
  /** Largest frame accepted, in bytes; larger ones are skipped as FIX_MESSAGE_TOO_LARGE. Default 1 MiB. */
  readonly maxMessageSize?: number;
  /** BeginString(8) value. Default `FIXT.1.1`. */
  readonly beginString?: string;
}

/**
 * What `FixFramer.feed` found, in stream order. `offset` is the byte offset in the whole stream.
 * A message's `bytes` may be a view into the chunk that was fed: do not modify fed chunks.
 */
export type FixFrame =
  | { readonly kind: 'message'; readonly bytes: Uint8Array; readonly offset: number }
  | { readonly kind: 'garbled'; readonly error: FixDecodeError; readonly offset: number };

/** Result of looking for a frame at one position. */
const NEED_MORE = 0;
const NOT_A_FRAME = -1;

/** Splits a byte stream into FIX frames. One framer per connection; `reset()` on reconnect. */
export class FixFramer {
  /** Largest frame accepted, in bytes. */
  readonly maxMessageSize: number;
  private readonly begin: Uint8Array;
  /** `8=<BeginString>␁9=` */
  private readonly start: Uint8Array;
  private pending = new Uint8Array(0);
  private pendingLength = 0;
  /** Stream offset of `pending[0]`. */
  private streamOffset = 0;
  /** Inside a run of garbage already reported. */
  private skipping = false;
  private notAFrame: FixDecodeErrorCode = 'FIX_BAD_BEGIN_STRING';

  constructor(options: FixFramerOptions = {}) {
    const max = options.maxMessageSize ?? 1024 * 1024;
    if (!Number.isSafeInteger(max) || max < 32) throw new RangeError('maxMessageSize must be an integer >= 32');
    this.maxMessageSize = max;
    this.begin = ascii(`8=${options.beginString ?? 'FIXT.1.1'}\x01`);
    this.start = ascii(`8=${options.beginString ?? 'FIXT.1.1'}\x019=`);
  }

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.pendingLength;
  }

  /** Drops buffered bytes (after a disconnect) and restarts stream offsets at 0. */
  reset(): void {
    this.pending = new Uint8Array(0);
    this.pendingLength = 0;
    this.streamOffset = 0;
    this.skipping = false;
  }

  /** Feeds one chunk; returns the frames it completes and the garbage it skipped. Never throws. */
  feed(chunk: Uint8Array): FixFrame[] {
    let data: Uint8Array;
    let length: number;
    const copied = this.pendingLength > 0;
    if (copied) {
      this.reserve(this.pendingLength + chunk.length);
      this.pending.set(chunk, this.pendingLength);
      this.pendingLength += chunk.length;
      data = this.pending;
      length = this.pendingLength;
    } else {
      data = chunk;
      length = chunk.length;
    }

    const out: FixFrame[] = [];
    let pos = 0;
    while (pos < length) {
      const end = this.frameAt(data, pos, length);
      if (end === NEED_MORE) break;
      if (end > 0) {
        // Frames cut from the reused pending buffer are copied; frames of the caller's chunk are views.
        const bytes = copied ? data.slice(pos, end) : data.subarray(pos, end);
        out.push({ kind: 'message', bytes, offset: this.streamOffset + pos });
        this.skipping = false;
        pos = end;
        continue;
      }
      if (!this.skipping) {
        const offset = this.streamOffset + pos;
        out.push({ kind: 'garbled', error: new FixDecodeError(this.notAFrame, { tag: tagOf(this.notAFrame), offset }), offset });
        this.skipping = true;
      }
      pos = this.resync(data, pos + 1, length);
    }

    const rest = length - pos;
    if (rest > 0 && !copied) {
      this.reserve(rest);
      this.pending.set(data.subarray(pos, length), 0);
    } else if (rest > 0) {
      this.pending.copyWithin(0, pos, length);
    }
    this.pendingLength = rest;
    this.streamOffset += pos;
    return out;
  }

  /**
   * Looks for a frame at `pos`: its end offset, NEED_MORE, or NOT_A_FRAME (with `notAFrame` set).
   */
  private frameAt(b: Uint8Array, pos: number, length: number): number {
    const start = this.start;
    const available = length - pos;
    const n = Math.min(available, start.length);
    for (let i = 0; i < n; i++) {
      if (b[pos + i] !== start[i]) {
        this.notAFrame = i < this.begin.length ? 'FIX_BAD_BEGIN_STRING' : 'FIX_BAD_BODY_LENGTH';
        return NOT_A_FRAME;
      }
    }
    if (available < start.length) return NEED_MORE;
    let p = pos + start.length;
    let bodyLength = 0;
    for (;;) {
      if (p >= length) return NEED_MORE;
      const c = b[p] as number;
      if (c === SOH) break;
      if (c < 48 || c > 57 || p - (pos + start.length) >= 9) return this.reject('FIX_BAD_BODY_LENGTH');
      bodyLength = bodyLength * 10 + (c - 48);
      p++;
    }
    if (p === pos + start.length) return this.reject('FIX_BAD_BODY_LENGTH');
    const total = p + 1 - pos + bodyLength + TRAILER_LENGTH;
    if (total > this.maxMessageSize) return this.reject('FIX_MESSAGE_TOO_LARGE');
    if (available < total) return NEED_MORE;
    const end = pos + total;
    const t = end - TRAILER_LENGTH;
    if (
      b[t - 1] !== SOH ||
      b[t] !== 49 ||
      b[t + 1] !== 48 ||
      b[t + 2] !== 61 ||
      !isDigit(b[t + 3]) ||
      !isDigit(b[t + 4]) ||
      !isDigit(b[t + 5]) ||
      b[end - 1] !== SOH
    ) {
      return this.reject('FIX_BAD_BODY_LENGTH');
    }
    return end;
  }

  private reject(code: FixDecodeErrorCode): number {
    this.notAFrame = code;
    return NOT_A_FRAME;
  }

  /**
   * Next position at or after `from` where `8=<BeginString>␁` starts, or where a partial copy of
   * it runs to the end of the data (kept for the next chunk), or `length`.
   */
  private resync(b: Uint8Array, from: number, length: number): number {
    const begin = this.begin;
    for (let i = from; i < length; i++) {
      i = b.indexOf(56, i);
      if (i < 0 || i >= length) return length;
      let j = 1;
      while (j < begin.length && i + j < length && b[i + j] === begin[j]) j++;
      if (j === begin.length || i + j === length) return i;
    }
    return length;
  }

  private reserve(size: number): void {
    if (this.pending.length >= size) return;
    const next = new Uint8Array(Math.max(size, this.pending.length * 2, 1024));
    next.set(this.pending.subarray(0, this.pendingLength));
    this.pending = next;
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

function tagOf(code: FixDecodeErrorCode): number | undefined {
  return code === 'FIX_BAD_BEGIN_STRING' ? 8 : code === 'FIX_BAD_BODY_LENGTH' ? 9 : undefined;
}
