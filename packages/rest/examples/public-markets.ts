/**
 * Public market data, no credentials: the open markets of a series, with exact prices.
 * Run: `npx tsx examples/public-markets.ts [SERIES]` (demo environment; KALSHI_BASE_URL overrides).
 */
import { createClient, dollars, paginate, type KalshiClient } from '@kalshi-sdk/rest';

/** Every open market of `seriesTicker`, walking all pages, as `TICKER  yes bid / yes ask` lines. */
export async function openMarkets(kalshi: KalshiClient, seriesTicker: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const page of paginate(kalshi, '/markets', { params: { query: { series_ticker: seriesTicker, status: 'open', limit: 1000 } } })) {
    for (const m of page.markets) {
      lines.push(`${m.ticker}  ${dollars(m, 'yes_bid_dollars').toWire()} / ${dollars(m, 'yes_ask_dollars').toWire()}`);
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kalshi = createClient(process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' });
  const { data } = await kalshi.GET('/exchange/status');
  console.log(`exchange active: ${data.exchange_active}, trading active: ${data.trading_active}`);
  for (const line of await openMarkets(kalshi, process.argv[2] ?? 'KXHIGHNY')) console.log(line);
}
