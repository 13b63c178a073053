import { describe, expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXHMF-26JAN01');

describe('/api-reference/historical/get-historical-markets', () => {
  it('/api-reference/historical/get-historical-markets: the tickers, event_ticker and series_ticker filters are mutually exclusive', async () => {
    // Quote: "Filters are mutually exclusive."
    const ticker = file.market();
    file.h.mock.exchange.settleMarket(ticker, 'yes');
    // The cutoff is set after the settlement, on the real clock, so the market is behind it whatever the timing.
    file.h.mock.exchange.engine.history.cutoff.set({ marketSettledMs: file.h.mock.exchange.engine.now() + 1 });
    const both = await file.h.rest().get(`/historical/markets?tickers=${ticker}&series_ticker=KXHMF`);
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ code: 'invalid_parameters' });
    const one = await file.h.rest().get(`/historical/markets?series_ticker=KXHMF`);
    expect(one.status).toBe(200);
    expect(one.body.markets.map((m: { ticker: string }) => m.ticker)).toEqual([ticker]);
  });
});
