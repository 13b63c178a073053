// The loopback servers check every request against specs/openapi.yaml; these cases show the check can fail.
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { startLoopback } from './helpers/loopback-server.js';
import { SpecValidator } from './helpers/spec-validator.js';

const spec = new SpecValidator();
const json = { 'content-type': 'application/json' };

function check(method: string, pathAndQuery: string, body = '', headers: Record<string, string> = body ? json : {}): string[] {
  const url = new URL(pathAndQuery, 'http://x');
  return spec.check({ method, path: url.pathname, query: url.searchParams, headers, body });
}

describe('SpecValidator', () => {
  it.each<[string, { method: string; url: string; body?: string }]>([
    ['a plain GET', { method: 'GET', url: '/trade-api/v2/markets' }],
    ['query parameters of the right types', { method: 'GET', url: '/trade-api/v2/markets?limit=5&status=open&cursor=abc' }],
    ['a literal path next to a templated one', { method: 'GET', url: '/trade-api/v2/markets/trades?limit=1' }],
    ['a percent-encoded path parameter', { method: 'GET', url: '/trade-api/v2/portfolio/orders/a%20b%2Fc' }],
    ['an exploded array parameter', { method: 'GET', url: '/trade-api/v2/markets/orderbooks?tickers=A&tickers=B' }],
    ['a one-item array parameter', { method: 'GET', url: '/trade-api/v2/markets/orderbooks?tickers=A' }],
    ['a valid JSON body', { method: 'POST', url: '/trade-api/v2/portfolio/order_groups/create', body: '{"contracts_limit_fp":"10.00"}' }],
  ])('accepts %s', (_, { method, url, body }) => {
    expect(check(method, url, body)).toEqual([]);
  });

  it.each<[string, { method: string; url: string; body?: string; want: string }]>([
    ['a path outside the API root', { method: 'GET', url: '/markets', want: 'not under /trade-api/v2' }],
    ['an unknown path', { method: 'GET', url: '/trade-api/v2/nope', want: 'no path of the spec matches' }],
    ['a method the path does not have', { method: 'PATCH', url: '/trade-api/v2/markets', want: 'no PATCH operation at /markets' }],
    ['an unknown query parameter', { method: 'GET', url: '/trade-api/v2/markets?include=x', want: 'GetMarkets parameters: data must NOT have additional properties' }],
    ['a query parameter of the wrong type', { method: 'GET', url: '/trade-api/v2/markets?limit=many', want: 'must be integer' }],
    ['a query parameter out of range', { method: 'GET', url: '/trade-api/v2/markets?limit=5000', want: 'must be <= 1000' }],
    ['a missing required query parameter', { method: 'GET', url: '/trade-api/v2/milestones', want: "must have required property 'query:limit'" }],
    ['a body on an operation without one', { method: 'GET', url: '/trade-api/v2/markets', body: '{}', want: 'takes no request body' }],
    ['a missing required body', { method: 'POST', url: '/trade-api/v2/portfolio/events/orders', want: 'the request body is required' }],
    ['a body that is not JSON', { method: 'POST', url: '/trade-api/v2/portfolio/order_groups/create', body: '{"contracts_limit_fp":', want: 'the body is not JSON' }],
    ['a body missing a required field', { method: 'POST', url: '/trade-api/v2/portfolio/events/orders', body: '{"ticker":"KXA-1"}', want: "must have required property 'side'" }],
    ['a body with an unknown field', { method: 'POST', url: '/trade-api/v2/portfolio/order_groups/create', body: '{"contracts_limit_fp":"1.00","colour":"red"}', want: 'must NOT have additional properties' }],
  ])('flags %s', (_, { method, url, body, want }) => {
    expect(check(method, url, body).join('\n')).toContain(want);
  });

  it('flags a JSON body sent as another content type', () => {
    expect(check('POST', '/trade-api/v2/portfolio/order_groups/create', '{"contracts_limit_fp":"1.00"}', { 'content-type': 'text/plain' }).join()).toContain('not application/json');
  });

  it('fails the loopback test when the client sends a request the spec forbids', async () => {
    const s = await startLoopback({ handler: () => ({ json: { markets: [], cursor: '' } }) });
    const kalshi = createClient({ baseUrl: s.baseUrl, rateLimit: false, retry: false });
    await kalshi.GET('/markets', { params: { query: { limit: 'many' } as never } });
    expect(s.requests[0]?.violations.join()).toContain('must be integer');
    await expect(s.close()).rejects.toThrow('The client sent requests the spec forbids');
  });
});
