/**
 * The generated dictionary compiled into lookup tables for the codec's hot paths: tag → field
 * through an Int16Array, field → member slot per scope (header, message body, group entry,
 * trailer), each field's `tag=` bytes and their byte sum, and enum membership tables.
 */
import type { FixAccessors, FixFields, FixLayoutWriter } from '../generated/accessors.js';
import type { FixDictionary, FixFieldDef, FixMember, FixValueKind } from '../generated/dictionary.js';

/** Numeric value kinds, for switch statements in the hot paths. */
export const KIND = {
  int: 0,
  uint: 1,
  decimal: 2,
  char: 3,
  boolean: 4,
  string: 5,
  multi: 6,
  timestamp: 7,
  date: 8,
  data: 9,
} as const satisfies Record<FixValueKind, number>;

export interface CompiledField {
  /** Index into `CompiledDictionary.fields`. */
  readonly id: number;
  readonly tag: number;
  readonly name: string;
  readonly kind: number;
  /** ASCII bytes of `<tag>=`. */
  readonly tagPrefix: Uint8Array;
  readonly tagPrefixSum: number;
  /** CHAR enums: 1 at each allowed byte. */
  readonly charEnum: Uint8Array | null;
  /** STRING and MULTIPLEVALUESTRING enums. */
  readonly stringEnum: ReadonlySet<string> | null;
  /** INT enums. */
  readonly intEnum: ReadonlySet<number> | null;
  /** DATA fields: the LENGTH field written before them. */
  lengthField: CompiledField | null;
  /** LENGTH fields of a DATA pair: the DATA field. */
  dataField: CompiledField | null;
}

export interface CompiledMember {
  readonly field: CompiledField;
  readonly name: string;
  readonly required: boolean;
  /** Set when the member is a repeating group (its `field` is the NumInGroup field). */
  readonly group: CompiledScope | null;
}

/** A header, trailer, message body or group entry layout. */
export interface CompiledScope {
  /** Writes the present members of an object of this layout, in order, through `w`. */
  readonly write: (w: FixLayoutWriter, o: FixFields, members: readonly unknown[]) => void;
  /** Writes the member at a slot into an object of this layout. */
  readonly set: (o: FixFields, slot: number, v: unknown) => void;
  readonly members: readonly CompiledMember[];
  /** Field id → index in `members`, or -1. */
  readonly slot: Int16Array;
  readonly requiredCount: number;
  /** Per member: the decode stamp of the scope instance that last saw it (duplicate detection). */
  readonly seen: Float64Array;
}

export interface CompiledMessage {
  readonly msgType: string;
  readonly name: string;
  readonly body: CompiledScope;
  /** ASCII bytes of `35=<MsgType>␁`. */
  readonly prefix: Uint8Array;
  readonly prefixSum: number;
}

export interface CompiledDictionary {
  readonly beginString: string;
  /** ASCII bytes of `8=<BeginString>␁`. */
  readonly beginPrefix: Uint8Array;
  readonly beginPrefixSum: number;
  /** Tag → field id, or -1. */
  readonly tagIndex: Int16Array;
  readonly fields: readonly CompiledField[];
  readonly header: CompiledScope;
  readonly trailer: CompiledScope;
  /** By MsgType bytes read as a base-256 number (see `msgTypeKey`). */
  readonly messagesByKey: ReadonlyMap<number, CompiledMessage>;
  readonly messagesByType: ReadonlyMap<string, CompiledMessage>;
  /** Deepest group nesting in any layout. */
  readonly maxGroupDepth: number;
}

/** MsgType text (1-6 ASCII characters) as a number: the key of `messagesByKey`. */
export function msgTypeKey(msgType: string): number {
  let key = 0;
  for (let i = 0; i < msgType.length; i++) key = key * 256 + msgType.charCodeAt(i);
  return key;
}

export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function byteSum(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s += b;
  return s;
}

/**
 * Compiles a dictionary and its generated accessors (by layout path: `header`, `trailer`, MsgType,
 * `MsgType.NoXxx`...). Each codec compiles its own: the tables hold per-decode state.
 */
export function compileDictionary(dict: FixDictionary, accessors: Readonly<Record<string, FixAccessors>>): CompiledDictionary {
  const maxTag = dict.fields.reduce((m, f) => Math.max(m, f.tag), 0);
  const tagIndex = new Int16Array(maxTag + 1).fill(-1);
  const fields = dict.fields.map((f, id) => compileField(f, id));
  for (const f of fields) tagIndex[f.tag] = f.id;
  const byTag = (tag: number): CompiledField => {
    const id = tag < tagIndex.length ? (tagIndex[tag] as number) : -1;
    const f = fields[id];
    if (f === undefined) throw new Error(`FIX dictionary layout refers to undefined tag ${tag}`);
    return f;
  };
  for (const def of dict.fields) {
    const f = byTag(def.tag);
    if (def.lengthTag !== undefined) f.lengthField = byTag(def.lengthTag);
    if (def.dataTag !== undefined) f.dataField = byTag(def.dataTag);
  }
  let maxGroupDepth = 0;
  const scope = (members: readonly FixMember[], path: string, depth: number): CompiledScope => {
    maxGroupDepth = Math.max(maxGroupDepth, depth);
    const access = accessors[path];
    if (access === undefined) throw new Error(`FIX dictionary has no accessors for layout ${path}`);
    const slot = new Int16Array(fields.length).fill(-1);
    const compiled = members.map((m, i): CompiledMember => {
      const field = byTag(m.tag);
      slot[field.id] = i;
      return {
        field,
        name: m.name,
        required: m.presence === 'required',
        group: m.kind === 'group' ? scope(m.members, `${path}.${m.name}`, depth + 1) : null,
      };
    });
    return {
      write: access.write,
      set: access.set,
      members: compiled,
      slot,
      requiredCount: compiled.filter((m) => m.required).length,
      seen: new Float64Array(compiled.length),
    };
  };
  const messages = dict.messages.map((m): CompiledMessage => {
    const prefix = ascii(`35=${m.msgType}\x01`);
    return { msgType: m.msgType, name: m.name, body: scope(m.members, m.msgType, 0), prefix, prefixSum: byteSum(prefix) };
  });
  const beginPrefix = ascii(`8=${dict.beginString}\x01`);
  return {
    beginString: dict.beginString,
    beginPrefix,
    beginPrefixSum: byteSum(beginPrefix),
    tagIndex,
    fields,
    header: scope(dict.header, 'header', 0),
    trailer: scope(dict.trailer, 'trailer', 0),
    messagesByKey: new Map(messages.map((m) => [msgTypeKey(m.msgType), m])),
    messagesByType: new Map(messages.map((m) => [m.msgType, m])),
    maxGroupDepth,
  };
}

function compileField(f: FixFieldDef, id: number): CompiledField {
  const tagPrefix = ascii(`${f.tag}=`);
  const kind = KIND[f.kind];
  const values = f.values ?? [];
  let charEnum: Uint8Array | null = null;
  let stringEnum: Set<string> | null = null;
  let intEnum: Set<number> | null = null;
  if (values.length > 0) {
    if (kind === KIND.char) {
      charEnum = new Uint8Array(256);
      for (const v of values) charEnum[v.charCodeAt(0)] = 1;
    } else if (kind === KIND.int || kind === KIND.uint) {
      intEnum = new Set(values.map(Number));
    } else {
      stringEnum = new Set(values);
    }
  }
  return {
    id,
    tag: f.tag,
    name: f.name,
    kind,
    tagPrefix,
    tagPrefixSum: byteSum(tagPrefix),
    charEnum,
    stringEnum,
    intEnum,
    lengthField: null,
    dataField: null,
  };
}
