import { child, entries, isNode, type Node, RefResolver } from '../lib/refs.ts';
import { resolveSchema } from './schema-walk.ts';
import type { DriftProblem } from './types.ts';

/** An operation of the spec, as the pagination check sees it. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Takes a `cursor` query parameter. */
  readonly takesCursor: boolean;
  /** A success response's body has a `cursor` property. */
  readonly returnsCursor: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** True when some schema reachable through `allOf`/`oneOf`/`anyOf` (refs followed) has a `cursor` property. */
function hasCursor(refs: RefResolver, schema: unknown, depth = 0): boolean {
  if (!isNode(schema) || depth > 16) return false;
  const s = resolveSchema(refs, schema);
  if ('cursor' in child(s, 'properties')) return true;
  return (['allOf', 'oneOf', 'anyOf'] as const).some((k) => Array.isArray(s[k]) && (s[k] as unknown[]).some((m) => hasCursor(refs, m, depth + 1)));
}

/**
 * Every operation of an OpenAPI document with whether it takes and returns a `cursor`: path-level
 * and operation parameters (refs followed), and the JSON body of any 2xx response (refs, response
 * refs and `allOf` members followed).
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function specOperations(doc: Node): SpecOperation[] {
  const refs = new RefResolver(doc, 'openapi.yaml');
  const out: SpecOperation[] = [];
  for (const [path, item] of entries(doc, 'paths')) {
    const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const params = [...shared, ...(Array.isArray(op['parameters']) ? op['parameters'] : [])].filter(isNode).map((p) => refs.resolve(p).node);
      const takesCursor = params.some((p) => p['in'] === 'query' && p['name'] === 'cursor');
      const returnsCursor = entries(op, 'responses').some(([status, response]) => {
        if (!/^2/.test(status)) return false;
        const content = child(refs.resolve(response).node, 'content');
        return Object.entries(content).some(([mime, media]) => /json/.test(mime) && isNode(media) && hasCursor(refs, media['schema']));
      });
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : `${method.toUpperCase()} ${path}`;
      out.push({ operationId, method, path, takesCursor, returnsCursor });
    }
  }
  return out;
}

/** What the pagination check needs from the SDK. */
export interface PaginationFacts {
  /** The paths `paginate(client, path)` accepts: the members of the rest package's `PaginatedPath` type. */
  readonly paginatePaths: readonly string[];
}

/**
 * Checks `paginate` against the spec both ways: every operation that takes a `cursor` query
 * parameter and returns a `cursor` is accepted (paginate sends GETs, so a paginated operation of
 * another method is a problem too), and every path paginate accepts is such a GET.
 */
export function checkPagination(doc: Node, facts: PaginationFacts): DriftProblem[] {
  const problems: DriftProblem[] = [];
  const ops = specOperations(doc);
  const accepted = new Set(facts.paginatePaths);
  for (const op of ops) {
    if (!op.takesCursor || !op.returnsCursor) continue;
    if (op.method !== 'get') {
      problems.push({ subject: op.operationId, message: `${op.method.toUpperCase()} ${op.path} takes and returns a cursor, but paginate only sends GET` });
    } else if (!accepted.has(op.path)) {
      problems.push({ subject: op.operationId, message: `GET ${op.path} takes and returns a cursor, but paginate does not accept ${op.path}` });
    }
  }
  for (const path of facts.paginatePaths) {
    const get = ops.find((o) => o.method === 'get' && o.path === path);
    if (!get) {
      problems.push({ subject: `GET ${path}`, message: `paginate accepts ${path}, but the spec has no GET ${path}` });
    } else if (!get.takesCursor || !get.returnsCursor) {
      const missing = [!get.takesCursor && 'takes no cursor query parameter', !get.returnsCursor && 'returns no cursor'].filter(Boolean).join(' and ');
      problems.push({ subject: get.operationId, message: `paginate accepts ${path}, but GET ${path} ${missing}` });
    }
  }
  return problems;
}
