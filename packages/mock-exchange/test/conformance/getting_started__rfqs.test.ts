import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/index.js';
import { startHarness, type Harness } from '../support/harness.js';

const clock = new ManualClock(1_767_225_600_000);
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(priceLevelStructure?: 'linear_cent' | 'deci_cent'): string {
  const ticker = `KXRFQ-M${++n}`;
  h.mock.exchange.addMarket({ ticker, ...(priceLevelStructure === undefined ? {} : { priceLevelStructure }) });
  return ticker;
}

async function rfq(ticker: string, size: Record<string, unknown> = { contracts_fp: '10' }): Promise<string> {
  const created = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, rest_remainder: false, ...size });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

function quote(rfqId: string, yes_bid: string, no_bid: string, maker = 1) {
  return h.rest(maker).post('/communications/quotes', { rfq_id: rfqId, yes_bid, no_bid, rest_remainder: false });
}

it('/getting_started/rfqs: a quote is for the full RFQ size', async () => {
  // Quote: "Quotes are for the full RFQ size."
  // Quote: "Quoters do not specify a size — each quote is implicitly for the full RFQ amount"
  const rfqId = await rfq(market(), { contracts_fp: '7' });
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  const got = (await h.rest(1).get(`/communications/rfqs/${rfqId}/quotes/${quoteId}`)).body.quote;
  expect(got).toMatchObject({ contracts_fp: '7.00', yes_contracts_fp: '7.00', no_contracts_fp: '7.00' });
});

it('/getting_started/rfqs: contracts_fp sizes must be whole contracts', async () => {
  // Quote: "`contracts_fp` — number of contracts (whole only)."
  const answer = await h.rest(0).post('/communications/rfqs', { market_ticker: market(), contracts_fp: '1.50', rest_remainder: false });
  expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
});

it('/getting_started/rfqs: the size is exactly one of contracts_fp and target_cost_dollars', async () => {
  // Quote: "When creating an RFQ, the requester specifies size in exactly one of:"
  const ticker = market();
  const both = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '1', target_cost_dollars: '5.00', rest_remainder: false });
  expect(both).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
  const neither = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, rest_remainder: false });
  expect(neither).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
});

it('/getting_started/rfqs: a target_cost_dollars RFQ gets a contract count per side derived from the quote prices', async () => {
  // Quote: "The exchange derives a contract count from the quote price, returned as `yes_contracts_fp` / `no_contracts_fp` on the quote."
  // The page does not say how the count rounds: we take the whole contracts the target cost buys at each side's price (rounded down), so the requester never spends more than asked.
  const rfqId = await rfq(market(), { target_cost_dollars: '10.00' });
  const quoteId = (await quote(rfqId, '0.30', '0.60')).body.id;
  const got = (await h.rest(0).get(`/communications/quotes/${quoteId}`)).body.quote;
  expect(got).toMatchObject({ yes_contracts_fp: '33.00', no_contracts_fp: '16.00', rfq_target_cost_dollars: '10.0000' });
});

it('/getting_started/rfqs: either quote price may be "0" to decline that side, but not both', async () => {
  // Quote: "Either can be `"0"` to decline that side, but not both."
  const rfqId = await rfq(market());
  expect((await quote(rfqId, '0', '0')).status).toBe(400);
  const oneSided = await quote(rfqId, '0', '0.45');
  expect(oneSided.status).toBe(201);
  // The declined side cannot be accepted.
  expect((await h.rest(0).put(`/communications/quotes/${oneSided.body.id}/accept`, { accepted_side: 'yes' })).status).toBe(400);
});

it('/getting_started/rfqs: a quote with yes_bid + no_bid over $1 is rejected', async () => {
  // Quote: "If `yes_bid + no_bid > $1` the quote is rejected."
  const rfqId = await rfq(market());
  expect(await quote(rfqId, '0.50', '0.51')).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
  expect((await quote(rfqId, '0.50', '0.50')).status).toBe(201);
});

it('/getting_started/rfqs: quote prices must land on the market price grid', async () => {
  // Quote: "Prices must land on the market's price grid."
  // Quote: "Price not on a valid step, or RFQ already closed"
  const rfqId = await rfq(market('linear_cent'));
  expect(await quote(rfqId, '0.405', '0.50')).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
  expect((await quote(rfqId, '0.41', '0.50')).status).toBe(201);
});

it('/getting_started/rfqs: a new quote on the same RFQ replaces the maker previous quote', async () => {
  // Quote: "A new quote on the same RFQ replaces the maker's previous quote."
  const rfqId = await rfq(market());
  const first = (await quote(rfqId, '0.40', '0.50')).body.id;
  const second = (await quote(rfqId, '0.42', '0.50')).body.id;
  const quotes = (await h.rest(1).get(`/communications/quotes?rfq_id=${rfqId}`)).body.quotes;
  expect(quotes.map((q: { id: string; status: string }) => [q.id, q.status])).toEqual([
    [second, 'open'],
    [first, 'cancelled'],
  ]);
  expect((await h.rest(0).put(`/communications/quotes/${first}/accept`, { accepted_side: 'yes' })).status).toBe(400);
});

it('/getting_started/rfqs: makers cannot see each other quotes', async () => {
  // Quote: "Each quote is private between the requester and the individual maker — makers cannot see each other's quotes."
  const rfqId = await rfq(market());
  const fromB = (await quote(rfqId, '0.40', '0.50', 1)).body.id;
  const fromC = (await quote(rfqId, '0.41', '0.50', 2)).body.id;
  expect((await h.rest(2).get(`/communications/quotes/${fromB}`)).status).toBe(404);
  expect((await h.rest(1).get(`/communications/rfqs/${rfqId}/quotes/${fromC}`)).status).toBe(404);
  expect((await h.rest(2).get(`/communications/quotes?rfq_id=${rfqId}`)).body.quotes.map((q: { id: string }) => q.id)).toEqual([fromC]);
  expect((await h.rest(0).get(`/communications/quotes?rfq_id=${rfqId}`)).body.quotes).toHaveLength(2);
});

it('/getting_started/rfqs: execution is accept, then confirm; confirming an unaccepted quote is refused', async () => {
  // Quote: "Execution follows a two-step lock: accept, then confirm."
  const rfqId = await rfq(market());
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  expect((await h.rest(1).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/confirm`)).status).toBe(400);
  // Only the requester accepts, only the maker confirms.
  expect((await h.rest(1).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/accept`, { accepted_side: 'yes' })).status).toBe(404);
  expect((await h.rest(0).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/accept`, { accepted_side: 'yes' })).status).toBe(204);
  expect((await h.rest(0).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/confirm`)).status).toBe(404);
  expect((await h.rest(1).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/confirm`)).status).toBe(204);
});

it('/getting_started/rfqs: once confirmed, neither the maker nor the requester can withdraw', async () => {
  // Quote: "Once confirmed, neither party can withdraw."
  const rfqId = await rfq(market());
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  // Before confirmation the maker may still withdraw an accepted quote.
  await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'yes' });
  await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`);
  expect((await h.rest(1).delete(`/communications/rfqs/${rfqId}/quotes/${quoteId}`)).status).toBe(400);
  expect((await h.rest(0).delete(`/communications/rfqs/${rfqId}`)).status).toBe(400);
  clock.advance(15_000);
  expect((await h.rest(0).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('executed');
});

it('/getting_started/rfqs: the maker has a 30 s confirmation window on a standard market', async () => {
  // Quote: "After acceptance, the maker has the confirmation window to confirm."
  // Quote: "| **Confirmation window** | 30 s | 3 s |"
  const rfqId = await rfq(market());
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'no' });
  clock.advance(29_999);
  expect((await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('accepted');
  clock.advance(1);
  expect((await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('cancelled');
  expect((await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`)).status).toBe(400);
});

it('/getting_started/rfqs: orders enter the book when the 15 s execution timer ends, and fills match creator_order_id and rfq_creator_order_id', async () => {
  // Quote: "Upon confirmation, the platform begins the execution timer."
  // Quote: "At the end of the timer, orders are entered into the book."
  // Quote: "| **Execution timer** | 15 s | 1 s |"
  // Quote: "Fills appear in `GET /portfolio/fills` — match on `creator_order_id` (maker) or `rfq_creator_order_id` (requester)."
  const ticker = market();
  const rfqId = await rfq(ticker, { contracts_fp: '4' });
  const quoteId = (await quote(rfqId, '0.35', '0.60')).body.id;
  await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'yes' });
  await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`);
  clock.advance(14_999);
  expect((await h.rest(1).get(`/portfolio/fills?ticker=${ticker}`)).body.fills).toEqual([]);
  clock.advance(1);
  const makerView = (await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote;
  const requesterView = (await h.rest(0).get(`/communications/quotes/${quoteId}`)).body.quote;
  expect(makerView.executed_ts).toBe(new Date(clock.now()).toISOString());
  const makerFill = (await h.rest(1).get(`/portfolio/fills?ticker=${ticker}`)).body.fills[0];
  const requesterFill = (await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills[0];
  expect(makerFill).toMatchObject({ order_id: makerView.creator_order_id, count_fp: '4.00', yes_price_dollars: '0.3500' });
  expect(requesterFill).toMatchObject({ order_id: requesterView.rfq_creator_order_id, count_fp: '4.00' });
});

it('/getting_started/rfqs: RFQ_CLOSED for a quote on a deleted RFQ', async () => {
  // Quote: "| `RFQ_CLOSED` | RFQ was deleted, expired, or already executed |"
  const rfqId = await rfq(market());
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  expect((await h.rest(0).delete(`/communications/rfqs/${rfqId}`)).status).toBe(204);
  expect(await quote(rfqId, '0.41', '0.50')).toMatchObject({ status: 400, body: { code: 'RFQ_CLOSED' } });
  expect((await h.rest(0).get(`/communications/quotes/${quoteId}`)).body.quote).toMatchObject({ status: 'cancelled' });
  expect((await h.rest(0).get(`/communications/rfqs/${rfqId}`)).body.rfq).toMatchObject({ status: 'closed', cancellation_reason: 'deleted' });
});

it('/getting_started/rfqs: 409 when the requester already has an open RFQ on the market', async () => {
  // Quote: "| `409 Conflict` | Open RFQ already exists on this market ticker |"
  const ticker = market();
  const first = await rfq(ticker);
  expect((await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '2', rest_remainder: false })).status).toBe(409);
  // Spec: CreateRFQ has a replace_existing flag; with it the open RFQ is closed and replaced.
  const replaced = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '2', rest_remainder: false, replace_existing: true });
  expect(replaced.status).toBe(201);
  expect((await h.rest(0).get(`/communications/rfqs/${first}`)).body.rfq.status).toBe('closed');
});

it('/getting_started/rfqs: INSUFFICIENT_BALANCE when the requester cannot pay for the accepted side', async () => {
  // Quote: "| `INSUFFICIENT_BALANCE` | Not enough funds for the trade |"
  const ticker = market();
  const rfqId = await rfq(ticker, { contracts_fp: '100000' });
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  const answer = await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'no' });
  expect(answer).toMatchObject({ status: 400, body: { code: 'insufficient_balance' } });
  expect((await h.rest(0).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('open');
});

it('/getting_started/rfqs: undocumented — a requester cannot quote its own RFQ', async () => {
  // Undocumented: the page has makers answering the requester; a self-quote would be a self-trade, so the mock refuses it with invalid_parameters.
  const rfqId = await rfq(market());
  expect(await quote(rfqId, '0.40', '0.50', 0)).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
});

/** A combo market of the default collection KXMVEMOCK over two fresh markets of event KXMOCK-26DEC31. */
function comboMarket(): { ticker: string; legs: Array<{ market_ticker: string; event_ticker: string; side: 'yes' | 'no' }> } {
  const legs = [`KXMOCK-26DEC31-L${++n}`, `KXMOCK-26DEC31-L${++n}`].map((t) => {
    h.mock.exchange.addMarket({ ticker: t });
    return { market_ticker: t, event_ticker: 'KXMOCK-26DEC31', side: 'yes' as const };
  });
  return { ticker: h.mock.exchange.createMarketInCollection('KXMVEMOCK', legs).marketTicker, legs };
}

it('/getting_started/rfqs: combo markets are HVMs, with a 3 s confirmation window and a 1 s execution timer', async () => {
  // Quote: "All combo markets are HVMs."
  // Quote: "HVMs use shorter confirmation and execution windows."
  // Quote: "| **Confirmation window** | 30 s | 3 s |"
  // Quote: "| **Execution timer** | 15 s | 1 s |"
  const { ticker } = comboMarket();
  const voided = await rfq(ticker, { contracts_fp: '2' });
  const late = (await quote(voided, '0.40', '0.50')).body.id;
  await h.rest(0).put(`/communications/quotes/${late}/accept`, { accepted_side: 'yes' });
  clock.advance(3_000);
  expect((await h.rest(1).get(`/communications/quotes/${late}`)).body.quote).toMatchObject({ status: 'cancelled', cancellation_reason: 'confirmation_timeout' });
  await h.rest(0).delete(`/communications/rfqs/${voided}`);

  const rfqId = await rfq(ticker, { contracts_fp: '2' });
  const quoteId = (await quote(rfqId, '0.40', '0.50')).body.id;
  await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'yes' });
  clock.advance(2_999);
  await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`);
  clock.advance(999);
  expect((await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('confirmed');
  clock.advance(1);
  expect((await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('executed');
  expect((await h.rest(1).get(`/portfolio/fills?ticker=${ticker}`)).body.fills[0]).toMatchObject({ count_fp: '2.00' });
});

it('/getting_started/rfqs: combo RFQs include mve_collection_ticker and mve_selected_legs', async () => {
  // Quote: "Combo RFQs include `mve_collection_ticker` and `mve_selected_legs`."
  const { ticker, legs } = comboMarket();
  const ws = await h.ws(1);
  await ws.command('subscribe', { channels: ['communications'] });
  const rfqId = await rfq(ticker, { contracts_fp: '1' });
  const expected = { mve_collection_ticker: 'KXMVEMOCK', mve_selected_legs: [...legs].sort((a, b) => a.market_ticker.localeCompare(b.market_ticker)) };
  expect((await h.rest(1).get(`/communications/rfqs/${rfqId}`)).body.rfq).toMatchObject(expected);
  expect((await ws.waitFor((f: { type: string; msg?: { id?: string } }) => f.type === 'rfq_created' && f.msg?.id === rfqId)).msg).toMatchObject(expected);
});
