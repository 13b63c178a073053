/**
 * The FIX dictionary as the generator sees it: QuickFIX-style XML turned into fields (tag, FIX
 * type, codec value kind, enum values), and messages, header and trailer whose components are
 * expanded in place and whose repeating groups carry their count tag, delimiter and members.
 * Every inconsistency (an undefined field, a duplicate tag, a DATA field without its length
 * field, a group that does not start with a field) stops generation with a message naming it.
 */
import type { XmlDocument, XmlElement } from './xml.ts';

/** How the codec reads and writes a value; mirrors `FixValueKind` in the generated dictionary. */
export type ValueKind = 'int' | 'uint' | 'decimal' | 'char' | 'boolean' | 'string' | 'multi' | 'timestamp' | 'date' | 'data';

/** FIX data types (FIX 4.x/5.0 and FIXT) and the value kind each maps to. */
const VALUE_KINDS: Readonly<Record<string, ValueKind>> = {
  INT: 'int',
  LENGTH: 'uint',
  NUMINGROUP: 'uint',
  SEQNUM: 'uint',
  TAGNUM: 'uint',
  DAYOFMONTH: 'uint',
  FLOAT: 'decimal',
  QTY: 'decimal',
  QUANTITY: 'decimal',
  PRICE: 'decimal',
  PRICEOFFSET: 'decimal',
  AMT: 'decimal',
  PERCENTAGE: 'decimal',
  DECIMAL: 'decimal',
  CHAR: 'char',
  BOOLEAN: 'boolean',
  STRING: 'string',
  CURRENCY: 'string',
  EXCHANGE: 'string',
  COUNTRY: 'string',
  LANGUAGE: 'string',
  MONTHYEAR: 'string',
  UTCTIMEONLY: 'string',
  LOCALMKTTIME: 'string',
  TZTIMEONLY: 'string',
  TZTIMESTAMP: 'string',
  UTCTIMESTAMP: 'timestamp',
  UTCDATEONLY: 'date',
  UTCDATE: 'date',
  LOCALMKTDATE: 'date',
  MULTIPLEVALUESTRING: 'multi',
  MULTIPLESTRINGVALUE: 'multi',
  MULTIPLECHARVALUE: 'multi',
  DATA: 'data',
  XMLDATA: 'data',
};

/** Tags the codec writes itself: BeginString, BodyLength, MsgType, CheckSum. */
export const FRAMING_TAGS = { beginString: 8, bodyLength: 9, msgType: 35, checkSum: 10 } as const;

export interface EnumValue {
  /** Wire value, e.g. `'1'`. */
  readonly value: string;
  /** Identifier made from the dictionary's description, e.g. `BUY_YES`. */
  readonly key: string;
}

export interface FieldModel {
  readonly tag: number;
  readonly name: string;
  /** FIX type as written in the dictionary, e.g. `PRICE`. */
  readonly type: string;
  readonly kind: ValueKind;
  readonly values: readonly EnumValue[];
  /** DATA fields: the LENGTH field written just before them. */
  readonly lengthTag?: number;
  /** LENGTH fields that carry a DATA field's byte count: that DATA field. */
  readonly dataTag?: number;
}

export type Presence = 'required' | 'optional' | 'conditional';

export interface FieldMemberModel {
  readonly kind: 'field';
  readonly field: FieldModel;
  readonly presence: Presence;
}

export interface GroupMemberModel {
  readonly kind: 'group';
  /** The NumInGroup field (`NoXxx`). */
  readonly field: FieldModel;
  readonly presence: Presence;
  readonly members: readonly MemberModel[];
  /** TypeScript interface name of one entry. */
  entryType: string;
}

export type MemberModel = FieldMemberModel | GroupMemberModel;

export interface MessageModel {
  readonly msgType: string;
  readonly name: string;
  readonly category: 'admin' | 'app';
  readonly members: readonly MemberModel[];
}

export interface ComponentModel {
  readonly name: string;
  readonly members: readonly MemberModel[];
}

export interface DictionaryModel {
  /** e.g. `FIXT.1.1`, from the root element's type/major/minor. */
  readonly beginString: string;
  /** `v1.03 (FIXT.1.1)`: the version in the dictionary's comment, and the BeginString. */
  readonly version: string;
  /** Fields in ascending tag order. */
  readonly fields: readonly FieldModel[];
  /** Header members after BeginString, BodyLength and MsgType. */
  readonly header: readonly MemberModel[];
  /** Trailer members before CheckSum. */
  readonly trailer: readonly MemberModel[];
  /** Messages in dictionary order. */
  readonly messages: readonly MessageModel[];
  readonly components: readonly ComponentModel[];
  /** One group per distinct entry layout, in first-seen order. */
  readonly groups: readonly GroupMemberModel[];
}

/** Builds the model from a parsed dictionary; throws an Error naming the first inconsistency. */
export function buildModel(doc: XmlDocument): DictionaryModel {
  const root = doc.root;
  if (root.name !== 'fix') throw new Error(`FIX dictionary root is <${root.name}>, expected <fix>`);
  const { type = 'FIX', major, minor } = root.attrs;
  if (major === undefined || minor === undefined) throw new Error('<fix> needs major and minor attributes');
  const beginString = `${type}.${major}.${minor}`;
  // Kalshi states the version only in a comment (`… v1.03`); specs.lock.json records it the same way.
  const versionTag = doc.comments.map((c) => /\bv\d+(?:\.\d+)*\b/.exec(c)?.[0]).find((v) => v !== undefined);
  const version = versionTag === undefined ? beginString : `${versionTag} (${beginString})`;

  const fields = parseFields(section(root, 'fields'));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const componentXml = new Map<string, XmlElement>();
  for (const c of section(root, 'components', true).children) {
    const name = requireAttr(c, 'name');
    if (componentXml.has(name)) throw new Error(`component ${name} is defined twice`);
    componentXml.set(name, c);
  }

  const expander = new Expander(byName, componentXml);
  const headerMembers = expander.members(section(root, 'header'), 'header', []);
  const trailerMembers = expander.members(section(root, 'trailer'), 'trailer', []);
  const framing = headerMembers.slice(0, 3).map((m) => m.field.tag);
  if (framing.join() !== [FRAMING_TAGS.beginString, FRAMING_TAGS.bodyLength, FRAMING_TAGS.msgType].join()) {
    throw new Error('header must start with BeginString(8), BodyLength(9), MsgType(35)');
  }
  if (trailerMembers.at(-1)?.field.tag !== FRAMING_TAGS.checkSum) throw new Error('trailer must end with CheckSum(10)');

  const messages: MessageModel[] = [];
  const msgTypes = new Set<string>();
  const messageNames = new Set<string>();
  for (const m of section(root, 'messages').children) {
    if (m.name !== 'message') throw new Error(`unexpected <${m.name}> in <messages>`);
    const msgType = requireAttr(m, 'msgtype');
    const name = requireAttr(m, 'name');
    const category = requireAttr(m, 'msgcat');
    if (category !== 'admin' && category !== 'app') throw new Error(`message ${name}: msgcat must be admin or app`);
    if (!/^[\x21-\x7e]{1,6}$/.test(msgType)) throw new Error(`message ${name}: MsgType ${JSON.stringify(msgType)} is not 1-6 printable characters`);
    if (msgTypes.has(msgType)) throw new Error(`MsgType ${msgType} is defined twice`);
    if (messageNames.has(name)) throw new Error(`message ${name} is defined twice`);
    msgTypes.add(msgType);
    messageNames.add(name);
    messages.push({ msgType, name, category, members: expander.members(m, name, []) });
  }
  const components = [...componentXml.keys()].map((name) => ({
    name,
    members: expander.members(componentXml.get(name) as XmlElement, name, []),
  }));

  const groups = nameGroupEntries(messages, components, headerMembers, trailerMembers);
  const reserved = new Set([...messageNames, ...components.map((c) => c.name), 'StandardHeader', 'StandardTrailer']);
  for (const g of groups) {
    if (reserved.has(g.entryType)) throw new Error(`group entry type ${g.entryType} collides with a message or component name`);
  }
  for (const c of components) {
    if (messageNames.has(c.name)) throw new Error(`component ${c.name} has the same name as a message`);
  }

  return {
    beginString,
    version,
    fields,
    header: headerMembers.slice(3),
    trailer: trailerMembers.slice(0, -1),
    messages,
    components,
    groups,
  };
}

function section(root: XmlElement, name: string, optional = false): XmlElement {
  const found = root.children.filter((c) => c.name === name);
  if (found.length > 1) throw new Error(`<${name}> appears more than once`);
  const [el] = found;
  if (el !== undefined) return el;
  if (optional) return { name, attrs: {}, children: [] };
  throw new Error(`FIX dictionary has no <${name}> section`);
}

function requireAttr(el: XmlElement, attr: string): string {
  const v = el.attrs[attr];
  if (v === undefined || v === '') throw new Error(`<${el.name}> without a ${attr} attribute`);
  return v;
}

function parseFields(el: XmlElement): FieldModel[] {
  const drafts: Array<Omit<FieldModel, 'lengthTag' | 'dataTag'>> = [];
  const tags = new Set<number>();
  const names = new Set<string>();
  for (const f of el.children) {
    if (f.name !== 'field') throw new Error(`unexpected <${f.name}> in <fields>`);
    const name = requireAttr(f, 'name');
    const tagText = requireAttr(f, 'number');
    const type = requireAttr(f, 'type').toUpperCase();
    if (!/^[1-9]\d{0,8}$/.test(tagText)) throw new Error(`field ${name}: tag ${tagText} is not a positive integer`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`field name ${JSON.stringify(name)} is not an identifier`);
    const tag = Number(tagText);
    if (tags.has(tag)) throw new Error(`tag ${tag} is defined twice`);
    if (names.has(name)) throw new Error(`field ${name} is defined twice`);
    tags.add(tag);
    names.add(name);
    const kind = VALUE_KINDS[type];
    if (kind === undefined) throw new Error(`field ${name} (${tag}): unsupported FIX type ${type}`);
    drafts.push({ tag, name, type, kind, values: enumValues(f, name, kind) });
  }
  const byName = new Map(drafts.map((d) => [d.name, d]));
  const byTag = new Map(drafts.map((d) => [d.tag, d]));
  const lengthOf = new Map<number, number>();
  for (const d of drafts) {
    if (d.kind !== 'data') continue;
    const stem = d.name.endsWith('Data') ? d.name.slice(0, -4) : d.name;
    const candidates = [`${d.name}Length`, `${d.name}Len`, `${stem}DataLen`, `${stem}Len`].map((n) => byName.get(n));
    const len = candidates.find((c) => c !== undefined && c.type === 'LENGTH') ?? lengthByTag(byTag.get(d.tag - 1));
    if (len === undefined) throw new Error(`DATA field ${d.name} (${d.tag}) has no LENGTH field`);
    if (lengthOf.has(len.tag)) throw new Error(`LENGTH field ${len.name} is paired with two DATA fields`);
    lengthOf.set(len.tag, d.tag);
  }
  const dataOf = new Map([...lengthOf].map(([len, data]) => [data, len]));
  return drafts
    .map((d): FieldModel => {
      const lengthTag = dataOf.get(d.tag);
      const dataTag = lengthOf.get(d.tag);
      return { ...d, ...(lengthTag === undefined ? {} : { lengthTag }), ...(dataTag === undefined ? {} : { dataTag }) };
    })
    .sort((a, b) => a.tag - b.tag);
}

function lengthByTag(f: Omit<FieldModel, 'lengthTag' | 'dataTag'> | undefined) {
  return f !== undefined && f.type === 'LENGTH' ? f : undefined;
}

function enumValues(f: XmlElement, name: string, kind: ValueKind): EnumValue[] {
  const values: EnumValue[] = [];
  const seenValues = new Set<string>();
  const seenKeys = new Set<string>();
  for (const v of f.children) {
    if (v.name !== 'value') throw new Error(`field ${name}: unexpected <${v.name}>`);
    const value = requireAttr(v, 'enum');
    if (seenValues.has(value)) throw new Error(`field ${name}: enum value ${value} appears twice`);
    if ((kind === 'int' || kind === 'uint') && !/^-?\d+$/.test(value)) {
      throw new Error(`field ${name}: enum value ${value} is not an integer`);
    }
    if (kind === 'char' && value.length !== 1) throw new Error(`field ${name}: CHAR enum value ${value} is not one character`);
    if (/[\x00-\x20\x7f]/.test(value)) throw new Error(`field ${name}: enum value ${JSON.stringify(value)} has a control or space character`);
    seenValues.add(value);
    let key = identifier(v.attrs.description ?? value);
    if (seenKeys.has(key)) key = `${key}_${identifier(value)}`;
    seenKeys.add(key);
    values.push({ value, key });
  }
  if (values.length > 0 && (kind === 'boolean' || kind === 'data' || kind === 'decimal' || kind === 'timestamp' || kind === 'date')) {
    throw new Error(`field ${name}: enum values on a ${kind} field are not supported`);
  }
  return values;
}

/** `'PARTIALLY_FILLED'` stays; `'no outcome'` → `NO_OUTCOME`; `'0'` → `_0`. */
function identifier(text: string): string {
  const id = text
    .trim()
    .replace(/[^A-Za-z0-9_$]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (id === '') return '_';
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

function presenceOf(el: XmlElement, owner: string): Presence {
  const r = el.attrs.required ?? 'N';
  if (r === 'Y') return 'required';
  if (r === 'N') return 'optional';
  if (r === 'C') return 'conditional';
  throw new Error(`${owner}: required=${JSON.stringify(r)} on ${el.attrs.name ?? el.name} is not Y, N or C`);
}

class Expander {
  constructor(
    private readonly fields: ReadonlyMap<string, FieldModel>,
    private readonly components: ReadonlyMap<string, XmlElement>,
  ) {}

  /** The members of a message, component, group, header or trailer, with components expanded. */
  members(el: XmlElement, owner: string, path: readonly string[]): MemberModel[] {
    const out: MemberModel[] = [];
    for (const child of el.children) {
      const name = requireAttr(child, 'name');
      const presence = presenceOf(child, owner);
      if (child.name === 'field') {
        out.push({ kind: 'field', field: this.field(name, owner), presence });
      } else if (child.name === 'group') {
        const field = this.field(name, owner);
        if (field.type !== 'NUMINGROUP' && field.kind !== 'uint' && field.kind !== 'int') {
          throw new Error(`${owner}: group ${name} is a ${field.type} field, not NUMINGROUP`);
        }
        const members = this.members(child, `${owner}.${name}`, path);
        const first = members[0];
        if (first === undefined) throw new Error(`${owner}: group ${name} has no members`);
        if (first.kind !== 'field') throw new Error(`${owner}: group ${name} must start with a field (its delimiter)`);
        out.push({ kind: 'group', field, presence, members, entryType: '' });
      } else if (child.name === 'component') {
        if (path.includes(name)) throw new Error(`${owner}: component ${name} includes itself`);
        const comp = this.components.get(name);
        if (comp === undefined) throw new Error(`${owner}: component ${name} is not defined`);
        for (const m of this.members(comp, name, [...path, name])) {
          // A required member of an optional component is required only when the component is present.
          const p: Presence = presence !== 'required' && m.presence === 'required' ? 'conditional' : m.presence;
          out.push({ ...m, presence: p });
        }
      } else {
        throw new Error(`${owner}: unexpected <${child.name}>`);
      }
    }
    return this.pairDataFields(out, owner);
  }

  private field(name: string, owner: string): FieldModel {
    const f = this.fields.get(name);
    if (f === undefined) throw new Error(`${owner}: field ${name} is not defined in <fields>`);
    return f;
  }

  /** Drops the LENGTH member of each DATA pair (the codec writes it) and checks tags are unique. */
  private pairDataFields(members: MemberModel[], owner: string): MemberModel[] {
    const tags = new Set<number>();
    for (const m of members) {
      if (tags.has(m.field.tag)) throw new Error(`${owner}: ${m.field.name} appears twice`);
      tags.add(m.field.tag);
    }
    for (const m of members) {
      const { dataTag, name } = m.field;
      if (dataTag !== undefined && !tags.has(dataTag)) throw new Error(`${owner}: ${name} without its DATA field`);
    }
    // A DATA field's LENGTH member may also be left out of the layout: the codec always writes it.
    return members.filter((m) => m.field.dataTag === undefined);
  }
}

/**
 * Names each group's entry interface `<NoXxx>Entry`; when groups of the same name differ in
 * layout, each layout is qualified by the first owner that has it (`<Owner><NoXxx>Entry`).
 * Returns one group per entry type.
 */
function nameGroupEntries(
  messages: readonly MessageModel[],
  components: readonly ComponentModel[],
  header: readonly MemberModel[],
  trailer: readonly MemberModel[],
): GroupMemberModel[] {
  const found: Array<{ owner: string; group: GroupMemberModel }> = [];
  const walk = (owner: string, members: readonly MemberModel[]) => {
    for (const m of members) {
      if (m.kind !== 'group') continue;
      found.push({ owner, group: m });
      walk(owner, m.members);
    }
  };
  walk('StandardHeader', header);
  walk('StandardTrailer', trailer);
  for (const m of messages) walk(m.name, m.members);
  for (const c of components) walk(c.name, c.members);

  const layouts = new Map<string, Set<string>>();
  for (const { group } of found) {
    const set = layouts.get(group.field.name) ?? new Set<string>();
    set.add(group.members.map(signature).join(','));
    layouts.set(group.field.name, set);
  }
  // One entry type per distinct layout, named after the first owner that has it.
  const byLayout = new Map<string, GroupMemberModel>();
  for (const { owner, group } of found) {
    const layout = `${group.field.name}:${group.members.map(signature).join(',')}`;
    const first = byLayout.get(layout);
    if (first !== undefined) {
      group.entryType = first.entryType;
      continue;
    }
    const shared = (layouts.get(group.field.name)?.size ?? 0) === 1;
    group.entryType = shared ? `${group.field.name}Entry` : `${owner}${group.field.name}Entry`;
    byLayout.set(layout, group);
  }
  return [...byLayout.values()];
}

function signature(m: MemberModel): string {
  const own = `${m.field.tag}:${m.presence}`;
  return m.kind === 'field' ? own : `${own}[${m.members.map(signature).join(',')}]`;
}
