/**
 * Pagination: walk a cursor-paginated list, stop early, resume later from a cursor.
 * Run: `npx tsx examples/pagination.ts TICKER` (demo environment; KALSHI_BASE_URL overrides).
 */
// readme:start
import { paginate, type KalshiClient } from '@kalshi-sdk/rest';

/** Up to `maxPages` pages of a market's trades, and the cursor to resume from (undefined at the end). */
export async function tradePages(kalshi: KalshiClient, ticker: string, maxPages: number, resumeFrom?: string) {
  const trades: string[] = [];
  let next: string | undefined;
  let pages = 0;
  const query = { ticker, limit: 1000, ...(resumeFrom ? { cursor: resumeFrom } : {}) };
  for await (const page of paginate(kalshi, '/markets/trades', { params: { query }, signal: AbortSignal.timeout(60_000) })) {
    for (const t of page.trades) trades.push(`${t.created_time} ${t.count_fp} @ ${t.yes_price_dollars}`);
    next = page.cursor || undefined;
    if (++pages === maxPages) break; // leaving the loop stops the walk; nothing more is fetched
  }
  return { trades, next };
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createClient } = await import('@kalshi-sdk/rest');
  const kalshi = createClient(process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' });
  const first = await tradePages(kalshi, process.argv[2]!, 1);
  console.log(first.trades.slice(0, 5).join('\n'), `\n… next cursor ${first.next ?? '(none)'}`);
}
