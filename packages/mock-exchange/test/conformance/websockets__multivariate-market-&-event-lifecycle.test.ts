import { beforeAll, expect, it } from 'vitest';
import type { MockMultivariateCollection, MultivariateLeg } from '../../src/index.js';
import { useFileHarness, type WsClient } from '../support/harness.js';

const file = useFileHarness('KXMVL');

const COLLECTION: MockMultivariateCollection = {
  collection_ticker: 'KXMVELIFE',
  series_ticker: 'KXMVELIFE',
  title: 'Lifecycle combos',
  description: 'Combos of KXMVL-26',
  open_date: '2020-01-01T00:00:00Z',
  close_date: '2099-01-01T00:00:00Z',
  associated_events: [{ ticker: 'KXMVL-26', is_yes_only: false, active_quoters: [] }],
  associated_event_tickers: ['KXMVL-26'],
  is_ordered: false,
  is_single_market_per_event: false,
  is_all_yes: false,
  size_min: 1,
  size_max: 2,
  functional_description: 'all legs',
};

beforeAll(() => {
  file.h.mock.exchange.addMarket({ ticker: 'KXMVL-26-A', seriesTicker: 'KXMVL' });
  file.h.mock.exchange.addMultivariateCollection(COLLECTION);
});

async function subscribe(ws: WsClient, params: Record<string, unknown>): Promise<number> {
  const reply = await ws.command('subscribe', params);
  expect(reply.type, JSON.stringify(reply)).toBe('subscribed');
  return reply.msg.sid as number;
}

it('/websockets/multivariate-market-&-event-lifecycle: a market created in a collection sends its event and lifecycle on the channel', async () => {
  // Quote: "Multivariate event (MVE) market state changes and event creation notifications."
  // Quote: "Event creation notifications"
  const ws = await file.h.ws(0);
  const sid = await subscribe(ws, { channels: ['multivariate_market_lifecycle'] });
  const created = await file.h.rest(0).post('/multivariate_event_collections/KXMVELIFE', {
    selected_markets: [{ market_ticker: 'KXMVL-26-A', event_ticker: 'KXMVL-26', side: 'yes' }],
  });
  expect(created.status).toBe(200);
  const { event_ticker: eventTicker, market_ticker: marketTicker } = created.body;
  file.h.mock.exchange.pauseMarket(marketTicker);
  file.h.mock.exchange.settleMarket(marketTicker, 'yes');
  const frames = await ws.waitForCount((f) => f.sid === sid, 7);
  expect(frames.map((f) => [f.type, f.msg.event_type ?? f.msg.event_ticker, f.seq])).toEqual([
    ['event_lifecycle', eventTicker, 1],
    ['multivariate_market_lifecycle', 'created', 2],
    ['multivariate_market_lifecycle', 'activated', 3],
    ['multivariate_market_lifecycle', 'deactivated', 4],
    // Settled before its close time: the close time is pulled in to now first.
    ['multivariate_market_lifecycle', 'close_date_updated', 5],
    ['multivariate_market_lifecycle', 'determined', 6],
    ['multivariate_market_lifecycle', 'settled', 7],
  ]);
  expect(frames[1].msg).toMatchObject({ market_ticker: marketTicker, additional_metadata: { event_ticker: eventTicker } });
  expect(frames[5].msg).toMatchObject({ result: 'yes', settlement_value: '1.0000' });
});

it('/websockets/multivariate-market-&-event-lifecycle: markets outside collections are not sent on the channel', async () => {
  // Quote: "Only emits lifecycle updates for multivariate events"
  const ws = await file.h.ws(0);
  const mveSid = await subscribe(ws, { channels: ['multivariate_market_lifecycle'] });
  const allSid = await subscribe(ws, { channels: ['market_lifecycle_v2'] });
  file.h.mock.exchange.addMarket({ ticker: 'KXMVLPLAIN-26-A' });
  await ws.waitForCount((f) => f.sid === allSid && f.type === 'market_lifecycle_v2', 2);
  // A multivariate market created afterwards is the first thing the multivariate subscription sees.
  const created = await file.h.rest(0).post('/multivariate_event_collections/KXMVELIFE', {
    selected_markets: [{ market_ticker: 'KXMVL-26-A', event_ticker: 'KXMVL-26', side: 'no' }],
  });
  const first = await ws.waitFor((f) => f.sid === mveSid);
  expect(first).toMatchObject({ type: 'event_lifecycle', seq: 1, msg: { event_ticker: created.body.event_ticker } });
  expect(ws.frames.filter((f) => f.sid === mveSid && JSON.stringify(f.msg).includes('KXMVLPLAIN'))).toEqual([]);
});

it('/websockets/multivariate-market-&-event-lifecycle: a market_ticker filter is not needed; every multivariate market is sent', async () => {
  // Quote: "Receives all multivariate market lifecycle notifications (`market_ticker` filters are not supported)"
  const ws = await file.h.ws(1);
  const sid = await subscribe(ws, { channels: ['multivariate_market_lifecycle'] });
  file.h.mock.exchange.addMarket({ ticker: 'KXMVL-26-B', seriesTicker: 'KXMVL' });
  const legs: MultivariateLeg[] = [
    { market_ticker: 'KXMVL-26-A', event_ticker: 'KXMVL-26', side: 'yes' },
    { market_ticker: 'KXMVL-26-B', event_ticker: 'KXMVL-26', side: 'yes' },
  ];
  const one = file.h.mock.exchange.createMarketInCollection('KXMVELIFE', legs.slice(1));
  const two = file.h.mock.exchange.createMarketInCollection('KXMVELIFE', legs);
  const created = await ws.waitForCount((f) => f.sid === sid && f.msg.event_type === 'created', 2);
  expect(created.map((f) => f.msg.market_ticker)).toEqual([one.marketTicker, two.marketTicker]);
});
