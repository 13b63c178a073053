/**
 * An order's life with the typed helpers: what placing it did (`outcome`), decreasing it, cancelling it,
 * with the market typed by its generated schema name (`Market`).
 * Run: `KALSHI_API_KEY_ID=... KALSHI_PRIVATE_KEY=./key.pem npx tsx examples/order-lifecycle.ts TICKER`
 */
// readme:start
import { cancelOrders, contracts, decreaseOrder, placeOrder, type KalshiClient, type Market } from '@kalshi-sdk/rest';

/** Rests 10 contracts, trims them to 4, then cancels what is left; reports each step. */
export async function restTrimCancel(kalshi: KalshiClient, market: Market): Promise<string[]> {
  const placed = await placeOrder(kalshi, { market, side: 'bid', price: '0.05', count: '10', post_only: true });
  const { outcome } = placed;
  switch (outcome.kind) {
    case 'resting':
    case 'partially_filled_resting':
      break; // on the book: trim it below
    case 'filled':
      return [`filled ${outcome.filled.toWire()} at once`];
    case 'cancelled': // e.g. reason 'self_trade_prevention': it met one of your own resting orders
      return [`cancelled (${outcome.reason}) after filling ${outcome.filled.toWire()}`];
  }
  const trimmed = await decreaseOrder(kalshi, { orderId: placed.order_id, marketTicker: market.ticker }, { reduceTo: '4' });
  const [cancelled] = await cancelOrders(kalshi, [{ orderId: placed.order_id, marketTicker: market.ticker }]);
  return [
    `${outcome.kind}: ${outcome.resting.toWire()} contracts on the book`,
    `decreased to ${contracts(trimmed, 'remaining_count').toWire()}`,
    `cancelled ${cancelled ? contracts(cancelled, 'reduced_by').toWire() : '0.00'}`,
  ];
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createClient } = await import('@kalshi-sdk/rest');
  const kalshi = createClient({
    ...(process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' }),
    apiKeyId: process.env.KALSHI_API_KEY_ID!,
    privateKey: process.env.KALSHI_PRIVATE_KEY!,
  });
  const { data } = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker: process.argv[2]! } } });
  for (const line of await restTrimCancel(kalshi, data.market)) console.log(line);
}
