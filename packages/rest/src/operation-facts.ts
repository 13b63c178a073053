import { operationFactExceptions, operationRoutes, publicOperations } from './generated/operations.js';

/** What the client knows about one operation, from the generated tables (see `operationIndex`). */
export interface OperationFacts {
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path template from the spec, relative to `/trade-api/v2` (`/markets/{ticker}`). */
  readonly path: string;
  /** Draws from Kalshi's write bucket (orders, order groups, RFQ quote flow); else the read bucket. */
  readonly write: boolean;
  /** Token cost stated in the spec when it is not the default (per item for batches), else 0. */
  readonly cost: number;
  /** Batch endpoints: the request-body array billed per item. */
  readonly batchItems?: string;
  /** Creates: the body field (in every batch item) that makes a retry safe when present. */
  readonly idempotencyKey?: string;
  /** Needs credentials: the spec's security for it names Kalshi's signed API-key headers. */
  readonly authenticated: boolean;
}

const METHODS: Readonly<Record<string, string>> = { G: 'GET', P: 'POST', U: 'PUT', D: 'DELETE', A: 'PATCH' };

let byId: Map<string, OperationFacts> | undefined;
let byRoute: Map<string, OperationFacts> | undefined;

/** Decodes the generated route string (format: scripts/generate/openapi/operations.ts `encodeRoutes`). */
function build(): void {
  byId = new Map();
  byRoute = new Map();
  const unauthenticated = new Set(publicOperations.split(' '));
  let path = '';
  for (const entry of operationRoutes.split(' ')) {
    const colon = entry.indexOf(':', 1); // the first character may itself be ':' (shared length 10)
    path = path.slice(0, entry.charCodeAt(0) - 48) + entry.slice(1, colon);
    for (const op of entry.slice(colon + 1).split(',')) {
      const operationId = op.slice(1);
      const [write, cost, batchItems, idempotencyKey] = (operationFactExceptions[operationId] ?? []) as readonly [number?, number?, string?, string?];
      const facts: OperationFacts = {
        operationId,
        method: METHODS[op[0]!]!,
        path,
        write: write === 1,
        cost: cost ?? 0,
        authenticated: !unauthenticated.has(operationId),
        ...(batchItems ? { batchItems } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      };
      byId.set(operationId, facts);
      byRoute.set(`${facts.method} ${path}`, facts);
    }
  }
}

/** Facts of the operation at `METHOD pathTemplate` (`GET`, `/markets/{ticker}`; method upper-case), if the spec has it. */
export function factsByRoute(method: string, pathTemplate: string): OperationFacts | undefined {
  if (!byRoute) build();
  return byRoute!.get(`${method} ${pathTemplate}`);
}

/** Facts of an operationId, if the spec has it. */
export function factsById(operationId: string): OperationFacts | undefined {
  if (!byId) build();
  return byId!.get(operationId);
}

/** Every operation's facts. */
export function allFacts(): Iterable<OperationFacts> {
  if (!byId) build();
  return byId!.values();
}
