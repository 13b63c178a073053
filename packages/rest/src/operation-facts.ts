import { operationFacts } from './generated/operations.js';

/** What the client knows about one operation, from the generated table (see `operationIndex`). */
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
}

let byId: Map<string, OperationFacts> | undefined;
let byRoute: Map<string, OperationFacts> | undefined;

function build(): void {
  byId = new Map();
  byRoute = new Map();
  for (const [operationId, row] of Object.entries(operationFacts)) {
    const [method, path, write, cost, batchItems, idempotencyKey] = row as readonly [string, string, number?, number?, string?, string?];
    const facts: OperationFacts = {
      operationId,
      method: method.toUpperCase(),
      path,
      write: write === 1,
      cost: cost ?? 0,
      ...(batchItems ? { batchItems } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    };
    byId.set(operationId, facts);
    byRoute.set(`${facts.method} ${path}`, facts);
  }
}

/** Facts of the operation at `METHOD pathTemplate` (`GET`, `/markets/{ticker}`), if the spec has it. */
export function factsByRoute(method: string, pathTemplate: string): OperationFacts | undefined {
  if (!byRoute) build();
  return byRoute!.get(`${method.toUpperCase()} ${pathTemplate}`);
}

/** Facts of an operationId, if the spec has it. */
export function factsById(operationId: string): OperationFacts | undefined {
  if (!byId) build();
  return byId!.get(operationId);
}

/** Every operation's facts, in spec order. */
export function allFacts(): Iterable<OperationFacts> {
  if (!byId) build();
  return byId!.values();
}
