/**
 * Public market data, no credentials: one market's price, and every open market of a series.
 * Run: `npx tsx examples/public-markets.ts [SERIES]` (demo environment; KALSHI_BASE_URL overrides).
 */
// readme:start
import { createClient, dollars, paginate, type ClientOptions } from '@kalshi-sdk/rest';

type Where = Pick<ClientOptions, 'environment' | 'baseUrl'>; // { environment: 'production' }, or a baseUrl

/** One market's last traded price, in dollars (`'0.5600'`). */
export async function lastPrice(where: Where, ticker: string): Promise<string> {
  const kalshi = createClient(where); // public endpoints need no credentials
  const { data } = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker } } });
  return dollars(data.market, 'last_price_dollars').toWire();
}

/** `TICKER  yes bid / yes ask` for every open market of a series, all pages. */
export async function openMarkets(where: Where, seriesTicker: string): Promise<string[]> {
  const kalshi = createClient(where);
  const lines: string[] = [];
  for await (const page of paginate(kalshi, '/markets', { params: { query: { series_ticker: seriesTicker, status: 'open', limit: 1000 } } })) {
    for (const m of page.markets) lines.push(`${m.ticker}  ${dollars(m, 'yes_bid_dollars').toWire()} / ${dollars(m, 'yes_ask_dollars').toWire()}`);
  }
  return lines;
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const where: Where = process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' };
  const lines = await openMarkets(where, process.argv[2] ?? 'KXHIGHNY');
  for (const line of lines) console.log(line);
  const first = lines[0]?.split(' ')[0];
  if (first) console.log(`${first} last traded at ${await lastPrice(where, first)}`);
}
