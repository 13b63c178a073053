import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MARKETS, MockExchangeError, startMockExchange as start, type MockExchangeErrorCode } from '../src/index.js';
import { Conformance } from './support/conformance.js';

const conformance = new Conformance();
afterEach(() => expect(conformance.take()).toEqual([]));
const startMockExchange: typeof start = (options) => start({ ...options, onEmit: conformance.check });

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

async function codeOf(fn: () => unknown): Promise<MockExchangeErrorCode | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof MockExchangeError) return error.code;
    throw error;
  }
  return undefined;
}

describe('startMockExchange', () => {
  it('binds to 127.0.0.1 with the default markets and frees the port on close', async () => {
    const mock = await startMockExchange({ pingIntervalMs: 0 });
    expect(mock.restUrl).toBe(`http://127.0.0.1:${mock.port}/trade-api/v2`);
    expect(mock.wsUrl).toBe(`ws://127.0.0.1:${mock.port}/trade-api/ws/v2`);
    const markets = (await (await fetch(`${mock.restUrl}/markets`)).json()) as { markets: Array<{ ticker: string }> };
    expect(markets.markets.map((m) => m.ticker)).toEqual(DEFAULT_MARKETS.map((m) => m.ticker));
    await mock.close();
    await expect(fetch(`${mock.restUrl}/markets`)).rejects.toThrow();
  });

  it.each<[string, { given: Parameters<typeof startMockExchange>[0]; want: MockExchangeErrorCode }]>([
    ['a public key that is not PEM', { given: { users: [{ apiKeyId: 'k', publicKeyPem: 'nope', balanceDollars: '1' }] }, want: 'INVALID_OPTIONS' }],
    ['a balance with five decimals', { given: { users: [{ apiKeyId: 'k', publicKeyPem, balanceDollars: '1.00001' }] }, want: 'INVALID_OPTIONS' }],
    [
      'the same API key twice',
      {
        given: {
          users: [
            { apiKeyId: 'k', publicKeyPem, balanceDollars: '1' },
            { apiKeyId: 'k', publicKeyPem, balanceDollars: '1' },
          ],
        },
        want: 'ALREADY_EXISTS',
      },
    ],
    ['the same market twice', { given: { markets: [{ ticker: 'KXA-1-A' }, { ticker: 'KXA-1-A' }] }, want: 'ALREADY_EXISTS' }],
  ])('refuses %s', async (_name, { given, want }) => {
    expect(await codeOf(() => startMockExchange({ pingIntervalMs: 0, ...given }))).toBe(want);
  });
});

describe('exchange control', () => {
  it.each<[string, { given: (m: Awaited<ReturnType<typeof startMockExchange>>['exchange']) => unknown; want: MockExchangeErrorCode }]>([
    ['a market in an unknown event', { given: (x) => x.createMarket({ ticker: 'KXZ-1-A', eventTicker: 'KXZ-1' }), want: 'EVENT_NOT_FOUND' }],
    ['an event in an unknown series', { given: (x) => x.createEvent({ eventTicker: 'KXZ-1', seriesTicker: 'KXZ' }), want: 'SERIES_NOT_FOUND' }],
    ['settling an unknown market', { given: (x) => x.settleMarket('KXNOPE', 'yes'), want: 'MARKET_NOT_FOUND' }],
    [
      'settling a market twice',
      {
        given: (x) => {
          x.settleMarket('KXMOCK-26DEC31-A', 'yes');
          x.settleMarket('KXMOCK-26DEC31-A', 'no');
        },
        want: 'MARKET_NOT_OPEN',
      },
    ],
    ['a trade off the tick grid', { given: (x) => x.injectTrade({ ticker: 'KXMOCK-26DEC31-A', price: '0.505', count: '1', takerSide: 'bid' }), want: 'INVALID_PRICE' }],
    ['resuming a market that is not paused', { given: (x) => x.resumeMarket('KXMOCK-26DEC31-A'), want: 'MARKET_NOT_OPEN' }],
    ['an unknown API key', { given: (x) => x.userId('nobody'), want: 'USER_NOT_FOUND' }],
  ])('refuses %s', async (_name, { given, want }) => {
    const mock = await startMockExchange({ pingIntervalMs: 0 });
    try {
      expect(await codeOf(() => given(mock.exchange))).toBe(want);
    } finally {
      await mock.close();
    }
  });

  it('opens an initialized market', async () => {
    const mock = await startMockExchange({ pingIntervalMs: 0, markets: [{ ticker: 'KXLATER-1-A', status: 'initialized' }] });
    try {
      expect(mock.exchange.engine.getMarket('KXLATER-1-A')?.status).toBe('initialized');
      mock.exchange.openMarket('KXLATER-1-A');
      expect(mock.exchange.engine.getMarket('KXLATER-1-A')?.status).toBe('active');
    } finally {
      await mock.close();
    }
  });
});
