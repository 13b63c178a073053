import type { CommunicationsEvent, Quote, Rfq } from '../engine/communications-types.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import { multivariateMarketFields } from '../reference/multivariate.js';
import { dollars, isoTime } from '../wire.js';
import type { Connection } from './connection.js';

type Msg = Record<string, unknown>;

/**
 * The `communications` channel (`/websockets/communications`): RFQ events go to every
 * subscriber, quote events only to the quote's maker and the RFQ's requester. Listens to the
 * engine's RFQ system and writes to the subscribed connections among `connections`.
 * @returns a function that stops the feed.
 */
export function feedCommunications(engine: MatchingEngine, connections: ReadonlySet<Connection>): () => void {
  return engine.communications.on((event) => {
    if (connections.size === 0) return;
    for (const conn of connections) {
      const msg = messageFor(engine, event, conn.userId);
      if (msg === undefined) continue;
      for (const sub of conn.subscriptions.values()) if (sub.channel === 'communications') conn.sendToSubscription(sub, event.type, msg);
    }
  });
}

/** The message body of `event` for `userId`, or undefined when that user must not see it. */
function messageFor(engine: MatchingEngine, event: CommunicationsEvent, userId: string): Msg | undefined {
  const comms = engine.communications;
  switch (event.type) {
    case 'rfq_created':
      return { ...rfqFields(engine, event.rfq), ...multivariateMarketFields(engine, event.rfq.ticker), created_ts: isoTime(event.rfq.createdMs) };
    case 'rfq_deleted':
      return { ...rfqFields(engine, event.rfq), deleted_ts: isoTime(event.tsMs) };
    case 'quote_created':
      if (!isParty(event.quote, userId)) return undefined;
      return { ...quoteFields(engine, event.quote, event.rfq, userId), created_ts: isoTime(event.quote.createdMs) };
    case 'quote_accepted': {
      if (!isParty(event.quote, userId)) return undefined;
      const side = event.quote.acceptedSide!;
      return {
        ...quoteFields(engine, event.quote, event.rfq, userId),
        accepted_side: side,
        contracts_accepted_fp: (side === 'yes' ? event.quote.yesContracts : event.quote.noContracts).toWire(),
      };
    }
    case 'quote_executed': {
      const own = event.orders.find((o) => o.userId === userId);
      if (own === undefined) return undefined;
      return {
        quote_id: event.quote.quoteId,
        rfq_id: event.quote.rfqId,
        quote_creator_id: comms.communicationsId(event.quote.userId),
        rfq_creator_id: comms.communicationsId(event.quote.rfqUserId),
        order_id: own.orderId,
        client_order_id: own.clientOrderId,
        market_ticker: event.quote.ticker,
        executed_ts: isoTime(event.tsMs),
        ...(own.subaccount === 0 ? {} : { subaccount: own.subaccount }),
      };
    }
  }
}

function isParty(quote: Quote, userId: string): boolean {
  return quote.userId === userId || quote.rfqUserId === userId;
}

function rfqFields(engine: MatchingEngine, rfq: Rfq): Msg {
  return {
    id: rfq.rfqId,
    creator_id: engine.communications.communicationsId(rfq.userId),
    market_ticker: rfq.ticker,
    event_ticker: engine.getMarket(rfq.ticker)!.eventTicker,
    ...(rfq.contracts === undefined ? {} : { contracts_fp: rfq.contracts.toWire() }),
    ...(rfq.targetCost === undefined ? {} : { target_cost_dollars: dollars(rfq.targetCost) }),
  };
}

function quoteFields(engine: MatchingEngine, quote: Quote, rfq: Rfq, userId: string): Msg {
  const subaccount = quote.userId === userId ? quote.subaccount : rfq.subaccount;
  return {
    quote_id: quote.quoteId,
    rfq_id: quote.rfqId,
    quote_creator_id: engine.communications.communicationsId(quote.userId),
    rfq_creator_id: engine.communications.communicationsId(quote.rfqUserId),
    market_ticker: quote.ticker,
    event_ticker: engine.getMarket(quote.ticker)!.eventTicker,
    yes_bid_dollars: dollars(quote.yesBid),
    no_bid_dollars: dollars(quote.noBid),
    yes_contracts_offered_fp: quote.yesContracts.toWire(),
    no_contracts_offered_fp: quote.noContracts.toWire(),
    ...(rfq.targetCost === undefined ? {} : { rfq_target_cost_dollars: dollars(rfq.targetCost) }),
    ...(subaccount === 0 ? {} : { subaccount }),
  };
}
