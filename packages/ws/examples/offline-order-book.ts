/**
 * Runs offline against @kalshi-sdk/mock-exchange: a live order book, and a dropped connection
 * the client heals by itself (re-signed handshake, resubscribe, fresh snapshot).
 *
 *   pnpm --filter @kalshi-sdk/ws build && npx tsx packages/ws/examples/offline-order-book.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { startMockExchange } from '@kalshi-sdk/mock-exchange';
import { createWebSocketClient, OrderBookManager } from '@kalshi-sdk/ws';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiKeyId = '00000000-0000-4000-8000-000000000001';
const ticker = 'KXDEMO-26DEC31-A';

const mock = await startMockExchange({
  markets: [{ ticker, title: 'Demo market' }],
  users: [{ apiKeyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '1000' }],
});
const userId = mock.exchange.userId(apiKeyId);
const engine = mock.exchange.engine;
const order = (side: 'bid' | 'ask', price: string, count: string) =>
  engine.placeOrder(userId, { ticker, side, price: Dollars.parse(price), count: Contracts.parse(count), timeInForce: 'good_till_canceled', selfTradePrevention: 'maker' });

const client = createWebSocketClient({ url: mock.wsUrl, credentials: { apiKeyId, privateKey }, reconnect: { initialDelayMs: 50 } });
client.on('reconnecting', (e) => console.log(`reconnecting (attempt ${e.attempt}, ${e.error.code})`));
client.on('resubscribed', (e) => console.log(`resubscribed ${e.subscriptions.map((s) => `${s.previousSid}->${s.sid}`).join(', ')}`));
await client.connect();

const books = new OrderBookManager({ client });
books.on('resynced', ({ book, reason }) => console.log(`${book.marketTicker} rebuilt after ${reason}`));
await books.track([ticker]);

order('bid', '0.42', '10');
order('ask', '0.47', '5');
await new Promise((r) => setTimeout(r, 50));
const book = books.book(ticker)!;
console.log(`bid ${book.bestBid()?.price.toWire()} x ${book.bestBid()?.size.toWire()}, ask ${book.bestAsk()?.price.toWire()}, spread ${book.spread()?.toWire()}`);

mock.exchange.faults.ws.dropConnections();
order('bid', '0.43', '2.5');
await new Promise((r) => setTimeout(r, 300));
console.log(`after the drop: bid ${book.bestBid()?.price.toWire()} x ${book.bestBid()?.size.toWire()} (${book.state})`);

await client.close();
await mock.close();
