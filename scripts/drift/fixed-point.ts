import { child, entries, isNode, type Node, RefResolver } from '../lib/refs.ts';
import { readAsyncApi } from './asyncapi.ts';
import { findProperties, renderPath, resolveSchema, schemaLevels, schemaType, type PathStep, type PropertySite } from './schema-walk.ts';
import type { DriftProblem } from './types.ts';

/** Money and prices (`*_dollars`, `FixedPointDollars`) or contract counts (`*_fp`, `FixedPointCount`). */
export type FixedPointKind = 'dollars' | 'count';

/** A fixed-point string, a `[[price, count], …]` ladder, or something the accessors cannot read. */
export type FixedPointShape = 'scalar' | 'levels' | 'other';

/** A field of a REST schema: read with `dollars` / `contracts` / `signedContracts` / `levels` of @kalshi-sdk/rest. */
export interface RestOwner {
  readonly api: 'rest';
  /** TypeScript type of the object holding the field, over the rest package's `paths` / `components`. */
  readonly typeExpression: string;
}

/** A field of a WebSocket message: read with the `WsMessage` accessors of @kalshi-sdk/ws, or its standalone ones when nested deeper than `msg`. */
export interface WsOwner {
  readonly api: 'ws';
  /** Key of the message under `components.messages`. */
  readonly messageKey: string;
  /** The payload's `type` value, or null when the spec does not pin one. */
  readonly type: string | null;
  /** Sent on a subscribable channel (commands and replies are not). */
  readonly data: boolean;
  /** Where the field sits in the payload (`.msg` for a field of `msg` itself). */
  readonly path: string;
  /** The same path as steps from the payload root to the object holding the field. */
  readonly steps: readonly PathStep[];
}

/**
 * One property found in a spec that the fixed-point checks look at: a fixed-point field (see
 * {@link fixedPointKind}), which an accessor must read exactly, or a plain string property,
 * which the accessors must reject.
 */
export interface SpecField {
  /** `openapi:Market.yes_bid_dollars`, `openapi:GetMarkets.response.200.markets[].x_dollars`, `asyncapi:ticker.msg.yes_bid_dollars`. */
  readonly subject: string;
  /** The fixed-point kind, or null for a plain string property. */
  readonly kind: FixedPointKind | null;
  readonly name: string;
  readonly shape: FixedPointShape;
  /** The schema's type (`string`, `array`, …) or `untyped`. */
  readonly type: string;
  /** A count the spec says may be negative (a negative example, or its description says so). */
  readonly signed: boolean;
  /** Values the spec shows for the field (examples, enums, enclosing examples). */
  readonly samples: readonly unknown[];
  readonly owner: RestOwner | WsOwner;
}

/** A description naming fixed-point dollars: `Fixed-point US dollar string`, `Price … in fixed-point dollars`, `… in dollars`. */
const DOLLARS_TEXT = /\bfixed[- ]point\s+(?:US\s+)?dollars?\b|\bin\s+dollars\b/i;
/** A description naming a fixed-point contract count: `Fixed-point contract count string`. */
const COUNT_TEXT = /\bfixed[- ]point\s+(?:contract\s+)?counts?\b/i;

function describedKind(description: unknown): FixedPointKind | undefined {
  if (typeof description !== 'string') return undefined;
  if (DOLLARS_TEXT.test(description)) return 'dollars';
  return COUNT_TEXT.test(description) ? 'count' : undefined;
}

/**
 * Whether a property holds a fixed-point value, by the facts of the spec, and of which kind:
 * its name ends in `_dollars` / `_fp`; or a schema it references (`$ref`, also inside a
 * one-member `allOf`) is a string that describes itself as a fixed-point dollar or count string
 * (`FixedPointDollars`, `FixedPointCount`), whatever the property itself is; or it is a string
 * whose own description names fixed-point dollars, dollars (`… in dollars`) or a fixed-point
 * count. An array or object described that way (`… each balance expressed as a fixed-point
 * dollar string`) describes what it holds, not itself.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function fixedPointKind(refs: RefResolver, site: PropertySite): FixedPointKind | undefined {
  if (site.name.endsWith('_fp')) return 'count';
  if (site.name.endsWith('_dollars')) return 'dollars';
  for (const level of schemaLevels(refs, site.written)) {
    const kind = level.viaRef && schemaType(level.node) === 'string' ? describedKind(level.node['description']) : undefined;
    if (kind) return kind;
  }
  return schemaType(site.schema) === 'string' ? describedKind(site.schema['description']) : undefined;
}

function mayBeNegative(description: unknown): boolean {
  return typeof description === 'string' && /\bnegative\b/i.test(description) && !/\b(non-?negative|never negative|not negative|cannot be negative)\b/i.test(description);
}

/** The facts of a property, or undefined when it is neither fixed-point nor a string. */
function classify(refs: RefResolver, site: PropertySite): Pick<SpecField, 'name' | 'kind' | 'shape' | 'type' | 'signed' | 'samples'> | undefined {
  const kind = fixedPointKind(refs, site) ?? null;
  const type = schemaType(site.schema) ?? 'untyped';
  if (kind === null && type !== 'string') return undefined;
  const items = isNode(site.schema['items']) ? resolveSchema(refs, site.schema['items']) : undefined;
  const shape: FixedPointShape = type === 'string' ? 'scalar' : type === 'array' && items && schemaType(items) === 'array' ? 'levels' : 'other';
  const negativeSample = site.samples.some((s) => (typeof s === 'string' && s.trim().startsWith('-')) || (typeof s === 'number' && s < 0));
  const signed = kind === 'count' && shape === 'scalar' && (negativeSample || mayBeNegative(site.schema['description']));
  return { name: site.name, kind, shape, type, signed, samples: site.samples };
}

/** `Prop<…>`/`Item<…>`/`Val<…>` (declared in the probe prelude) applied along `path`. */
function typeAt(root: string, path: readonly PathStep[]): string {
  return path.reduce((t, s) => (s === 'items' ? `Item<${t}>` : s === 'values' ? `Val<${t}>` : `Prop<${t}, ${JSON.stringify(s.prop)}>`), root);
}

function mediaExamples(media: Node): unknown[] {
  const out: unknown[] = media['example'] !== undefined ? [media['example']] : [];
  for (const [, e] of entries(media, 'examples')) if (e['value'] !== undefined) out.push(e['value']);
  return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Every fixed-point property (see {@link fixedPointKind}) and every plain string property of an
 * OpenAPI document: in every component schema (and the inline schemas of component responses
 * and request bodies) and in every inline request or response schema of an operation.
 * Parameters are not included: the client sends them, the accessors read what it receives.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function openApiFields(doc: Node): SpecField[] {
  const refs = new RefResolver(doc, 'openapi.yaml');
  const fields: SpecField[] = [];
  const add = (root: unknown, typeRoot: string, subjectRoot: string, instances: readonly unknown[] = []) => {
    for (const site of findProperties(refs, root, () => true, { followRefs: false, instances })) {
      const facts = classify(refs, site);
      if (!facts) continue;
      fields.push({
        subject: `openapi:${subjectRoot}${renderPath(site.path, site.name)}`,
        ...facts,
        owner: { api: 'rest', typeExpression: typeAt(typeRoot, site.path) },
      });
    }
  };
  const addContent = (content: Node, typeRoot: string, subjectRoot: string) => {
    for (const [mime, media] of Object.entries(content)) {
      if (!isNode(media) || !/json/.test(mime)) continue;
      const suffix = mime === 'application/json' ? '' : `(${mime})`;
      add(media['schema'], `${typeRoot}["content"][${JSON.stringify(mime)}]`, `${subjectRoot}${suffix}`, mediaExamples(media));
    }
  };
  const components = child(doc, 'components');
  for (const [name, schema] of entries(components, 'schemas')) add(schema, `components["schemas"][${JSON.stringify(name)}]`, name);
  for (const [name, response] of entries(components, 'responses')) {
    addContent(child(response, 'content'), `components["responses"][${JSON.stringify(name)}]`, `responses.${name}`);
  }
  for (const [name, body] of entries(components, 'requestBodies')) {
    addContent(child(body, 'content'), `components["requestBodies"][${JSON.stringify(name)}]`, `requestBodies.${name}`);
  }
  for (const [path, item] of entries(doc, 'paths')) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const label = typeof op['operationId'] === 'string' ? op['operationId'] : `${method.toUpperCase()} ${path}`;
      const opType = `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]`;
      const body = op['requestBody'];
      if (isNode(body) && body['$ref'] === undefined) addContent(child(body, 'content'), `NonNullable<${opType}["requestBody"]>`, `${label}.request`);
      for (const [status, response] of entries(op, 'responses')) {
        if (response['$ref'] === undefined) addContent(child(response, 'content'), `${opType}["responses"][${JSON.stringify(status)}]`, `${label}.response.${status}`);
      }
    }
  }
  return fields;
}

/**
 * Every fixed-point property (see {@link fixedPointKind}) and every plain string property of
 * every message payload of an AsyncAPI document, `$ref`s followed, with the path from the
 * payload root (`.msg.yes_bid_dollars`, `.msg.mve_selected_legs[].yes_settlement_value_dollars`).
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function asyncApiFields(doc: Node): SpecField[] {
  const api = readAsyncApi(doc);
  const fields: SpecField[] = [];
  for (const message of api.messages.values()) {
    for (const site of findProperties(api.refs, message.payload, () => true, { followRefs: true, instances: message.examples })) {
      const facts = classify(api.refs, site);
      if (!facts) continue;
      const path = renderPath(site.path);
      fields.push({
        subject: `asyncapi:${message.key}${path}.${site.name}`,
        ...facts,
        owner: { api: 'ws', messageKey: message.key, type: message.type, data: api.dataMessages.has(message.key), path, steps: site.path },
      });
    }
  }
  return fields;
}

/** The accessors of scalar fields, in both packages (ws: `WsMessage` methods and standalone functions). */
export type ScalarAccessor = 'dollars' | 'contracts' | 'signedContracts';
/** The accessors a REST field can be read with. */
export type RestAccessor = ScalarAccessor | 'levels';
/** `WsMessage` methods that read a `msg` field. */
export type WsAccessor = ScalarAccessor | 'levels';

/** What the fixed-point checks need from the SDK (see `createSdkFacts`). */
export interface FixedPointFacts {
  /**
   * Compiles one-line statements against the packages' public types (names in scope: rest's
   * `dollars`, `contracts`, `signedContracts`, `levels`, `DollarsField`, `CountField`, `paths`,
   * `components`; `ws.*`; the path helpers `Prop`, `Item`, `Val`; and `rejects<K, F>()`, which
   * compiles only when `K` is not in `F`); one error or undefined per statement.
   */
  typecheck(statements: readonly string[]): (string | undefined)[];
  /** Name of the ws package's payload type for a message key (`TickerPayload`), if it has one. */
  wsPayloadType(messageKey: string): string | undefined;
  /** Calls a REST accessor on `obj`. */
  readRest(accessor: RestAccessor, obj: object, field: string): unknown;
  /** Builds a `WsMessage` from `raw` and calls one of its accessors. */
  readWs(accessor: WsAccessor, raw: object, field: string): unknown;
  /** Calls one of ws's standalone accessors on `obj` (an object nested in a payload). */
  readWsObject(accessor: ScalarAccessor, obj: object, field: string): unknown;
}

/** One way to read a field: a statement that must compile, and the same call at run time. */
interface Reader {
  readonly call: string;
  readonly statement: string;
  readonly read: (sample: unknown) => unknown;
}

/** `'0012.5000'` → `'12.5'`, `'.50'` → `'0.5'`; undefined for anything but a plain decimal string. */
function canonicalDecimal(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(-?)(\d*)(?:\.(\d+))?$/.exec(value);
  if (!m || (m[2] === '' && m[3] === undefined)) return undefined;
  const int = m[2]!.replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : `${m[1]}${body}`;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Why reading `sample` gave the wrong value, or undefined when it read back exactly. */
function misread(shape: FixedPointShape, sample: unknown, read: (s: unknown) => unknown): string | undefined {
  let result: unknown;
  try {
    result = read(sample);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return `throws ${typeof code === 'string' ? code : String(error)}`;
  }
  if (shape === 'levels') {
    const want = Array.isArray(sample) ? sample.map((l) => (Array.isArray(l) ? l.map(canonicalDecimal).join(' ') : '?')) : [];
    const got = Array.isArray(result) ? result.map((l) => `${canonicalDecimal(String((l as { price?: unknown }).price))} ${canonicalDecimal(String((l as { size?: unknown }).size))}`) : [];
    return want.join(', ') === got.join(', ') ? undefined : `reads as ${show(got)}`;
  }
  const got = result === undefined || result === null ? undefined : canonicalDecimal(String(result));
  return got !== undefined && got === canonicalDecimal(sample) ? undefined : `reads as ${result === undefined ? 'undefined' : String(result)}`;
}

function defaultSample(field: SpecField): unknown {
  if (field.shape === 'levels') return [['0.5600', '10.00']];
  if (field.kind === 'dollars') return '0.5600';
  return field.signed ? '-10.00' : '10.00';
}

function shapeProblem(field: SpecField): string {
  if (field.shape === 'levels') return 'is a ladder of [price, count] pairs and no accessor reads one here';
  const what = field.type === 'untyped' ? 'untyped' : `${/^[aeiou]/.test(field.type) ? 'an' : 'a'} ${field.type}`;
  return `is ${what}; the fixed-point accessors read decimal strings`;
}

/** The accessors that may read a scalar field of `kind`: a count not known to be signed may use either. */
function scalarAccessors(field: SpecField): ScalarAccessor[] {
  if (field.kind === 'dollars') return ['dollars'];
  return field.signed ? ['signedContracts'] : ['contracts', 'signedContracts'];
}

/** The ws payload type the field's statements start from, or why the field cannot be read in ws. */
function wsRoot(owner: WsOwner, facts: FixedPointFacts): { payload: string } | string {
  if (!owner.data) return 'is in a command or reply payload; the ws accessors read data messages only';
  const payload = facts.wsPayloadType(owner.messageKey);
  return payload === undefined ? `the ws package has no payload type for message ${owner.messageKey}` : { payload };
}

/** The readers that could cover a fixed-point `field`, or why none can. */
function readersFor(field: SpecField, facts: FixedPointFacts): Reader[] | string {
  const q = JSON.stringify(field.name);
  const owner = field.owner;
  if (field.shape === 'other') return shapeProblem(field);
  if (owner.api === 'rest') {
    const accessors: RestAccessor[] = field.shape === 'levels' ? ['levels'] : [field.kind === 'dollars' ? 'dollars' : field.signed ? 'signedContracts' : 'contracts'];
    return accessors.map((accessor) => ({
      call: `${accessor}(…, ${q})`,
      statement: `${accessor}(null as unknown as ${owner.typeExpression}, ${q});`,
      read: (sample) => facts.readRest(accessor, { [field.name]: sample }, field.name),
    }));
  }
  const root = wsRoot(owner, facts);
  if (typeof root === 'string') return root;
  if (owner.path === '.msg') {
    const accessors: WsAccessor[] = field.shape === 'levels' ? ['levels'] : scalarAccessors(field);
    return accessors.map((accessor) => ({
      call: `WsMessage<${root.payload}>.${accessor}(${q})`,
      statement: `(null as unknown as ws.WsMessage<ws.${root.payload}>).${accessor}(${q});`,
      read: (sample) => facts.readWs(accessor, { type: owner.type ?? 'unknown', sid: 1, msg: { [field.name]: sample } }, field.name),
    }));
  }
  if (field.shape === 'levels') return `is a ladder nested in the payload (${owner.path}); ws reads ladders of msg itself only`;
  return scalarAccessors(field).map((accessor) => ({
    call: `ws ${accessor}(<${root.payload}${owner.path}>, ${q})`,
    statement: `ws.${accessor}(null as unknown as ${typeAt(`ws.${root.payload}`, owner.steps)}, ${q});`,
    read: (sample) => facts.readWsObject(accessor, { [field.name]: sample }, field.name),
  }));
}

/**
 * The statement that compiles only when the accessors of `kind` reject a string `field` that is
 * not a fixed-point field of that kind, and the accessor it names; undefined when no accessor of
 * the SDK could be called on the field's object.
 */
function rejecterFor(field: SpecField, kind: FixedPointKind, facts: FixedPointFacts): { call: string; statement: string } | undefined {
  const q = JSON.stringify(field.name);
  const owner = field.owner;
  if (owner.api === 'rest') {
    const keys = kind === 'dollars' ? 'DollarsField' : 'CountField';
    return { call: `${kind === 'dollars' ? 'dollars' : 'contracts'}(…, ${q})`, statement: `rejects<${q}, ${keys}<${owner.typeExpression}>>();` };
  }
  const root = wsRoot(owner, facts);
  if (typeof root === 'string') return undefined;
  if (owner.path === '.msg') {
    const p = `ws.${root.payload}`;
    const keys = kind === 'dollars' ? `ws.DollarsField<${p}>` : `ws.ContractsField<${p}> | ws.SignedContractsField<${p}>`;
    return { call: `WsMessage<${root.payload}>.${kind === 'dollars' ? 'dollars' : 'contracts'}(${q})`, statement: `rejects<${q}, ${keys}>();` };
  }
  const obj = typeAt(`ws.${root.payload}`, owner.steps);
  const keys = kind === 'dollars' ? `ws.DollarsKey<${obj}>` : `ws.ContractsKey<${obj}> | ws.SignedContractsKey<${obj}>`;
  return { call: `ws ${kind === 'dollars' ? 'dollars' : 'contracts'}(<${root.payload}${owner.path}>, ${q})`, statement: `rejects<${q}, ${keys}>();` };
}

/**
 * Checks that the accessors of `kind` read exactly the fields of that kind:
 * - each fixed-point field of `kind` is accepted by an accessor's key type (for a count the spec
 *   says may be negative, the signed accessor; a ladder by `levels`), and every value the spec
 *   shows for it (or a typical one when the spec shows none) reads back to the same decimal;
 * - no other string property (a plain string, or a field of the other kind) is accepted, so the
 *   accessors' lists of fields named without a suffix (`average_fill_price`, `fill_count`) stay
 *   true to the spec.
 * One compile for all fields.
 */
export function checkFixedPointFields(fields: readonly SpecField[], kind: FixedPointKind, facts: FixedPointFacts): DriftProblem[] {
  const problems: DriftProblem[] = [];
  const planned: Array<{ field: SpecField; readers: Reader[] }> = [];
  const rejecters: Array<{ field: SpecField; call: string; statement: string }> = [];
  for (const field of fields) {
    if (field.kind !== kind) {
      const rejecter = field.type === 'string' ? rejecterFor(field, kind, facts) : undefined;
      if (rejecter) rejecters.push({ field, ...rejecter });
      continue;
    }
    const readers = readersFor(field, facts);
    if (typeof readers === 'string') problems.push({ subject: field.subject, message: readers });
    else planned.push({ field, readers });
  }
  const errors = facts.typecheck([...planned.flatMap((p) => p.readers.map((r) => r.statement)), ...rejecters.map((r) => r.statement)]);
  let at = 0;
  for (const { field, readers } of planned) {
    const results = readers.map(() => errors[at++]);
    const ok = readers.find((_, i) => results[i] === undefined);
    if (!ok) {
      const tried = readers.map((r, i) => `${r.call}: ${results[i]!.slice(0, 200)}`).join('; ');
      problems.push({ subject: field.subject, message: `no accessor accepts it (${tried})` });
      continue;
    }
    const samples = field.samples.length > 0 ? field.samples : [defaultSample(field)];
    const source = field.samples.length > 0 ? 'spec example' : 'typical value (the spec shows none)';
    for (const sample of samples) {
      const why = misread(field.shape, sample, ok.read);
      if (why) problems.push({ subject: field.subject, message: `${ok.call} misreads the ${source} ${show(sample)}: ${why}` });
    }
  }
  const what = kind === 'dollars' ? 'fixed-point dollars' : 'a fixed-point count';
  for (const { field, call } of rejecters) {
    if (errors[at++] === undefined) continue;
    const is = field.kind === null ? 'a plain string' : `a field of the other kind (${field.kind})`;
    problems.push({ subject: field.subject, message: `${call} accepts it, but the spec does not describe it as ${what}: it is ${is}` });
  }
  return problems;
}
