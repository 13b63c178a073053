/**
 * FIX tag=value decoder: one pass over the bytes that checks BeginString(8), BodyLength(9) and
 * CheckSum(10) (summed in the same pass), resolves each tag through the compiled dictionary
 * into the header, the message body, a repeating-group entry or the trailer, checks value
 * formats, enums, duplicates, group counts and required fields, and builds the typed message.
 * Every failure is a FixDecodeError; nothing else escapes.
 */
import type { FixFields } from '../generated/accessors.js';
import { type CompiledDictionary, type CompiledField, type CompiledMember, type CompiledScope, KIND } from './compiled-dictionary.js';
import { FixDecodeError, type FixDecodeErrorCode } from './errors.js';
import type { FixMessage } from './message.js';
import { CHAR_STRINGS, latin1, utf8 } from './text.js';
import { isDate, isDecimal, isUtcTimestamp, parseInteger } from './value-format.js';

const SOH = 1;
const EQUALS = 61;
const TAG_BODY_LENGTH = 9;
const TAG_CHECKSUM = 10;
const TAG_MSG_TYPE = 35;
/** Framing tags that may only appear in their fixed places. */
const FRAMING_TAGS: ReadonlySet<number> = new Set([8, TAG_BODY_LENGTH, TAG_CHECKSUM, TAG_MSG_TYPE]);

type Fields = FixFields;

/** Decodes one complete frame at a time. Not reentrant: one decoder per codec. */
export class FixDecoder {
  private readonly dict: CompiledDictionary;
  /** Increments per scope instance: a member's `seen` slot equal to the stamp means a duplicate. */
  private stamp = 0;
  // Per-decode context, read when building an error.
  private buf: Uint8Array = new Uint8Array(0);
  private bodyEnd = 0;
  private expectedChecksum = -1;
  private msgType: string | undefined = undefined;
  // Open repeating groups, innermost last.
  private depth = 0;
  private readonly gScope: CompiledScope[];
  private readonly gMember: CompiledMember[];
  private readonly gExpected: number[];
  private readonly gEntries: Fields[][];
  private readonly gEntry: Array<Fields | null>;
  private readonly gStamp: number[];
  private readonly gRequired: number[];

  constructor(dict: CompiledDictionary) {
    this.dict = dict;
    const n = dict.maxGroupDepth;
    this.gScope = new Array<CompiledScope>(n);
    this.gMember = new Array<CompiledMember>(n);
    this.gExpected = new Array<number>(n).fill(0);
    this.gEntries = new Array<Fields[]>(n);
    this.gEntry = new Array<Fields | null>(n).fill(null);
    this.gStamp = new Array<number>(n).fill(0);
    this.gRequired = new Array<number>(n).fill(0);
  }

  /** Decodes exactly one message filling `frame`. Throws FixDecodeError. */
  decode(frame: Uint8Array): FixMessage {
    const b = frame;
    const end = b.length;
    const dict = this.dict;
    this.buf = b;
    this.bodyEnd = 0;
    this.expectedChecksum = -1;
    this.msgType = undefined;
    this.depth = 0;

    // 8=<BeginString>␁
    const begin = dict.beginPrefix;
    if (end < begin.length) throw this.fail('FIX_BAD_BEGIN_STRING', 8, 0);
    for (let i = 0; i < begin.length; i++) {
      if (b[i] !== begin[i]) throw this.fail('FIX_BAD_BEGIN_STRING', 8, 0);
    }
    let sum = dict.beginPrefixSum;
    const lengthAt = begin.length;

    // 9=<BodyLength>␁
    if (b[lengthAt] !== 57 || b[lengthAt + 1] !== EQUALS) throw this.fail('FIX_BAD_BODY_LENGTH', TAG_BODY_LENGTH, lengthAt);
    sum += 57 + EQUALS;
    let pos = lengthAt + 2;
    let bodyLength = 0;
    for (;;) {
      if (pos >= end || pos - lengthAt > 11) throw this.fail('FIX_BAD_BODY_LENGTH', TAG_BODY_LENGTH, lengthAt);
      const c = b[pos] as number;
      if (c === SOH) break;
      if (c < 48 || c > 57) throw this.fail('FIX_BAD_BODY_LENGTH', TAG_BODY_LENGTH, lengthAt);
      bodyLength = bodyLength * 10 + (c - 48);
      sum += c;
      pos++;
    }
    if (pos === lengthAt + 2) throw this.fail('FIX_BAD_BODY_LENGTH', TAG_BODY_LENGTH, lengthAt);
    sum += SOH;
    pos++;
    const bodyEnd = pos + bodyLength;
    // The body ends with ␁ and is followed by exactly `10=NNN␁`.
    if (
      bodyLength === 0 ||
      bodyEnd + 7 !== end ||
      b[bodyEnd - 1] !== SOH ||
      b[bodyEnd] !== 49 ||
      b[bodyEnd + 1] !== 48 ||
      b[bodyEnd + 2] !== EQUALS ||
      b[end - 1] !== SOH
    ) {
      throw this.fail('FIX_BAD_BODY_LENGTH', TAG_BODY_LENGTH, lengthAt);
    }
    const expected = parseInteger(b, bodyEnd + 3, bodyEnd + 6, false);
    if (!(expected <= 255)) throw this.fail('FIX_BAD_CHECKSUM', TAG_CHECKSUM, bodyEnd);
    this.bodyEnd = bodyEnd;
    this.expectedChecksum = expected;

    // 35=<MsgType>␁ must be the third field.
    if (b[pos] !== 51 || b[pos + 1] !== 53 || b[pos + 2] !== EQUALS) throw this.fail('FIX_MALFORMED', TAG_MSG_TYPE, pos);
    sum += 51 + 53 + EQUALS;
    const typeAt = pos + 3;
    pos = typeAt;
    let key = 0;
    for (;;) {
      const c = b[pos] as number;
      if (c === SOH) break;
      key = key * 256 + c;
      sum += c;
      pos++;
    }
    if (pos === typeAt) throw this.fail('FIX_EMPTY_VALUE', TAG_MSG_TYPE, typeAt - 3);
    const message = pos - typeAt <= 6 ? dict.messagesByKey.get(key) : undefined;
    if (message === undefined) {
      this.msgType = latin1(b, typeAt, pos);
      throw this.fail('FIX_UNKNOWN_MSG_TYPE', TAG_MSG_TYPE, typeAt - 3);
    }
    this.msgType = message.msgType;
    sum += SOH;
    pos++;

    const tagIndex = dict.tagIndex;
    const fields = dict.fields;
    const headerScope = dict.header;
    const bodyScope = message.body;
    const trailerScope = dict.trailer;
    const header: Fields = {};
    const body: Fields = {};
    let trailer: Fields | undefined;
    const stamp = ++this.stamp;
    let headerRequired = 0;
    let bodyRequired = 0;
    let trailerRequired = 0;
    /** 0: header, 1: body, 2: trailer. */
    let phase = 0;

    while (pos < bodyEnd) {
      const tagAt = pos;
      // Tag: digits without a leading zero, then '='. The body ends with SOH, so this stops in bounds.
      let c = b[pos] as number;
      if (c < 49 || c > 57) throw this.fail('FIX_MALFORMED', undefined, tagAt);
      let tag = c - 48;
      sum += c;
      pos++;
      for (;;) {
        c = b[pos] as number;
        sum += c;
        pos++;
        if (c === EQUALS) break;
        if (c < 48 || c > 57 || tag > 99_999_999) throw this.fail('FIX_MALFORMED', undefined, tagAt);
        tag = tag * 10 + (c - 48);
      }
      let valueAt = pos;
      // `high` collects bit 7 of every byte: 0 means the value is ASCII.
      let high = 0;
      while ((c = b[pos] as number) !== SOH) {
        sum += c;
        high |= c;
        pos++;
      }
      let valueEnd = pos;
      sum += SOH;
      pos++;

      const id = tag < tagIndex.length ? (tagIndex[tag] as number) : -1;
      if (id < 0) throw this.fail('FIX_UNKNOWN_TAG', tag, tagAt);
      let field = fields[id] as CompiledField;
      if (valueEnd === valueAt) throw this.fail('FIX_EMPTY_VALUE', tag, tagAt);

      if (field.kind === KIND.data) throw this.fail('FIX_REQUIRED_TAG_MISSING', field.lengthField?.tag, tagAt);
      if (field.dataField !== null) {
        // LENGTH then DATA: the data value is exactly `length` bytes and may contain SOH.
        const length = parseInteger(b, valueAt, valueEnd, false);
        if (Number.isNaN(length)) throw this.fail('FIX_BAD_VALUE_FORMAT', tag, tagAt);
        const data = field.dataField;
        const dataAt = pos;
        const prefix = data.tagPrefix;
        for (let i = 0; i < prefix.length; i++) {
          if (b[pos + i] !== prefix[i]) throw this.fail('FIX_MALFORMED', data.tag, dataAt);
        }
        valueAt = pos + prefix.length;
        valueEnd = valueAt + length;
        if (length === 0 || valueEnd >= bodyEnd || b[valueEnd] !== SOH) throw this.fail('FIX_MALFORMED', data.tag, dataAt);
        sum += data.tagPrefixSum + SOH;
        for (let i = valueAt; i < valueEnd; i++) sum += b[i] as number;
        high = 0;
        pos = valueEnd + 1;
        field = data;
      }

      // Resolve the field's place: header, open groups (innermost first), body, trailer.
      if (phase === 0) {
        const s = headerScope.slot[field.id] as number;
        if (s >= 0) {
          if (headerScope.seen[s] === stamp) throw this.fail('FIX_DUPLICATE_TAG', field.tag, tagAt);
          headerScope.seen[s] = stamp;
          if ((headerScope.members[s] as CompiledMember).required) headerRequired++;
          headerScope.set(header, s, this.value(field, b, valueAt, valueEnd, tagAt, high));
          continue;
        }
        phase = 1;
      }
      if (phase === 1) {
        let placed: CompiledMember | undefined;
        let placedIn: Fields | undefined;
        let placedScope: CompiledScope = bodyScope;
        let placedSlot = -1;
        while (this.depth > 0) {
          const d = this.depth - 1;
          const g = this.gScope[d] as CompiledScope;
          const s = g.slot[field.id] as number;
          if (s < 0) {
            this.closeGroup(tagAt);
            continue;
          }
          if (s === 0) {
            // The delimiter opens the next entry.
            const open = this.gEntry[d];
            if (open !== null && (this.gRequired[d] as number) < g.requiredCount) this.missing(g, this.gStamp[d] as number, tagAt);
            const count = (this.gEntries[d] as Fields[]).length + 1;
            if (count > (this.gExpected[d] as number)) throw this.fail('FIX_GROUP_COUNT', (this.gMember[d] as CompiledMember).field.tag, tagAt);
            const entry: Fields = {};
            (this.gEntries[d] as Fields[]).push(entry);
            this.gEntry[d] = entry;
            this.gStamp[d] = ++this.stamp;
            this.gRequired[d] = 0;
          } else if (this.gEntry[d] === null || g.seen[s] === this.gStamp[d]) {
            throw this.fail('FIX_GROUP_ORDER', field.tag, tagAt);
          }
          g.seen[s] = this.gStamp[d] as number;
          placed = g.members[s] as CompiledMember;
          if (placed.required) this.gRequired[d] = (this.gRequired[d] as number) + 1;
          placedIn = this.gEntry[d] as Fields;
          placedScope = g;
          placedSlot = s;
          break;
        }
        if (placed === undefined) {
          const s = bodyScope.slot[field.id] as number;
          if (s >= 0) {
            if (bodyScope.seen[s] === stamp) throw this.fail('FIX_DUPLICATE_TAG', field.tag, tagAt);
            bodyScope.seen[s] = stamp;
            placed = bodyScope.members[s] as CompiledMember;
            if (placed.required) bodyRequired++;
            placedIn = body;
            placedSlot = s;
          } else if (trailerScope.slot[field.id] as number >= 0) {
            phase = 2;
          } else if (headerScope.slot[field.id] as number >= 0 || FRAMING_TAGS.has(field.tag)) {
            throw this.fail('FIX_TAG_OUT_OF_ORDER', field.tag, tagAt);
          } else {
            throw this.fail('FIX_TAG_NOT_IN_MESSAGE', field.tag, tagAt);
          }
        }
        if (placed !== undefined) {
          const target = placedIn as Fields;
          if (placed.group === null) {
            placedScope.set(target, placedSlot, this.value(field, b, valueAt, valueEnd, tagAt, high));
          } else {
            const count = parseInteger(b, valueAt, valueEnd, false);
            if (Number.isNaN(count)) throw this.fail('FIX_BAD_VALUE_FORMAT', field.tag, tagAt);
            const entries: Fields[] = [];
            placedScope.set(target, placedSlot, entries);
            if (count > 0) this.openGroup(placed, count, entries);
          }
          continue;
        }
      }
      // Trailer.
      const s = trailerScope.slot[field.id] as number;
      if (s < 0) {
        const elsewhere = headerScope.slot[field.id] as number >= 0 || bodyScope.slot[field.id] as number >= 0;
        throw this.fail(elsewhere || FRAMING_TAGS.has(field.tag) ? 'FIX_TAG_OUT_OF_ORDER' : 'FIX_TAG_NOT_IN_MESSAGE', field.tag, tagAt);
      }
      if (trailerScope.seen[s] === stamp) throw this.fail('FIX_DUPLICATE_TAG', field.tag, tagAt);
      trailerScope.seen[s] = stamp;
      if ((trailerScope.members[s] as CompiledMember).required) trailerRequired++;
      trailer ??= {};
      trailerScope.set(trailer, s, this.value(field, b, valueAt, valueEnd, tagAt, high));
    }

    while (this.depth > 0) this.closeGroup(bodyEnd);
    if ((sum & 255) !== expected) throw new FixDecodeError('FIX_BAD_CHECKSUM', this.facts(TAG_CHECKSUM, bodyEnd));
    if (headerRequired < headerScope.requiredCount) this.missing(headerScope, stamp, bodyEnd);
    if (bodyRequired < bodyScope.requiredCount) this.missing(bodyScope, stamp, bodyEnd);
    if (trailerRequired < trailerScope.requiredCount) this.missing(trailerScope, stamp, bodyEnd);
    const decoded = trailer === undefined ? { msgType: message.msgType, header, body } : { msgType: message.msgType, header, body, trailer };
    return decoded as unknown as FixMessage;
  }

  private openGroup(member: CompiledMember, count: number, entries: Fields[]): void {
    const d = this.depth++;
    this.gScope[d] = member.group as CompiledScope;
    this.gMember[d] = member;
    this.gExpected[d] = count;
    this.gEntries[d] = entries;
    this.gEntry[d] = null;
    this.gRequired[d] = 0;
  }

  /** Closes the innermost open group: its last entry's required fields, then its count. */
  private closeGroup(offset: number): void {
    const d = this.depth - 1;
    const g = this.gScope[d] as CompiledScope;
    if (this.gEntry[d] !== null && (this.gRequired[d] as number) < g.requiredCount) this.missing(g, this.gStamp[d] as number, offset);
    if ((this.gEntries[d] as Fields[]).length !== this.gExpected[d]) {
      throw this.fail('FIX_GROUP_COUNT', (this.gMember[d] as CompiledMember).field.tag, offset);
    }
    this.depth = d;
  }

  /** Throws FIX_REQUIRED_TAG_MISSING for the first required member of `scope` not seen under `stamp`. */
  private missing(scope: CompiledScope, stamp: number, offset: number): never {
    const absent = scope.members.find((m, i) => m.required && scope.seen[i] !== stamp);
    throw this.fail('FIX_REQUIRED_TAG_MISSING', absent?.field.tag, offset);
  }

  /** Converts `b[s..e)` to the field's JS value; `high` is non-ASCII when any byte has bit 7 set. */
  private value(f: CompiledField, b: Uint8Array, s: number, e: number, at: number, high: number): unknown {
    switch (f.kind) {
      case KIND.int:
      case KIND.uint: {
        const n = parseInteger(b, s, e, f.kind === KIND.int);
        if (Number.isNaN(n)) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
        if (f.intEnum !== null && !f.intEnum.has(n)) throw this.fail('FIX_VALUE_NOT_IN_ENUM', f.tag, at);
        return n;
      }
      case KIND.decimal:
        if (!isDecimal(b, s, e)) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
        return latin1(b, s, e);
      case KIND.char: {
        const c = b[s] as number;
        if (e - s !== 1 || c < 0x20 || c > 0x7e) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
        if (f.charEnum !== null && f.charEnum[c] !== 1) throw this.fail('FIX_VALUE_NOT_IN_ENUM', f.tag, at);
        return CHAR_STRINGS[c];
      }
      case KIND.boolean: {
        const c = b[s];
        if (e - s !== 1 || (c !== 89 && c !== 78)) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
        return c === 89;
      }
      case KIND.timestamp:
        if (!isUtcTimestamp(b, s, e)) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
        return latin1(b, s, e);
      case KIND.date:
        if (!isDate(b, s, e)) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
        return latin1(b, s, e);
      case KIND.data:
        return latin1(b, s, e);
      case KIND.multi: {
        const items = this.text(f, b, s, e, at, high).split(' ');
        for (const item of items) {
          if (item === '') throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
          if (f.stringEnum !== null && !f.stringEnum.has(item)) throw this.fail('FIX_VALUE_NOT_IN_ENUM', f.tag, at);
        }
        return items;
      }
      default: {
        const text = this.text(f, b, s, e, at, high);
        if (f.stringEnum !== null && !f.stringEnum.has(text)) throw this.fail('FIX_VALUE_NOT_IN_ENUM', f.tag, at);
        return text;
      }
    }
  }

  /** STRING bytes: ASCII on the fast path, otherwise UTF-8. */
  private text(f: CompiledField, b: Uint8Array, s: number, e: number, at: number, high: number): string {
    if (high < 0x80) return latin1(b, s, e);
    const text = utf8(b, s, e);
    if (text === undefined) throw this.fail('FIX_BAD_VALUE_FORMAT', f.tag, at);
    return text;
  }

  /**
   * Builds the error for a fault. A frame whose checksum does not match is garbled whatever else
   * is wrong with it, so that is checked first.
   */
  private fail(code: FixDecodeErrorCode, tag: number | undefined, offset: number): FixDecodeError {
    if (this.expectedChecksum >= 0 && code !== 'FIX_BAD_CHECKSUM') {
      let sum = 0;
      for (let i = 0; i < this.bodyEnd; i++) sum += this.buf[i] as number;
      if ((sum & 255) !== this.expectedChecksum) return new FixDecodeError('FIX_BAD_CHECKSUM', this.facts(TAG_CHECKSUM, this.bodyEnd));
    }
    return new FixDecodeError(code, this.facts(tag, offset));
  }

  private facts(tag: number | undefined, offset: number) {
    return { tag, offset, msgType: this.msgType, msgSeqNum: this.scanMsgSeqNum() };
  }

  /** MsgSeqNum(34) of the current frame, if it has a readable one (for a Reject's RefSeqNum). */
  private scanMsgSeqNum(): number | undefined {
    const b = this.buf;
    const limit = this.bodyEnd > 0 ? this.bodyEnd : b.length;
    for (let i = 0; i + 4 < limit; i++) {
      if (b[i] !== SOH || b[i + 1] !== 51 || b[i + 2] !== 52 || b[i + 3] !== EQUALS) continue;
      let end = i + 4;
      while (end < limit && b[end] !== SOH) end++;
      const n = parseInteger(b, i + 4, end, false);
      return Number.isNaN(n) || end === limit ? undefined : n;
    }
    return undefined;
  }
}
