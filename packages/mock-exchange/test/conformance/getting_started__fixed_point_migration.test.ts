import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/index.js';
import { callControl } from '../support/control-client.js';
import { startHarness, type Harness } from '../support/harness.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1));
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const newMarket = (priceLevelStructure: 'linear_cent' | 'deci_cent'): string => {
  const ticker = `KXTICKS-26JAN31-M${++n}`;
  h.mock.exchange.addMarket({ ticker, priceLevelStructure });
  return ticker;
};
const bid = (ticker: string, price: string) => h.rest(0).order({ ticker, side: 'bid', price, count: '1' });
const restructure = (ticker: string, body: Record<string, unknown>) => callControl(h.mock.port, 'POST', `markets/${ticker}/price_level_structure`, body);

describe('price level structure changes and order prices', () => {
  it('/getting_started/fixed_point_migration: after a change to deci_cent, a $0.455 order refused under linear_cent is accepted', async () => {
    // Quote: "the `price_ranges` array provides the exact valid price intervals and tick sizes for that market"
    // Quote: "`deci_cent` applies \$0.001 precision across the entire range."
    const ticker = newMarket('linear_cent');
    expect(await bid(ticker, '0.455')).toMatchObject({ status: 400, body: { code: 'invalid_order' } });
    expect((await restructure(ticker, { price_level_structure: 'deci_cent' })).body).toEqual({ ok: true, changed: true });
    expect((await bid(ticker, '0.455')).status).toBe(201);
  });

  it('/getting_started/fixed_point_migration: after a change to linear_cent, a $0.455 order accepted under deci_cent is refused', async () => {
    // Quote: "the `price_ranges` array provides the exact valid price intervals and tick sizes for that market"
    // Quote: "| `linear_cent` | \$0.00 – \$1.00 | \$0.01 |"
    const ticker = newMarket('deci_cent');
    expect((await bid(ticker, '0.455')).status).toBe(201);
    await restructure(ticker, { price_level_structure: 'linear_cent' });
    expect(await bid(ticker, '0.455')).toMatchObject({ status: 400, body: { code: 'invalid_order' } });
    expect((await bid(ticker, '0.45')).status).toBe(201);
  });

  it('/getting_started/fixed_point_migration: explicit price_ranges given with the structure are the market\'s valid prices', async () => {
    // Quote: "the `price_ranges` array provides the exact valid price intervals and tick sizes for that market"
    const ticker = newMarket('linear_cent');
    const ranges = [
      { start: '0.0000', end: '0.5000', step: '0.0050' },
      { start: '0.5000', end: '1.0000', step: '0.0100' },
    ];
    await restructure(ticker, { price_level_structure: 'deci_cent', price_ranges: ranges });
    expect((await h.rest(0).get(`/markets/${ticker}`)).body.market.price_ranges).toEqual(ranges);
    expect((await bid(ticker, '0.455')).status).toBe(201);
    expect(await bid(ticker, '0.456')).toMatchObject({ status: 400, body: { code: 'invalid_order' } });
    expect(await bid(ticker, '0.555')).toMatchObject({ status: 400, body: { code: 'invalid_order' } });
  });

  it('/getting_started/fixed_point_migration: undocumented — resting orders keep their price after a structure change', async () => {
    // Undocumented: no page says what happens to resting orders priced off the new grid; the mock leaves them resting (canceling a user's order is the more surprising act), and only new prices are checked.
    const ticker = newMarket('deci_cent');
    const resting = await bid(ticker, '0.455');
    expect((await restructure(ticker, { price_level_structure: 'linear_cent' })).body).toEqual({ ok: true, changed: true });
    const order = (await h.rest(0).get(`/portfolio/orders/${resting.body.order_id}`)).body.order;
    expect([order.status, order.yes_price_dollars]).toEqual(['resting', '0.4550']);
  });
});
