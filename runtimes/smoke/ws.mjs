// @kalshi-sdk/ws in this runtime: subscribe to an order book, place an order (signed REST through
// @kalshi-sdk/auth/web) and see the book change. The client is handed the RSA PEM itself: its
// `#key-signer` import signs with node:crypto under the `node` condition (Node, Bun, Deno) and with
// WebCrypto in a bundle without it (a Worker). Option, for a Worker: `WebSocket`, the implementation
// to pass to the client instead of the ws package.
import { createWebCryptoSigner, signRequest } from '@kalshi-sdk/auth/web';
import { createWebSocketClient } from '@kalshi-sdk/ws';
import { expect } from './expect.mjs';

export async function checkWs(ctx, { WebSocket } = {}) {
  const { apiKeyId, pem } = ctx.keys.rsa;
  const client = createWebSocketClient({ url: ctx.wsUrl, credentials: { apiKeyId, privateKey: pem }, reconnect: false, ...(WebSocket ? { WebSocket } : {}) });
  try {
    await client.connect();
    const book = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [ctx.ticker] });
    const frames = book[Symbol.asyncIterator]();
    const first = (await frames.next()).value;
    expect(first?.type, 'orderbook_snapshot', 'first orderbook frame');
    await postOrder(ctx, apiKeyId, await createWebCryptoSigner(pem), '0.03');
    const next = (await frames.next()).value;
    expect(next?.type, 'orderbook_delta', 'frame after the order');
    expect(next.msg.price_dollars, '0.0300', 'delta price');
  } finally {
    await client.close();
  }
}

async function postOrder(ctx, apiKeyId, signer, price) {
  const url = `${ctx.restUrl}/portfolio/events/orders`;
  const headers = await signRequest({ signer, apiKeyId, method: 'POST', path: url, timestampMs: Date.now() });
  const body = {
    ticker: ctx.ticker,
    side: 'bid',
    price,
    count: '1',
    time_in_force: 'good_till_canceled',
    self_trade_prevention_type: 'taker_at_cross',
    client_order_id: crypto.randomUUID(),
    post_only: true,
  };
  const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.status, 201, `POST /portfolio/events/orders (${text})`);
}
