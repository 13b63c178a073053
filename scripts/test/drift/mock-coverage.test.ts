/**
 * Drift: every operation of specs/openapi.yaml has a handler in @kalshi-sdk/mock-exchange (its
 * built `routes`), less the committed known-missing list in drift/exceptions.ts under
 * 'mock-coverage'. A new spec operation without a handler fails, and so does a handler that lands
 * while its exception stays (stale). Needs the mock built (`pnpm --filter @kalshi-sdk/mock-exchange build`).
 */
import { describe, expect, it } from 'vitest';
import { servedOperationIds } from '../../../packages/mock-exchange/dist/index.js';
import { driftExceptions } from '../../drift/exceptions.ts';
import type { Node } from '../../lib/refs.ts';
import { loadDriftSpecs } from '../../drift/specs.ts';
import type { DriftProblem } from '../../drift/types.ts';
import { applyExceptions, driftFailures, verdictLines } from '../../drift/verdict.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** `operationId → METHOD path` of every operation in an OpenAPI document. */
function specOperations(openapi: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, item] of Object.entries((openapi['paths'] ?? {}) as Record<string, Record<string, { operationId?: string }>>)) {
    for (const method of METHODS) {
      const id = item[method]?.operationId;
      if (id !== undefined) out.set(id, `${method.toUpperCase()} ${path}`);
    }
  }
  return out;
}

/** One problem per spec operation with no mock handler, and per handler of an operation the spec no longer has. */
function checkMockCoverage(openapi: Node, served: readonly string[]): DriftProblem[] {
  const spec = specOperations(openapi);
  const handled = new Set(served);
  return [
    ...[...spec].filter(([id]) => !handled.has(id)).map(([id, where]) => ({ subject: id, message: `${where} has no handler in the mock exchange` })),
    ...served.filter((id) => !spec.has(id)).map((id) => ({ subject: id, message: 'the mock exchange serves an operation the spec does not have' })),
  ];
}

const specs = await loadDriftSpecs();

describe('mock-exchange coverage drift', () => {
  it('drift: every spec operation has a mock-exchange handler (less the committed known-missing list)', () => {
    expect(driftFailures('mock-coverage', checkMockCoverage(specs.openapi, servedOperationIds()))).toEqual([]);
  });

  it('the check fails for a new spec operation without a handler, and for a stale known-missing entry', () => {
    const openapi = structuredClone(specs.openapi) as Record<string, Record<string, unknown>>;
    openapi['paths']!['/brand/new'] = { get: { operationId: 'GetBrandNew' } };
    const served = servedOperationIds();
    const exceptions = [...driftExceptions['mock-coverage'], { subject: served[0]!, reason: 'was missing once' }];
    expect(verdictLines(applyExceptions(checkMockCoverage(openapi as Node, served), exceptions))).toEqual([
      'GetBrandNew: GET /brand/new has no handler in the mock exchange',
      `stale exception ${served[0]!}: no longer applies (was missing once)`,
    ]);
  });
});
