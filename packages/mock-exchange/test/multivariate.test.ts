import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: new ManualClock() });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const A = { market_ticker: 'KXMOCK-26DEC31-A', event_ticker: 'KXMOCK-26DEC31', side: 'yes' };
const B = { market_ticker: 'KXMOCK-26DEC31-B', event_ticker: 'KXMOCK-26DEC31', side: 'no' };

describe('multivariate event collections', () => {
  it('lists and gets the default collection, filtered by status, series and associated event', async () => {
    const all = await h.rest().get('/multivariate_event_collections');
    expect(all.status).toBe(200);
    expect(all.body.multivariate_contracts.map((c: { collection_ticker: string }) => c.collection_ticker)).toEqual(['KXMVEMOCK']);
    expect((await h.rest().get('/multivariate_event_collections?status=open')).body.multivariate_contracts).toHaveLength(1);
    expect((await h.rest().get('/multivariate_event_collections?status=closed')).body.multivariate_contracts).toHaveLength(0);
    expect((await h.rest().get('/multivariate_event_collections?series_ticker=NOPE')).body.multivariate_contracts).toHaveLength(0);
    expect((await h.rest().get('/multivariate_event_collections?associated_event_ticker=KXMOCK-26DEC31')).body.multivariate_contracts).toHaveLength(1);
    expect((await h.rest().get('/multivariate_event_collections?status=bogus')).status).toBe(400);
    const one = await h.rest().get('/multivariate_event_collections/KXMVEMOCK');
    expect(one.body.multivariate_contract).toMatchObject({ collection_ticker: 'KXMVEMOCK', size_min: 1, size_max: 2 });
    expect((await h.rest().get('/multivariate_event_collections/NOPE')).status).toBe(404);
  });

  it('creates a tradable market from legs; the same legs in any order name the same market', async () => {
    const created = await h.rest().post('/multivariate_event_collections/KXMVEMOCK', { selected_markets: [A, B], with_market_payload: true });
    expect(created.status).toBe(200);
    const { event_ticker: eventTicker, market_ticker: marketTicker } = created.body;
    expect(eventTicker).toMatch(/^KXMVEMOCK-S[0-9A-F]{10}$/);
    expect(marketTicker.startsWith(`${eventTicker}-`)).toBe(true);
    expect(created.body.market).toMatchObject({
      ticker: marketTicker,
      event_ticker: eventTicker,
      status: 'active',
      mve_collection_ticker: 'KXMVEMOCK',
      mve_selected_legs: [A, B],
    });
    const again = await h.rest().post('/multivariate_event_collections/KXMVEMOCK', { selected_markets: [B, A] });
    expect(again.body).toEqual({ event_ticker: eventTicker, market_ticker: marketTicker });

    const buy = await h.rest(0).order({ ticker: marketTicker, side: 'bid', price: '0.30', count: '2' });
    expect(buy.status).toBe(201);
    await h.rest(1).order({ ticker: marketTicker, side: 'ask', price: '0.30', count: '2', time_in_force: 'immediate_or_cancel' });
    expect((await h.rest(0).get(`/portfolio/orders/${buy.body.order_id}`)).body.order).toMatchObject({ status: 'executed', fill_count_fp: '2.00' });

    const events = await h.rest().get('/events/multivariate?collection_ticker=KXMVEMOCK&with_nested_markets=true');
    expect(events.body.events).toHaveLength(1);
    expect(events.body.events[0]).toMatchObject({ event_ticker: eventTicker, series_ticker: 'KXMVEMOCK' });
    expect(events.body.events[0].markets[0].ticker).toBe(marketTicker);
    expect((await h.rest().get('/events/multivariate?series_ticker=KXMVEMOCK')).body.events).toHaveLength(1);
    expect((await h.rest().get('/events/multivariate?collection_ticker=OTHER')).body.events).toHaveLength(0);
    expect((await h.rest().get('/events/multivariate?collection_ticker=KXMVEMOCK&series_ticker=KXMVEMOCK')).status).toBe(400);
  });

  it('refuses bad selections with 400 naming the leg', async () => {
    const post = (body: unknown) => h.rest().post('/multivariate_event_collections/KXMVEMOCK', body);
    expect((await post({})).body).toMatchObject({ code: 'missing_parameters' });
    expect((await post({ selected_markets: [] })).body.details).toMatch(/1 to 2 legs/);
    expect((await post({ selected_markets: [A, B, A] })).status).toBe(400);
    expect((await post({ selected_markets: [A, A] })).body.details).toMatch(/selected twice/);
    expect((await post({ selected_markets: [{ ...A, side: 'maybe' }] })).body.details).toMatch(/side must be yes or no/);
    expect((await post({ selected_markets: [{ ...A, event_ticker: 'KXOTHER' }] })).body.details).toMatch(/not in collection/);
    expect((await post({ selected_markets: [{ ...A, market_ticker: 'KXMOCK-26DEC31-Z' }] })).body.details).toMatch(/not a market of event/);
    const unknown = await h.rest().post('/multivariate_event_collections/NOPE', { selected_markets: [A] });
    expect(unknown.status).toBe(400);
  });

  it('enforces is_all_yes and one market per event from the collection', async () => {
    h.mock.exchange.addMultivariateCollection({
      ...(await h.rest().get('/multivariate_event_collections/KXMVEMOCK')).body.multivariate_contract,
      collection_ticker: 'KXMVESTRICT',
      series_ticker: 'KXMVESTRICT',
      is_all_yes: true,
      is_single_market_per_event: true,
    });
    const post = (legs: unknown[]) => h.rest().post('/multivariate_event_collections/KXMVESTRICT', { selected_markets: legs });
    expect((await post([B])).body.details).toMatch(/must be yes/);
    expect((await post([A, { ...B, side: 'yes' }])).body.details).toMatch(/one market per event/);
    expect((await post([A])).status).toBe(200);
  });

  it('requires a signed request to create', async () => {
    const response = await fetch(`${h.mock.restUrl}/multivariate_event_collections/KXMVEMOCK`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ selected_markets: [A] }),
    });
    expect(response.status).toBe(401);
  });

  it('rejects a collection without valid sizes at add time', () => {
    expect(() =>
      h.mock.exchange.addMultivariateCollection({
        collection_ticker: 'KXBAD',
        series_ticker: 'KXBAD',
        title: '',
        description: '',
        open_date: '2026-01-01T00:00:00Z',
        close_date: '2026-12-31T00:00:00Z',
        associated_events: [],
        associated_event_tickers: [],
        is_ordered: false,
        is_single_market_per_event: false,
        is_all_yes: false,
        size_min: 3,
        size_max: 2,
        functional_description: '',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', field: 'multivariateCollection.size_min' }));
  });
});
