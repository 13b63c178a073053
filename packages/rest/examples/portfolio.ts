/**
 * Authenticated portfolio: balance and open positions.
 * Run: `KALSHI_API_KEY_ID=... KALSHI_PRIVATE_KEY_PATH=./key.pem npx tsx examples/portfolio.ts`
 */
// readme:start
import { createClient, dollars, paginate, signedContracts, type ClientOptions } from '@kalshi-sdk/rest';

/** Balance in dollars and each market position (negative = short YES). */
export async function portfolio(where: Pick<ClientOptions, 'environment' | 'baseUrl'>, apiKeyId: string, privateKey: string) {
  // privateKey: the PEM text, or on Node a path to the .pem file (or a KeyObject or CryptoKey). Each request is signed afresh.
  const kalshi = createClient({ ...where, credentials: { apiKeyId, privateKey } });

  const { data: balance } = await kalshi.GET('/portfolio/balance');
  const positions: string[] = [];
  for await (const page of paginate(kalshi, '/portfolio/positions', { params: { query: { count_filter: 'position', limit: 1000 } } })) {
    for (const p of page.market_positions) {
      positions.push(`${p.ticker}  ${signedContracts(p, 'position_fp').toWire()} contracts, exposure ${dollars(p, 'market_exposure_dollars').toWire()}`);
    }
  }
  return { balance: dollars(balance, 'balance_dollars').toWire(), positions };
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const where = process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' as const };
  const { balance, positions } = await portfolio(where, process.env.KALSHI_API_KEY_ID!, process.env.KALSHI_PRIVATE_KEY_PATH!);
  console.log(`balance $${balance}`);
  for (const line of positions) console.log(line);
}
