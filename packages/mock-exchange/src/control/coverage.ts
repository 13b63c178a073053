import { operationIndex } from '@kalshi-sdk/rest';
import { routes } from '../rest/rest-server.js';

/** `GET /__mock/coverage`: how many of the spec's operations the simulator serves. */
export interface MockCoverage {
  /** Operations with a handler. */
  readonly served: number;
  /** Operations in the spec (`@kalshi-sdk/rest`'s generated index of openapi.yaml). */
  readonly total: number;
  /** `served/total`, e.g. `'32/117'`. */
  readonly summary: string;
  /** operationIds of the spec with no handler, sorted. */
  readonly missing: readonly string[];
}

/** The operationIds the simulator has a REST handler for, sorted. */
export function servedOperationIds(): string[] {
  return [...new Set(routes.map((r) => r.operationId as string))].sort();
}

/**
 * Computes coverage now, from the `routes` array against the spec's operation index (never a
 * hard-coded count), so a route added by anyone shows at once.
 */
export function mockCoverage(): MockCoverage {
  const served = new Set(servedOperationIds());
  const spec = operationIndex.map((op) => op.operationId);
  const missing = spec.filter((id) => !served.has(id)).sort();
  const count = spec.length - missing.length;
  return { served: count, total: spec.length, summary: `${count}/${spec.length}`, missing };
}
