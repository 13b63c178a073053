import type { ChangeLog } from './change-log.ts';
import { isNode, type Node, type RefResolver } from '../lib/refs.ts';
import type { ChangeKind, Direction } from './types.ts';

/** Where a schema sits: what owns it, the pointer inside, which way it travels, and who reaches it. */
export interface SchemaSite {
  readonly subject: string;
  readonly pointer: string;
  readonly direction: Direction;
  /** The operation or message label recorded in `usedBy`. */
  readonly root: string;
}

/** A schema as the engine compares it. */
interface View {
  /** Named target (`components/schemas/Market`) when the schema is a `$ref` or `allOf: [$ref]` plus annotations. */
  readonly ref: string | undefined;
  /** Annotations next to the ref at the usage site (`description`, `nullable`, `deprecated`). */
  readonly overlay: Node;
  /** The schema itself, `allOf` flattened. */
  readonly body: Node;
}

const structural = ['type', 'properties', 'items', 'additionalProperties', 'enum', 'const', 'oneOf', 'anyOf', 'format', 'required'];

/** Escapes a property name for a JSON pointer (RFC 6901). */
export function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Renders an enum value or a set of types for `before`/`after`. */
function show(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}

function without(node: Node, key: string): Node {
  const { [key]: _, ...rest } = node;
  return rest;
}

/**
 * Semantic JSON Schema diff shared by the OpenAPI and AsyncAPI engines. Follows `$ref`s in
 * both documents; a pair of named schemas is diffed once per direction (later visits only add
 * their operation to `usedBy`), which is also the cycle guard for recursive schemas.
 */
export class SchemaDiffer {
  readonly #old: RefResolver;
  readonly #new: RefResolver;
  readonly #log: ChangeLog;
  readonly #done = new Map<string, readonly object[]>();
  readonly #active = new Set<string>();

  constructor(oldRefs: RefResolver, newRefs: RefResolver, log: ChangeLog) {
    this.#old = oldRefs;
    this.#new = newRefs;
    this.#log = log;
  }

  /**
   * Reports every change between two schemas (raw, possibly `$ref`s) found at `site`.
   * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
   */
  diff(oldSchema: unknown, newSchema: unknown, site: SchemaSite): void {
    const o = view(oldSchema, this.#old);
    const n = view(newSchema, this.#new);
    if (o.ref === undefined || n.ref === undefined) {
      this.#body({ ...o.body, ...o.overlay }, { ...n.body, ...n.overlay }, site);
      return;
    }
    this.#annotations(o.overlay, n.overlay, site);
    const key = `${site.direction}|${o.ref}|${n.ref}`;
    const done = this.#done.get(key);
    if (done) {
      this.#log.reuse(done, site.root);
      return;
    }
    if (this.#active.has(key)) return;
    this.#active.add(key);
    this.#log.open();
    this.#body(o.body, n.body, { ...site, subject: n.ref, pointer: '' });
    this.#done.set(key, this.#log.close());
    this.#active.delete(key);
  }

  #emit(site: SchemaSite, kind: ChangeKind, pointer: string, values: { before?: string; after?: string } = {}) {
    this.#log.add({ kind, direction: site.direction, subject: site.subject, pointer, ...values }, site.root);
  }

  /** Annotations: description, deprecation and nullability. */
  #annotations(o: Node, n: Node, site: SchemaSite): void {
    const p = site.pointer;
    if (o['description'] !== n['description']) this.#emit(site, 'description-changed', p);
    if ((o['deprecated'] === true) !== (n['deprecated'] === true)) {
      this.#emit(site, n['deprecated'] === true ? 'deprecated-added' : 'deprecated-removed', p);
    }
    const on = nullable(o);
    const nn = nullable(n);
    if (on !== nn) this.#emit(site, nn ? 'nullable-added' : 'nullable-removed', p);
  }

  #body(o: Node, n: Node, site: SchemaSite): void {
    const p = site.pointer;
    this.#annotations(o, n, site);

    const ot = types(o);
    const nt = types(n);
    if (ot !== undefined || nt !== undefined) {
      const wider = covers(nt, ot);
      const narrower = covers(ot, nt);
      if (!(wider && narrower)) {
        const kind = wider ? 'type-widened' : narrower ? 'type-narrowed' : 'type-changed';
        this.#emit(site, kind, p, { before: ot?.join('|') ?? 'any', after: nt?.join('|') ?? 'any' });
      }
    }

    const of = typeof o['format'] === 'string' ? o['format'] : undefined;
    const nf = typeof n['format'] === 'string' ? n['format'] : undefined;
    if (of !== nf) {
      const kind = of === undefined ? 'format-added' : nf === undefined ? 'format-removed' : 'format-changed';
      this.#emit(site, kind, p, { ...(of === undefined ? {} : { before: of }), ...(nf === undefined ? {} : { after: nf }) });
    }

    this.#enums(o, n, site);
    this.#properties(o, n, site);

    if (o['items'] !== undefined && n['items'] !== undefined) {
      this.diff(o['items'], n['items'], { ...site, pointer: `${p}/[]` });
    }
    if (isNode(o['additionalProperties']) && isNode(n['additionalProperties'])) {
      this.diff(o['additionalProperties'], n['additionalProperties'], { ...site, pointer: `${p}/*` });
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) this.#variants(keyword, o, n, site);
  }

  #enums(o: Node, n: Node, site: SchemaSite): void {
    const oe = enumValues(o);
    const ne = enumValues(n);
    if (oe === undefined && ne === undefined) return;
    if (oe === undefined || ne === undefined) {
      this.#emit(site, oe === undefined ? 'enum-constraint-added' : 'enum-constraint-removed', site.pointer);
      return;
    }
    const oldKeys = new Map(oe.map((v) => [JSON.stringify(v), v]));
    const newKeys = new Map(ne.map((v) => [JSON.stringify(v), v]));
    for (const [key, v] of newKeys) if (!oldKeys.has(key)) this.#emit(site, 'enum-value-added', site.pointer, { after: show(v) });
    for (const [key, v] of oldKeys) if (!newKeys.has(key)) this.#emit(site, 'enum-value-removed', site.pointer, { before: show(v) });
  }

  #properties(o: Node, n: Node, site: SchemaSite): void {
    const op = isNode(o['properties']) ? o['properties'] : {};
    const np = isNode(n['properties']) ? n['properties'] : {};
    const or = requiredSet(o);
    const nr = requiredSet(n);
    for (const name of Object.keys(np)) {
      const ptr = `${site.pointer}/${pointerSegment(name)}`;
      if (!(name in op)) {
        this.#emit(site, nr.has(name) ? 'property-added-required' : 'property-added-optional', ptr);
        continue;
      }
      if (or.has(name) !== nr.has(name)) this.#emit(site, nr.has(name) ? 'property-became-required' : 'property-became-optional', ptr);
      this.diff(op[name], np[name], { ...site, pointer: ptr });
    }
    for (const name of Object.keys(op)) {
      if (!(name in np)) this.#emit(site, 'property-removed', `${site.pointer}/${pointerSegment(name)}`, or.has(name) ? { before: 'required' } : {});
    }
  }

  #variants(keyword: 'oneOf' | 'anyOf', o: Node, n: Node, site: SchemaSite): void {
    const ov = variants(o[keyword]);
    const nv = variants(n[keyword]);
    if (ov.size === 0 && nv.size === 0) return;
    for (const [label, schema] of nv) {
      const ptr = `${site.pointer}/${keyword}[${label}]`;
      if (ov.has(label)) this.diff(ov.get(label), schema, { ...site, pointer: ptr });
      else this.#emit(site, 'variant-added', ptr);
    }
    for (const label of ov.keys()) if (!nv.has(label)) this.#emit(site, 'variant-removed', `${site.pointer}/${keyword}[${label}]`);
  }
}

/** Builds the view of a raw schema: named ref (plus overlay) or an inline body with `allOf` flattened. */
function view(raw: unknown, refs: RefResolver): View {
  if (!isNode(raw)) return { ref: undefined, overlay: {}, body: {} };
  if (typeof raw['$ref'] === 'string') {
    const r = refs.resolve(raw);
    return { ref: r.ref, overlay: without(raw, '$ref'), body: flatten(r.node, refs, new Set([raw['$ref']])) };
  }
  const all = raw['allOf'];
  if (Array.isArray(all) && all.length === 1 && isNode(all[0]) && typeof all[0]['$ref'] === 'string' && !structural.some((k) => k in raw)) {
    const inner = view(all[0], refs);
    return { ...inner, overlay: { ...inner.overlay, ...without(raw, 'allOf') } };
  }
  return { ref: undefined, overlay: {}, body: flatten(raw, refs, new Set()) };
}

/** Merges `allOf` members into one schema: properties and required lists unite, the outer schema's keywords win. */
function flatten(node: Node, refs: RefResolver, seen: Set<string>): Node {
  const all = node['allOf'];
  if (!Array.isArray(all)) return node;
  let merged: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const member of [...all, without(node, 'allOf')]) {
    if (!isNode(member)) continue;
    const ref = member['$ref'];
    if (typeof ref === 'string' && seen.has(ref)) continue;
    const resolved = refs.resolve(member).node;
    const flat = flatten(resolved, refs, typeof ref === 'string' ? new Set([...seen, ref]) : seen);
    merged = { ...merged, ...flat };
    if (isNode(flat['properties'])) Object.assign(properties, flat['properties']);
    for (const r of requiredSet(flat)) required.add(r);
  }
  if (Object.keys(properties).length > 0) merged['properties'] = properties;
  if (required.size > 0) merged['required'] = [...required];
  return merged;
}

function nullable(s: Node): boolean {
  const t = s['type'];
  const e = s['enum'];
  return s['nullable'] === true || (Array.isArray(t) && t.includes('null')) || (Array.isArray(e) && e.includes(null));
}

/** Declared (or evident) non-null types, sorted; undefined when the schema accepts any type. */
function types(s: Node): string[] | undefined {
  const t = s['type'];
  const list = (typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : []).filter((x) => x !== 'null');
  if (list.length > 0) return [...new Set(list)].sort();
  if (isNode(s['properties'])) return ['object'];
  if (s['items'] !== undefined) return ['array'];
  return undefined;
}

/** True when every type in `inner` is accepted by `outer` (`number` accepts `integer`; undefined is any). */
function covers(outer: readonly string[] | undefined, inner: readonly string[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((t) => outer.includes(t) || (t === 'integer' && outer.includes('number')));
}

function enumValues(s: Node): unknown[] | undefined {
  if (Array.isArray(s['enum'])) return s['enum'].filter((v) => v !== null);
  if ('const' in s && s['const'] !== null) return [s['const']];
  return undefined;
}

function requiredSet(s: Node): Set<string> {
  const r = s['required'];
  return new Set(Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []);
}

/** oneOf/anyOf members keyed by ref name when they are refs, else by position. */
function variants(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(list)) return out;
  list.forEach((member, i) => {
    const ref = isNode(member) ? member['$ref'] : undefined;
    out.set(typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : String(i), member);
  });
  return out;
}
