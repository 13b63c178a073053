import { complement, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Accounts } from './accounts.js';
import type { Catalog } from './catalog.js';
import type { CommunicationsEvent, Quote, QuoteStatus, Rfq } from './communications-types.js';
import { enterCrossing } from './crossing.js';
import type { OrderEntry } from './order-entry.js';
import { isSchedulingClock } from './scheduler.js';
import type { Clock, OutcomeSide } from './types.js';

/** Time the maker has to confirm an accepted quote on a standard (non-HVM) market, ms (`/getting_started/rfqs`, Timing). */
export const RFQ_CONFIRMATION_WINDOW_MS = 30_000;
/** Time from confirmation until both orders enter the book on a standard (non-HVM) market, ms (`/getting_started/rfqs`, Timing). */
export const RFQ_EXECUTION_TIMER_MS = 15_000;
/** Time the maker has to confirm on a High Volatility Market (every combo market), ms (`/getting_started/rfqs`, Timing). */
export const HVM_CONFIRMATION_WINDOW_MS = 3_000;
/** Execution timer on a High Volatility Market, ms (`/getting_started/rfqs`, Timing). */
export const HVM_EXECUTION_TIMER_MS = 1_000;
/** "You can have a maximum of 100 open RFQs at a time." (`/api-reference/communications/create-rfq`) */
export const MAX_OPEN_RFQS = 100;

/** A new RFQ: exactly one of `contracts` (whole) and `targetCost`. */
export interface CreateRfqInput {
  readonly ticker: string;
  readonly contracts?: Contracts;
  readonly targetCost?: Dollars;
  readonly restRemainder: boolean;
  /** Close the requester's open RFQ on the same market instead of answering 409. */
  readonly replaceExisting?: boolean;
  readonly subaccount?: number;
}

/** A new quote: both prices in dollars, `0` declines a side. */
export interface CreateQuoteInput {
  readonly rfqId: string;
  readonly yesBid: Dollars;
  readonly noBid: Dollars;
  readonly restRemainder: boolean;
  readonly postOnly?: boolean;
  readonly subaccount?: number;
}

/** Filters of {@link Communications.listQuotes}, as the `GET /communications/quotes` query has them. */
export interface QuoteFilter {
  readonly rfqId?: string;
  readonly status?: string;
  /** Only quotes the caller created. */
  readonly mine?: boolean;
  /** Only quotes on RFQs the caller created. */
  readonly onMyRfqs?: boolean;
  /** Unix ms bounds on `updated_ts`, inclusive. */
  readonly minUpdatedMs?: number;
  readonly maxUpdatedMs?: number;
}

/** Filters of {@link Communications.listRfqs}. */
export interface RfqFilter {
  readonly ticker?: string;
  readonly eventTicker?: string;
  readonly status?: string;
  readonly userId?: string;
  readonly subaccount?: number;
}

/** What {@link Communications} needs from the engine. */
export interface CommunicationsOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly catalog: Catalog;
  readonly accounts: Accounts;
  readonly entry: OrderEntry;
  /** True for a High Volatility Market (shorter windows); the engine answers true for combo markets. */
  readonly isHighVolatility: (ticker: string) => boolean;
  /** Runs one engine operation (expiry sweep first, `market_stats` after). */
  readonly run: <T>(fn: () => T) => T;
}

type MutableRfq = { -readonly [K in keyof Rfq]: Rfq[K] };
type MutableQuote = { -readonly [K in keyof Quote]: Quote[K] };

/**
 * Kalshi's RFQ system (`/getting_started/rfqs`, `/api-reference/communications/*`): requesters
 * create RFQs, makers answer with two-sided quotes, the requester accepts one side, the maker
 * confirms within the confirmation window, and when the execution timer ends both orders enter
 * the book ({@link enterCrossing}) and trade like any other order.
 *
 * Timers run on the engine's clock: each engine operation first executes quotes whose execution
 * timer has ended and voids accepted quotes whose confirmation window has passed
 * ({@link sweepDue}); a scheduling clock also runs that sweep when the timer falls due. Every method throws {@link MockExchangeError}; nothing changes when it throws.
 */
export class Communications {
  private readonly rfqs = new Map<string, MutableRfq>();
  private readonly quotes = new Map<string, MutableQuote>();
  private readonly commIds = new Map<string, string>();
  private readonly listeners = new Set<(event: CommunicationsEvent) => void>();

  constructor(private readonly options: CommunicationsOptions) {}

  /** Registers a listener of every {@link CommunicationsEvent}. @returns a function that removes it. */
  on(listener: (event: CommunicationsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user's communications id (`GET /communications/id`): stable per user, not the user id. */
  communicationsId(userId: string): string {
    let id = this.commIds.get(userId);
    if (id === undefined) {
      id = `comm_${this.options.newId().replace(/-/g, '')}`;
      this.commIds.set(userId, id);
    }
    return id;
  }

  /**
   * Creates an RFQ. Throws `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`, `INVALID_PARAMETER` (size not
   * exactly one of contracts / target cost, contracts not whole, more than {@link MAX_OPEN_RFQS}
   * open) and `RFQ_CONFLICT` (an open RFQ of the user on that market, without `replaceExisting`).
   */
  createRfq(userId: string, input: CreateRfqInput): Rfq {
    return this.options.run(() => {
      const market = this.options.catalog.market(input.ticker);
      if (market.status !== 'active') throw new MockExchangeError('MARKET_NOT_OPEN', `market ${input.ticker} is ${market.status}`, { ticker: input.ticker });
      if ((input.contracts === undefined) === (input.targetCost === undefined)) {
        throw new MockExchangeError('INVALID_PARAMETER', 'exactly one of contracts_fp and target_cost_dollars is required', { field: 'contracts_fp' });
      }
      if (input.contracts !== undefined && (input.contracts.isZero() || !input.contracts.isWhole())) {
        throw new MockExchangeError('INVALID_PARAMETER', 'contracts must be a whole number of at least 1', { field: 'contracts_fp', value: input.contracts.toWire() });
      }
      if (input.targetCost !== undefined && !input.targetCost.isPositive()) {
        throw new MockExchangeError('INVALID_PARAMETER', 'target_cost_dollars must be positive', { field: 'target_cost_dollars', value: input.targetCost.toWire() });
      }
      const open = [...this.rfqs.values()].filter((r) => r.userId === userId && r.status === 'open');
      const existing = open.find((r) => r.ticker === input.ticker);
      if (existing !== undefined && input.replaceExisting !== true) {
        throw new MockExchangeError('RFQ_CONFLICT', `an open RFQ already exists on ${input.ticker}`, { ticker: input.ticker });
      }
      if (existing === undefined && open.length >= MAX_OPEN_RFQS) {
        throw new MockExchangeError('INVALID_PARAMETER', `at most ${MAX_OPEN_RFQS} open RFQs`, { field: 'market_ticker', value: input.ticker });
      }
      if (existing !== undefined) this.close(existing, 'replaced');
      const now = this.options.clock.now();
      const rfq: MutableRfq = {
        rfqId: this.options.newId(),
        userId,
        ticker: market.ticker,
        contracts: input.contracts,
        targetCost: input.targetCost,
        restRemainder: input.restRemainder,
        subaccount: input.subaccount ?? 0,
        status: 'open',
        createdMs: now,
        updatedMs: now,
        cancelledMs: undefined,
        cancellationReason: undefined,
      };
      this.rfqs.set(rfq.rfqId, rfq);
      this.emit({ type: 'rfq_created', rfq });
      return rfq;
    });
  }

  /** One RFQ (every RFQ is visible to every user: it is broadcast to all makers). Throws `RFQ_NOT_FOUND`. */
  getRfq(rfqId: string): Rfq {
    return this.options.run(() => this.rfq(rfqId));
  }

  /** RFQs matching `filter`, newest first. */
  listRfqs(filter: RfqFilter): Rfq[] {
    return this.options.run(() =>
      [...this.rfqs.values()]
        .filter(
          (r) =>
            (filter.ticker === undefined || r.ticker === filter.ticker) &&
            (filter.eventTicker === undefined || this.options.catalog.findMarket(r.ticker)?.eventTicker === filter.eventTicker) &&
            (filter.status === undefined || r.status === filter.status) &&
            (filter.userId === undefined || r.userId === filter.userId) &&
            (filter.subaccount === undefined || r.subaccount === filter.subaccount),
        )
        .reverse(),
    );
  }

  /**
   * Closes the requester's RFQ and cancels its open and accepted quotes. Throws `RFQ_NOT_FOUND`
   * (also for someone else's RFQ), `RFQ_CLOSED`, `INVALID_PARAMETER` (a quote on it is confirmed:
   * "Once confirmed, neither party can withdraw.").
   */
  deleteRfq(userId: string, rfqId: string): void {
    this.options.run(() => {
      const rfq = this.rfq(rfqId);
      if (rfq.userId !== userId) throw notFound('RFQ_NOT_FOUND', rfqId);
      if (rfq.status !== 'open') throw closed(rfqId);
      if ([...this.quotes.values()].some((q) => q.rfqId === rfqId && q.status === 'confirmed')) {
        throw new MockExchangeError('INVALID_PARAMETER', 'a quote on this RFQ is confirmed; it can no longer be withdrawn', { field: 'rfq_id', value: rfqId });
      }
      this.close(rfq, 'deleted');
    });
  }

  /**
   * Creates (or replaces: one live quote per maker per RFQ) a quote.
   * Throws `RFQ_NOT_FOUND`, `RFQ_CLOSED`, `INVALID_PARAMETER` (own RFQ, both sides 0, sum over $1,
   * a price off the market's grid, a target cost too small for one contract).
   */
  createQuote(userId: string, input: CreateQuoteInput): Quote {
    return this.options.run(() => {
      const rfq = this.rfq(input.rfqId);
      if (rfq.status !== 'open') throw closed(rfq.rfqId);
      if (rfq.userId === userId) {
        throw new MockExchangeError('INVALID_PARAMETER', 'a requester cannot quote its own RFQ', { field: 'rfq_id', value: input.rfqId });
      }
      const market = this.options.catalog.market(rfq.ticker);
      if (input.yesBid.isZero() && input.noBid.isZero()) {
        throw new MockExchangeError('INVALID_PARAMETER', 'yes_bid and no_bid cannot both be 0', { field: 'yes_bid', value: '0' });
      }
      if (input.yesBid.add(input.noBid).gt(Dollars.ONE)) {
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
      for (const previous of this.quotes.values()) {
        if (previous.rfqId === rfq.rfqId && previous.userId === userId && (previous.status === 'open' || previous.status === 'accepted')) {
          this.cancel(previous, 'replaced');
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
      this.quotes.set(quote.quoteId, quote);
      this.emit({ type: 'quote_created', quote, rfq });
      return quote;
    });
  }

  /**
   * A quote, seen by its maker or the RFQ's requester only ("makers cannot see each other's
   * quotes"). `rfqId`, when given, must be the quote's RFQ. Throws `QUOTE_NOT_FOUND`.
   */
  getQuote(userId: string, quoteId: string, rfqId?: string): Quote {
    return this.options.run(() => this.visibleQuote(userId, quoteId, rfqId));
  }

  /** Quotes the user can see (made by them or on their RFQs) matching `filter`, newest first. */
  listQuotes(userId: string, filter: QuoteFilter): Quote[] {
    return this.options.run(() =>
      [...this.quotes.values()]
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
      const quote = this.visibleQuote(userId, quoteId, rfqId);
      if (quote.userId !== userId) throw notFound('QUOTE_NOT_FOUND', quoteId);
      if (quote.status !== 'open' && quote.status !== 'accepted') {
        throw new MockExchangeError('INVALID_PARAMETER', `quote is ${quote.status} and can no longer be withdrawn`, { field: 'quote_id', value: quoteId });
      }
      this.cancel(quote, 'deleted');
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
      const quote = this.visibleQuote(userId, quoteId, rfqId);
      if (quote.rfqUserId !== userId) throw notFound('QUOTE_NOT_FOUND', quoteId);
      const rfq = this.rfq(quote.rfqId);
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
      this.wakeAt(now + this.windows(quote.ticker).confirmMs);
      this.emit({ type: 'quote_accepted', quote, rfq });
      return quote;
    });
  }

  /**
   * The maker confirms an accepted quote; the execution timer starts. Throws `QUOTE_NOT_FOUND`
   * (also when the caller is not the maker), `INVALID_PARAMETER` (quote not accepted).
   */
  confirmQuote(userId: string, quoteId: string, rfqId?: string): Quote {
    return this.options.run(() => {
      const quote = this.visibleQuote(userId, quoteId, rfqId);
      if (quote.userId !== userId) throw notFound('QUOTE_NOT_FOUND', quoteId);
      if (quote.status !== 'accepted') {
        throw new MockExchangeError('INVALID_PARAMETER', `quote is ${quote.status}, not accepted`, { field: 'quote_id', value: quoteId });
      }
      const now = this.options.clock.now();
      Object.assign(quote, { status: 'confirmed', confirmedMs: now, updatedMs: now } satisfies Partial<MutableQuote>);
      this.wakeAt(now + this.windows(quote.ticker).executeMs);
      return quote;
    });
  }

  /**
   * Runs due timers: voids accepted quotes past the confirmation window, executes confirmed quotes
   * whose execution timer has ended. Called by the engine at the start of every operation.
   */
  sweepDue(): void {
    const now = this.options.clock.now();
    for (const quote of this.quotes.values()) {
      if (quote.status !== 'accepted' && quote.status !== 'confirmed') continue;
      const { confirmMs, executeMs } = this.windows(quote.ticker);
      if (quote.status === 'accepted' && quote.acceptedMs! + confirmMs <= now) this.cancel(quote, 'confirmation_timeout');
      if (quote.status === 'confirmed' && quote.confirmedMs! + executeMs <= now) this.execute(quote, quote.confirmedMs! + executeMs);
    }
  }

  /** The confirmation window and execution timer of `ticker`: "HVMs use shorter confirmation and execution windows." */
  private windows(ticker: string): { confirmMs: number; executeMs: number } {
    return this.options.isHighVolatility(ticker)
      ? { confirmMs: HVM_CONFIRMATION_WINDOW_MS, executeMs: HVM_EXECUTION_TIMER_MS }
      : { confirmMs: RFQ_CONFIRMATION_WINDOW_MS, executeMs: RFQ_EXECUTION_TIMER_MS };
  }

  /** With a scheduling clock, runs an (empty) engine operation at `atMs`, so its sweep fires the due timer without waiting for a request. */
  private wakeAt(atMs: number): void {
    const clock = this.options.clock;
    if (isSchedulingClock(clock)) clock.at(atMs, () => this.options.run(() => undefined));
  }

  private execute(quote: MutableQuote, dueMs: number): void {
    const rfq = this.rfq(quote.rfqId);
    const side = quote.acceptedSide!;
    const { price, makerSide } = crossingPrice(quote, side);
    const makerClientOrderId = this.options.newId();
    const takerClientOrderId = this.options.newId();
    let orders;
    try {
      orders = enterCrossing(this.options.entry, {
        ticker: quote.ticker,
        price,
        count: sideCount(quote, side),
        makerSide,
        maker: { userId: quote.userId, subaccount: quote.subaccount, clientOrderId: makerClientOrderId, restRemainder: quote.restRemainder, postOnly: quote.postOnly },
        taker: { userId: rfq.userId, subaccount: rfq.subaccount, clientOrderId: takerClientOrderId, restRemainder: rfq.restRemainder },
      });
    } catch (error) {
      if (!(error instanceof MockExchangeError)) throw error;
      this.cancel(quote, 'execution_failed');
      return;
    }
    const now = this.options.clock.now();
    Object.assign(quote, {
      status: 'executed',
      executedMs: dueMs,
      updatedMs: now,
      creatorOrderId: orders.maker.orderId,
      rfqCreatorOrderId: orders.taker.orderId,
    } satisfies Partial<MutableQuote>);
    this.close(rfq, 'executed', quote);
    this.emit({
      type: 'quote_executed',
      quote,
      tsMs: dueMs,
      orders: [
        { userId: quote.userId, orderId: orders.maker.orderId, clientOrderId: makerClientOrderId, subaccount: quote.subaccount },
        { userId: rfq.userId, orderId: orders.taker.orderId, clientOrderId: takerClientOrderId, subaccount: rfq.subaccount },
      ],
    });
  }

  /** Closes an RFQ and cancels its live quotes (all but `keep`). */
  private close(rfq: MutableRfq, reason: string, keep?: Quote): void {
    const now = this.options.clock.now();
    Object.assign(rfq, { status: 'closed', cancelledMs: now, updatedMs: now, cancellationReason: reason } satisfies Partial<MutableRfq>);
    for (const quote of this.quotes.values()) {
      if (quote.rfqId === rfq.rfqId && quote !== keep && isLive(quote.status)) this.cancel(quote, 'rfq_closed');
    }
    this.emit({ type: 'rfq_deleted', rfq, tsMs: now });
  }

  private cancel(quote: MutableQuote, reason: string): void {
    const now = this.options.clock.now();
    Object.assign(quote, { status: 'cancelled', cancelledMs: now, updatedMs: now, cancellationReason: reason } satisfies Partial<MutableQuote>);
  }

  private rfq(rfqId: string): MutableRfq {
    const rfq = this.rfqs.get(rfqId);
    if (rfq === undefined) throw notFound('RFQ_NOT_FOUND', rfqId);
    return rfq;
  }

  private visibleQuote(userId: string, quoteId: string, rfqId: string | undefined): MutableQuote {
    const quote = this.quotes.get(quoteId);
    if (quote === undefined || (quote.userId !== userId && quote.rfqUserId !== userId) || (rfqId !== undefined && quote.rfqId !== rfqId)) {
      throw notFound('QUOTE_NOT_FOUND', quoteId);
    }
    return quote;
  }

  private emit(event: CommunicationsEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function isLive(status: QuoteStatus): boolean {
  return status === 'open' || status === 'accepted' || status === 'confirmed';
}

/**
 * The YES price and the maker's book side of an accepted quote. Accepting `yes` takes the maker's
 * YES bid: the maker buys YES at `yes_bid` and the requester sells it (buys NO). Accepting `no`
 * takes the maker's NO bid: the maker buys NO at `no_bid`, i.e. sells YES at 1 − `no_bid`.
 */
function crossingPrice(quote: Quote, side: OutcomeSide): { price: Dollars; makerSide: 'bid' | 'ask' } {
  return side === 'yes' ? { price: quote.yesBid, makerSide: 'bid' } : { price: complement(quote.noBid), makerSide: 'ask' };
}

function sideCount(quote: Quote, side: OutcomeSide): Contracts {
  return side === 'yes' ? quote.yesContracts : quote.noContracts;
}

/** Contracts a quote side is for: the RFQ's count, or the whole contracts its target cost buys at `price` (0 for a declined side). */
function sizeAt(rfq: Rfq, price: Dollars): Contracts {
  if (price.isZero()) return Contracts.ZERO;
  if (rfq.contracts !== undefined) return rfq.contracts;
  return Contracts.fromWhole(BigInt(rfq.targetCost!.toCentiCents()) / BigInt(price.toCentiCents()));
}

function notFound(code: 'RFQ_NOT_FOUND' | 'QUOTE_NOT_FOUND', id: string): MockExchangeError {
  return new MockExchangeError(code, code === 'RFQ_NOT_FOUND' ? 'rfq not found' : 'quote not found', { field: code === 'RFQ_NOT_FOUND' ? 'rfq_id' : 'quote_id', value: id });
}

function closed(rfqId: string): MockExchangeError {
  return new MockExchangeError('RFQ_CLOSED', 'rfq is closed', { field: 'rfq_id', value: rfqId });
}
