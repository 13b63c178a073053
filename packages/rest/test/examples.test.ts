// The README's examples, run against a loopback Kalshi (they import the built package, like users do).
import { createClient } from '@kalshi-sdk/rest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeMarketLookup } from '../examples/errors.js';
import { loggedBalance } from '../examples/logging.js';
import { restTrimCancel } from '../examples/order-lifecycle.js';
import { buyNoAt30 } from '../examples/order-vocabulary.js';
import { placeAmendCancel } from '../examples/orders.js';
import { tradePages } from '../examples/pagination.js';
import { portfolio } from '../examples/portfolio.js';
import { lastPrice, openMarkets } from '../examples/public-markets.js';
import { calibratedClient } from '../examples/rate-limits.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply, type SeenRequest } from './helpers/loopback-server.js';
import { ManualClock, turnsUntil } from './helpers/manual-clock.js';

const KEY = makeKeyPair();
const KEY_ID = '66666666-6666-4666-8666-666666666666';
const market = (ticker: string, bid: string, ask: string) => ({
  ticker,
  yes_bid_dollars: bid,
  yes_ask_dollars: ask,
  last_price_dollars: '0.5700',
  price_level_structure: 'linear_cent',
  price_ranges: [],
});
const trade = (id: string) => ({ trade_id: id, ticker: 'KXA-1', count_fp: '3.00', yes_price_dollars: '0.4100', created_time: `2026-01-01T00:00:0${id}Z` });
const TRADE_PAGES: Record<string, { trades: unknown[]; cursor: string }> = {
  '': { trades: [trade('1'), trade('2')], cursor: 'p2' },
  p2: { trades: [trade('3')], cursor: 'p3' },
  p3: { trades: [trade('4')], cursor: '' },
};

function route(req: SeenRequest): Reply {
  const p = req.pathname.replace('/trade-api/v2', '');
  const key = `${req.method} ${p}`;
  if (key === 'GET /markets') {
    return req.query.get('cursor')
      ? { json: { markets: [market('KXHIGHNY-B', '0.3000', '0.3200')], cursor: '' } }
      : { json: { markets: [market('KXHIGHNY-A', '0.5600', '0.5800')], cursor: 'p2' } };
  }
  if (key === 'GET /markets/trades') return { json: TRADE_PAGES[req.query.get('cursor') ?? ''] };
  if (key === 'GET /markets/SLOW-MARKET') return { hang: true };
  if (key === 'GET /markets/BAD%20TICKER') return { status: 400, json: { error: { code: 'invalid_parameters', message: 'bad ticker' } } };
  if (key === 'GET /markets/NO-SUCH-MARKET') return { status: 404, json: { error: { code: 'not_found', message: 'market not found' } }, headers: { 'x-request-id': 'r-9' } };
  if (key.startsWith('GET /markets/')) return { json: { market: market(p.slice('/markets/'.length), '0.0100', '0.0300') } };
  if (key === 'GET /portfolio/balance') return { json: { balance: 12345, balance_dollars: '123.4500', portfolio_value: 0 } };
  if (key === 'GET /portfolio/positions') return { json: { market_positions: [{ ticker: 'KXA-1', position_fp: '-3.00', market_exposure_dollars: '1.5000' }], event_positions: [], cursor: '' } };
  if (key === 'POST /portfolio/events/orders') return { status: 201, json: { order_id: 'o-1', client_order_id: (req.json as { client_order_id: string }).client_order_id, fill_count: '0.00', remaining_count: '1.00', ts_ms: 1 } };
  if (key === 'POST /portfolio/events/orders/o-1/amend') return { json: { order_id: 'o-1', ts_ms: 2 } };
  if (key === 'DELETE /portfolio/events/orders/o-1') return { json: { order_id: 'o-1', reduced_by: '2.00', ts_ms: 3 } };
  if (key === 'POST /portfolio/events/orders/o-1/decrease') return { json: { order_id: 'o-1', remaining_count: '4.00', ts_ms: 4 } };
  if (key === 'DELETE /portfolio/events/orders/batched') return { json: { orders: [{ order_id: 'o-1', reduced_by: '4.00', ts_ms: 5 }] } };
  if (key === 'GET /account/limits') return { json: { usage_tier: 'advanced', read: { refill_rate: 300, bucket_capacity: 300 }, write: { refill_rate: 300, bucket_capacity: 600 }, grants: [] } };
  if (key === 'GET /account/endpoint_costs') return { json: { default_cost: 10, endpoint_costs: [{ method: 'DELETE', path: '/trade-api/v2/portfolio/events/orders/{order_id}', cost: 2 }] } };
  return { status: 404, json: { error: { code: 'no_route', message: key } } };
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: route });
});
afterAll(() => server.close());

const options = () => ({ baseUrl: server.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, retry: false as const });
const sentSince = (start: number) => server.requests.slice(start);

describe('examples', () => {
  it('public-markets: one market and every page of a series, without credentials', async () => {
    const start = server.requests.length;
    expect(await lastPrice({ baseUrl: server.baseUrl }, 'KXHIGHNY-A')).toBe('0.5700');
    expect(await openMarkets({ baseUrl: server.baseUrl }, 'KXHIGHNY')).toEqual(['KXHIGHNY-A  0.5600 / 0.5800', 'KXHIGHNY-B  0.3000 / 0.3200']);
    expect(sentSince(start).every((r) => r.headers['kalshi-access-signature'] === undefined)).toBe(true);
  });

  it('portfolio: balance and signed positions, every request signed', async () => {
    const start = server.requests.length;
    expect(await portfolio({ baseUrl: server.baseUrl }, KEY_ID, KEY.privateKeyPem)).toEqual({ balance: '123.4500', positions: ['KXA-1  -3.00 contracts, exposure 1.5000'] });
    expect(sentSince(start).map((r) => r.signatureValid)).toEqual([true, true]);
  });

  it('orders: place, amend, cancel', async () => {
    const start = server.requests.length;
    const lines = await placeAmendCancel(createClient(options()), 'KXA-1');
    expect(lines[0]).toMatch(/^placed o-1 \(client_order_id [0-9a-f-]{36}\)$/);
    expect(lines.slice(1)).toEqual(['amended o-1', 'cancelled o-1, reduced by 2.00']);
    const sent = sentSince(start);
    expect(sent.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      'GET /trade-api/v2/markets/KXA-1',
      'POST /trade-api/v2/portfolio/events/orders',
      'POST /trade-api/v2/portfolio/events/orders/o-1/amend',
      'DELETE /trade-api/v2/portfolio/events/orders/o-1',
    ]);
    expect(sent[1]?.json).toMatchObject({ ticker: 'KXA-1', side: 'bid', price: '0.0100', count: '1.00', post_only: true });
    expect(sent.every((r) => r.signatureValid)).toBe(true);
  });

  it('order-lifecycle: rest, decrease, batch cancel; the bid/ask ↔ yes/no conversion', async () => {
    const start = server.requests.length;
    const kalshi = createClient(options());
    const { data } = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker: 'KXA-1' } } });
    expect(await restTrimCancel(kalshi, data.market)).toEqual(['resting: 1.00 contracts on the book', 'decreased to 4.00', 'cancelled 4.00']);
    const sent = sentSince(start);
    expect(sent.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      'GET /trade-api/v2/markets/KXA-1',
      'POST /trade-api/v2/portfolio/events/orders',
      'POST /trade-api/v2/portfolio/events/orders/o-1/decrease',
      'DELETE /trade-api/v2/portfolio/events/orders/batched',
    ]);
    expect(sent.slice(2).map((r) => r.json)).toEqual([{ reduce_to: '4.00', market_ticker: 'KXA-1' }, { orders: [{ order_id: 'o-1', market_ticker: 'KXA-1' }] }]);
    expect(buyNoAt30()).toEqual(['ask 0.7000', 'buy no 0.3000', 'sell yes 0.7000']);
  });

  it('pagination: stops after two pages, then resumes from the cursor to the end', async () => {
    const kalshi = createClient({ baseUrl: server.baseUrl });
    const start = server.requests.length;
    const first = await tradePages(kalshi, 'KXA-1', 2);
    expect(first).toEqual({ trades: ['2026-01-01T00:00:01Z 3.00 @ 0.4100', '2026-01-01T00:00:02Z 3.00 @ 0.4100', '2026-01-01T00:00:03Z 3.00 @ 0.4100'], next: 'p3' });
    const rest = await tradePages(kalshi, 'KXA-1', 10, first.next);
    expect(rest).toEqual({ trades: ['2026-01-01T00:00:04Z 3.00 @ 0.4100'], next: undefined });
    expect(sentSince(start).map((r) => r.query.get('cursor'))).toEqual([null, 'p2', 'p3']);
  });

  it.each([
    ['a missing market is not_found', { ticker: 'NO-SUCH-MARKET', want: 'no market NO-SUCH-MARKET (GetMarket, request id r-9)' }],
    ['a 400 is validation', { ticker: 'BAD TICKER', want: 'Kalshi rejected the request: invalid_parameters: bad ticker' }],
  ])('errors: %s', async (_, { ticker, want }) => {
    const kalshi = createClient({ baseUrl: server.baseUrl, timeoutMs: 10_000, retry: false });
    expect(await describeMarketLookup(kalshi, ticker)).toBe(want);
  });

  it('errors: no answer within timeoutMs is a timeout (KalshiTimeoutError, timed on the client clock)', async () => {
    const clock = new ManualClock();
    const kalshi = createClient({ baseUrl: server.baseUrl, timeoutMs: 50, retry: false, clock });
    const start = server.requests.length;
    const described = describeMarketLookup(kalshi, 'SLOW-MARKET');
    await turnsUntil(() => server.requests.length > start && clock.pending === 1);
    await clock.advance(50);
    // The example says this only for a KalshiTimeoutError.
    expect(await described).toBe('no answer within 50 ms');
    expect(clock.pending).toBe(0);
  });

  it('logging: one debug line per attempt; without credentials GetBalance is refused before sending', async () => {
    const lines: object[] = [];
    const logger = { debug: (fields: object) => lines.push(fields), info: () => {}, warn: () => {}, error: () => {} };
    expect(await loggedBalance({ baseUrl: server.baseUrl, credentials: { apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem } }, logger)).toBe('123.4500');
    expect(lines).toEqual([expect.objectContaining({ operationId: 'GetBalance', attempt: 1, status: 200, latencyMs: expect.any(Number) })]);
    const start = server.requests.length;
    for (const name of ['KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY_PATH']) vi.stubEnv(name, ''); // empty = unset
    try {
      expect(await loggedBalance({ baseUrl: server.baseUrl }, logger)).toBe('GetBalance needs credentials');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(server.requests.length).toBe(start);
  });

  it('rate-limits: sizes the limiter from /account/limits and costs from /account/endpoint_costs', async () => {
    const { limiter } = await calibratedClient(options());
    expect([limiter.read.ratePerSecond, limiter.write.capacity]).toEqual([300, 600]);
    expect(limiter.costOf('CancelOrderV2').tokens).toBe(2);
    expect(limiter.costOf('GetOrder').tokens).toBe(10);
  });
});
