/**
 * FIX tag=value encoder. Writes MsgType(35), the header, body and trailer in dictionary order
 * (each layout walked by its generated `write`, which reads properties by name) into a slab
 * after a reserved gap, summing bytes as it writes; then puts `8=<BeginString>␁9=<BodyLength>␁`
 * into the gap, appends `10=NNN␁` and returns a view of exactly the message bytes. The slab only
 * moves forward (a full one is replaced, never reused), so returned views stay valid, like Node's
 * Buffer pool. Values are checked against their field's type and enum as they are written.
 */
import type { FixFields, FixLayoutWriter } from '../generated/accessors.js';
import { type CompiledDictionary, type CompiledField, type CompiledMember, type CompiledScope, KIND } from './compiled-dictionary.js';
import { FixEncodeError, type FixEncodeErrorCode } from './errors.js';
import type { FixMessage } from './message.js';
import { writeUtf8 } from './text.js';
import { isDate, isDecimal, isUtcTimestamp } from './value-format.js';

const SOH = 1;
const EQUALS = 61;
/** Room kept before the body for `8=<BeginString>␁9=<up to 10 digits>␁`. */
const MIN_GAP = 16;
/** Room kept after every field write: the trailer `10=NNN␁`, a LENGTH field, a separator. */
const SLACK = 64;
/** Default slab size: a few hundred typical messages. */
const SLAB_SIZE = 64 * 1024;

/** Encodes messages one at a time into forward-only slabs. Not reentrant: one encoder per codec. */
export class FixEncoder implements FixLayoutWriter {
  private readonly dict: CompiledDictionary;
  private readonly gap: number;
  private buf: Uint8Array;
  /** Where the current message's gap starts in `buf`. */
  private base = 0;
  /** First free byte of `buf` after the last returned message. */
  private free = 0;
  private pos = 0;
  private sum = 0;
  private msgType = '';

  constructor(dict: CompiledDictionary) {
    this.dict = dict;
    this.gap = dict.beginPrefix.length + MIN_GAP;
    this.buf = new Uint8Array(SLAB_SIZE);
  }

  /** Encodes `message`; returns a view of its bytes that no later call overwrites. Throws FixEncodeError. */
  encode(message: FixMessage): Uint8Array {
    const { msgType, header, body, trailer } = message as unknown as Partial<Record<string, FixFields>> & { msgType?: unknown };
    const m = typeof msgType === 'string' ? this.dict.messagesByType.get(msgType) : undefined;
    if (m === undefined) throw new FixEncodeError('FIX_ENCODE_UNKNOWN_MSG_TYPE', { msgType: String(msgType) });
    this.msgType = m.msgType;
    if (this.free + this.gap + 2 * SLACK > this.buf.length) {
      this.buf = new Uint8Array(SLAB_SIZE);
      this.free = 0;
    }
    this.base = this.free;
    let p = this.base + this.gap;
    const prefix = m.prefix;
    for (let i = 0; i < prefix.length; i++) this.buf[p++] = prefix[i] as number;
    this.pos = p;
    this.sum = m.prefixSum;
    this.scope(this.dict.header, header, 'header');
    this.scope(m.body, body, 'body');
    if (trailer !== undefined) this.scope(this.dict.trailer, trailer, 'trailer');

    const b = this.buf;
    let start = this.base + this.gap;
    const bodyLength = this.pos - start;
    // `9=<BodyLength>␁`, written backwards into the gap.
    b[--start] = SOH;
    let n = bodyLength;
    let sum = this.sum + SOH + 57 + EQUALS;
    do {
      const digit = 48 + (n % 10);
      b[--start] = digit;
      sum += digit;
      n = Math.floor(n / 10);
    } while (n > 0);
    b[--start] = EQUALS;
    b[--start] = 57;
    const begin = this.dict.beginPrefix;
    for (let i = begin.length - 1; i >= 0; i--) b[--start] = begin[i] as number;
    sum = (sum + this.dict.beginPrefixSum) & 255;
    // `10=NNN␁`
    p = this.pos;
    b[p++] = 49;
    b[p++] = 48;
    b[p++] = EQUALS;
    b[p++] = 48 + Math.floor(sum / 100);
    b[p++] = 48 + (Math.floor(sum / 10) % 10);
    b[p++] = 48 + (sum % 10);
    b[p++] = SOH;
    // Keep the next message 8-byte aligned.
    this.free = (p + 7) & ~7;
    return b.subarray(start, p);
  }

  private scope(scope: CompiledScope, fields: FixFields | undefined, where: string): void {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw this.error('FIX_ENCODE_BAD_VALUE', where);
    }
    scope.write(this, fields, scope.members);
  }

  /** @internal FixLayoutWriter: a required member is absent. */
  missing(member: unknown): never {
    const m = member as CompiledMember;
    throw this.error('FIX_ENCODE_MISSING_FIELD', m.name, m.field.tag);
  }

  /**
   * @internal FixLayoutWriter: the layout wrote `present` members. Any other property would be
   * dropped silently, so count the keys cheaply and look closer only when the counts differ
   * (an unknown key, or a member set to undefined).
   */
  end(o: FixFields, present: number, members: readonly unknown[]): void {
    let keys = 0;
    for (const _ in o) keys++;
    if (keys === present) return;
    const names = new Set((members as readonly CompiledMember[]).map((m) => m.name));
    const unknown = Object.keys(o).find((k) => o[k] !== undefined && !names.has(k));
    if (unknown !== undefined) throw this.error('FIX_ENCODE_UNKNOWN_FIELD', unknown);
  }

  /** @internal FixLayoutWriter: a repeating group, as NumInGroup then each entry. */
  group(member: unknown, entries: unknown): void {
    const m = member as CompiledMember;
    if (!Array.isArray(entries)) throw this.error('FIX_ENCODE_BAD_VALUE', m.name, m.field.tag);
    // An empty array is sent as a count of 0, so what decodes is what was given.
    this.field(m, entries.length);
    const g = m.group as CompiledScope;
    const delimiter = g.members[0] as CompiledMember;
    for (const entry of entries as readonly FixFields[]) {
      if (entry === null || typeof entry !== 'object' || entry[delimiter.name] === undefined) {
        throw this.error('FIX_ENCODE_MISSING_FIELD', delimiter.name, delimiter.field.tag);
      }
      g.write(this, entry, g.members);
    }
  }

  /** @internal FixLayoutWriter: one field, `<tag>=<value>␁`. */
  field(member: unknown, v: unknown): void {
    const f = (member as CompiledMember).field;
    switch (f.kind) {
      case KIND.string:
      case KIND.decimal:
      case KIND.timestamp:
      case KIND.date: {
        if (typeof v !== 'string' || v.length === 0) throw this.bad(f);
        const at = this.text(f, v);
        const end = this.pos;
        const ok =
          f.kind === KIND.string
            ? f.stringEnum === null || f.stringEnum.has(v)
            : f.kind === KIND.decimal
              ? isDecimal(this.buf, at, end)
              : f.kind === KIND.timestamp
                ? isUtcTimestamp(this.buf, at, end)
                : isDate(this.buf, at, end);
        if (!ok) throw this.bad(f);
        break;
      }
      case KIND.int:
      case KIND.uint:
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || (f.kind === KIND.uint && v < 0)) throw this.bad(f);
        if (f.intEnum !== null && !f.intEnum.has(v)) throw this.bad(f);
        this.prefix(f, 24);
        this.integer(v);
        break;
      case KIND.char: {
        const c = typeof v === 'string' && v.length === 1 ? v.charCodeAt(0) : 0;
        if (c < 0x20 || c > 0x7e || (f.charEnum !== null && f.charEnum[c] !== 1)) throw this.bad(f);
        this.prefix(f, 1);
        this.buf[this.pos++] = c;
        this.sum += c;
        break;
      }
      case KIND.boolean: {
        if (typeof v !== 'boolean') throw this.bad(f);
        this.prefix(f, 1);
        const c = v ? 89 : 78;
        this.buf[this.pos++] = c;
        this.sum += c;
        break;
      }
      case KIND.multi: {
        if (!Array.isArray(v) || v.length === 0) throw this.bad(f);
        const items = v as readonly unknown[];
        for (const item of items) {
          if (typeof item !== 'string' || item === '' || item.includes(' ')) throw this.bad(f);
          if (f.stringEnum !== null && !f.stringEnum.has(item)) throw this.bad(f);
        }
        this.text(f, items.join(' '));
        break;
      }
      default:
        this.data(f, v);
    }
    this.buf[this.pos++] = SOH;
    this.sum += SOH;
  }

  /** A DATA field: its LENGTH field, then the value's bytes (latin1: one byte per character). */
  private data(f: CompiledField, v: unknown): void {
    if (typeof v !== 'string' || v.length === 0) throw this.bad(f);
    this.prefix(f.lengthField as CompiledField, 24);
    this.integer(v.length);
    this.buf[this.pos++] = SOH;
    this.sum += SOH;
    this.prefix(f, v.length);
    const b = this.buf;
    let p = this.pos;
    let sum = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c > 0xff) throw this.bad(f);
      b[p++] = c;
      sum += c;
    }
    this.pos = p;
    this.sum += sum;
  }

  /** Writes `<tag>=` after making room for it and `valueBytes` more. */
  private prefix(f: CompiledField, valueBytes: number): void {
    const prefix = f.tagPrefix;
    if (this.pos + prefix.length + valueBytes + SLACK > this.buf.length) this.grow(prefix.length + valueBytes + SLACK);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < prefix.length; i++) b[p++] = prefix[i] as number;
    this.pos = p;
    this.sum += f.tagPrefixSum;
  }

  /** Writes `<tag>=` and `text` (ASCII fast path, UTF-8 otherwise); returns where the value starts. */
  private text(f: CompiledField, text: string): number {
    this.prefix(f, text.length * 3);
    const b = this.buf;
    const at = this.pos;
    let p = at;
    let sum = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SOH || c >= 0x80) {
        if (c === SOH) throw this.bad(f);
        p = at + writeUtf8(b, at, text);
        sum = 0;
        for (let j = at; j < p; j++) {
          if (b[j] === SOH) throw this.bad(f);
          sum += b[j] as number;
        }
        break;
      }
      b[p++] = c;
      sum += c;
    }
    this.pos = p;
    this.sum += sum;
    return at;
  }

  private integer(v: number): void {
    const b = this.buf;
    let p = this.pos;
    let n = v;
    let sum = 0;
    if (n < 0) {
      b[p++] = 45;
      sum += 45;
      n = -n;
    }
    if (n < 10) {
      b[p++] = 48 + n;
      this.pos = p;
      this.sum += sum + 48 + n;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    for (let i = p + digits - 1; i >= p; i--) {
      const d = 48 + (n % 10);
      b[i] = d;
      sum += d;
      n = Math.floor(n / 10);
    }
    this.pos = p + digits;
    this.sum += sum;
  }

  /** Moves the message written so far to a new slab with room for `need` more bytes. */
  private grow(need: number): void {
    const used = this.pos - this.base;
    let size = SLAB_SIZE;
    while (size < used + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(this.base, this.pos));
    this.buf = next;
    this.base = 0;
    this.pos = used;
  }

  private bad(f: CompiledField): FixEncodeError {
    return this.error('FIX_ENCODE_BAD_VALUE', f.name, f.tag);
  }

  private error(code: FixEncodeErrorCode, field?: string, tag?: number): FixEncodeError {
    return new FixEncodeError(code, { msgType: this.msgType, field, tag });
  }
}
