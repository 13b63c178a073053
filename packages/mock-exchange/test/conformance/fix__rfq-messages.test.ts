import type { FixSession } from '@kalshi-sdk/fix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMockExchange } from '../../src/index.js';
import { type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let mock: RunningMockExchange;
let users: FixUser[];
let n = 0;

/** A received message, its body read field by field in assertions. */
interface Received {
  readonly msgType: string;
  readonly header: { readonly MsgSeqNum: number };
  readonly body: Record<string, unknown>;
}

beforeAll(async () => {
  ({ mock, users } = await startFixMock(2));
});
afterAll(async () => {
  await mock.close();
});

function next(session: FixSession, msgType: string): Promise<Received> {
  return new Promise((resolve) => session.on('message', (m) => m.msgType === msgType && resolve(m as unknown as Received)));
}

/** A creator on KalshiRT (user 0) and a market maker on KalshiRFQ (user 1). */
async function sessions(): Promise<{ creator: FixSession; maker: FixSession; ticker: string }> {
  const ticker = `KXRFQC-M${++n}`;
  mock.exchange.addMarket({ ticker });
  const { session: creator } = await rawLogon(mock, users[0]!, { session: 'KalshiRT', resetSeqNumOnLogon: true });
  const { session: maker } = await rawLogon(mock, users[1]!, { session: 'KalshiRFQ' });
  return { creator, maker, ticker };
}

describe('RFQ messages', () => {
  it('/fix/rfq-messages: QuoteRequestAck echoes the QuoteReqId and returns the server RfqId, which makers get as the QuoteReqId of the QuoteRequest with a pseudonymous PartyID', async () => {
    // Quote: "The server-assigned RFQ ID is returned in tag 21023."
    // Quote: "| 131 | QuoteReqId | UUID | Y | Server-assigned RFQ identifier |"
    // Quote: "Requester public communications ID. This value is pseudonymous and is not the requester's SubtraderId"
    const { creator, maker, ticker } = await sessions();
    const ack = next(creator, 'b');
    const request = next(maker, 'R');
    creator.send('R', { QuoteReqID: 'conf-req-1', NoRelatedSym: 1, Symbol: ticker, OrderQty: '7' });
    const { body } = await ack;
    expect(body).toMatchObject({ QuoteReqID: 'conf-req-1', QuoteRequestType: 1 });
    const toMaker = (await request).body;
    expect(toMaker).toMatchObject({ QuoteReqID: body.RfqId, NoRelatedSym: 1, Symbol: ticker, OrderQty: '7.00' });
    const partyId = (toMaker.NoPartyIDs as Array<{ PartyID: string }>)[0]!.PartyID;
    expect(partyId).toBe(mock.exchange.engine.communications.communicationsId(mock.exchange.userId(users[0]!.apiKeyId)));
    expect(partyId).not.toBe(mock.exchange.userId(users[0]!.apiKeyId));
    await Promise.all([creator.logout(), maker.logout()]);
  });

  it('/fix/rfq-messages: RFQCancel takes the client QuoteReqId or the server RfqId and is answered with RFQCancelStatus echoing it', async () => {
    // Quote: "RFQCancel accepts either your original client-assigned QuoteReqId (tag 131) or the server-assigned RfqId (tag 21023)."
    // Quote: "| 131 | QuoteReqId | String | Y | RFQ identifier (echoes back the ID from RFQCancel request) |"
    const { creator, maker, ticker } = await sessions();
    for (const [reqId, byServerId] of [['conf-req-2', false], ['conf-req-3', true]] as const) {
      const ack = next(creator, 'b');
      creator.send('R', { QuoteReqID: reqId, NoRelatedSym: 1, Symbol: ticker, OrderQty: '2', ReplaceExisting: 'Y' });
      const rfqId = (await ack).body.RfqId as string;
      const status = next(creator, 'UB');
      creator.send('UE', byServerId ? { RfqId: rfqId } : { QuoteReqID: reqId });
      expect((await status).body).toEqual({ QuoteReqID: byServerId ? rfqId : reqId, RFQCancelStatus: 0 });
    }
    await Promise.all([creator.logout(), maker.logout()]);
  });

  it('/fix/rfq-messages: a Quote is answered with QuoteStatusReport PENDING and reaches the creator with dollar prices', async () => {
    // Quote: "1. In response to a Quote. Status will be PENDING if processed, or REJECTED if rejected"
    // Quote: "| 132 | BidPx | Decimal | C | Yes price in dollars (e.g. 0.4500). Not present when zero |"
    const { creator, maker, ticker } = await sessions();
    const ack = next(creator, 'b');
    creator.send('R', { QuoteReqID: 'conf-req-4', NoRelatedSym: 1, Symbol: ticker, OrderQty: '4' });
    const rfqId = (await ack).body.RfqId as string;
    const pending = next(maker, 'AI');
    const offered = next(creator, 'S');
    maker.send('S', { QuoteID: 'conf-q-1', QuoteReqID: rfqId, Symbol: ticker, BidPx: '45' });
    expect((await pending).body).toMatchObject({ QuoteID: 'conf-q-1', QuoteReqID: rfqId, QuoteStatus: 10, BidPx: '45' });
    const quote = (await offered).body;
    expect(quote).toMatchObject({ QuoteReqID: rfqId, Symbol: ticker, BidPx: '0.4500' });
    expect(quote.OfferPx).toBeUndefined();
    await Promise.all([creator.logout(), maker.logout()]);
  });
});
