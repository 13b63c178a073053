/**
 * Renders operations.ts: `specVersion`, the `OperationInfo` row type, `operationIndex` (one row
 * per operation), `operationRoutes` and `operationFactExceptions` (the same facts compacted for
 * the client's run time) and the `OperationId` union.
 */
import { encodeRoutes, factExceptions, publicOperations, type OperationRow } from './operations.ts';

/**
 * @param header - the generated-file header line (with its newline).
 * @param specVersion - the spec's `info.version`.
 * @param operations - what describeOperations read from the spec.
 * @throws Error from encodeRoutes when a path or operationId has characters the route table cannot hold.
 */
export function renderOperations(input: { readonly header: string; readonly specVersion: string; readonly operations: readonly OperationRow[] }): string {
  const { header, specVersion, operations } = input;
  return `${header}import type { paths } from './openapi.js';

/** Spec version (info.version) this code was generated from. */
export const specVersion = ${JSON.stringify(specVersion)};

/** One row per operation in the spec. */
export interface OperationInfo {
  readonly operationId: string;
  readonly method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  readonly path: keyof paths;
  /** True when the operation takes a \`cursor\` query parameter and returns a \`cursor\`. */
  readonly cursorPaginated: boolean;
  /** Kalshi rate-limit bucket (getting_started/rate_limits): writes are orders, order groups and the RFQ quote flow. */
  readonly bucket: 'read' | 'write';
  /** Token cost stated in the operation's docs, when it differs from the default; per item when \`batchItems\` is set. */
  readonly cost?: number;
  /** Request-body array whose items are billed one by one (batch endpoints). */
  readonly batchItems?: string;
  /** Body field (in every batch item, for batches) that makes this create idempotent when present. */
  readonly idempotencyKey?: string;
  /** Needs Kalshi's signed \`KALSHI-ACCESS-*\` headers (the operation's security names the API key scheme). */
  readonly authenticated: boolean;
}

export const operationIndex = ${JSON.stringify(operations, null, 2)} as const satisfies readonly OperationInfo[];

/**
 * Method + path template → operationId of every operation, for the client at run time (this
 * string is in every bundle): paths sorted, each entry \`<shared><rest>:<op>,<op>\`, where the
 * character <shared> (code 48 + n) says how many leading characters the path shares with the
 * previous entry's, and <op> is a method letter (G get, P post, U put, D delete, A patch) and the
 * operationId. Entries are separated by spaces. See scripts/generate/openapi/operations.ts.
 */
export const operationRoutes = ${JSON.stringify(encodeRoutes(operations))};

/**
 * Operations whose rate-limit or retry facts differ from the defaults (read bucket, default cost,
 * no batch, not idempotent): operationId → [write bucket (1) or read (0), documented cost or 0,
 * batch items field or '', idempotency key or ''], trailing defaults dropped.
 */
export const operationFactExceptions: { readonly [operationId: string]: readonly (string | number)[] } = ${JSON.stringify(factExceptions(operations))};

/** The operationIds callable without credentials (every other operation needs them), space-separated. */
export const publicOperations = ${JSON.stringify(publicOperations(operations))};

/** Every operationId in the spec. */
export type OperationId = (typeof operationIndex)[number]['operationId'];
`;
}
