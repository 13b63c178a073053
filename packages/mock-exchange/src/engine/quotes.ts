import { complement, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { CommunicationsOptions, CreateQuoteInput, QuoteFilter } from './communications-inputs.js';
import { closed, notFound, type CommunicationsStore, type MutableQuote } from './communications-store.js';
import type { Quote, Rfq } from './communications-types.js';
import { crossingPrice, sideCount, type QuoteExecution } from './quote-execution.js';
import type { OutcomeSide } from './types.js';

/**
 * Quotes on RFQs (`/getting_started/rfqs`): makers answer an open RFQ with a two-sided quote (one
 * live quote per maker per RFQ), the requester accepts one side, and the maker confirms it, which
 * starts the execution timer ({@link QuoteExecution}).
 */
export class QuoteDesk {
  constructor(
    private readonly store: CommunicationsStore,
    private readonly options: CommunicationsOptions,
    private readonly execution: QuoteExecution,
  ) {}

  /**
   * Creates (or replaces: one live quote per maker per RFQ) a quote.
   * Throws `RFQ_NOT_FOUND`, `RFQ_CLOSED`, `INVALID_PARAMETER` (own RFQ, both sides 0, sum over $1,
   * a price off the market's grid, a target cost too small for one contract).
   */
  createQuote(userId: string, input: CreateQuoteInput): Quote {
    return this.options.run(() => {
      const rfq = this.store.rfq(input.rfqId);
      if (rfq.status !== 'open') throw closed(rfq.rfqId);
      if (rfq.userId === userId) {
        throw new MockExchangeError('INVALID_PARAMETER', 'a requester cannot quote its own RFQ', { field: 'rfq_id', value: input.rfqId });
      }
      const market = this.options.catalog.market(rfq.ticker);
      if (input.yesBid.isZero() && input.noBid.isZero()) {
        throw new MockExchangeError('INVALID_PARAMETER', 'yes_bid and no_bid cannot both be 0', { field: 'yes_bid', value: '0' });
      }
      if (input.yesBid.plus(input.noBid).gt(Dollars.ONE)) {
        throw new MockExchangeError('INVALID_PARAMETER', 'yes_bid + no_bid exceeds $1', { field: 'no_bid', value: input.noBid.toWire() });
      }
      for (const [field, price] of [['yes_bid', input.yesBid], ['no_bid', input.noBid]] as const) {
        if (!price.isZero() && (price.isNegative() || price.gte(Dollars.ONE) || !market.ticks.isValidPrice(price))) {
          throw new MockExchangeError('INVALID_PARAMETER', `${field} is not on the market's price grid`, { field, value: price.toWire(), ticker: rfq.ticker });
        }
      }
      const yesContracts = sizeAt(rfq, input.yesBid);
      const noContracts = sizeAt(rfq, input.noBid);
      if (yesContracts.isZero() && noContracts.isZero()) {
        throw new MockExchangeError('INVALID_PARAMETER', 'target cost buys no whole contract at these prices', { field: 'rfq_id', value: rfq.rfqId });
      }
      for (const previous of this.store.quotes.values()) {
        if (previous.rfqId === rfq.rfqId && previous.userId === userId && (previous.status === 'open' || previous.status === 'accepted')) {
          this.store.cancel(previous, 'replaced');
        }
      }
      const now = this.options.clock.now();
      const quote: MutableQuote = {
        quoteId: this.options.newId(),
        rfqId: rfq.rfqId,
        userId,
        rfqUserId: rfq.userId,
        ticker: rfq.ticker,
        yesBid: input.yesBid,
        noBid: input.noBid,
        yesContracts,
        noContracts,
        restRemainder: input.restRemainder,
        postOnly: input.postOnly ?? false,
        subaccount: input.subaccount ?? 0,
        status: 'open',
        createdMs: now,
        updatedMs: now,
        acceptedSide: undefined,
        acceptedMs: undefined,
        confirmedMs: undefined,
        executedMs: undefined,
        cancelledMs: undefined,
        cancellationReason: undefined,
        creatorOrderId: undefined,
        rfqCreatorOrderId: undefined,
      };
      this.store.quotes.set(quote.quoteId, quote);
      this.store.emit({ type: 'quote_created', quote, rfq });
      return quote;
    });
  }

  /**
   * A quote, seen by its maker or the RFQ's requester only ("makers cannot see each other's
   * quotes"). `rfqId`, when given, must be the quote's RFQ. Throws `QUOTE_NOT_FOUND`.
   */
  getQuote(userId: string, quoteId: string, rfqId?: string): Quote {
    return this.options.run(() => this.store.visibleQuote(userId, quoteId, rfqId));
  }

  /** Quotes the user can see (made by them or on their RFQs) matching `filter`, newest first. */
  listQuotes(userId: string, filter: QuoteFilter): Quote[] {
    return this.options.run(() =>
      [...this.store.quotes.values()]
        .filter(
          (q) =>
            (q.userId === userId || q.rfqUserId === userId) &&
            (filter.rfqId === undefined || q.rfqId === filter.rfqId) &&
            (filter.status === undefined || q.status === filter.status) &&
            (filter.mine !== true || q.userId === userId) &&
            (filter.onMyRfqs !== true || q.rfqUserId === userId) &&
            (filter.minUpdatedMs === undefined || q.updatedMs >= filter.minUpdatedMs) &&
            (filter.maxUpdatedMs === undefined || q.updatedMs <= filter.maxUpdatedMs),
        )
        .reverse(),
    );
  }

  /** The maker withdraws an open or accepted quote. Throws `QUOTE_NOT_FOUND`, `INVALID_PARAMETER` (confirmed or finished). */
  deleteQuote(userId: string, quoteId: string, rfqId?: string): void {
    this.options.run(() => {
      const quote = this.store.visibleQuote(userId, quoteId, rfqId);
      if (quote.userId !== userId) throw notFound('QUOTE_NOT_FOUND', quoteId);
      if (quote.status !== 'open' && quote.status !== 'accepted') {
        throw new MockExchangeError('INVALID_PARAMETER', `quote is ${quote.status} and can no longer be withdrawn`, { field: 'quote_id', value: quoteId });
      }
      this.store.cancel(quote, 'deleted');
    });
  }

  /**
   * The requester accepts one side of an open quote; the maker must then confirm within the
   * confirmation window. Throws `QUOTE_NOT_FOUND` (also when the caller is not the requester),
   * `RFQ_CLOSED`, `INVALID_PARAMETER` (quote not open, or the side was declined with price 0),
   * `INSUFFICIENT_BALANCE`.
   */
  acceptQuote(userId: string, quoteId: string, side: OutcomeSide, rfqId?: string): Quote {
    return this.options.run(() => {
      const quote = this.store.visibleQuote(userId, quoteId, rfqId);
      if (quote.rfqUserId !== userId) throw notFound('QUOTE_NOT_FOUND', quoteId);
      const rfq = this.store.rfq(quote.rfqId);
      if (rfq.status !== 'open') throw closed(rfq.rfqId);
      if (quote.status !== 'open') {
        throw new MockExchangeError('INVALID_PARAMETER', `quote is ${quote.status}`, { field: 'quote_id', value: quoteId });
      }
      if ((side === 'yes' ? quote.yesBid : quote.noBid).isZero()) {
        throw new MockExchangeError('INVALID_PARAMETER', `the quote declines the ${side} side`, { field: 'accepted_side', value: side });
      }
      const { price, makerSide } = crossingPrice(quote, side);
      const requesterCost = (makerSide === 'bid' ? complement(price) : price).times(sideCount(quote, side));
      if (this.options.accounts.get(userId).wallet(rfq.subaccount).available.lt(requesterCost)) {
        throw new MockExchangeError('INSUFFICIENT_BALANCE', 'insufficient balance for the accepted quote', { ticker: quote.ticker });
      }
      const now = this.options.clock.now();
      Object.assign(quote, { status: 'accepted', acceptedSide: side, acceptedMs: now, updatedMs: now } satisfies Partial<MutableQuote>);
      this.execution.wakeAt(now + this.execution.windows(quote.ticker).confirmMs);
      this.store.emit({ type: 'quote_accepted', quote, rfq });
      return quote;
    });
  }

  /**
   * The maker confirms an accepted quote; the execution timer starts. Throws `QUOTE_NOT_FOUND`
   * (also when the caller is not the maker), `INVALID_PARAMETER` (quote not accepted).
   */
  confirmQuote(userId: string, quoteId: string, rfqId?: string): Quote {
    return this.options.run(() => {
      const quote = this.store.visibleQuote(userId, quoteId, rfqId);
      if (quote.userId !== userId) throw notFound('QUOTE_NOT_FOUND', quoteId);
      if (quote.status !== 'accepted') {
        throw new MockExchangeError('INVALID_PARAMETER', `quote is ${quote.status}, not accepted`, { field: 'quote_id', value: quoteId });
      }
      const now = this.options.clock.now();
      Object.assign(quote, { status: 'confirmed', confirmedMs: now, updatedMs: now } satisfies Partial<MutableQuote>);
      this.execution.wakeAt(now + this.execution.windows(quote.ticker).executeMs);
      return quote;
    });
  }
}

/** Contracts a quote side is for: the RFQ's count, or the whole contracts its target cost buys at `price` (0 for a declined side). */
function sizeAt(rfq: Rfq, price: Dollars): Contracts {
  if (price.isZero()) return Contracts.ZERO;
  if (rfq.contracts !== undefined) return rfq.contracts;
  return Contracts.fromWhole(BigInt(rfq.targetCost!.toCentiCents()) / BigInt(price.toCentiCents()));
}
