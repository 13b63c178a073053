/**
 * Place, amend and cancel an order (V2 endpoints), with price and count checked before sending.
 * Run: `KALSHI_API_KEY_ID=... KALSHI_PRIVATE_KEY=./key.pem npx tsx examples/orders.ts TICKER`
 */
// readme:start
import { amendOrder, placeOrder, type KalshiClient } from '@kalshi-sdk/rest';

/** Rests a 1-contract bid at $0.01, raises it to $0.02 for 2 contracts, then cancels it. */
export async function placeAmendCancel(kalshi: KalshiClient, ticker: string): Promise<string[]> {
  const { data } = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker } } });
  const market = data.market; // ticker + price_level_structure / price_ranges for the tick check

  // Sends price '0.0100', count '1.00', good_till_canceled, taker_at_cross and a fresh client_order_id.
  const placed = await placeOrder(kalshi, { market, side: 'bid', price: '0.01', count: '1', post_only: true });
  // count is the new total: already filled + wanted resting.
  const amended = await amendOrder(kalshi, placed.order_id, { market, side: 'bid', price: '0.02', count: '2' });
  const { data: cancelled } = await kalshi.DELETE('/portfolio/events/orders/{order_id}', {
    params: { path: { order_id: amended.order_id }, query: { market_ticker: ticker } },
  });
  return [
    `placed ${placed.order_id} (client_order_id ${placed.client_order_id})`,
    `amended ${amended.order_id}`,
    `cancelled ${cancelled.order_id}, reduced by ${cancelled.reduced_by}`,
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
  for (const line of await placeAmendCancel(kalshi, process.argv[2]!)) console.log(line);
}
