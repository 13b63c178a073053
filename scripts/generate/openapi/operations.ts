/** The parts of an OpenAPI 3.0 document the generators read. */
export interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, unknown>; parameters?: Record<string, ParameterObject> };
}

interface ParameterObject {
  name?: string;
  in?: string;
  $ref?: string;
}

interface OperationObject {
  operationId?: string;
  description?: string;
  tags?: string[];
  'x-mint'?: { content?: string };
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }>; $ref?: string }>;
  security?: Record<string, unknown>[];
}

interface SchemaObject {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  allOf?: SchemaObject[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Row per operation, in spec order. */
export interface OperationRow {
  operationId: string;
  method: (typeof METHODS)[number];
  path: string;
  cursorPaginated: boolean;
  /** Kalshi token bucket the operation draws from (getting_started/rate_limits). */
  bucket: 'read' | 'write';
  /** Token cost stated in the operation's docs when it differs from the default (per item for batches). */
  cost?: number;
  /** For batch endpoints billed per item: the request-body array holding the items. */
  batchItems?: string;
  /** Body field (in each batch item, for batches) whose presence makes a create idempotent. */
  idempotencyKey?: string;
  /** The operation's `security` accepts Kalshi's signed API-key headers (`kalshiAccessKey`): it needs credentials. */
  authenticated: boolean;
}

function resolveParam(doc: OpenApiDocument, p: ParameterObject): ParameterObject {
  if (p.$ref?.startsWith('#/components/parameters/')) {
    return doc.components?.parameters?.[p.$ref.slice('#/components/parameters/'.length)] ?? p;
  }
  return p;
}

/** Follows `$ref`s (and a single-element `allOf`) to the schema they name. */
function resolveSchema(doc: OpenApiDocument, s: SchemaObject | undefined): SchemaObject | undefined {
  for (let depth = 0; s && depth < 16; depth++) {
    if (s.$ref?.startsWith('#/components/schemas/')) {
      s = doc.components?.schemas?.[s.$ref.slice('#/components/schemas/'.length)] as SchemaObject | undefined;
    } else if (!s.type && !s.properties && s.allOf?.length === 1) {
      s = s.allOf[0];
    } else {
      return s;
    }
  }
  return s;
}

function responseHasCursor(doc: OpenApiDocument, op: OperationObject): boolean {
  const ok = op.responses?.['200'] ?? op.responses?.['201'];
  const resolved = resolveSchema(doc, ok?.content?.['application/json']?.schema);
  return Boolean(resolved?.properties && 'cursor' in resolved.properties);
}

/**
 * The token cost an operation's docs state ("**Rate limit:** N tokens per request", or
 * "N tokens per order in the batch" for batches billed per item), or undefined for the default.
 */
export function documentedCost(op: OperationObject): { cost: number; perItem: boolean } | undefined {
  const text = `${op.description ?? ''}\n${op['x-mint']?.content ?? ''}`;
  const m = /\*\*Rate limit:\*\*\s*(\d+)\s+tokens?\s+per\s+([^.—,]+)/i.exec(text);
  if (!m) return undefined;
  return { cost: Number(m[1]), perItem: /\bin the batch\b/i.test(m[2]!) };
}

/**
 * Kalshi's write bucket covers "order placement, amends, cancels, order groups, and the RFQ
 * quote flow"; reads are GET endpoints and anything not routed elsewhere
 * (getting_started/rate_limits). Mapped onto the spec's tags and paths.
 */
export function bucketOf(method: string, path: string, op: OperationObject): 'read' | 'write' {
  if (method === 'get') return 'read';
  const tags = op.tags ?? [];
  if (tags.includes('orders') || tags.includes('order-groups')) return 'write';
  if (tags.includes('communications') && /^\/communications\/(rfqs|quotes)(\/|$)/.test(path)) return 'write';
  return 'read';
}

function requestSchema(doc: OpenApiDocument, op: OperationObject): SchemaObject | undefined {
  return resolveSchema(doc, op.requestBody?.content?.['application/json']?.schema);
}

/** The request body's one required array-of-objects property: the items of a batch request. */
function batchItemsField(doc: OpenApiDocument, op: OperationObject): string | undefined {
  const body = requestSchema(doc, op);
  const fields = Object.entries(body?.properties ?? {}).filter(([name, s]) => {
    const r = resolveSchema(doc, s);
    return body?.required?.includes(name) && r?.type === 'array' && resolveSchema(doc, r.items)?.type === 'object';
  });
  return fields.length === 1 ? fields[0]![0] : undefined;
}

/**
 * A create (201) whose request carries a caller-chosen `client_order_id` — in the body, or in each
 * item of a batch — is idempotent: Kalshi rejects a second order with the same id.
 */
function idempotencyKeyOf(doc: OpenApiDocument, op: OperationObject, batchItems: string | undefined): string | undefined {
  if (!op.responses?.['201']) return undefined;
  let body = requestSchema(doc, op);
  if (batchItems) body = resolveSchema(doc, resolveSchema(doc, body?.properties?.[batchItems])?.items);
  return body?.properties && 'client_order_id' in body.properties ? 'client_order_id' : undefined;
}

/** Lists every operation; throws if one has no operationId (the client keys errors by it). */
export function describeOperations(doc: OpenApiDocument): OperationRow[] {
  const rows: OperationRow[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const takesCursor = (op.parameters ?? []).some((p) => {
        const r = resolveParam(doc, p);
        return r.in === 'query' && r.name === 'cursor';
      });
      const row: OperationRow = {
        operationId: op.operationId,
        method,
        path,
        cursorPaginated: takesCursor && responseHasCursor(doc, op),
        bucket: bucketOf(method, path, op),
        authenticated: (op.security ?? []).some((requirement) => 'kalshiAccessKey' in requirement),
      };
      const cost = documentedCost(op);
      let items: string | undefined;
      if (cost) {
        row.cost = cost.cost;
        if (cost.perItem) {
          items = batchItemsField(doc, op);
          if (!items) throw new Error(`${op.operationId} is billed per batch item but its body has no item array`);
          row.batchItems = items;
        }
      }
      const key = idempotencyKeyOf(doc, op, items ?? batchItemsField(doc, op));
      if (key) row.idempotencyKey = key;
      rows.push(row);
    }
  }
  return rows;
}

const METHOD_LETTERS: Readonly<Record<OperationRow['method'], string>> = { get: 'G', post: 'P', put: 'U', delete: 'D', patch: 'A' };

/**
 * Every operation's route in one string, for the client's runtime lookup of method + path
 * template → operationId (its size counts in every bundle). Paths are sorted and each is written
 * as the number of leading characters it shares with the previous one, then the rest:
 *
 *   entry   = <shared> <rest of path> ':' <op> (',' <op>)*      entries joined by ' '
 *   shared  = one character, code 48 + shared length
 *   op      = <method letter: G get, P post, U put, D delete, A patch> <operationId>
 *
 * @throws Error when a path could make the format ambiguous (a character outside `a-z0-9_-/{}.`).
 */
export function encodeRoutes(rows: readonly OperationRow[]): string {
  const byPath = new Map<string, string[]>();
  for (const r of rows) {
    if (!/^[a-z0-9_\-/{}.]+$/.test(r.path)) throw new Error(`${r.operationId}: path ${JSON.stringify(r.path)} has characters the route table cannot hold`);
    if (!/^[A-Za-z0-9_]+$/.test(r.operationId)) throw new Error(`operationId ${JSON.stringify(r.operationId)} has characters the route table cannot hold`);
    byPath.set(r.path, [...(byPath.get(r.path) ?? []), METHOD_LETTERS[r.method] + r.operationId]);
  }
  let previous = '';
  const entries: string[] = [];
  for (const path of [...byPath.keys()].sort()) {
    let shared = 0;
    while (shared < previous.length && shared < path.length && previous[shared] === path[shared]) shared++;
    entries.push(String.fromCharCode(48 + shared) + path.slice(shared) + ':' + byPath.get(path)!.join(','));
    previous = path;
  }
  return entries.join(' ');
}

/** The operationIds that need no credentials (no `kalshiAccessKey` in their `security`), space-separated. */
export function publicOperations(rows: readonly OperationRow[]): string {
  return rows
    .filter((r) => !r.authenticated)
    .map((r) => r.operationId)
    .join(' ');
}

/**
 * The operations whose rate-limit or retry facts differ from the defaults (read bucket, default
 * cost, no batch items, no idempotency key): operationId → [write bucket (1) or read (0),
 * documented cost or 0, batch items field or '', idempotency key or ''], trailing defaults dropped.
 */
export function factExceptions(rows: readonly OperationRow[]): Record<string, (string | number)[]> {
  const out: Record<string, (string | number)[]> = {};
  for (const r of rows) {
    const t: (string | number)[] = [r.bucket === 'write' ? 1 : 0, r.cost ?? 0, r.batchItems ?? '', r.idempotencyKey ?? ''];
    while (t.length > 0 && (t[t.length - 1] === 0 || t[t.length - 1] === '')) t.pop();
    if (t.length > 0) out[r.operationId] = t;
  }
  return out;
}
