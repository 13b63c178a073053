import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operationIndex } from '../src/generated/operations.js';
import { allFacts, factsById, factsByRoute } from '../src/operation-facts.js';

describe('operation facts (decoded from the compact generated tables)', () => {
  it('hold exactly the rows of operationIndex', () => {
    const decoded = [...allFacts()].map((f) => ({ ...f })).sort((a, b) => a.operationId.localeCompare(b.operationId));
    const want = operationIndex
      .map((r) => {
        const row = r as (typeof operationIndex)[number] & { cost?: number; batchItems?: string; idempotencyKey?: string };
        return {
          operationId: r.operationId,
          method: r.method.toUpperCase(),
          path: r.path,
          write: r.bucket === 'write',
          cost: row.cost ?? 0,
          authenticated: r.authenticated,
          ...(row.batchItems ? { batchItems: row.batchItems } : {}),
          ...(row.idempotencyKey ? { idempotencyKey: row.idempotencyKey } : {}),
        };
      })
      .sort((a, b) => a.operationId.localeCompare(b.operationId));
    expect(decoded).toEqual(want);
  });

  it.each([
    ['a read', { method: 'GET', path: '/markets/{ticker}', want: 'GetMarket' }],
    ['two methods on one path', { method: 'DELETE', path: '/portfolio/events/orders', want: 'CancelAllOrders' }],
    ['same path, other method', { method: 'POST', path: '/portfolio/events/orders', want: 'CreateOrderV2' }],
    ['a path that shares a long prefix with the one before', { method: 'DELETE', path: '/portfolio/events/orders/{order_id}', want: 'CancelOrderV2' }],
  ])('finds %s by route', (_, { method, path, want }) => {
    expect(factsByRoute(method, path)?.operationId).toBe(want);
  });

  it.each([
    ['an unknown path', { method: 'GET', path: '/nope' }],
    ['a known path with another method', { method: 'PATCH', path: '/markets' }],
    ['a concrete path instead of the template', { method: 'GET', path: '/markets/KXA-1' }],
  ])('knows nothing of %s', (_, { method, path }) => {
    expect(factsByRoute(method, path)).toBeUndefined();
  });

  it('keeps the batch and idempotency facts of batch creates', () => {
    expect(factsById('BatchCreateOrdersV2')).toMatchObject({ write: true, cost: 10, batchItems: 'orders', idempotencyKey: 'client_order_id' });
  });

  it('mark as authenticated exactly the operations whose spec security names kalshiAccessKey (76 of 117 in spec 3.31.0)', () => {
    const spec = parse(readFileSync(new URL('../../../specs/openapi.yaml', import.meta.url), 'utf8'), { version: '1.2' }) as {
      paths: Record<string, Record<string, { operationId?: string; security?: Record<string, unknown>[] }>>;
    };
    const want = new Map<string, boolean>();
    for (const item of Object.values(spec.paths)) {
      for (const op of Object.values(item)) if (op?.operationId) want.set(op.operationId, (op.security ?? []).some((r) => 'kalshiAccessKey' in r));
    }
    expect(new Map([...allFacts()].map((f) => [f.operationId, f.authenticated]))).toEqual(want);
    expect(factsById('GetBalance')?.authenticated).toBe(true);
    expect(factsById('GetMarkets')?.authenticated).toBe(false);
  });
});
