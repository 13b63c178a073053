import { Contracts } from '@kalshi-sdk/fixed-point';
import type { BlockTradeProposal, Quote, Rfq } from '../engine/communications-types.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import { multivariateMarketFields } from '../reference/multivariate.js';
import type { components } from '../spec-types.js';
import { dollars, isoTime } from '../wire.js';

type Schemas = components['schemas'];

/** The REST `RFQ` object as `viewerId` sees it: `creator_user_id` and `creator_subaccount` only for the requester; a combo market's `mve_*` fields. */
export function rfqToWire(engine: MatchingEngine, rfq: Rfq, viewerId: string): Schemas['RFQ'] {
  const own = rfq.userId === viewerId;
  return {
    id: rfq.rfqId,
    creator_id: engine.communications.communicationsId(rfq.userId),
    market_ticker: rfq.ticker,
    ...multivariateMarketFields(engine, rfq.ticker),
    contracts_fp: (rfq.contracts ?? Contracts.ZERO).toWire(),
    ...(rfq.targetCost === undefined ? {} : { target_cost_dollars: dollars(rfq.targetCost) }),
    status: rfq.status,
    created_ts: isoTime(rfq.createdMs),
    updated_ts: isoTime(rfq.updatedMs),
    rest_remainder: rfq.restRemainder,
    ...(rfq.cancelledMs === undefined ? {} : { cancelled_ts: isoTime(rfq.cancelledMs) }),
    ...(rfq.cancellationReason === undefined ? {} : { cancellation_reason: rfq.cancellationReason }),
    ...(own ? { creator_user_id: rfq.userId, creator_subaccount: rfq.subaccount } : {}),
  };
}

/** The REST `Quote` object as `viewerId` (its maker or the requester) sees it. */
export function quoteToWire(engine: MatchingEngine, quote: Quote, viewerId: string): Schemas['Quote'] {
  const rfq = engine.communications.getRfq(quote.rfqId);
  const maker = quote.userId === viewerId;
  return {
    id: quote.quoteId,
    rfq_id: quote.rfqId,
    creator_id: engine.communications.communicationsId(quote.userId),
    rfq_creator_id: engine.communications.communicationsId(quote.rfqUserId),
    market_ticker: quote.ticker,
    contracts_fp: (rfq.contracts ?? Contracts.ZERO).toWire(),
    yes_bid_dollars: dollars(quote.yesBid),
    no_bid_dollars: dollars(quote.noBid),
    yes_contracts_fp: quote.yesContracts.toWire(),
    no_contracts_fp: quote.noContracts.toWire(),
    ...(rfq.targetCost === undefined ? {} : { rfq_target_cost_dollars: dollars(rfq.targetCost) }),
    created_ts: isoTime(quote.createdMs),
    updated_ts: isoTime(quote.updatedMs),
    status: quote.status,
    rest_remainder: quote.restRemainder,
    post_only: quote.postOnly,
    ...(quote.acceptedSide === undefined ? {} : { accepted_side: quote.acceptedSide }),
    ...(quote.acceptedMs === undefined ? {} : { accepted_ts: isoTime(quote.acceptedMs) }),
    ...(quote.confirmedMs === undefined ? {} : { confirmed_ts: isoTime(quote.confirmedMs) }),
    ...(quote.executedMs === undefined ? {} : { executed_ts: isoTime(quote.executedMs) }),
    ...(quote.cancelledMs === undefined ? {} : { cancelled_ts: isoTime(quote.cancelledMs) }),
    ...(quote.cancellationReason === undefined ? {} : { cancellation_reason: quote.cancellationReason }),
    ...(quote.creatorOrderId === undefined || !maker ? {} : { creator_order_id: quote.creatorOrderId }),
    ...(quote.rfqCreatorOrderId === undefined || maker ? {} : { rfq_creator_order_id: quote.rfqCreatorOrderId }),
    ...(maker ? { creator_user_id: quote.userId, creator_subaccount: quote.subaccount } : { rfq_creator_user_id: quote.rfqUserId, rfq_creator_subaccount: rfq.subaccount }),
  };
}

/** The REST `BlockTradeProposal` object: price in centi-cents, size in hundredths of a contract. */
export function blockTradeToWire(p: BlockTradeProposal): Schemas['BlockTradeProposal'] {
  return {
    id: p.proposalId,
    proposer_user_id: p.proposerUserId,
    buyer_user_id: p.buyerUserId,
    seller_user_id: p.sellerUserId,
    market_ticker: p.ticker,
    price_centi_cents: p.price.toCentiCents(),
    centicount: Number(p.count.toHundredths()),
    maker_side: p.makerSide,
    expiration_ts: isoTime(p.expirationMs),
    status: p.status,
    created_ts: isoTime(p.createdMs),
    updated_ts: isoTime(p.updatedMs),
    buyer_accepted: p.buyerAcceptedMs !== undefined,
    seller_accepted: p.sellerAcceptedMs !== undefined,
    ...(p.buyerAcceptedMs === undefined ? {} : { buyer_accepted_ts: isoTime(p.buyerAcceptedMs) }),
    ...(p.sellerAcceptedMs === undefined ? {} : { seller_accepted_ts: isoTime(p.sellerAcceptedMs) }),
    ...(p.executedMs === undefined ? {} : { executed_ts: isoTime(p.executedMs) }),
    ...(p.buyerOrderId === undefined ? {} : { buyer_order_id: p.buyerOrderId }),
    ...(p.sellerOrderId === undefined ? {} : { seller_order_id: p.sellerOrderId }),
  };
}
