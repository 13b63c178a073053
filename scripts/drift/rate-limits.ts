import { child, entries, isNode, type Node } from '../lib/refs.ts';
import type { DriftProblem } from './types.ts';

/** An operation with the token cost its docs state ("**Rate limit:** N tokens per …"). */
export interface DocumentedCost {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Tokens per request (per item for batches); undefined when the docs state none (the default applies). */
  readonly cost?: number;
  /** "N tokens per order in the batch": billed once per item of the request's item array. */
  readonly perItem: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function docText(op: Node): string {
  return [op['summary'], op['description'], child(op, 'x-mint')['content']].filter((t) => typeof t === 'string').join('\n');
}

/** Every operation of an OpenAPI document with the cost its description states, if any. */
export function documentedCosts(doc: Node): DocumentedCost[] {
  const out: DocumentedCost[] = [];
  for (const [path, item] of entries(doc, 'paths')) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : `${method.toUpperCase()} ${path}`;
      const m = /\*\*Rate limit:?\*\*:?\s*(\d+)\s+tokens?\b([^.\n]*)/i.exec(docText(op));
      out.push({ operationId, method, path, ...(m ? { cost: Number(m[1]) } : {}), perItem: m ? /\bin the batch\b|\bper item\b/i.test(m[2]!) : false });
    }
  }
  return out;
}

/** The default token cost the document states ("The default cost is N tokens …"), each distinct value once. */
export function statedDefaultCosts(doc: unknown): number[] {
  const found = new Set<number>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(/\bdefault cost is (\d+) tokens?\b/gi)) found.add(Number(m[1]));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isNode(v)) Object.values(v).forEach(walk);
  };
  walk(doc);
  return [...found];
}

/** One row of the rest package's operation table (`operationIndex`), which the rate limiter bills by. */
export interface CostTableRow {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Batch endpoints: the request-body array billed per item. */
  readonly batchItems?: string;
}

/** What the rate-limit check needs from the SDK. */
export interface RateLimitFacts {
  readonly table: readonly CostTableRow[];
  /** The rest package's `DEFAULT_TOKEN_COST`. */
  readonly defaultCost: number;
  /** Tokens a default `RateLimiter` takes for a request of `operationId` with JSON `body`. */
  costOf(operationId: string, body?: unknown): number;
}

/** How many items the per-item check puts in a batch body. */
const BATCH = 3;

/**
 * Checks the rate-limit cost table against the spec: every operation in the table exists in the
 * spec at the same method and path (and every spec operation is in the table), the limiter bills
 * each operation what its docs state (per item for batches, the default otherwise), and the
 * default cost is the one the spec states.
 */
export function checkRateLimitCosts(doc: Node, facts: RateLimitFacts): DriftProblem[] {
  const problems: DriftProblem[] = [];
  const spec = documentedCosts(doc);
  const byId = new Map(spec.map((o) => [o.operationId, o]));
  const rows = new Map(facts.table.map((r) => [r.operationId, r]));
  for (const row of facts.table) {
    const op = byId.get(row.operationId);
    if (!op) problems.push({ subject: row.operationId, message: `is in the rate-limit cost table (${row.method.toUpperCase()} ${row.path}) but not in the spec` });
    else if (op.method !== row.method.toLowerCase() || op.path !== row.path) {
      problems.push({ subject: row.operationId, message: `is ${row.method.toUpperCase()} ${row.path} in the rate-limit cost table but ${op.method.toUpperCase()} ${op.path} in the spec` });
    }
  }
  for (const op of spec) {
    const row = rows.get(op.operationId);
    if (!row) {
      problems.push({ subject: op.operationId, message: 'is in the spec but not in the rate-limit cost table' });
      continue;
    }
    const unit = op.cost ?? facts.defaultCost;
    const single = facts.costOf(op.operationId);
    if (single !== unit) problems.push({ subject: op.operationId, message: `costs ${unit} tokens per the spec, but the rate limiter takes ${single}` });
    if (!op.perItem) continue;
    if (!row.batchItems) {
      problems.push({ subject: op.operationId, message: 'is billed per batch item per the spec, but the cost table names no item array' });
      continue;
    }
    const batch = facts.costOf(op.operationId, { [row.batchItems]: Array.from({ length: BATCH }, () => ({})) });
    if (batch !== BATCH * unit) {
      problems.push({ subject: op.operationId, message: `a batch of ${BATCH} costs ${BATCH * unit} tokens per the spec, but the rate limiter takes ${batch}` });
    }
  }
  const stated = statedDefaultCosts(doc);
  if (stated.length === 0) problems.push({ subject: 'default cost', message: `the spec no longer states the default token cost; DEFAULT_TOKEN_COST is ${facts.defaultCost}` });
  for (const cost of stated) {
    if (cost !== facts.defaultCost) problems.push({ subject: 'default cost', message: `the spec states ${cost} tokens, DEFAULT_TOKEN_COST is ${facts.defaultCost}` });
  }
  return problems;
}
