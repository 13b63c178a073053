import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 1, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

it('/api-reference/communications/create-rfq: at most 100 open RFQs at a time', async () => {
  // Quote: "You can have a maximum of 100 open RFQs at a time."
  const tickers = Array.from({ length: 101 }, (_, i) => {
    const ticker = `KXRFQMAX-M${i}`;
    h.mock.exchange.addMarket({ ticker });
    return ticker;
  });
  for (const ticker of tickers.slice(0, 100)) {
    expect((await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts: 1, rest_remainder: false })).status).toBe(201);
  }
  expect(await h.rest(0).post('/communications/rfqs', { market_ticker: tickers[100], contracts: 1, rest_remainder: false })).toMatchObject({
    status: 400,
    body: { code: 'invalid_parameters' },
  });
});
