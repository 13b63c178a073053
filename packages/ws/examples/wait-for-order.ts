/**
 * Runs offline against @kalshi-sdk/mock-exchange: waiting with a deadline. A book is awaited until live,
 * and a bot waiting for its resting bid to fill learns at once that self-trade prevention cancelled it
 * (instead of waiting out its 60 s deadline).
 *
 *   pnpm --filter @kalshi-sdk/ws build && npx tsx packages/ws/examples/wait-for-order.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { startMockExchange } from '@kalshi-sdk/mock-exchange';
import { createClient, placeOrder } from '@kalshi-sdk/rest';
import { createWebSocketClient, OrderBookManager, OrderUpdates } from '@kalshi-sdk/ws';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiKeyId = '00000000-0000-4000-8000-000000000002';
const ticker = 'KXDEMO-26DEC31-B';
const mock = await startMockExchange({
  markets: [{ ticker, title: 'Demo market', priceLevelStructure: 'linear_cent' }],
  users: [{ apiKeyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '1000' }],
});
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const rest = createClient({ baseUrl: mock.restUrl, apiKeyId, privateKey: pem });
const client = createWebSocketClient({ url: mock.wsUrl, apiKeyId, privateKey: pem });
const { data } = await rest.GET('/markets/{ticker}', { params: { path: { ticker } } });
const market = data.market;

// The book, once it is live (a snapshot applied); at most 5 s.
const books = new OrderBookManager({ client });
await books.track([ticker]);
const book = await books.ready(ticker, { signal: AbortSignal.timeout(5_000) });
console.log(`${ticker} is ${book.state}`);

// Follow your orders before placing any, so no update can slip past.
const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders', market_tickers: [ticker] }, { iterate: false }));
const bid = await placeOrder(rest, { market, side: 'bid', price: '0.40', count: '5' });
console.log(`bid ${bid.outcome.kind}`); // resting

// The same account sells at 0.40 with self-trade prevention 'maker': its own resting bid is cancelled.
const ask = await placeOrder(rest, { market, side: 'ask', price: '0.40', count: '5', self_trade_prevention_type: 'maker' });
console.log(`ask ${ask.outcome.kind}`); // resting

const done = await updates.done(bid.order_id, { signal: AbortSignal.timeout(60_000) });
if (done.kind === 'cancelled') console.log(`bid cancelled: ${done.reason}, filled ${done.filled.toWire()}`); // SelfTradeCancel
else console.log(`bid filled ${done.filled.toWire()}`);

await client.close();
await mock.close();
