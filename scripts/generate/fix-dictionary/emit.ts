/**
 * Turns the dictionary model into the files of `packages/fix/src/generated/`:
 * - dictionary.ts: the runtime dictionary the codec compiles (fields, header, trailer,
 *   messages, components, group layouts) and the types that describe it;
 * - enums.ts: one `as const` object and one union type per enumerated field;
 * - fields.ts: `FixTag`, every field's tag number by name;
 * - messages.ts: an interface per message, group entry and component, plus `FixMessageBodies`;
 * - accessors.ts: per layout, a getter and a setter by member slot with named property access.
 */
import type { DictionaryModel, FieldModel, MemberModel } from './model.ts';

export interface EmitInput {
  readonly model: DictionaryModel;
  readonly header: string;
  readonly spec: string;
  readonly sha256: string;
}

export function emitFiles(input: EmitInput): Map<string, string> {
  return new Map([
    ['dictionary.ts', emitDictionary(input)],
    ['enums.ts', emitEnums(input)],
    ['fields.ts', emitFields(input)],
    ['messages.ts', emitMessages(input)],
    ['accessors.ts', emitAccessors(input)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// dictionary.ts

const DICTIONARY_TYPES = `/**
 * How the codec reads and writes a field's value:
 * int/uint: JS integer (uint: no sign); decimal: exact decimal text (PRICE, QTY, AMT, FLOAT);
 * char: one character; boolean: Y/N as true/false; string: text; multi: space-separated list;
 * timestamp: UTCTimestamp text; date: YYYYMMDD text; data: raw bytes as a latin1 string, preceded
 * on the wire by its LENGTH field.
 */
export type FixValueKind = 'int' | 'uint' | 'decimal' | 'char' | 'boolean' | 'string' | 'multi' | 'timestamp' | 'date' | 'data';

/** One field of the dictionary. */
export interface FixFieldDef {
  readonly tag: number;
  readonly name: string;
  /** FIX type as written in the dictionary, e.g. \`PRICE\`. */
  readonly type: string;
  readonly kind: FixValueKind;
  /** Enumerated wire values, in dictionary order. */
  readonly values?: readonly string[];
  /** DATA fields: the tag of the LENGTH field the codec writes before them. */
  readonly lengthTag?: number;
  /** LENGTH fields paired with a DATA field: that field's tag. */
  readonly dataTag?: number;
}

/** \`conditional\` is the dictionary's \`required='C'\`: the codec treats it as optional. */
export type FixPresence = 'required' | 'optional' | 'conditional';

/** A field in a message, group, header or trailer layout. */
export interface FixFieldMember {
  readonly kind: 'field';
  readonly tag: number;
  readonly name: string;
  readonly presence: FixPresence;
}

/** A repeating group: its NumInGroup tag, its delimiter (first member) and its members. */
export interface FixGroupMember {
  readonly kind: 'group';
  readonly tag: number;
  readonly name: string;
  readonly presence: FixPresence;
  readonly delimiter: number;
  readonly members: readonly FixMember[];
}

export type FixMember = FixFieldMember | FixGroupMember;

/** A message layout, components expanded in place, in encoding order. */
export interface FixMessageDef {
  readonly msgType: string;
  readonly name: string;
  readonly category: 'admin' | 'app';
  readonly members: readonly FixMember[];
}

/** A component as declared (messages carry components already expanded). */
export interface FixComponentDef {
  readonly name: string;
  readonly members: readonly FixMember[];
}

/** The whole dictionary as data. */
export interface FixDictionary {
  readonly spec: string;
  readonly version: string;
  readonly sha256: string;
  /** Value of BeginString(8), e.g. \`FIXT.1.1\`. */
  readonly beginString: string;
  /** Every field, in ascending tag order. */
  readonly fields: readonly FixFieldDef[];
  /** Header fields after BeginString(8), BodyLength(9) and MsgType(35), in encoding order. */
  readonly header: readonly FixMember[];
  /** Trailer fields before CheckSum(10), in encoding order. */
  readonly trailer: readonly FixMember[];
  readonly messages: readonly FixMessageDef[];
  readonly components: readonly FixComponentDef[];
}
`;

function emitDictionary({ model, header, spec, sha256 }: EmitInput): string {
  const data = {
    spec,
    version: model.version,
    sha256,
    beginString: model.beginString,
    fields: model.fields.map(fieldData),
    header: model.header.map(memberData),
    trailer: model.trailer.map(memberData),
    messages: model.messages.map((m) => ({
      msgType: m.msgType,
      name: m.name,
      category: m.category,
      members: m.members.map(memberData),
    })),
    components: model.components.map((c) => ({ name: c.name, members: c.members.map(memberData) })),
  };
  return (
    header +
    '\n' +
    DICTIONARY_TYPES +
    '\n/** Spec version this code was generated from. */\n' +
    `export const specVersion = ${JSON.stringify(model.version)};\n` +
    `\n/** The FIX dictionary, generated from ${spec}. */\n` +
    `export const fixDictionary: FixDictionary = ${literal(data, 0)};\n`
  );
}

function fieldData(f: FieldModel): Record<string, unknown> {
  return {
    tag: f.tag,
    name: f.name,
    type: f.type,
    kind: f.kind,
    ...(f.values.length > 0 ? { values: f.values.map((v) => v.value) } : {}),
    ...(f.lengthTag === undefined ? {} : { lengthTag: f.lengthTag }),
    ...(f.dataTag === undefined ? {} : { dataTag: f.dataTag }),
  };
}

function memberData(m: MemberModel): Record<string, unknown> {
  const base = { kind: m.kind, tag: m.field.tag, name: m.field.name, presence: m.presence };
  if (m.kind === 'field') return base;
  return { ...base, delimiter: (m.members[0] as MemberModel).field.tag, members: m.members.map(memberData) };
}

/** A TypeScript literal: objects and arrays on one line when short, else one entry per line. */
function literal(value: unknown, depth: number): string {
  const flat = flatLiteral(value);
  const primitives = Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
  if (primitives || flat.length + depth * 2 <= 110) return flat;
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) return `[\n${value.map((v) => pad + literal(v, depth + 1)).join(',\n')},\n${end}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${pad}${k}: ${literal(v, depth + 1)}`).join(',\n')},\n${end}}`;
}

function flatLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flatLiteral(v)}`).join(', ')} }`;
  }
  return typeof value === 'string' ? quote(value) : String(value);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// ---------------------------------------------------------------------------------------------
// enums.ts

function isNumeric(f: FieldModel): boolean {
  return f.kind === 'int' || f.kind === 'uint';
}

function emitEnums({ model, header }: EmitInput): string {
  const parts = [header];
  for (const f of model.fields) {
    if (f.values.length === 0) continue;
    const entries = f.values.map((v) => `  ${v.key}: ${isNumeric(f) ? v.value : quote(v.value)},`).join('\n');
    parts.push(
      `/** ${f.name} (tag ${f.tag}, ${f.type}) values by name. */\n` +
        `export const ${f.name} = {\n${entries}\n} as const;\n` +
        `/** One ${f.name} (tag ${f.tag}) wire value. */\n` +
        `export type ${f.name} = (typeof ${f.name})[keyof typeof ${f.name}];\n`,
    );
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// fields.ts

function emitFields({ model, header }: EmitInput): string {
  const entries = model.fields.map((f) => `  ${f.name}: ${f.tag},`).join('\n');
  return (
    header +
    '\n/** Tag number of every field in the dictionary, by field name (ascending tag order). */\n' +
    `export const FixTag = {\n${entries}\n} as const;\n\n` +
    '/** Name of a field in the dictionary. */\n' +
    'export type FixFieldName = keyof typeof FixTag;\n'
  );
}

// ---------------------------------------------------------------------------------------------
// messages.ts

const VALUE_TYPES = `/**
 * A FIX decimal (PRICE, QTY, AMT, FLOAT) as its exact wire text, e.g. \`'0.56'\` or \`'10'\`.
 * Never a JS number: turn it into \`Dollars\` or \`Contracts\` with @kalshi-sdk/fixed-point.
 */
export type FixDecimal = string;

/** A UTCTimestamp as its wire text: \`YYYYMMDD-HH:MM:SS\`, optionally with 1-9 fractional digits. */
export type FixUtcTimestamp = string;

/** A LocalMktDate or UTCDateOnly as its wire text: \`YYYYMMDD\`. */
export type FixDate = string;
`;

function tsType(f: FieldModel): string {
  const enumType = f.values.length > 0 ? `E.${f.name}` : undefined;
  switch (f.kind) {
    case 'int':
    case 'uint':
      return enumType ?? 'number';
    case 'decimal':
      return 'FixDecimal';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'FixUtcTimestamp';
    case 'date':
      return 'FixDate';
    case 'multi':
      return `readonly ${enumType ?? 'string'}[]`;
    default:
      return enumType ?? 'string';
  }
}

function propertyDoc(m: MemberModel, delimiter: boolean): string {
  const f = m.field;
  const what =
    m.kind === 'group'
      ? `Repeating group: NumInGroup tag ${f.tag}, delimiter ${(m.members[0] as MemberModel).field.name}(${(m.members[0] as MemberModel).field.tag}).`
      : `Tag ${f.tag}, ${f.type}${f.kind === 'data' ? ` (its length, tag ${f.lengthTag}, is written by the codec)` : ''}.`;
  const presence = delimiter
    ? ' Group delimiter: required in every entry.'
    : m.presence === 'conditional'
      ? ' Conditionally required.'
      : '';
  return `  /** ${what}${presence} */\n`;
}

function properties(members: readonly MemberModel[], firstIsDelimiter: boolean): string {
  return members
    .map((m, i) => {
      const delimiter = firstIsDelimiter && i === 0;
      const optional = m.presence !== 'required' && !delimiter ? '?' : '';
      const type = m.kind === 'group' ? `readonly ${m.entryType}[]` : tsType(m.field);
      return `${propertyDoc(m, delimiter)}  readonly ${m.field.name}${optional}: ${type};\n`;
    })
    .join('');
}

function iface(doc: string, name: string, members: readonly MemberModel[], group = false): string {
  return `/** ${doc} */\nexport interface ${name} {\n${properties(members, group)}}\n`;
}

function emitMessages({ model, header }: EmitInput): string {
  const parts = [header, "import type * as E from './enums.js';\n", VALUE_TYPES];
  parts.push(
    iface(
      'Standard header fields after BeginString(8), BodyLength(9) and MsgType(35), which the codec writes.',
      'StandardHeader',
      model.header,
    ),
  );
  parts.push(iface('Standard trailer fields before CheckSum(10), which the codec writes.', 'StandardTrailer', model.trailer));
  for (const g of model.groups) {
    parts.push(iface(`One entry of the ${g.field.name}(${g.field.tag}) repeating group.`, g.entryType, g.members, true));
  }
  for (const c of model.components) parts.push(iface(`Component ${c.name}.`, c.name, c.members));
  for (const m of model.messages) {
    parts.push(iface(`${m.name}: MsgType \`${m.msgType}\`, ${m.category === 'admin' ? 'session' : 'application'} message.`, m.name, m.members));
  }
  const bodies = model.messages.map((m) => `  readonly ${quote(m.msgType)}: ${m.name};\n`).join('');
  const names = model.messages.map((m) => `  readonly ${m.name}: ${quote(m.msgType)};\n`).join('');
  parts.push(
    `/** Message body type by MsgType(35). */\nexport interface FixMessageBodies {\n${bodies}}\n`,
    '/** A MsgType(35) value of a message in the dictionary. */\nexport type FixMsgType = keyof FixMessageBodies;\n',
    `/** MsgType(35) by message name. */\nexport interface FixMsgTypes {\n${names}}\n`,
    '/** Name of a message in the dictionary. */\nexport type FixMessageName = keyof FixMsgTypes;\n',
  );
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// accessors.ts

function emitAccessors({ model, header }: EmitInput): string {
  const layouts: Array<[string, readonly MemberModel[]]> = [];
  const walk = (path: string, members: readonly MemberModel[]) => {
    layouts.push([path, members]);
    for (const m of members) if (m.kind === 'group') walk(`${path}.${m.field.name}`, m.members);
  };
  walk('header', model.header);
  walk('trailer', model.trailer);
  for (const m of model.messages) walk(m.msgType, m.members);
  const entries = layouts.map(([path, members]) => {
    const writes = members
      .map((m, i) => {
        const write = m.kind === 'group' ? 'group' : 'field';
        const absent = m.presence === 'required' ? ` else w.missing(m[${i}]);` : '';
        return `      v = o.${m.field.name};\n      if (v !== undefined) {\n        w.${write}(m[${i}], v);\n        n++;\n      }${absent}\n`;
      })
      .join('');
    const sets = members.map((m, i) => `        case ${i}:\n          o.${m.field.name} = v;\n          return;\n`).join('');
    return (
      `  ${quote(path)}: {\n` +
      `    write(w, o, m) {\n      let n = 0;\n      let v: unknown;\n${writes}      w.end(o, n, m);\n    },\n` +
      `    set(o, slot, v) {\n      switch (slot) {\n${sets}      }\n    },\n` +
      '  },\n'
    );
  });
  return (
    header +
    `
/** A header, trailer, message body or group entry as the codec reads and writes it. */
export type FixFields = Record<string, unknown>;

/** What a layout's \`write\` calls, member by member in dictionary order (members as the codec compiled them). */
export interface FixLayoutWriter {
  /** A present field. */
  field(member: unknown, v: unknown): void;
  /** A present repeating group (an array of entries). */
  group(member: unknown, v: unknown): void;
  /** A required member that is absent. */
  missing(member: unknown): void;
  /** After the last member: \`present\` members were written; the object may hold other keys. */
  end(o: FixFields, present: number, members: readonly unknown[]): void;
}

/**
 * One layout's code, generated so that every property is read and written by name, which V8
 * optimises far better than computed keys: \`write\` walks the members in dictionary order,
 * \`set\` stores the member at a slot (its index in the layout).
 */
export interface FixAccessors {
  write(w: FixLayoutWriter, o: FixFields, members: readonly unknown[]): void;
  set(o: FixFields, slot: number, v: unknown): void;
}

/**
 * Accessors by layout path: \`header\`, \`trailer\`, a MsgType (\`D\`), or a group inside one
 * (\`D.NoPartyIDs\`); slots follow the runtime dictionary's members.
 */
export const fixAccessors: Readonly<Record<string, FixAccessors>> = {
${entries.join('')}};
`
  );
}
