import { isDeepStrictEqual } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import type { DriftProblem } from './types.ts';

/** A `<field number name type>` definition. */
export interface FixSpecField {
  readonly name: string;
  readonly tag: number;
  /** FIX data type as written (`STRING`, `PRICE`, `UTCTIMESTAMP`, …). */
  readonly type: string;
  /** Enumerated wire values, in dictionary order. */
  readonly values: readonly string[];
}

/** A field or repeating group of a message, header or trailer, in dictionary order, components expanded. */
export interface FixSpecMember {
  readonly name: string;
  readonly required: boolean;
  /** A repeating group's members (the first is its delimiter). */
  readonly group?: readonly FixSpecMember[];
}

/** A `<message>`. */
export interface FixSpecMessage {
  readonly msgType: string;
  readonly name: string;
  readonly members: readonly FixSpecMember[];
}

/** A FIX dictionary (QuickFIX XML), read in document order. */
export interface FixSpec {
  readonly header: readonly FixSpecMember[];
  readonly trailer: readonly FixSpecMember[];
  readonly messages: readonly FixSpecMessage[];
  readonly fields: ReadonlyMap<string, FixSpecField>;
}

/** An element as fast-xml-parser gives it with `preserveOrder`: `{ tag: children, ':@': attributes }`. */
type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function tagOf(e: Ordered): string {
  return Object.keys(e).find((k) => k !== ':@' && k !== '#text') ?? '';
}

function kids(e: Ordered | undefined): Ordered[] {
  const c = e?.[tagOf(e)];
  return Array.isArray(c) ? (c as Ordered[]) : [];
}

function attr(e: Ordered, name: string): string {
  return e[':@']?.[name] ?? '';
}

function find(list: readonly Ordered[], tag: string): Ordered | undefined {
  return list.find((e) => tagOf(e) === tag);
}

/**
 * Parses a FIX dictionary keeping document order (a group's first member is its delimiter).
 * `<component>`s are expanded in place; an optional component makes its members optional.
 * @throws Error for XML without a `<fix>` root, or a reference to an undefined component.
 */
export function parseFixSpec(xml: string): FixSpec {
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false }).parse(xml) as Ordered[];
  const root = find(doc, 'fix');
  if (!root) throw new Error('FIX dictionary: no <fix> root element');
  const sections = kids(root);
  const components = new Map(kids(find(sections, 'components')).map((c) => [attr(c, 'name'), c]));
  const expand = (node: Ordered | undefined, optional: boolean, stack: readonly string[]): FixSpecMember[] =>
    kids(node).flatMap((e): FixSpecMember[] => {
      const tag = tagOf(e);
      const required = !optional && attr(e, 'required') === 'Y';
      if (tag === 'field') return [{ name: attr(e, 'name'), required }];
      if (tag === 'group') return [{ name: attr(e, 'name'), required, group: expand(e, false, stack) }];
      if (tag !== 'component') return [];
      const name = attr(e, 'name');
      const def = components.get(name);
      if (!def) throw new Error(`FIX dictionary: component ${name} is not defined`);
      return stack.includes(name) ? [] : expand(def, !required, [...stack, name]);
    });
  const fields = new Map(
    kids(find(sections, 'fields')).map((f) => {
      const values = kids(f).filter((v) => tagOf(v) === 'value').map((v) => attr(v, 'enum'));
      return [attr(f, 'name'), { name: attr(f, 'name'), tag: Number(attr(f, 'number')), type: attr(f, 'type'), values }] as const;
    }),
  );
  const messages = kids(find(sections, 'messages')).map((m) => ({ msgType: attr(m, 'msgtype'), name: attr(m, 'name'), members: expand(m, false, []) }));
  return { header: expand(find(sections, 'header'), false, []), trailer: expand(find(sections, 'trailer'), false, []), messages, fields };
}

/** BeginString(8), BodyLength(9), MsgType(35) and CheckSum(10): written by the codec itself. */
const FRAMING_TAGS = new Set([8, 9, 35, 10]);

/**
 * A valid value for a field in the codec's representation (FIX type → JS value): integers as
 * numbers, decimals and timestamps as text, BOOLEAN as true/false, multiple-value types as arrays,
 * the first enumerated value when there are any.
 */
export function fixSampleValue(field: FixSpecField): unknown {
  const first = field.values[0];
  switch (field.type) {
    case 'INT':
    case 'LENGTH':
    case 'NUMINGROUP':
    case 'SEQNUM':
    case 'TAGNUM':
    case 'DAYOFMONTH':
      return first === undefined ? 1 : Number(first);
    case 'PRICE':
    case 'QTY':
    case 'AMT':
    case 'FLOAT':
    case 'DECIMAL':
    case 'PRICEOFFSET':
    case 'PERCENTAGE':
      return first ?? '12.5';
    case 'BOOLEAN':
      return first === undefined ? true : first === 'Y';
    case 'MULTIPLEVALUESTRING':
    case 'MULTIPLESTRINGVALUE':
    case 'MULTIPLECHARVALUE':
      return [first ?? 'x'];
    case 'UTCTIMESTAMP':
    case 'TZTIMESTAMP':
      return '20260102-03:04:05.678';
    case 'UTCDATEONLY':
    case 'LOCALMKTDATE':
      return '20260102';
    default:
      return first ?? 'x';
  }
}

/**
 * The smallest valid body of a member list: its required members, a group as one entry holding
 * its delimiter and required members. A LENGTH field just before its DATA field is left to the
 * codec, which writes it.
 * @throws Error naming a member whose field is not defined.
 */
function fill(spec: FixSpec, members: readonly FixSpecMember[], entry: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const defOf = (m: FixSpecMember | undefined) => (m === undefined ? undefined : spec.fields.get(m.name));
  members.forEach((m, i) => {
    const def = defOf(m);
    if (!m.group && !def) throw new Error(`field ${m.name} is not defined`);
    if (def && FRAMING_TAGS.has(def.tag)) return;
    if (def?.type === 'LENGTH' && defOf(members[i + 1])?.type === 'DATA') return;
    const lengthBefore = def?.type === 'DATA' && defOf(members[i - 1])?.type === 'LENGTH' ? members[i - 1] : undefined;
    if (!m.required && !lengthBefore?.required && !(entry && i === 0)) return;
    out[m.name] = m.group ? [fill(spec, m.group, true)] : fixSampleValue(def!);
  });
  return out;
}

/** A minimal valid instance of `message` in the codec's shape: `{ msgType, header, body }`. */
export function minimalFixMessage(spec: FixSpec, message: FixSpecMessage): { msgType: string; header: Record<string, unknown>; body: Record<string, unknown> } {
  return { msgType: message.msgType, header: fill(spec, spec.header, false), body: fill(spec, message.members, false) };
}

/** What the FIX check needs from the SDK: the codec. */
export interface FixFacts {
  encode(message: { msgType: string; header: object; body: object }): Uint8Array;
  decode(frame: Uint8Array): { msgType: string; body: object };
}

function failure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const facts = ['field', 'tag'].map((k) => (error as Record<string, unknown>)[k]).filter((v) => v !== undefined);
  return typeof code === 'string' ? `${code}${facts.length ? ` (${facts.join(' ')})` : ''}` : String(error);
}

/**
 * Checks that the codec encodes a minimal valid instance of every message of the dictionary and
 * decodes it back to the same message.
 */
export function checkFixMessages(spec: FixSpec, facts: FixFacts): DriftProblem[] {
  const problems: DriftProblem[] = [];
  for (const message of spec.messages) {
    const subject = `${message.name} (35=${message.msgType})`;
    let instance: ReturnType<typeof minimalFixMessage>;
    try {
      instance = minimalFixMessage(spec, message);
    } catch (error) {
      problems.push({ subject, message: `no instance can be built from the dictionary: ${(error as Error).message}` });
      continue;
    }
    let frame: Uint8Array;
    try {
      frame = facts.encode(instance);
    } catch (error) {
      problems.push({ subject, message: `the codec cannot encode a minimal instance: ${failure(error)}` });
      continue;
    }
    try {
      const back = facts.decode(frame);
      if (back.msgType !== instance.msgType || !isDeepStrictEqual({ ...back.body }, instance.body)) {
        problems.push({ subject, message: `decodes to a different message: ${JSON.stringify({ msgType: back.msgType, body: back.body })}` });
      }
    } catch (error) {
      problems.push({ subject, message: `the codec cannot decode what it encoded: ${failure(error)}` });
    }
  }
  return problems;
}
