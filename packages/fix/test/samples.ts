/**
 * A valid instance of every message in the dictionary, built from the generated layouts:
 * `full` sets every member (groups with two entries, nested groups too), `minimal` only the
 * required ones. Values are chosen per value kind to exercise the codec's conversions.
 */
import { fixDictionary, type FixMember, type FixMessage } from '../src/index.js';

const fieldByTag = new Map(fixDictionary.fields.map((f) => [f.tag, f]));

/** A valid value for a field; `n` varies it between group entries. */
export function sampleValue(tag: number, n: number): unknown {
  const f = fieldByTag.get(tag);
  if (f === undefined) throw new Error(`no field ${tag}`);
  const values = f.values ?? [];
  const pick = values[n % Math.max(values.length, 1)];
  switch (f.kind) {
    case 'int':
      return pick === undefined ? -42 - n : Number(pick);
    case 'uint':
      return pick === undefined ? 42 + n : Number(pick);
    case 'decimal':
      return ['0.5600', '-12.5', '10', '.25'][n % 4];
    case 'char':
      return pick ?? 'x';
    case 'boolean':
      return n % 2 === 0;
    case 'multi':
      return pick === undefined ? ['a', 'b'] : [pick];
    case 'timestamp':
      return ['20260102-03:04:05.678', '20261231-23:59:60', '20260102-03:04:05.123456789'][n % 3];
    case 'date':
      return '20260102';
    case 'data':
      // Latin1 bytes, including SOH and '=': DATA values are framed by their length.
      return `c2ln\x01=bm${n}\xff`;
    default:
      return pick ?? (f.name === 'Text' ? `naïve ✓ ${n}` : `${f.name}-${n}`);
  }
}

function fill(members: readonly FixMember[], full: boolean, n: number, entry = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  members.forEach((m, i) => {
    // A group entry always starts with its delimiter.
    if (!full && m.presence !== 'required' && !(entry && i === 0)) return;
    if (m.kind === 'group') {
      out[m.name] = full ? [fill(m.members, full, n, true), fill(m.members, full, n + 1, true)] : [];
    } else {
      out[m.name] = sampleValue(m.tag, n);
    }
  });
  return out;
}

/** One sample message of `msgType`. */
export function sampleMessage(msgType: string, full: boolean): FixMessage {
  const def = fixDictionary.messages.find((m) => m.msgType === msgType);
  if (def === undefined) throw new Error(`no message ${msgType}`);
  const message: Record<string, unknown> = {
    msgType,
    header: fill(fixDictionary.header, full, 1),
    body: fill(def.members, full, 0),
  };
  if (full) message.trailer = fill(fixDictionary.trailer, true, 2);
  return message as unknown as FixMessage;
}
