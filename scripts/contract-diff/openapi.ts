import type { ChangeLog } from './change-log.ts';
import { child, entries, isNode, type Node, RefResolver } from '../lib/refs.ts';
import { SchemaDiffer, type SchemaSite } from './schema.ts';

const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** One operation of an OpenAPI document. */
export interface OpenApiOperation {
  /** `METHOD /path` with path parameter names blanked (`GET /markets/{}`): renaming a path parameter is not a new operation. */
  readonly key: string;
  readonly method: string;
  /** The path as written (`/markets/{ticker}`). */
  readonly path: string;
  readonly operationId: string | undefined;
  /** The operation object with path-level parameters merged in. */
  readonly node: Node;
  /** Parameters keyed `in:name` (path parameters `path:#<position>`), refs resolved. */
  readonly parameters: ReadonlyMap<string, Node>;
}

/** Lists the operations of an OpenAPI 3.x document, keyed by method and normalized path. */
export function openApiOperations(doc: Node, refs: RefResolver): Map<string, OpenApiOperation> {
  const out = new Map<string, OpenApiOperation>();
  for (const [path, rawItem] of entries(doc, 'paths')) {
    const item = refs.resolve(rawItem).node;
    const pathParams = Array.isArray(item['parameters']) ? item['parameters'] : [];
    const positions = new Map([...path.matchAll(/\{([^}]*)\}/g)].map((m, i) => [m[1] ?? '', i]));
    for (const method of methods) {
      const op = item[method];
      if (!isNode(op)) continue;
      const parameters = new Map<string, Node>();
      for (const raw of [...pathParams, ...(Array.isArray(op['parameters']) ? op['parameters'] : [])]) {
        if (!isNode(raw)) continue;
        const p = refs.resolve(raw).node;
        const name = String(p['name']);
        const where = String(p['in']);
        parameters.set(where === 'path' ? `path:#${positions.get(name) ?? name}` : `${where}:${name}`, p);
      }
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : undefined;
      out.set(key, { key, method: method.toUpperCase(), path, operationId, node: op, parameters });
    }
  }
  return out;
}

/** `POST /portfolio/orders (CreateOrder)`. */
export function operationLabel(op: OpenApiOperation): string {
  return `${op.method} ${op.path}${op.operationId === undefined ? '' : ` (${op.operationId})`}`;
}

/**
 * Diffs two OpenAPI 3.x documents into `log`: operations (keyed by method + path), their
 * parameters, request bodies and responses, and every schema reached from them.
 * Parameters and request bodies are `sent`; responses are `received`.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function diffOpenApi(oldDoc: Node, newDoc: Node, log: ChangeLog, labels = { old: 'old', new: 'new' }): void {
  const oldRefs = new RefResolver(oldDoc, labels.old);
  const newRefs = new RefResolver(newDoc, labels.new);
  const schemas = new SchemaDiffer(oldRefs, newRefs, log);
  const oldOps = openApiOperations(oldDoc, oldRefs);
  const newOps = openApiOperations(newDoc, newRefs);

  for (const [key, op] of newOps) {
    const root = op.operationId ?? `${op.method} ${op.path}`;
    const subject = operationLabel(op);
    const before = oldOps.get(key);
    if (!before) {
      log.add({ kind: 'operation-added', direction: 'both', subject, pointer: '' }, root);
      continue;
    }
    const at = (pointer: string, direction: SchemaSite['direction']): SchemaSite => ({ subject, pointer, direction, root });
    if (before.operationId !== op.operationId) {
      log.add({ kind: 'operation-id-changed', direction: 'both', subject, pointer: '', before: before.operationId ?? '-', after: op.operationId ?? '-' }, root);
    }
    for (const field of ['summary', 'description'] as const) {
      if (before.node[field] !== op.node[field]) log.add({ kind: 'description-changed', direction: 'both', subject, pointer: field }, root);
    }
    if ((before.node['deprecated'] === true) !== (op.node['deprecated'] === true)) {
      log.add({ kind: op.node['deprecated'] === true ? 'deprecated-added' : 'deprecated-removed', direction: 'both', subject, pointer: '' }, root);
    }
    diffParameters(before, op, at, schemas, log);
    diffRequestBody(before.node, op.node, at, schemas, log, oldRefs, newRefs);
    diffResponses(before.node, op.node, at, schemas, log, oldRefs, newRefs);
  }
  for (const [key, op] of oldOps) {
    if (!newOps.has(key)) log.add({ kind: 'operation-removed', direction: 'both', subject: operationLabel(op), pointer: '' }, op.operationId ?? key);
  }
}

type At = (pointer: string, direction: SchemaSite['direction']) => SchemaSite;

function diffParameters(before: OpenApiOperation, op: OpenApiOperation, at: At, schemas: SchemaDiffer, log: ChangeLog): void {
  const name = (p: Node) => `${String(p['in'])}.${String(p['name'])}`;
  for (const [key, p] of op.parameters) {
    const site = at(name(p), 'sent');
    const old = before.parameters.get(key);
    const required = p['required'] === true;
    if (!old) {
      log.add({ kind: required ? 'parameter-added-required' : 'parameter-added-optional', direction: 'sent', subject: site.subject, pointer: site.pointer }, site.root);
      continue;
    }
    if ((old['required'] === true) !== required) {
      log.add({ kind: required ? 'parameter-became-required' : 'parameter-became-optional', direction: 'sent', subject: site.subject, pointer: site.pointer }, site.root);
    }
    if (old['description'] !== p['description']) log.add({ kind: 'description-changed', direction: 'sent', subject: site.subject, pointer: site.pointer }, site.root);
    if ((old['deprecated'] === true) !== (p['deprecated'] === true)) {
      log.add({ kind: p['deprecated'] === true ? 'deprecated-added' : 'deprecated-removed', direction: 'sent', subject: site.subject, pointer: site.pointer }, site.root);
    }
    schemas.diff(old['schema'], p['schema'], site);
  }
  for (const [key, p] of before.parameters) {
    if (!op.parameters.has(key)) {
      const site = at(name(p), 'sent');
      log.add({ kind: 'parameter-removed', direction: 'sent', subject: site.subject, pointer: site.pointer }, site.root);
    }
  }
}

function diffRequestBody(oldOp: Node, newOp: Node, at: At, schemas: SchemaDiffer, log: ChangeLog, oldRefs: RefResolver, newRefs: RefResolver): void {
  const o = isNode(oldOp['requestBody']) ? oldRefs.resolve(oldOp['requestBody']).node : undefined;
  const n = isNode(newOp['requestBody']) ? newRefs.resolve(newOp['requestBody']).node : undefined;
  const site = at('request', 'sent');
  const add = (kind: Parameters<ChangeLog['add']>[0]['kind']) => log.add({ kind, direction: 'sent', subject: site.subject, pointer: site.pointer }, site.root);
  if (!o && !n) return;
  if (!o || !n) {
    add(!o ? (n?.['required'] === true ? 'request-body-added-required' : 'request-body-added-optional') : 'request-body-removed');
    return;
  }
  if ((o['required'] === true) !== (n['required'] === true)) add(n['required'] === true ? 'request-body-became-required' : 'request-body-became-optional');
  if (o['description'] !== n['description']) add('description-changed');
  diffContent(o, n, site, schemas, log);
}

function diffResponses(oldOp: Node, newOp: Node, at: At, schemas: SchemaDiffer, log: ChangeLog, oldRefs: RefResolver, newRefs: RefResolver): void {
  const o = new Map(entries(oldOp, 'responses'));
  const n = new Map(entries(newOp, 'responses'));
  for (const [status, raw] of n) {
    const site = at(`response.${status}`, 'received');
    const old = o.get(status);
    if (!old) {
      log.add({ kind: 'response-status-added', direction: 'received', subject: site.subject, pointer: site.pointer }, site.root);
      continue;
    }
    const or = oldRefs.resolve(old).node;
    const nr = newRefs.resolve(raw).node;
    if (or['description'] !== nr['description']) log.add({ kind: 'description-changed', direction: 'received', subject: site.subject, pointer: site.pointer }, site.root);
    diffContent(or, nr, site, schemas, log);
  }
  for (const status of o.keys()) {
    if (n.has(status)) continue;
    const site = at(`response.${status}`, 'received');
    const kind = status.startsWith('2') ? 'success-response-removed' : 'error-response-removed';
    log.add({ kind, direction: 'received', subject: site.subject, pointer: site.pointer }, site.root);
  }
}

/** Media types of a request body or response; JSON keeps the bare pointer, others are named in brackets. */
function diffContent(o: Node, n: Node, site: SchemaSite, schemas: SchemaDiffer, log: ChangeLog): void {
  const oc = child(o, 'content');
  const nc = child(n, 'content');
  const ptr = (media: string) => (media === 'application/json' ? site.pointer : `${site.pointer}[${media}]`);
  for (const [media, body] of entries(n, 'content')) {
    const old = oc[media];
    if (!isNode(old)) {
      log.add({ kind: 'media-type-added', direction: site.direction, subject: site.subject, pointer: ptr(media) }, site.root);
      continue;
    }
    schemas.diff(old['schema'], body['schema'], { ...site, pointer: ptr(media) });
  }
  for (const media of Object.keys(oc)) {
    if (!isNode(nc[media])) log.add({ kind: 'media-type-removed', direction: site.direction, subject: site.subject, pointer: ptr(media) }, site.root);
  }
}
