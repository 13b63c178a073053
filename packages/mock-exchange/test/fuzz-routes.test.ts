/**
 * Nothing crashes the server: every route of the `routes` array (computed, so a route added later
 * is covered without touching this file) gets injected faults and malformed path parameters, query
 * strings and bodies over real HTTP, signed as a real user. Every answer is validated against openapi.yaml by
 * the harness (declared status, spec-valid body); none is a 5xx; the server answers afterwards.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../src/rest/rest-server.js';
import type { Route } from '../src/rest/route.js';
import { startHarness, type Harness, type RestAnswer } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 1 });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

/** Path parameter values no handler can know: bad escapes, NUL, traversal, huge, odd Unicode. */
const BAD_SEGMENTS = ['%ZZ', '%', '%00', 'a..b', '%2F..%2F', 'x'.repeat(2000), '%F0%9F%92%A5', '-1', '0', 'null', '%20', '%E2%80%AE'];
/** Query keys the routes read, and values of every wrong kind. */
const QUERY_KEYS = ['limit', 'cursor', 'status', 'ticker', 'tickers', 'event_ticker', 'series_ticker', 'market_tickers', 'min_ts', 'max_ts', 'start_ts', 'end_ts', 'period_interval', 'subaccount', 'depth', 'with_nested_markets', 'show_historical', 'milestone_ids', 'ids', 'page_size', 'type', 'order_id', 'rfq_id', 'user_filter', 'exchange_index'];
const QUERY_VALUES = ['-1', '0', '1e309', 'NaN', 'true', '', '%ZZ', 'x'.repeat(500), '99999999999999999999', '[]', '{}', 'null', '2026-13-45'];
/** Bodies that are not JSON at all: 400 from an operation that reads its body; one that reads none ignores them. */
const NOT_JSON = ['{', 'not json', '{"a":}', '\u0000', '[1,2', '"unterminated'];

function pathOf(route: Route, fill: (name: string) => string): string {
  return route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => fill(name));
}

async function call(route: Route, path: string, body?: string): Promise<RestAnswer> {
  const answer = await h.rest().request(route.method, path, body).catch((error: unknown) => {
    throw new Error(`${route.method} ${path} did not answer: ${String(error)}`);
  });
  expect(answer.status, `${route.operationId} ${route.method} ${path} ${body ?? ''} → ${answer.status} ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  return answer;
}

async function serverAnswers(): Promise<void> {
  expect((await h.rest().get('/exchange/status')).status).toBe(200);
}

const withParams = routes.filter((r) => r.path.includes('{'));
const withBody = routes.filter((r) => r.method !== 'GET');

describe('REST fuzz over every route', () => {
  it('covers every route of the routes array', () => {
    expect(routes.length).toBeGreaterThanOrEqual(117);
    expect(withParams.length + routes.filter((r) => !r.path.includes('{')).length).toBe(routes.length);
  });

  it.each(routes.map((r) => [r.operationId, r] as const))('%s: injected faults (a scripted 500, a scripted 429) answer spec-valid bodies, then the route serves again', async (_id, route) => {
    const path = pathOf(route, () => 'KXMOCK-26DEC31-A');
    const body = route.method === 'GET' ? undefined : '{}';
    const normal = (await call(route, path, body)).status;
    h.mock.exchange.faults.rest.failNextRequests({ status: 500 });
    const failed = await h.rest().request(route.method, path, body);
    // The harness checks the body against the operation's 500 schema (GetExchangeStatus: an ExchangeStatus).
    expect(failed.status).toBe(500);
    h.mock.exchange.faults.rest.failNextRequests({ status: 429 });
    expect(await h.rest().request(route.method, path, body)).toEqual({ status: 429, body: { error: 'too many requests' } });
    expect((await call(route, path, body)).status).toBeLessThan(500);
    expect(normal).toBeLessThan(500);
  });

  it.each(withParams.map((r) => [r.operationId, r] as const))('%s: malformed path parameters answer a spec-valid 4xx', async (_id, route) => {
    for (const bad of BAD_SEGMENTS) {
      const answer = await call(route, pathOf(route, () => bad), route.method === 'GET' ? undefined : '{}');
      expect(answer.status, `${route.operationId} with ${bad}`).toBeGreaterThanOrEqual(400);
    }
    await serverAnswers();
  });

  it.each(routes.map((r) => [r.operationId, r] as const))('%s: malformed query strings never fail the server', async (_id, route) => {
    const query = fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 20 }))), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const search = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        await call(route, `${pathOf(route, () => 'KXMOCK-26DEC31-A')}?${search}`, route.method === 'GET' ? undefined : '{}');
      }),
      { numRuns: 6, seed: 11 },
    );
    await serverAnswers();
  });

  it.each(withBody.map((r) => [r.operationId, r] as const))('%s: a body that is not JSON answers 400 (or is ignored where the operation reads none); JSON of any shape never fails the server', async (_id, route) => {
    const path = pathOf(route, () => 'KXMOCK-26DEC31-A');
    const bare = (await call(route, path)).status;
    for (const text of NOT_JSON) expect([400, bare]).toContain((await call(route, path, text)).status);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        await call(route, path, JSON.stringify(value));
      }),
      { numRuns: 12, seed: 7 },
    );
    await serverAnswers();
  });
});
