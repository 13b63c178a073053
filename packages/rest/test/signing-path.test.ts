import { describe, expect, it } from 'vitest';
import { signingPathFor } from '../src/index.js';

describe('signingPathFor', () => {
  it.each([
    ['Kalshi production, query dropped', { base: 'https://external-api.kalshi.com/trade-api/v2', url: 'https://external-api.kalshi.com/trade-api/v2/portfolio/orders?limit=5&status=resting', want: '/trade-api/v2/portfolio/orders' }],
    ['loopback with the real root', { base: 'http://127.0.0.1:1234/trade-api/v2', url: 'http://127.0.0.1:1234/trade-api/v2/markets', want: '/trade-api/v2/markets' }],
    ['origin-only base', { base: 'http://127.0.0.1:1234', url: 'http://127.0.0.1:1234/markets?cursor=abc', want: '/trade-api/v2/markets' }],
    ['proxy base path', { base: 'https://proxy.example/kalshi', url: 'https://proxy.example/kalshi/portfolio/balance', want: '/trade-api/v2/portfolio/balance' }],
    ['encoded path parameter kept encoded', { base: 'http://h/trade-api/v2', url: 'http://h/trade-api/v2/markets/A%20B', want: '/trade-api/v2/markets/A%20B' }],
    ['fragment dropped', { base: 'http://h/trade-api/v2', url: 'http://h/trade-api/v2/markets#x', want: '/trade-api/v2/markets' }],
    ['a base that is a prefix of another segment is not matched', { base: 'http://h/api', url: 'http://h/apix/trade-api/v2/markets', want: '/trade-api/v2/markets' }],
    ['a per-call base URL elsewhere without a root', { base: 'http://h/trade-api/v2', url: 'http://other:9/markets', want: '/trade-api/v2/markets' }],
  ])('%s', (_, { base, url, want }) => {
    expect(signingPathFor(base)(url)).toBe(want);
  });
});
