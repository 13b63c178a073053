/**
 * Authenticated portfolio: balance and open positions.
 * Run: `KALSHI_API_KEY_ID=... KALSHI_PRIVATE_KEY=./key.pem npx tsx examples/portfolio.ts`
 */
import { createClient, dollars, paginate, signedContracts, type KalshiClient } from '@kalshi-sdk/rest';

/** Balance in dollars and each non-zero market position (negative = short YES). */
export async function portfolio(kalshi: KalshiClient): Promise<{ balance: string; positions: string[] }> {
  const { data } = await kalshi.GET('/portfolio/balance');
  const positions: string[] = [];
  for await (const page of paginate(kalshi, '/portfolio/positions', { params: { query: { count_filter: 'position', limit: 1000 } } })) {
    for (const p of page.market_positions) {
      positions.push(`${p.ticker}  ${signedContracts(p, 'position_fp').toWire()} contracts, exposure ${dollars(p, 'market_exposure_dollars').toWire()}`);
    }
  }
  return { balance: dollars(data, 'balance_dollars').toWire(), positions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kalshi = createClient({
    ...(process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' }),
    apiKeyId: process.env.KALSHI_API_KEY_ID!,
    privateKey: process.env.KALSHI_PRIVATE_KEY!, // PEM text or a path to the .pem file
  });
  const { balance, positions } = await portfolio(kalshi);
  console.log(`balance $${balance}`);
  for (const line of positions) console.log(line);
}
