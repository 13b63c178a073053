import { beforeAll, expect, it } from 'vitest';
import { ManualClock, startHarness, useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXCMC');

beforeAll(() => {
  file.h.mock.exchange.addMarket({ ticker: 'KXCMC-26-A', seriesTicker: 'KXCMC' });
  file.h.mock.exchange.addMultivariateCollection({
    collection_ticker: 'KXMVECMC',
    series_ticker: 'KXMVECMC',
    title: 'CMC combos',
    description: '',
    open_date: '2020-01-01T00:00:00Z',
    close_date: '2099-01-01T00:00:00Z',
    associated_events: [{ ticker: 'KXCMC-26', is_yes_only: false, active_quoters: [] }],
    associated_event_tickers: ['KXCMC-26'],
    is_ordered: false,
    is_single_market_per_event: false,
    is_all_yes: false,
    size_min: 1,
    size_max: 1,
    functional_description: '',
  });
});

it('/api-reference/multivariate/create-market-in-multivariate-event-collection: the market exists for lookup and trading only once created', async () => {
  // Quote: "This endpoint must be hit at least once before trading or looking up a market."
  const rest = file.h.rest(0);
  expect((await rest.get('/markets?series_ticker=KXMVECMC')).body.markets).toEqual([]);
  const created = await rest.post('/multivariate_event_collections/KXMVECMC', { selected_markets: [{ market_ticker: 'KXCMC-26-A', event_ticker: 'KXCMC-26', side: 'yes' }] });
  expect(created.status).toBe(200);
  const ticker = created.body.market_ticker as string;
  expect((await rest.get('/markets?series_ticker=KXMVECMC')).body.markets.map((m: { ticker: string }) => m.ticker)).toEqual([ticker]);
  expect((await rest.get(`/markets/${ticker}`)).body.market).toMatchObject({ ticker, event_ticker: created.body.event_ticker, status: 'active' });
  expect((await rest.order({ ticker, side: 'bid', price: '0.10', count: '1' })).status).toBe(201);
});

it('/api-reference/multivariate/create-market-in-multivariate-event-collection: a user may create 5000 markets per week; lookups of existing ones still answer', async () => {
  // Quote: "Users are limited to 5000 creations per week."
  const clock = new ManualClock();
  const h = await startHarness({ clock, markets: Array.from({ length: 13 }, (_, i) => ({ ticker: `KXLIM-26-M${i}`, seriesTicker: 'KXLIM' })) });
  try {
    h.mock.exchange.addMultivariateCollection({
      collection_ticker: 'KXMVELIM',
      series_ticker: 'KXMVELIM',
      title: '',
      description: '',
      open_date: '2020-01-01T00:00:00Z',
      close_date: '2099-01-01T00:00:00Z',
      associated_events: [{ ticker: 'KXLIM-26', is_yes_only: true, active_quoters: [] }],
      associated_event_tickers: ['KXLIM-26'],
      is_ordered: false,
      is_single_market_per_event: false,
      is_all_yes: true,
      size_min: 1,
      size_max: 13,
      functional_description: '',
    });
    // Selection n: the markets whose bit is set in n, so every n names a distinct market.
    const create = (n: number) =>
      h.rest(0).post('/multivariate_event_collections/KXMVELIM', {
        selected_markets: Array.from({ length: 13 }, (_, i) => i)
          .filter((i) => (n >> i) & 1)
          .map((i) => ({ market_ticker: `KXLIM-26-M${i}`, event_ticker: 'KXLIM-26', side: 'yes' })),
      });
    // 4998 creations an hour ago (recorded in the store, to keep the test fast), then two through REST.
    const userId = h.mock.exchange.userId('key-1');
    h.mock.exchange.engine.reference.creationsByUser.set(userId, Array.from({ length: 4998 }, () => clock.now() - 3_600_000));
    expect((await create(1)).status).toBe(200);
    expect((await create(2)).status).toBe(200);
    expect((await create(5001)).status).toBe(429);
    expect((await create(1)).status).toBe(200);
    expect((await h.rest(1).post('/multivariate_event_collections/KXMVELIM', { selected_markets: [{ market_ticker: 'KXLIM-26-M0', event_ticker: 'KXLIM-26', side: 'yes' }, { market_ticker: 'KXLIM-26-M12', event_ticker: 'KXLIM-26', side: 'yes' }] })).status).toBe(200);
    clock.advance(7 * 86_400_000 - 3_600_000 - 1);
    expect((await create(5001)).status).toBe(429);
    clock.advance(1);
    expect((await create(5001)).status).toBe(200);
    h.assertConformance();
  } finally {
    await h.close();
  }
});
