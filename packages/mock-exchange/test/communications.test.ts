import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/index.js';
import { startHarness, type Frame, type Harness } from './support/harness.js';

const clock = new ManualClock(1_767_225_600_000);
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(): string {
  const ticker = `KXCOMM-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

/** User 0 asks for `count` contracts, user 1 quotes; returns both ids. */
async function rfqAndQuote(ticker: string, quote: { yes_bid: string; no_bid: string }, count = '10'): Promise<{ rfqId: string; quoteId: string }> {
  const rfq = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: count, rest_remainder: false });
  expect(rfq.status).toBe(201);
  const created = await h.rest(1).post('/communications/quotes', { rfq_id: rfq.body.id, ...quote, rest_remainder: false });
  expect(created.status).toBe(201);
  return { rfqId: rfq.body.id, quoteId: created.body.id };
}

describe('RFQ flow', () => {
  it('regression: an engine listener that reads the engine while a confirmed quote executes does not execute it again', async () => {
    const ticker = market();
    const { rfqId, quoteId } = await rfqAndQuote(ticker, { yes_bid: '0.40', no_bid: '0.55' });
    await h.rest(0).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/accept`, { accepted_side: 'no' });
    await h.rest(1).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/confirm`);
    const engine = h.mock.exchange.engine;
    const userA = h.mock.exchange.userId(h.users[0]!.apiKeyId);
    let fills = 0;
    const off = engine.on((event) => {
      if (event.type !== 'fill') return;
      fills++;
      if (fills > 4) throw new Error(`the quote executed again (${fills} fills)`);
      engine.balance(userA); // any engine call from a listener: it used to sweep the due quote again
    });
    try {
      clock.advance(15_000);
    } finally {
      off();
    }
    expect(fills).toBe(2); // one fill each for the maker and the requester
    expect((await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills).toHaveLength(1);
  });

  it('A creates an RFQ, B quotes, A accepts, B confirms: after the execution timer both see the trade over REST and WS', async () => {
    const ticker = market();
    const wsA = await h.ws(0);
    const wsB = await h.ws(1);
    for (const ws of [wsA, wsB]) expect((await ws.command('subscribe', { channels: ['communications', 'fill', 'market_positions'] })).type).toBe('subscribed');
    const balanceA = (await h.rest(0).get('/portfolio/balance')).body.balance_dollars as string;

    const { rfqId, quoteId } = await rfqAndQuote(ticker, { yes_bid: '0.40', no_bid: '0.55' });
    // A takes the maker's NO bid: B buys 10 NO at $0.55, so A buys 10 YES at $0.45.
    expect((await h.rest(0).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/accept`, { accepted_side: 'no' })).status).toBe(204);
    expect((await h.rest(1).put(`/communications/rfqs/${rfqId}/quotes/${quoteId}/confirm`)).status).toBe(204);
    expect((await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote.status).toBe('confirmed');

    clock.advance(14_999);
    expect((await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills).toEqual([]);
    clock.advance(1);

    const quote = (await h.rest(0).get(`/communications/rfqs/${rfqId}/quotes/${quoteId}`)).body.quote;
    expect(quote).toMatchObject({ status: 'executed', accepted_side: 'no' });
    const fillsA = (await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills;
    const fillsB = (await h.rest(1).get(`/portfolio/fills?ticker=${ticker}`)).body.fills;
    expect(fillsA).toHaveLength(1);
    expect(fillsB).toHaveLength(1);
    expect(fillsA[0]).toMatchObject({ order_id: quote.rfq_creator_order_id, count_fp: '10.00', yes_price_dollars: '0.4500', is_taker: true });
    expect(fillsB[0]).toMatchObject({ count_fp: '10.00', yes_price_dollars: '0.4500', is_taker: false });
    const positionA = (await h.rest(0).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions[0];
    const positionB = (await h.rest(1).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions[0];
    expect(positionA.position_fp).toBe('10.00');
    expect(positionB.position_fp).toBe('-10.00');
    const spent = Number(balanceA) - Number((await h.rest(0).get('/portfolio/balance')).body.balance_dollars);
    expect(spent).toBeGreaterThan(4.5); // $4.50 of YES plus the taker fee
    expect((await h.rest(0).get(`/communications/rfqs/${rfqId}`)).body.rfq.status).toBe('closed');

    const executedA = await wsA.waitFor((f: Frame) => f.type === 'quote_executed');
    const executedB = await wsB.waitFor((f: Frame) => f.type === 'quote_executed');
    expect(executedA.msg).toMatchObject({ quote_id: quoteId, rfq_id: rfqId, order_id: quote.rfq_creator_order_id, market_ticker: ticker });
    expect(executedB.msg).toMatchObject({ quote_id: quoteId, order_id: fillsB[0].order_id });
    const fillA = await wsA.waitFor((f: Frame) => f.type === 'fill' && f.msg.market_ticker === ticker);
    const fillB = await wsB.waitFor((f: Frame) => f.type === 'fill' && f.msg.market_ticker === ticker);
    expect(fillA.msg).toMatchObject({ order_id: quote.rfq_creator_order_id, count_fp: '10.00', client_order_id: executedA.msg.client_order_id });
    expect(fillB.msg).toMatchObject({ order_id: executedB.msg.order_id, count_fp: '10.00' });
    await wsA.waitFor((f: Frame) => f.type === 'market_position' && f.msg.market_ticker === ticker && f.msg.position_fp === '10.00');
    expect((await h.rest(0).get(`/markets/${ticker}/orderbook`)).body.orderbook_fp).toMatchObject({ yes_dollars: [], no_dollars: [] });
  });

  it('accepting the YES side makes the maker buy YES at yes_bid from the requester, and closes the RFQ as executed', async () => {
    const ticker = market();
    const { rfqId, quoteId } = await rfqAndQuote(ticker, { yes_bid: '0.30', no_bid: '0' }, '5');
    await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'yes' });
    await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`);
    clock.advance(15_000);
    // A takes the maker's YES bid: B buys 5 YES at $0.30 from A.
    expect((await h.rest(1).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions[0].position_fp).toBe('5.00');
    expect((await h.rest(0).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions[0].position_fp).toBe('-5.00');
    expect((await h.rest(0).get(`/communications/rfqs/${rfqId}`)).body.rfq.cancellation_reason).toBe('executed');
  });

  it('an accepted quote the maker does not confirm within 30 s is voided and can no longer be confirmed', async () => {
    const ticker = market();
    const { quoteId } = await rfqAndQuote(ticker, { yes_bid: '0.40', no_bid: '0.55' });
    await h.rest(0).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'yes' });
    clock.advance(30_000);
    expect((await h.rest(1).get(`/communications/quotes/${quoteId}`)).body.quote).toMatchObject({ status: 'cancelled', cancellation_reason: 'confirmation_timeout' });
    expect((await h.rest(1).put(`/communications/quotes/${quoteId}/confirm`)).status).toBe(400);
  });

  it('a third user sees RFQs but not the quotes of others, and cannot accept them', async () => {
    const ticker = market();
    const { rfqId, quoteId } = await rfqAndQuote(ticker, { yes_bid: '0.40', no_bid: '0.55' });
    expect((await h.rest(2).get(`/communications/rfqs/${rfqId}`)).status).toBe(200);
    expect((await h.rest(2).get(`/communications/quotes/${quoteId}`)).status).toBe(404);
    expect((await h.rest(2).get(`/communications/quotes?rfq_id=${rfqId}`)).body.quotes).toEqual([]);
    expect((await h.rest(2).put(`/communications/quotes/${quoteId}/accept`, { accepted_side: 'yes' })).status).toBe(404);
    expect((await h.rest(0).get(`/communications/quotes?rfq_id=${rfqId}`)).body.quotes.map((q: { id: string }) => q.id)).toEqual([quoteId]);
  });

  it('GET /communications/id is stable per user and differs between users', async () => {
    const a1 = await h.rest(0).get('/communications/id');
    const a2 = await h.rest(0).get('/communications/id');
    const b = await h.rest(1).get('/communications/id');
    expect(a1.status).toBe(200);
    expect(a1.body.communications_id).toBe(a2.body.communications_id);
    expect(a1.body.communications_id).not.toBe(b.body.communications_id);
  });

  it('GET /communications/rfqs filters by user_filter=self and market, and pages with a cursor', async () => {
    const t1 = market();
    const t2 = market();
    await h.rest(0).post('/communications/rfqs', { market_ticker: t1, contracts: 1, rest_remainder: false });
    await h.rest(1).post('/communications/rfqs', { market_ticker: t2, contracts: 1, rest_remainder: false });
    const mine = (await h.rest(1).get('/communications/rfqs?user_filter=self&status=open')).body.rfqs;
    expect(mine.map((r: { market_ticker: string }) => r.market_ticker)).toEqual([t2]);
    expect((await h.rest(1).get(`/communications/rfqs?market_ticker=${t1}`)).body.rfqs).toHaveLength(1);
    const page1 = await h.rest(1).get('/communications/rfqs?limit=1');
    expect(page1.body.rfqs).toHaveLength(1);
    expect(page1.body.cursor).not.toBe('');
    const page2 = await h.rest(1).get(`/communications/rfqs?limit=1&cursor=${page1.body.cursor}`);
    expect(page2.body.rfqs[0].id).not.toBe(page1.body.rfqs[0].id);
    expect((await h.rest(1).get('/communications/rfqs?user_filter=others')).status).toBe(400);
  });

  it('a quote on an unknown RFQ is 400 (the spec lists no 404 there), a malformed body is 400 naming the field', async () => {
    expect((await h.rest(1).post('/communications/quotes', { rfq_id: 'nope', yes_bid: '0.4', no_bid: '0.5', rest_remainder: false })).status).toBe(400);
    const bad = await h.rest(0).post('/communications/rfqs', { market_ticker: market(), contracts_fp: '1' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'missing_parameters' } });
    expect(bad.body.details).toContain('rest_remainder');
  });
});

describe('block trades', () => {
  it('a proposal accepted by the other party trades at its price through the engine', async () => {
    const ticker = market();
    const buyer = h.mock.exchange.userId(h.users[0]!.apiKeyId);
    const seller = h.mock.exchange.userId(h.users[1]!.apiKeyId);
    const proposed = await h.rest(0).post('/communications/block-trade-proposals', {
      buyer_user_id: buyer,
      seller_user_id: seller,
      market_ticker: ticker,
      price_centi_cents: 6200,
      centicount: 300,
      maker_side: 'no',
      expiration_ts: new Date(clock.now() + 60_000).toISOString(),
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.block_trade_proposal_id as string;
    const listed = (await h.rest(1).get('/communications/block-trade-proposals')).body.block_trade_proposals;
    expect(listed.find((p: { id: string }) => p.id === id)).toMatchObject({ status: 'pending', buyer_accepted: true, seller_accepted: false, centicount: 300 });
    expect((await h.rest(2).post(`/communications/block-trade-proposals/${id}/accept`, {})).status).toBe(404);
    expect((await h.rest(1).post(`/communications/block-trade-proposals/${id}/accept`, {})).status).toBe(204);
    const executed = (await h.rest(0).get(`/communications/block-trade-proposals?status=executed&market_ticker=${ticker}`)).body.block_trade_proposals[0];
    expect(executed).toMatchObject({ id, status: 'executed', seller_accepted: true });
    const fill = (await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills[0];
    expect(fill).toMatchObject({ order_id: executed.buyer_order_id, count_fp: '3.00', yes_price_dollars: '0.6200' });
  });

  it('a proposal past its expiration_ts can no longer be accepted', async () => {
    const ticker = market();
    const proposed = await h.rest(0).post('/communications/block-trade-proposals', {
      buyer_user_id: h.mock.exchange.userId(h.users[0]!.apiKeyId),
      seller_user_id: h.mock.exchange.userId(h.users[1]!.apiKeyId),
      market_ticker: ticker,
      price_centi_cents: 5000,
      centicount: 100,
      maker_side: 'yes',
      expiration_ts: new Date(clock.now() + 1_000).toISOString(),
    });
    clock.advance(1_000);
    expect((await h.rest(1).request('POST', `/communications/block-trade-proposals/${proposed.body.block_trade_proposal_id}/accept`)).status).toBe(400);
    expect((await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills).toEqual([]);
  });
});
