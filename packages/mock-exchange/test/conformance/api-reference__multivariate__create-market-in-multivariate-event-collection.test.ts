import { beforeAll, expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

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
