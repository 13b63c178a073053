import { isNode, type Node, type RefResolver } from '../lib/refs.ts';

/** One step from a schema to a schema inside it: a property, an array item, or a map value. */
export type PathStep = { readonly prop: string } | 'items' | 'values';

/** A property found by {@link findProperties}. */
export interface PropertySite {
  /** Steps from the walk's root to the object that holds the property. */
  readonly path: readonly PathStep[];
  readonly name: string;
  /** The property's schema as written (a `$ref`, a `$ref` with a `description` next to it, …). */
  readonly written: Node;
  /** The property's schema with `$ref`s and one-member `allOf`s followed; annotations of the outer levels win. */
  readonly schema: Node;
  /** Values the spec shows for it: `example`, `examples`, `enum`, `const`, `default`, and the property in enclosing examples. */
  readonly samples: readonly unknown[];
}

/** `.markets[].yes_bid_dollars`: a path and a property, `[]` for an array item, `.*` for a map value. */
export function renderPath(path: readonly PathStep[], name?: string): string {
  const steps = path.map((s) => (s === 'items' ? '[]' : s === 'values' ? '.*' : `.${s.prop}`)).join('');
  return name === undefined ? steps : `${steps}.${name}`;
}

/** One level of a schema's `$ref` / one-member `allOf` chain: its own keywords, and whether a `$ref` led to it. */
export interface SchemaLevel {
  readonly node: Node;
  readonly viaRef: boolean;
}

/**
 * The levels from `schema` through the `$ref`s and one-member `allOf`s it names, outermost first,
 * each without the `$ref`/`allOf` keyword that leads on (a many-member `allOf` stays on its level).
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function schemaLevels(refs: RefResolver, schema: Node): SchemaLevel[] {
  const levels: SchemaLevel[] = [];
  let at: Node | undefined = schema;
  let viaRef = false;
  for (let depth = 0; at !== undefined && depth < 32; depth++) {
    const { $ref: ref, allOf, ...own }: Node = at;
    if (typeof ref === 'string') {
      levels.push({ node: own, viaRef });
      at = refs.resolve({ $ref: ref }).node;
      viaRef = true;
    } else if (Array.isArray(allOf) && allOf.length === 1 && isNode(allOf[0])) {
      levels.push({ node: own, viaRef });
      at = allOf[0];
      viaRef = false;
    } else {
      levels.push({ node: allOf === undefined ? own : { allOf, ...own }, viaRef });
      at = undefined;
    }
  }
  return levels;
}

/**
 * Follows `$ref`s and one-member `allOf`s from `schema` to the schema they name, merging the
 * levels so the outermost keyword wins (a `description` or `nullable` next to a `$ref`).
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function resolveSchema(refs: RefResolver, schema: Node): Node {
  return schemaLevels(refs, schema).reduceRight<Node>((merged, level) => ({ ...merged, ...level.node }), {});
}

/** The schema's type, ignoring `null` (`type: [string, "null"]` is `string`); undefined when unstated. */
export function schemaType(schema: Node): string | undefined {
  const t = schema['type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return undefined;
}

function ownSamples(schema: Node): unknown[] {
  const out: unknown[] = [];
  for (const key of ['example', 'const', 'default'] as const) if (schema[key] !== undefined) out.push(schema[key]);
  for (const key of ['examples', 'enum'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) out.push(...list);
  }
  return out;
}

function unique(values: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of values) if (v !== undefined && v !== null) seen.set(JSON.stringify(v), v);
  return [...seen.values()];
}

function step(instances: readonly unknown[], s: PathStep): unknown[] {
  if (s === 'items') return instances.flatMap((i) => (Array.isArray(i) ? i : []));
  if (s === 'values') return instances.flatMap((i) => (isNode(i) ? Object.values(i) : []));
  return instances.flatMap((i) => (isNode(i) && i[s.prop] !== undefined ? [i[s.prop]] : []));
}

/** Options of {@link findProperties}. */
export interface FindOptions {
  /** Walk into `$ref` targets (AsyncAPI payloads, where the path from the payload root matters); else stop at them. */
  readonly followRefs: boolean;
  /** Example instances of the root schema (message examples, media-type examples). */
  readonly instances?: readonly unknown[];
}

/**
 * Every property whose name `match`es, anywhere inside `root`: nested objects, array items, map
 * values and `allOf`/`oneOf`/`anyOf` members (which keep the path of their parent). With
 * `followRefs: false` a `$ref` is a leaf: the named schema is walked from its own root.
 * Recursive schemas are entered once per path.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function findProperties(refs: RefResolver, root: unknown, match: (name: string) => boolean, options: FindOptions): PropertySite[] {
  const sites: PropertySite[] = [];
  const walk = (node: unknown, path: readonly PathStep[], instances: readonly unknown[], active: ReadonlySet<string>): void => {
    if (!isNode(node)) return;
    let schema = node;
    let inside = active;
    if (typeof node['$ref'] === 'string') {
      if (!options.followRefs || active.has(node['$ref'])) return;
      inside = new Set([...active, node['$ref']]);
      schema = refs.resolve(node).node;
    }
    const here = [...instances, ...(schema['example'] !== undefined ? [schema['example']] : []), ...(Array.isArray(schema['examples']) ? schema['examples'] : [])];
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const members = schema[keyword];
      if (Array.isArray(members)) for (const m of members) walk(m, path, here, inside);
    }
    const properties = schema['properties'];
    if (isNode(properties)) {
      for (const [name, prop] of Object.entries(properties)) {
        if (!isNode(prop)) continue;
        const values = step(here, { prop: name });
        if (match(name)) {
          const resolved = resolveSchema(refs, prop);
          sites.push({ path, name, written: prop, schema: resolved, samples: unique([...ownSamples(resolved), ...values]) });
        }
        walk(prop, [...path, { prop: name }], values, inside);
      }
    }
    if (schema['items'] !== undefined) walk(schema['items'], [...path, 'items'], step(here, 'items'), inside);
    if (isNode(schema['additionalProperties'])) walk(schema['additionalProperties'], [...path, 'values'], step(here, 'values'), inside);
  };
  walk(root, [], options.instances ?? [], new Set());
  return sites;
}
