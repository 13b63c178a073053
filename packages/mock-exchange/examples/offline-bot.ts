// Test a bot offline: start the simulator, stream a book, trade against a counterparty, settle.
// Run: pnpm build && npx tsx examples/offline-bot.ts
import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner, signRequest } from '@kalshi-sdk/auth';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { startMockExchange } from '@kalshi-sdk/mock-exchange';
import WebSocket from 'ws';

// Your bot's key pair: the simulator only needs the public half.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const apiKeyId = 'my-bot';
const signer = createNodeSigner(privateKey);

const mock = await startMockExchange({
  users: [
    { apiKeyId, publicKeyPem, balanceDollars: '1000' },
    { apiKeyId: 'counterparty', publicKeyPem, balanceDollars: '1000' },
  ],
});
const ticker = 'KXMOCK-26DEC31-A'; // one of the default markets

/** A signed REST call, as your bot makes it against Kalshi. */
async function call(method: string, path: string, body?: unknown): Promise<any> {
  const url = `${mock.restUrl}${path}`;
  const headers = await signRequest({ signer, apiKeyId, method, path: new URL(url).pathname, timestampMs: Date.now() });
  const response = await fetch(url, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}

// Stream the order book and our fills over the signed WebSocket.
const wsHeaders = await signRequest({ signer, apiKeyId, method: 'GET', path: mock.wsUrl, timestampMs: Date.now() });
const ws = new WebSocket(mock.wsUrl, { headers: { ...wsHeaders } });
await new Promise((resolve) => ws.once('open', resolve));
const filled = new Promise<any>((resolve) =>
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'orderbook_snapshot' || frame.type === 'orderbook_delta') console.log(frame.type, frame.seq, JSON.stringify(frame.msg));
    if (frame.type === 'fill') resolve(frame.msg);
  }),
);
ws.send(JSON.stringify({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta', 'fill'], market_ticker: ticker } }));

// The bot bids 10 YES at $0.45.
const order = await call('POST', '/portfolio/events/orders', {
  ticker,
  side: 'bid',
  price: '0.45',
  count: '10',
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
  client_order_id: 'bot-1',
});
console.log('order', order);

// The counterparty sells 4 into it, straight through the engine (no signing needed there).
mock.exchange.engine.placeOrder(mock.exchange.userId('counterparty'), {
  ticker,
  side: 'ask',
  price: Dollars.parse('0.45'),
  count: Contracts.parse('4'),
  timeInForce: 'immediate_or_cancel',
  selfTradePrevention: 'taker_at_cross',
});
console.log('fill', await filled);
console.log('positions', (await call('GET', '/portfolio/positions')).market_positions);

// Settle YES: 4 contracts pay $1 each.
mock.exchange.settleMarket(ticker, 'yes');
console.log('balance', await call('GET', '/portfolio/balance'));

ws.close();
await mock.close();
