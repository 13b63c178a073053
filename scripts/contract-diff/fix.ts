import { XMLParser } from 'fast-xml-parser';
import type { ChangeLog } from './change-log.ts';
import { ContractDiffError } from './errors.ts';
import { isNode, type Node } from '../lib/refs.ts';
import type { Direction } from './types.ts';

/** A `<field number name type>` definition with its enum values (value → description). */
export interface FixFieldDef {
  readonly name: string;
  /** The FIX tag. */
  readonly number: number;
  /** FIX data type (`STRING`, `PRICE`, `QTY`, …). */
  readonly type: string;
  readonly values: ReadonlyMap<string, string>;
}

/** A field or repeating group inside a message, components expanded. */
export interface FixEntry {
  readonly name: string;
  readonly required: boolean;
  /** Present for a repeating group (`<group>`): its member entries. */
  readonly group?: readonly FixEntry[];
}

/** A `<message>` of the dictionary. */
export interface FixMessage {
  /** MsgType(35) value. */
  readonly msgtype: string;
  readonly name: string;
  /** `admin` or `app`. */
  readonly msgcat: string;
  readonly direction: Direction;
  readonly entries: readonly FixEntry[];
}

/** A parsed FIX data dictionary (QuickFIX XML layout). */
export interface FixDictionary {
  /** From the leading version comment (`Kalshi FIX Dictionary v1.03` → `1.03`), else `FIXT.1.1`-style. */
  readonly version: string;
  readonly header: readonly FixEntry[];
  readonly trailer: readonly FixEntry[];
  /** Keyed by MsgType(35). */
  readonly messages: ReadonlyMap<string, FixMessage>;
  /** Keyed by field name. */
  readonly fields: ReadonlyMap<string, FixFieldDef>;
}

const receivedSuffixes = ['Report', 'Reject', 'Ack', 'Status', 'Response', 'Complete'];
const bothWays = new Set(['QuoteRequest']);

/**
 * Which way a FIX message travels for a Kalshi client. Session (`admin`) messages go both ways.
 * Application messages named like replies (`…Report`, `…Reject`, `…Ack`, `…Status`,
 * `…Response`, `…Complete`) come from Kalshi; `QuoteRequest` goes both ways (requesters send
 * RFQs, market makers receive them on KalshiRFQ); every other application message (orders,
 * cancels, quotes, order groups, resend requests) is sent by the client.
 */
export function fixMessageDirection(name: string, msgcat: string): Direction {
  if (msgcat === 'admin' || bothWays.has(name)) return 'both';
  return receivedSuffixes.some((s) => name.endsWith(s)) ? 'received' : 'sent';
}

const arrays = new Set(['message', 'field', 'group', 'component', 'value']);

function list(node: unknown, key: string): Node[] {
  const value = isNode(node) ? node[key] : undefined;
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/**
 * Parses a FIX dictionary (QuickFIX XML: `<fix><header/><trailer/><messages/><components/><fields/>`).
 * `<component>` references are expanded in place; an optional component makes its fields optional.
 * @throws ContractDiffError `SPEC_UNPARSABLE` for XML that is not a dictionary, `FIX_UNDEFINED` for a reference to an undefined component.
 */
export function parseFixDictionary(xml: string, source = 'fix'): FixDictionary {
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (name) => arrays.has(name) }).parse(xml, true);
  } catch (cause) {
    throw new ContractDiffError('SPEC_UNPARSABLE', `${source}: not well-formed XML`, { source, cause });
  }
  const root = isNode(doc) ? doc['fix'] : undefined;
  if (!isNode(root)) throw new ContractDiffError('SPEC_UNPARSABLE', `${source}: no <fix> root element`, { source });

  const components = new Map(list(root['components'], 'component').map((c) => [String(c['name']), c]));
  const expand = (node: Node, optional: boolean, stack: readonly string[]): FixEntry[] => {
    const out: FixEntry[] = [];
    for (const f of list(node, 'field')) out.push({ name: String(f['name']), required: !optional && f['required'] === 'Y' });
    for (const g of list(node, 'group')) {
      out.push({ name: String(g['name']), required: !optional && g['required'] === 'Y', group: expand(g, false, stack) });
    }
    for (const c of list(node, 'component')) {
      const name = String(c['name']);
      const def = components.get(name);
      if (!def) throw new ContractDiffError('FIX_UNDEFINED', `${source}: component ${name} is not defined`, { source, value: name });
      if (stack.includes(name)) continue;
      out.push(...expand(def, optional || c['required'] !== 'Y', [...stack, name]));
    }
    return out;
  };

  const messages = new Map<string, FixMessage>();
  for (const m of list(root['messages'], 'message')) {
    const name = String(m['name']);
    const msgcat = String(m['msgcat'] ?? 'app');
    messages.set(String(m['msgtype']), { msgtype: String(m['msgtype']), name, msgcat, direction: fixMessageDirection(name, msgcat), entries: expand(m, false, []) });
  }
  const fields = new Map<string, FixFieldDef>();
  for (const f of list(root['fields'], 'field')) {
    const values = new Map(list(f, 'value').map((v) => [String(v['enum']), String(v['description'] ?? '')]));
    fields.set(String(f['name']), { name: String(f['name']), number: Number(f['number']), type: String(f['type']), values });
  }
  const comment = /<!--\s*[^>]*?\bv(\d+(?:\.\d+)*)\s*-->/.exec(xml);
  const version = comment?.[1] ?? `${String(root['type'] ?? 'FIX')}.${String(root['major'] ?? '?')}.${String(root['minor'] ?? '?')}`;
  return { version, header: expand(isNode(root['header']) ? root['header'] : {}, false, []), trailer: expand(isNode(root['trailer']) ? root['trailer'] : {}, false, []), messages, fields };
}

/** `NewOrderSingle (35=D)`. */
function messageLabel(m: FixMessage): string {
  return `${m.name} (35=${m.msgtype})`;
}

/** Where a field is used: the directions it travels in and the messages that carry it. */
interface Usage {
  readonly directions: Set<Direction>;
  readonly messages: Set<string>;
}

function fieldUsage(dict: FixDictionary): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  const walk = (items: readonly FixEntry[], direction: Direction, message: string) => {
    for (const e of items) {
      const u = usage.get(e.name) ?? { directions: new Set<Direction>(), messages: new Set<string>() };
      u.directions.add(direction);
      u.messages.add(message);
      usage.set(e.name, u);
      if (e.group) walk(e.group, direction, message);
    }
  };
  walk(dict.header, 'both', 'StandardHeader');
  walk(dict.trailer, 'both', 'StandardTrailer');
  for (const m of dict.messages.values()) walk(m.entries, m.direction, m.name);
  return usage;
}

/** The direction of a field used as in `a` and `b` (old and new dictionary); `both` when unused. */
function merged(a: Usage | undefined, b: Usage | undefined): Direction {
  const all = new Set([...(a?.directions ?? []), ...(b?.directions ?? [])]);
  return all.size === 1 ? ([...all][0] as Direction) : 'both';
}

/** Messages that use a field in either dictionary, or the field's own name when none does. */
function users(name: string, a: Usage | undefined, b: Usage | undefined): string[] {
  const all = [...new Set([...(a?.messages ?? []), ...(b?.messages ?? [])])];
  return all.length > 0 ? all : [name];
}

/**
 * Diffs two FIX dictionaries into `log`: messages by MsgType (added, removed, renamed), their
 * fields and groups (added, removed, required flag) in the message's direction, header and
 * trailer fields (both ways), and field definitions (tag, type, enum values) in the direction(s)
 * of the messages that use the field (`both` when unused).
 */
export function diffFix(o: FixDictionary, n: FixDictionary, log: ChangeLog): void {
  diffEntries(o.header, n.header, 'StandardHeader', 'both', '', log);
  diffEntries(o.trailer, n.trailer, 'StandardTrailer', 'both', '', log);
  for (const [msgtype, m] of n.messages) {
    const old = o.messages.get(msgtype);
    if (!old) {
      log.add({ kind: 'message-added', direction: m.direction, subject: messageLabel(m), pointer: '' }, m.name);
      continue;
    }
    if (old.name !== m.name) log.add({ kind: 'message-renamed', direction: m.direction, subject: messageLabel(m), pointer: '', before: old.name, after: m.name }, m.name);
    diffEntries(old.entries, m.entries, messageLabel(m), m.direction, '', log, m.name);
  }
  for (const [msgtype, m] of o.messages) {
    if (!n.messages.has(msgtype)) log.add({ kind: 'message-removed', direction: m.direction, subject: messageLabel(m), pointer: '' }, m.name);
  }

  const oldUse = fieldUsage(o);
  const newUse = fieldUsage(n);
  for (const [name, f] of n.fields) {
    const old = o.fields.get(name);
    const subject = `field ${name} (${f.number})`;
    const direction = merged(oldUse.get(name), newUse.get(name));
    const root = users(name, oldUse.get(name), newUse.get(name));
    if (!old) {
      log.add({ kind: 'field-definition-added', direction, subject, pointer: '' }, root);
      continue;
    }
    if (old.number !== f.number) log.add({ kind: 'tag-changed', direction, subject, pointer: '', before: String(old.number), after: String(f.number) }, root);
    if (old.type !== f.type) log.add({ kind: 'type-changed', direction, subject, pointer: '', before: old.type, after: f.type }, root);
    if (old.values.size > 0 && f.values.size === 0) log.add({ kind: 'enum-constraint-removed', direction, subject, pointer: '' }, root);
    else if (old.values.size === 0 && f.values.size > 0) log.add({ kind: 'enum-constraint-added', direction, subject, pointer: '' }, root);
    else {
      for (const [value, description] of f.values) {
        const before = old.values.get(value);
        if (before === undefined) log.add({ kind: 'enum-value-added', direction, subject, pointer: '', after: `${value}=${description}` }, root);
        else if (before !== description) log.add({ kind: 'description-changed', direction, subject, pointer: `=${value}` }, root);
      }
      for (const [value, description] of old.values) {
        if (!f.values.has(value)) log.add({ kind: 'enum-value-removed', direction, subject, pointer: '', before: `${value}=${description}` }, root);
      }
    }
  }
  for (const [name, f] of o.fields) {
    if (n.fields.has(name)) continue;
    const use = oldUse.get(name);
    log.add({ kind: 'field-definition-removed', direction: merged(use, undefined), subject: `field ${name} (${f.number})`, pointer: '' }, users(name, use, undefined));
  }
}

function diffEntries(o: readonly FixEntry[], n: readonly FixEntry[], subject: string, direction: Direction, pointer: string, log: ChangeLog, root = subject): void {
  const old = new Map(o.map((e) => [e.name, e]));
  const now = new Map(n.map((e) => [e.name, e]));
  for (const [name, e] of now) {
    const ptr = `${pointer}/${name}`;
    const before = old.get(name);
    if (!before) {
      log.add({ kind: e.required ? 'property-added-required' : 'property-added-optional', direction, subject, pointer: ptr }, root);
      continue;
    }
    if (before.required !== e.required) log.add({ kind: e.required ? 'property-became-required' : 'property-became-optional', direction, subject, pointer: ptr }, root);
    if (Boolean(before.group) !== Boolean(e.group)) {
      log.add({ kind: 'type-changed', direction, subject, pointer: ptr, before: before.group ? 'group' : 'field', after: e.group ? 'group' : 'field' }, root);
    } else if (before.group && e.group) {
      diffEntries(before.group, e.group, subject, direction, ptr, log, root);
    }
  }
  for (const [name, e] of old) {
    if (!now.has(name)) log.add({ kind: 'property-removed', direction, subject, pointer: `${pointer}/${name}`, ...(e.required ? { before: 'required' } : {}) }, root);
  }
}
