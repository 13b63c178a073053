import { child, entries, isNode, type Node, RefResolver } from '../contract-diff/refs.ts';
import { readAsyncApi } from './asyncapi.ts';
import { findProperties, renderPath, resolveSchema, schemaType, type PathStep, type PropertySite } from './schema-walk.ts';
import type { DriftProblem } from './types.ts';

/** `*_dollars` (money, prices) or `*_fp` (contract counts). */
export type FixedPointKind = 'dollars' | 'count';

/** A fixed-point string, a `[[price, count], …]` ladder, or something the accessors cannot read. */
export type FixedPointShape = 'scalar' | 'levels' | 'other';

/** A field of a REST schema: read with `dollars` / `contracts` / `signedContracts` of @kalshi-sdk/rest. */
export interface RestOwner {
  readonly api: 'rest';
  /** TypeScript type of the object holding the field, over the rest package's `paths` / `components`. */
  readonly typeExpression: string;
}

/** A field of a WebSocket message: read with the `WsMessage` accessors of @kalshi-sdk/ws. */
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
}

/** One `*_dollars` or `*_fp` property found in a spec. */
export interface FixedPointField {
  /** `openapi:Market.yes_bid_dollars`, `openapi:GetMarkets.response.200.markets[].x_dollars`, `asyncapi:ticker.msg.yes_bid_dollars`. */
  readonly subject: string;
  readonly kind: FixedPointKind;
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

const FIXED_POINT_NAME = /_(dollars|fp)$/;

function mayBeNegative(description: unknown): boolean {
  return typeof description === 'string' && /\bnegative\b/i.test(description) && !/\b(non-?negative|never negative|not negative|cannot be negative)\b/i.test(description);
}

function classify(refs: RefResolver, site: PropertySite): Pick<FixedPointField, 'kind' | 'shape' | 'type' | 'signed' | 'samples'> {
  const kind: FixedPointKind = site.name.endsWith('_fp') ? 'count' : 'dollars';
  const type = schemaType(site.schema) ?? 'untyped';
  const items = isNode(site.schema['items']) ? resolveSchema(refs, site.schema['items']) : undefined;
  const shape: FixedPointShape = type === 'string' ? 'scalar' : type === 'array' && items && schemaType(items) === 'array' ? 'levels' : 'other';
  const negativeSample = site.samples.some((s) => (typeof s === 'string' && s.trim().startsWith('-')) || (typeof s === 'number' && s < 0));
  const signed = kind === 'count' && shape === 'scalar' && (negativeSample || mayBeNegative(site.schema['description']));
  return { kind, shape, type, signed, samples: site.samples };
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
 * Every `*_dollars` / `*_fp` property of an OpenAPI document: in every component schema (and the
 * inline schemas of component responses and request bodies) and in every inline request or
 * response schema of an operation. Parameters are not included: the client sends them, the
 * accessors read what it receives.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function openApiFixedPointFields(doc: Node): FixedPointField[] {
  const refs = new RefResolver(doc, 'openapi.yaml');
  const fields: FixedPointField[] = [];
  const add = (root: unknown, typeRoot: string, subjectRoot: string, instances: readonly unknown[] = []) => {
    for (const site of findProperties(refs, root, (n) => FIXED_POINT_NAME.test(n), { followRefs: false, instances })) {
      fields.push({
        subject: `openapi:${subjectRoot}${renderPath(site.path, site.name)}`,
        name: site.name,
        ...classify(refs, site),
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
 * Every `*_dollars` / `*_fp` property of every message payload of an AsyncAPI document, `$ref`s
 * followed, with the path from the payload root (`.msg.yes_bid_dollars`).
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function asyncApiFixedPointFields(doc: Node): FixedPointField[] {
  const api = readAsyncApi(doc);
  const fields: FixedPointField[] = [];
  for (const message of api.messages.values()) {
    const sites = findProperties(api.refs, message.payload, (n) => FIXED_POINT_NAME.test(n), { followRefs: true, instances: message.examples });
    for (const site of sites) {
      const path = renderPath(site.path);
      fields.push({
        subject: `asyncapi:${message.key}${path}.${site.name}`,
        name: site.name,
        ...classify(api.refs, site),
        owner: { api: 'ws', messageKey: message.key, type: message.type, data: api.dataMessages.has(message.key), path },
      });
    }
  }
  return fields;
}

/** The accessors a field can be read with. */
export type RestAccessor = 'dollars' | 'contracts' | 'signedContracts';
/** `WsMessage` methods that read a `msg` field. */
export type WsAccessor = RestAccessor | 'levels';

/** What the fixed-point checks need from the SDK (see `createSdkFacts`). */
export interface FixedPointFacts {
  /**
   * Compiles one-line statements against the packages' public types (names in scope:
   * `dollars`, `contracts`, `signedContracts`, `paths`, `components`, `ws.*`, and the path
   * helpers `Prop`, `Item`, `Val`); one error or undefined per statement.
   */
  typecheck(statements: readonly string[]): (string | undefined)[];
  /** Name of the ws package's payload type for a message key (`TickerPayload`), if it has one. */
  wsPayloadType(messageKey: string): string | undefined;
  /** Calls a REST accessor on `obj`. */
  readRest(accessor: RestAccessor, obj: object, field: string): unknown;
  /** Builds a `WsMessage` from `raw` and calls one of its accessors. */
  readWs(accessor: WsAccessor, raw: object, field: string): unknown;
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

function defaultSample(field: FixedPointField): unknown {
  if (field.shape === 'levels') return [['0.5600', '10.00']];
  if (field.kind === 'dollars') return '0.5600';
  return field.signed ? '-10.00' : '10.00';
}

function shapeProblem(field: FixedPointField): string {
  if (field.shape === 'levels') return 'is a ladder of [price, count] pairs and no REST accessor reads one';
  const what = field.type === 'untyped' ? 'untyped' : `${/^[aeiou]/.test(field.type) ? 'an' : 'a'} ${field.type}`;
  return `is ${what}; the fixed-point accessors read decimal strings`;
}

/** The readers that could cover `field`, or why none can. */
function readersFor(field: FixedPointField, facts: FixedPointFacts): Reader[] | string {
  const q = JSON.stringify(field.name);
  const owner = field.owner;
  if (owner.api === 'rest') {
    if (field.shape !== 'scalar') return shapeProblem(field);
    const accessor: RestAccessor = field.kind === 'dollars' ? 'dollars' : field.signed ? 'signedContracts' : 'contracts';
    return [{
      call: `${accessor}(…, ${q})`,
      statement: `${accessor}(null as unknown as ${owner.typeExpression}, ${q});`,
      read: (sample) => facts.readRest(accessor, { [field.name]: sample }, field.name),
    }];
  }
  if (!owner.data) return 'is in a command or reply payload; the WsMessage accessors read data messages only';
  if (owner.path !== '.msg') return `is nested (${owner.path}); the WsMessage accessors read fields of msg itself only`;
  const payload = facts.wsPayloadType(owner.messageKey);
  if (payload === undefined) return `the ws package has no payload type for message ${owner.messageKey}`;
  let accessors: WsAccessor[];
  if (field.shape === 'levels') accessors = ['levels'];
  else if (field.shape === 'other') return shapeProblem(field);
  else if (field.kind === 'dollars') accessors = ['dollars'];
  else accessors = field.signed ? ['signedContracts'] : ['contracts', 'signedContracts'];
  return accessors.map((accessor) => ({
    call: `WsMessage<${payload}>.${accessor}(${q})`,
    statement: `(null as unknown as ws.WsMessage<ws.${payload}>).${accessor}(${q});`,
    read: (sample) => facts.readWs(accessor, { type: owner.type ?? 'unknown', sid: 1, msg: { [field.name]: sample } }, field.name),
  }));
}

/**
 * Checks that each field of `kind` is read exactly by an accessor of the SDK: the accessor's key
 * type accepts the field (for a count the spec says may be negative, the signed accessor), and
 * it reads every value the spec shows for it (or a typical one when the spec shows none) back to
 * the same decimal. One compile for all fields.
 */
export function checkFixedPointFields(fields: readonly FixedPointField[], kind: FixedPointKind, facts: FixedPointFacts): DriftProblem[] {
  const problems: DriftProblem[] = [];
  const planned: Array<{ field: FixedPointField; readers: Reader[] }> = [];
  for (const field of fields) {
    if (field.kind !== kind) continue;
    const readers = readersFor(field, facts);
    if (typeof readers === 'string') problems.push({ subject: field.subject, message: readers });
    else planned.push({ field, readers });
  }
  const errors = facts.typecheck(planned.flatMap((p) => p.readers.map((r) => r.statement)));
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
  return problems;
}
