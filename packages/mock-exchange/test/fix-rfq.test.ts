import { type FixClock, type FixExecutionReport, type FixRfqMessage, KalshiFixClient, type KalshiFixClientOptions, MemorySessionStore } from '@kalshi-sdk/fix';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/index.js';
import { startHarness, type Harness } from './support/harness.js';
import { mockFixClientOptions } from './support/fix-logon.js';

const clock = new ManualClock(Date.now());
const fixClock: FixClock = { now: () => clock.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) };
let h: Harness;
let n = 0;
const open: KalshiFixClient[] = [];

beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [], fix: {}, clock });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  h.assertConformance();
});
afterAll(() => h.close());

function market(): string {
  const ticker = `KXRFQ-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

/** A connected client of harness user `user` on `session`, recording its RFQ messages. */
async function connect(user: number, session: 'KalshiRT' | 'KalshiRFQ', options: Partial<KalshiFixClientOptions> = {}): Promise<{ client: KalshiFixClient; rfq: FixRfqMessage[] }> {
  const u = h.users[user]!;
  const client = new KalshiFixClient({
    ...mockFixClientOptions(h.mock, u),
    session,
    clock: fixClock,
    store: new MemorySessionStore(),
    resetSeqNumOnLogon: true,
    ...options,
  });
  open.push(client);
  const rfq: FixRfqMessage[] = [];
  client.on('rfq', (m) => rfq.push(m));
  await client.connect();
  return { client, rfq };
}

/** The next RFQ message of `msgType` the client gets. */
function next<T extends FixRfqMessage['msgType']>(client: KalshiFixClient, msgType: T): Promise<Extract<FixRfqMessage, { msgType: T }>> {
  return new Promise((resolve) => {
    const off = client.on('rfq', (m) => {
      if (m.msgType !== msgType) return;
      off();
      resolve(m as Extract<FixRfqMessage, { msgType: T }>);
    });
  });
}

describe('RFQ over FIX: creator on KalshiRT, market maker on KalshiRFQ', () => {
  it('runs the full flow: QuoteRequest, Quote, AcceptQuote, QuoteConfirm, and the trade reaches the creator as an ExecutionReport', async () => {
    const ticker = market();
    const maker = await connect(1, 'KalshiRFQ');
    const creator = await connect(0, 'KalshiRT');

    const ack = next(creator.client, 'b');
    const broadcast = next(maker.client, 'R');
    creator.client.send('R', { QuoteReqID: 'req-1', NoRelatedSym: 1, Symbol: ticker, OrderQty: '10.00' });
    const rfqId = (await ack).body.RfqId!;
    expect((await ack).body).toMatchObject({ QuoteReqID: 'req-1', QuoteRequestType: 1 });
    const request = (await broadcast).body;
    expect(request).toMatchObject({ QuoteReqID: rfqId, Symbol: ticker, OrderQty: '10.00' });
    // A pseudonymous communications id, not the requester's user id.
    expect(request.NoPartyIDs?.[0]?.PartyID).toBe((await h.rest(0).get('/communications/id')).body.communications_id);

    const pending = next(maker.client, 'AI');
    const offered = next(creator.client, 'S');
    maker.client.send('S', { QuoteID: 'mm-q1', QuoteReqID: rfqId, Symbol: ticker, BidPx: '40', OfferPx: '55' });
    expect((await pending).body).toMatchObject({ QuoteID: 'mm-q1', QuoteReqID: rfqId, QuoteStatus: 10, BidPx: '40', OfferPx: '55' });
    const quote = (await offered).body;
    expect(quote).toMatchObject({ QuoteReqID: rfqId, Symbol: ticker, BidPx: '0.4000', OfferPx: '0.5500', OrderQty: '10.00' });

    const accepted = next(creator.client, 'UC');
    const told = next(maker.client, 'AI');
    // SELL accepts the maker's YES quote: the maker buys YES at 0.40.
    creator.client.send('UA', { QuoteID: quote.QuoteID, Side: '2', ClOrdID: 'accept-1' });
    expect((await accepted).body).toEqual({ QuoteID: quote.QuoteID, AcceptQuoteStatus: 0, AcceptedQuoteId: quote.QuoteID, ClOrdID: 'accept-1' });
    expect((await told).body).toMatchObject({ QuoteID: 'mm-q1', QuoteStatus: 0, Side: '1' });

    const confirmed = next(maker.client, 'U8');
    maker.client.send('U7', { QuoteID: 'mm-q1' });
    expect((await confirmed).body).toEqual({ QuoteID: 'mm-q1', QuoteConfirmStatus: 0 });

    const filled = new Promise<FixExecutionReport>((resolve) => creator.client.on('executionReport', (r) => r.execType === 'trade' && resolve(r)));
    clock.advance(15_000);
    const fill = await filled;
    expect(fill).toMatchObject({ symbol: ticker, side: 'ask' });
    expect([fill.lastQty?.toWire(), fill.lastPx?.toString()]).toEqual(['10.00', '0.4000']);
    const makerFills = await h.rest(1).get(`/portfolio/fills?ticker=${ticker}`);
    expect(makerFills.body.fills).toEqual([expect.objectContaining({ yes_price_dollars: '0.4000', count_fp: '10.00' })]);
  });

  it('cancels: RFQCancel by the client QuoteReqID tells the makers with QuoteRequestReject; QuoteCancel answers QuoteCancelStatus and QuoteStatusReport CANCELLED', async () => {
    const ticker = market();
    const maker = await connect(1, 'KalshiRFQ');
    const creator = await connect(0, 'KalshiRT');
    const ack = next(creator.client, 'b');
    creator.client.send('R', { QuoteReqID: 'req-2', NoRelatedSym: 1, Symbol: ticker, OrderQty: '5' });
    const rfqId = (await ack).body.RfqId!;

    const quoteStatus = next(maker.client, 'AI');
    maker.client.send('S', { QuoteID: 'mm-q2', QuoteReqID: rfqId, Symbol: ticker, BidPx: '30' });
    await quoteStatus;
    const cancelStatus = next(maker.client, 'U9');
    const cancelled = new Promise<FixRfqMessage>((resolve) => maker.client.on('rfq', (m) => m.msgType === 'AI' && m.body.QuoteStatus === 17 && resolve(m)));
    maker.client.send('Z', { QuoteID: 'mm-q2' });
    expect((await cancelStatus).body).toEqual({ QuoteID: 'mm-q2', QuoteCancelStatus: 0 });
    expect((await cancelled).body).toMatchObject({ QuoteID: 'mm-q2', QuoteReqID: rfqId });

    const closed = next(creator.client, 'UB');
    const withdrawn = next(maker.client, 'AG');
    creator.client.send('UE', { QuoteReqID: 'req-2' });
    expect((await closed).body).toEqual({ QuoteReqID: 'req-2', RFQCancelStatus: 0 });
    expect((await withdrawn).body).toMatchObject({ QuoteReqID: rfqId, QuoteRequestRejectReason: 99 });
    const again = next(creator.client, 'UB');
    creator.client.send('UE', { RfqId: rfqId });
    expect((await again).body).toMatchObject({ QuoteReqID: rfqId, RFQCancelStatus: 1 });
  });

  it('refuses an RFQ on an unknown market with QuoteRequestReject UNKNOWN_SYMBOL and a quote on an unknown RFQ with QuoteStatusReport REJECTED', async () => {
    const maker = await connect(1, 'KalshiRFQ');
    const creator = await connect(0, 'KalshiRT');
    const reject = next(creator.client, 'AG');
    creator.client.send('R', { QuoteReqID: 'req-bad', NoRelatedSym: 1, Symbol: 'KXRFQ-NOPE', OrderQty: '1' });
    expect((await reject).body).toMatchObject({ QuoteReqID: 'req-bad', QuoteRequestRejectReason: 1 });
    const refused = next(maker.client, 'AI');
    maker.client.send('S', { QuoteID: 'mm-bad', QuoteReqID: 'no-such-rfq', Symbol: 'KXRFQ-NOPE', BidPx: '40' });
    expect((await refused).body).toMatchObject({ QuoteID: 'mm-bad', QuoteStatus: 5, Text: 'RFQ_NOT_FOUND' });
  });

  it('sends an RFQ created over REST to the makers on KalshiRFQ', async () => {
    const ticker = market();
    const maker = await connect(2, 'KalshiRFQ');
    const broadcast = next(maker.client, 'R');
    const created = await h.rest(0).post('/communications/rfqs', { market_ticker: ticker, contracts_fp: '3.00', rest_remainder: false });
    expect(created.status).toBe(201);
    expect((await broadcast).body).toMatchObject({ QuoteReqID: created.body.id, Symbol: ticker, OrderQty: '3.00' });
  });
});
