import { describe, expect, it } from 'vitest';
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
});
