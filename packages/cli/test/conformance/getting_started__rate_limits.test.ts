import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { createClient, paginate } from '@kalshi-sdk/rest';
import { runCli, startFixture } from '../support/cli.js';

const A = 'KXMOCK-26DEC31-A';

describe('/getting_started/rate_limits', () => {
  it('/getting_started/rate_limits: kalshi history paces its reads on the Basic budget: 115 pages against a Basic-tier exchange draw no 429', async () => {
    // Quote: "Most requests cost the default of **10 tokens**"
    // Quote: "Over-drawing returns `429 Too Many Requests`."
    // The mock keeps its own copy of the Basic budgets (200 read tokens/s); without the client's limiter this run draws 429s (26 when measured).
    let limited = 0;
    const fast = await startFixture({ rateLimitTier: 'basic', onEmit: (m) => void (m.kind === 'rest' && m.status === 429 && limited++) });
    try {
      for (let i = 0; i < 230; i++) fast.mock.exchange.injectTrade({ ticker: A, price: Dollars.fromCents(10 + (i % 80)), count: Contracts.parse('1'), takerSide: 'bid' });
      const ids: string[] = [];
      for await (const page of paginate(createClient({ baseUrl: fast.mock.restUrl, rateLimit: false }), '/markets/trades', { params: { query: { ticker: A, limit: 1000 } } })) {
        ids.push(...page.trades.map((t) => t.trade_id));
      }
      const out = join(fast.home, 'paced.csv');
      const r = await runCli(['history', 'trades', '--ticker', A, '--from', '2020-01-01', '--out', out, '--page-size', '2', ...fast.where], fast.home);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(out, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(ids);
      // 115 pages × 10 tokens = 1,150 tokens against a 200-token read bucket refilling 200/s.
      expect(limited).toBe(0);
    } finally {
      await fast.close();
    }
  });
});
