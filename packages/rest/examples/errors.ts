/**
 * Error handling: one `catch`, switch on `kind` (or `code`).
 * Run: `npx tsx examples/errors.ts` (looks up a market that does not exist).
 */
// readme:start
import { KalshiApiError, KalshiNetworkError, KalshiTimeoutError, type KalshiClient } from '@kalshi-sdk/rest';

/** Describes what happened when fetching `ticker`. */
export async function describeMarketLookup(kalshi: KalshiClient, ticker: string): Promise<string> {
  try {
    const { data } = await kalshi.GET('/markets/{ticker}', { params: { path: { ticker } } });
    return `found ${data.market.ticker}`;
  } catch (error) {
    if (error instanceof KalshiApiError) {
      switch (error.kind) {
        case 'not_found':
          return `no market ${ticker} (${error.operationId}, request id ${error.requestId ?? 'n/a'})`;
        case 'auth':
          return `check the API key: ${error.kalshiMessage ?? error.status}`;
        case 'rate_limited':
          return 'still rate limited after retries: slow down or raise rateLimit.tier';
        case 'validation':
          return `Kalshi rejected the request: ${error.kalshiCode}: ${error.kalshiMessage}`;
        default:
          return `Kalshi answered ${error.status} (${error.code})`;
      }
    }
    if (error instanceof KalshiTimeoutError) return `no answer within ${error.timeoutMs} ms`; // needs createClient({ timeoutMs })
    if (error instanceof KalshiNetworkError) return `network error after ${error.attempts} attempt(s)`;
    throw error;
  }
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createClient } = await import('@kalshi-sdk/rest');
  const kalshi = createClient({ ...(process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' }), timeoutMs: 10_000 });
  console.log(await describeMarketLookup(kalshi, 'NO-SUCH-MARKET'));
}
