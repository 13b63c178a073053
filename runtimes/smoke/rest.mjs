// @kalshi-sdk/rest in this runtime: a signed GET, paginate, placeOrder, a typed error for a bad
// price, and a retry after a 429 scripted through the mock's control API.
import { createClient, KalshiOrderError, paginate, placeOrder } from '@kalshi-sdk/rest';
import { expect, expectThrows } from './expect.mjs';

export async function checkRest(ctx) {
  const retries = [];
  const kalshi = createClient({
    baseUrl: ctx.restUrl,
    credentials: { apiKeyId: ctx.keys.ed25519.apiKeyId, privateKey: ctx.keys.ed25519.pem },
    retry: { baseDelayMs: 1, maxDelayMs: 10, onRetry: (event) => retries.push(event.status) },
  });

  const { data: balance } = await kalshi.GET('/portfolio/balance');
  expect(typeof balance.balance_dollars, 'string', 'GET /portfolio/balance balance_dollars');

  const tickers = [];
  for await (const page of paginate(kalshi, '/markets', { params: { query: { limit: 1 } } })) {
    for (const market of page.markets) tickers.push(market.ticker);
  }
  expect(tickers.length >= 2 && new Set(tickers).size === tickers.length, true, `paginate /markets limit 1 (${tickers.join(', ')})`);

  const { data } = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker: ctx.ticker } } });
  const placed = await placeOrder(kalshi, { market: data.market, side: 'bid', price: '0.02', count: '1', post_only: true });
  expect(typeof placed.order_id, 'string', 'placeOrder order_id');

  const bad = await expectThrows(
    () => placeOrder(kalshi, { market: data.market, side: 'bid', price: '0.565', count: '1' }),
    KalshiOrderError,
    'placeOrder price 0.565 on a linear_cent market',
  );
  expect(`${bad.code} ${bad.field}`, 'REST_ORDER_INVALID price', 'the bad price error code and field');

  const scripted = await fetch(`${ctx.controlUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fail_next: { status: 429, count: 1 } }),
  });
  await scripted.arrayBuffer();
  expect(scripted.status, 200, 'POST /__mock/faults status');
  const { data: status } = await kalshi.GET('/exchange/status');
  expect(typeof status.trading_active, 'boolean', 'GET /exchange/status after a 429');
  expect(retries.join(','), '429', 'retries seen by onRetry');
}
