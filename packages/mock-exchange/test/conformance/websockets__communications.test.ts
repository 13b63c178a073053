import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/index.js';
import { startHarness, type Frame, type Harness, type WsClient } from '../support/harness.js';

const clock = new ManualClock(1_767_225_600_000);
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(): string {
  const ticker = `KXWSCOMM-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

async function subscribed(user: number, channels = ['communications']): Promise<WsClient> {
  const ws = await h.ws(user);
  expect((await ws.command('subscribe', { channels })).type).toBe('subscribed');
  return ws;
}

const ofType = (type: string, id?: string) => (f: Frame) => f.type === type && (id === undefined || f.msg.id === id || f.msg.rfq_id === id);

it('/websockets/communications: rfq_created and rfq_deleted go to every subscriber', async () => {
  // Quote: "RFQ events (RFQCreated, RFQDeleted) always sent"
  // Quote /getting_started/rfqs: "`rfq_created` and `rfq_deleted` go to all subscribers."
  const ticker = market();
  const sockets = [await subscribed(0), await subscribed(1), await subscribed(2)];
  const rfq = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '3', rest_remainder: false });
  for (const ws of sockets) {
    const created = await ws.waitFor(ofType('rfq_created', rfq.body.id));
    expect(created.msg).toMatchObject({ market_ticker: ticker, contracts_fp: '3.00', event_ticker: h.mock.exchange.engine.getMarket(ticker)!.eventTicker });
    expect(created.seq).toBeTypeOf('number');
  }
  expect((await h.rest(0).delete(`/communications/rfqs/${rfq.body.id}`)).status).toBe(204);
  for (const ws of sockets) expect((await ws.waitFor(ofType('rfq_deleted', rfq.body.id))).msg.market_ticker).toBe(ticker);
});

it('/websockets/communications: quote events go only to the quote creator and the RFQ creator', async () => {
  // Quote: "Quote events (QuoteCreated, QuoteAccepted, QuoteExecuted) are only sent if you created the quote OR you created the RFQ"
  // Quote /getting_started/rfqs: "`quote_created`, `quote_accepted`, and `quote_executed` go only to the involved requester and maker."
  const ticker = market();
  const [requester, maker, bystander] = [await subscribed(0), await subscribed(1), await subscribed(2)];
  const rfqId = (await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '2', rest_remainder: false })).body.id;
  const quoteId = (await h.rest(1).post('/communications/quotes', { rfq_id: rfqId, yes_bid: '0.40', no_bid: '0.55', rest_remainder: false })).body.id;
  await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'no' });
  await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`);
  clock.advance(15_000);
  for (const ws of [requester, maker]) {
    expect((await ws.waitFor(ofType('quote_created', rfqId))).msg).toMatchObject({ quote_id: quoteId, yes_bid_dollars: '0.4000', no_bid_dollars: '0.5500' });
    expect((await ws.waitFor(ofType('quote_accepted', rfqId))).msg).toMatchObject({ quote_id: quoteId, accepted_side: 'no', contracts_accepted_fp: '2.00' });
    expect((await ws.waitFor(ofType('quote_executed', rfqId))).msg).toMatchObject({ quote_id: quoteId, market_ticker: ticker });
  }
  // The bystander got the RFQ events (sent after everything above) but no quote event.
  await bystander.waitFor(ofType('rfq_deleted', rfqId));
  expect(bystander.frames.filter((f: Frame) => String(f.type).startsWith('quote_'))).toEqual([]);
});

it('/websockets/communications: quote_executed carries each party its own order and client_order_id, matching its fill', async () => {
  // Quote: "Use QuoteExecuted to correlate fill messages with quotes via client_order_id."
  const ticker = market();
  const requester = await subscribed(0, ['communications', 'fill']);
  const maker = await subscribed(1, ['communications', 'fill']);
  const rfqId = (await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '5', rest_remainder: false })).body.id;
  const quoteId = (await h.rest(1).post('/communications/quotes', { rfq_id: rfqId, yes_bid: '0.25', no_bid: '0', rest_remainder: false })).body.id;
  await h.rest(0).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/accept`, { accepted_side: 'yes' });
  await h.rest(1).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/confirm`);
  // The execution timer fires on the clock alone: no request is needed for the frames to arrive.
  clock.advance(15_000);
  const executed = [await requester.waitFor(ofType('quote_executed', rfqId)), await maker.waitFor(ofType('quote_executed', rfqId))];
  expect(executed[0].msg.order_id).not.toBe(executed[1].msg.order_id);
  for (const [ws, exec] of [[requester, executed[0]], [maker, executed[1]]] as const) {
    const fill = await ws.waitFor((f: Frame) => f.type === 'fill' && f.msg.market_ticker === ticker);
    expect(fill.msg).toMatchObject({ order_id: exec.msg.order_id, client_order_id: exec.msg.client_order_id, count_fp: '5.00' });
  }
});
