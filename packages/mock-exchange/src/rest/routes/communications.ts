import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../../errors.js';
import type { OutcomeSide } from '../../engine/types.js';
import { blockTradeToWire, quoteToWire, rfqToWire } from '../communications-wire.js';
import { paginate } from '../pagination.js';
import { bodyObject, countField, optionalBoolean, optionalInteger, optionalString, requiredEnum, requiredString, queryInteger, type JsonObject } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';

const AUTH = { auth: true } as const;
const WRITE = { auth: true, write: true } as const;
/** Operations whose doc page (or spec note) gives a cost of 2 tokens instead of the default 10. */
const CHEAP = 2;

/** A dollar price field of a quote (`yes_bid`, `no_bid`); `"0"` declines the side. Throws `INVALID_PARAMETER`. */
function quotePrice(obj: JsonObject, field: string): Dollars {
  const wire = requiredString(obj, field, 'MISSING_PARAMETER');
  try {
    return Dollars.parse(wire, field);
  } catch {
    throw new MockExchangeError('INVALID_PARAMETER', `${field} is not a dollar price with at most 4 decimals`, { field, value: wire });
  }
}

function requiredBoolean(obj: JsonObject, field: string): boolean {
  const value = optionalBoolean(obj, field);
  if (value === undefined) throw new MockExchangeError('MISSING_PARAMETER', `${field} is required`, { field });
  return value;
}

/** `contracts` (whole) and/or `contracts_fp`; if both, they must agree. */
function rfqContracts(obj: JsonObject): Contracts | undefined {
  const whole = optionalInteger(obj, 'contracts', 1);
  const fp = countField(obj, 'contracts_fp', 'INVALID_PARAMETER');
  if (whole !== undefined && fp !== undefined && !Contracts.fromWhole(whole).eq(fp)) {
    throw new MockExchangeError('INVALID_PARAMETER', 'contracts and contracts_fp disagree', { field: 'contracts_fp', value: fp.toWire() });
  }
  return fp ?? (whole === undefined ? undefined : Contracts.fromWhole(whole));
}

/** `target_cost_dollars`, or the deprecated `target_cost_centi_cents`. */
function rfqTargetCost(obj: JsonObject): Dollars | undefined {
  const wire = optionalString(obj, 'target_cost_dollars');
  if (wire !== undefined) {
    try {
      return Dollars.parse(wire, 'target_cost_dollars');
    } catch {
      throw new MockExchangeError('INVALID_PARAMETER', 'target_cost_dollars is not a dollar amount', { field: 'target_cost_dollars', value: wire });
    }
  }
  const centiCents = optionalInteger(obj, 'target_cost_centi_cents', 1);
  return centiCents === undefined ? undefined : Dollars.fromCentiCents(centiCents);
}

/** `user_filter`-style query parameter: absent, empty or `self`. Throws `INVALID_PARAMETER`. */
function selfFilter(ctx: RequestContext, name: string): boolean {
  const value = ctx.query.get(name);
  if (value === null || value === '') return false;
  if (value !== 'self') throw new MockExchangeError('INVALID_PARAMETER', `${name} must be self`, { field: name, value });
  return true;
}

function optionalQuery(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.query.get(name);
  return value === null || value === '' ? undefined : value;
}

function acceptedSide(ctx: RequestContext): OutcomeSide {
  return requiredEnum(bodyObject(ctx.body), 'accepted_side', ['yes', 'no'] as const, 'INVALID_PARAMETER');
}

function timestampMs(obj: JsonObject, field: string): number {
  const wire = requiredString(obj, field, 'MISSING_PARAMETER');
  const ms = Date.parse(wire);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(wire) || Number.isNaN(ms)) throw new MockExchangeError('INVALID_PARAMETER', `${field} is not an RFC 3339 time`, { field, value: wire });
  return ms;
}

function requiredInteger(obj: JsonObject, field: string, min: number): number {
  const value = optionalInteger(obj, field, min);
  if (value === undefined) throw new MockExchangeError('MISSING_PARAMETER', `${field} is required`, { field });
  return value;
}

/** Communications: the communications id, RFQs, quotes (RFQ-scoped and legacy paths) and block trade proposals. */
export const communicationsRoutes: Route[] = [
  route(
    'GetCommunicationsID',
    'GET',
    '/communications/id',
    (ctx) => reply('GetCommunicationsID', 200, { communications_id: ctx.engine.communications.communicationsId(ctx.userId) }),
    AUTH,
  ),

  route(
    'GetRFQs',
    'GET',
    '/communications/rfqs',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 100 }) ?? 100;
      const subaccount = queryInteger(ctx.query, 'subaccount', { min: 0, max: 63 });
      const creator = optionalQuery(ctx, 'creator_user_id');
      const userId = selfFilter(ctx, 'user_filter') ? ctx.userId : creator;
      const rfqs = ctx.engine.communications.listRfqs({
        ...(optionalQuery(ctx, 'market_ticker') === undefined ? {} : { ticker: optionalQuery(ctx, 'market_ticker')! }),
        ...(optionalQuery(ctx, 'event_ticker') === undefined ? {} : { eventTicker: optionalQuery(ctx, 'event_ticker')! }),
        ...(optionalQuery(ctx, 'status') === undefined ? {} : { status: optionalQuery(ctx, 'status')! }),
        ...(userId === undefined ? {} : { userId }),
        ...(subaccount === undefined ? {} : { subaccount }),
      });
      const { page, cursor } = paginate(rfqs, ctx.query.get('cursor'), limit);
      return reply('GetRFQs', 200, { rfqs: page.map((r) => rfqToWire(ctx.engine, r, ctx.userId)), cursor });
    },
    AUTH,
  ),

  route(
    'CreateRFQ',
    'POST',
    '/communications/rfqs',
    (ctx) => {
      const obj = bodyObject(ctx.body);
      const contracts = rfqContracts(obj);
      const targetCost = rfqTargetCost(obj);
      const subaccount = optionalInteger(obj, 'subaccount', 0);
      const rfq = ctx.engine.communications.createRfq(ctx.userId, {
        ticker: requiredString(obj, 'market_ticker', 'MISSING_PARAMETER'),
        restRemainder: requiredBoolean(obj, 'rest_remainder'),
        replaceExisting: optionalBoolean(obj, 'replace_existing') ?? false,
        ...(contracts === undefined ? {} : { contracts }),
        ...(targetCost === undefined ? {} : { targetCost }),
        ...(subaccount === undefined ? {} : { subaccount }),
      });
      return reply('CreateRFQ', 201, { id: rfq.rfqId });
    },
    { ...WRITE, notFound: 400 },
  ),

  route(
    'GetRFQ',
    'GET',
    '/communications/rfqs/{rfq_id}',
    (ctx) => reply('GetRFQ', 200, { rfq: rfqToWire(ctx.engine, ctx.engine.communications.getRfq(ctx.params['rfq_id']!), ctx.userId) }),
    AUTH,
  ),

  route(
    'DeleteRFQ',
    'DELETE',
    '/communications/rfqs/{rfq_id}',
    (ctx) => {
      ctx.engine.communications.deleteRfq(ctx.userId, ctx.params['rfq_id']!);
      return { status: 204 };
    },
    WRITE,
  ),

  route(
    'GetRFQQuote',
    'GET',
    '/communications/rfqs/{rfq_id}/quotes/{quote_id}',
    (ctx) => {
      const quote = ctx.engine.communications.getQuote(ctx.userId, ctx.params['quote_id']!, ctx.params['rfq_id']!);
      return reply('GetRFQQuote', 200, { quote: quoteToWire(ctx.engine, quote, ctx.userId) });
    },
    { ...AUTH, cost: CHEAP },
  ),

  route(
    'DeleteRFQQuote',
    'DELETE',
    '/communications/rfqs/{rfq_id}/quotes/{quote_id}',
    (ctx) => {
      ctx.engine.communications.deleteQuote(ctx.userId, ctx.params['quote_id']!, ctx.params['rfq_id']!);
      return { status: 204 };
    },
    { ...WRITE, cost: CHEAP },
  ),

  route(
    'AcceptRFQQuote',
    'PUT',
    '/communications/rfqs/{rfq_id}/quotes/{quote_id}/accept',
    (ctx) => {
      ctx.engine.communications.acceptQuote(ctx.userId, ctx.params['quote_id']!, acceptedSide(ctx), ctx.params['rfq_id']!);
      return { status: 204 };
    },
    WRITE,
  ),

  route(
    'ConfirmRFQQuote',
    'PUT',
    '/communications/rfqs/{rfq_id}/quotes/{quote_id}/confirm',
    (ctx) => {
      ctx.engine.communications.confirmQuote(ctx.userId, ctx.params['quote_id']!, ctx.params['rfq_id']!);
      return { status: 204 };
    },
    WRITE,
  ),

  route(
    'GetQuotes',
    'GET',
    '/communications/quotes',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 500 }) ?? 500;
      const minTs = queryInteger(ctx.query, 'min_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
      const maxTs = queryInteger(ctx.query, 'max_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
      const rfqId = optionalQuery(ctx, 'rfq_id');
      const status = optionalQuery(ctx, 'status');
      const quotes = ctx.engine.communications.listQuotes(ctx.userId, {
        mine: selfFilter(ctx, 'user_filter') || optionalQuery(ctx, 'quote_creator_user_id') === ctx.userId,
        onMyRfqs: selfFilter(ctx, 'rfq_user_filter') || optionalQuery(ctx, 'rfq_creator_user_id') === ctx.userId,
        ...(rfqId === undefined ? {} : { rfqId }),
        ...(status === undefined ? {} : { status }),
        ...(minTs === undefined ? {} : { minUpdatedMs: minTs * 1000 }),
        ...(maxTs === undefined ? {} : { maxUpdatedMs: maxTs * 1000 + 999 }),
      });
      const { page, cursor } = paginate(quotes, ctx.query.get('cursor'), limit);
      return reply('GetQuotes', 200, { quotes: page.map((q) => quoteToWire(ctx.engine, q, ctx.userId)), cursor });
    },
    AUTH,
  ),

  route(
    'CreateQuote',
    'POST',
    '/communications/quotes',
    (ctx) => {
      const obj = bodyObject(ctx.body);
      const postOnly = optionalBoolean(obj, 'post_only');
      const subaccount = optionalInteger(obj, 'subaccount', 0);
      const quote = ctx.engine.communications.createQuote(ctx.userId, {
        rfqId: requiredString(obj, 'rfq_id', 'MISSING_PARAMETER'),
        yesBid: quotePrice(obj, 'yes_bid'),
        noBid: quotePrice(obj, 'no_bid'),
        restRemainder: requiredBoolean(obj, 'rest_remainder'),
        ...(postOnly === undefined ? {} : { postOnly }),
        ...(subaccount === undefined ? {} : { subaccount }),
      });
      return reply('CreateQuote', 201, { id: quote.quoteId });
    },
    { ...WRITE, cost: CHEAP, notFound: 400 },
  ),

  route(
    'GetQuote',
    'GET',
    '/communications/quotes/{quote_id}',
    (ctx) => reply('GetQuote', 200, { quote: quoteToWire(ctx.engine, ctx.engine.communications.getQuote(ctx.userId, ctx.params['quote_id']!), ctx.userId) }),
    { ...AUTH, cost: CHEAP },
  ),

  route(
    'DeleteQuote',
    'DELETE',
    '/communications/quotes/{quote_id}',
    (ctx) => {
      ctx.engine.communications.deleteQuote(ctx.userId, ctx.params['quote_id']!);
      return { status: 204 };
    },
    { ...WRITE, cost: CHEAP },
  ),

  route(
    'AcceptQuote',
    'PUT',
    '/communications/quotes/{quote_id}/accept',
    (ctx) => {
      ctx.engine.communications.acceptQuote(ctx.userId, ctx.params['quote_id']!, acceptedSide(ctx));
      return { status: 204 };
    },
    WRITE,
  ),

  route(
    'ConfirmQuote',
    'PUT',
    '/communications/quotes/{quote_id}/confirm',
    (ctx) => {
      ctx.engine.communications.confirmQuote(ctx.userId, ctx.params['quote_id']!);
      return { status: 204 };
    },
    WRITE,
  ),

  route(
    'GetBlockTradeProposals',
    'GET',
    '/communications/block-trade-proposals',
    (ctx) => {
      const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 100 }) ?? 100;
      const ticker = optionalQuery(ctx, 'market_ticker');
      const status = optionalQuery(ctx, 'status');
      const proposals = ctx.engine.blockTrades.list(ctx.userId, { ...(ticker === undefined ? {} : { ticker }), ...(status === undefined ? {} : { status }) });
      const { page, cursor } = paginate(proposals, ctx.query.get('cursor'), limit);
      return reply('GetBlockTradeProposals', 200, { block_trade_proposals: page.map(blockTradeToWire), cursor });
    },
    AUTH,
  ),

  route(
    'ProposeBlockTrade',
    'POST',
    '/communications/block-trade-proposals',
    (ctx) => {
      const obj = bodyObject(ctx.body);
      const buyerSubaccount = optionalInteger(obj, 'buyer_subaccount', 0);
      const sellerSubaccount = optionalInteger(obj, 'seller_subaccount', 0);
      const proposal = ctx.engine.blockTrades.propose(ctx.userId, {
        buyerUserId: requiredString(obj, 'buyer_user_id', 'MISSING_PARAMETER'),
        sellerUserId: requiredString(obj, 'seller_user_id', 'MISSING_PARAMETER'),
        ticker: requiredString(obj, 'market_ticker', 'MISSING_PARAMETER'),
        price: Dollars.fromCentiCents(requiredInteger(obj, 'price_centi_cents', 1)),
        count: Contracts.fromHundredths(requiredInteger(obj, 'centicount', 1)),
        makerSide: requiredEnum(obj, 'maker_side', ['yes', 'no'] as const, 'INVALID_PARAMETER'),
        expirationMs: timestampMs(obj, 'expiration_ts'),
        ...(buyerSubaccount === undefined ? {} : { buyerSubaccount }),
        ...(sellerSubaccount === undefined ? {} : { sellerSubaccount }),
      });
      return reply('ProposeBlockTrade', 201, { block_trade_proposal_id: proposal.proposalId });
    },
    { ...WRITE, notFound: 400 },
  ),

  route(
    'AcceptBlockTradeProposal',
    'POST',
    '/communications/block-trade-proposals/{block_trade_proposal_id}/accept',
    (ctx) => {
      const obj = ctx.body === undefined ? {} : bodyObject(ctx.body);
      const subaccount = optionalInteger(obj, 'subaccount', 0);
      ctx.engine.blockTrades.accept(ctx.userId, ctx.params['block_trade_proposal_id']!, subaccount);
      return { status: 204 };
    },
    WRITE,
  ),
];
