import type { CommunicationsOptions, CreateQuoteInput, CreateRfqInput, QuoteFilter, RfqFilter } from './communications-inputs.js';
import { CommunicationsStore } from './communications-store.js';
import type { CommunicationsEvent, Quote, Rfq } from './communications-types.js';
import { QuoteDesk } from './quotes.js';
import { QuoteExecution } from './quote-execution.js';
import { RfqDesk } from './rfqs.js';
import type { OutcomeSide } from './types.js';

export type { CommunicationsOptions, CreateQuoteInput, CreateRfqInput, QuoteFilter, RfqFilter } from './communications-inputs.js';
export { HVM_CONFIRMATION_WINDOW_MS, HVM_EXECUTION_TIMER_MS, RFQ_CONFIRMATION_WINDOW_MS, RFQ_EXECUTION_TIMER_MS } from './quote-execution.js';
export { MAX_OPEN_RFQS } from './rfqs.js';

/**
 * Kalshi's RFQ system (`/getting_started/rfqs`, `/api-reference/communications/*`): requesters
 * create RFQs, makers answer with two-sided quotes, the requester accepts one side, the maker
 * confirms within the confirmation window, and when the execution timer ends both orders enter
 * the book and trade like any other order (`quote-execution.ts`; RFQs in `rfqs.ts`, quotes in `quotes.ts`).
 *
 * Timers run on the engine's clock: each engine operation first executes quotes whose execution
 * timer has ended and voids accepted quotes whose confirmation window has passed
 * ({@link sweepDue}); a scheduling clock also runs that sweep when the timer falls due. Every method throws `MockExchangeError`; nothing changes when it throws.
 */
export class Communications {
  private readonly store: CommunicationsStore;
  private readonly execution: QuoteExecution;
  private readonly rfqDesk: RfqDesk;
  private readonly quoteDesk: QuoteDesk;
  private readonly commIds = new Map<string, string>();

  constructor(private readonly options: CommunicationsOptions) {
    this.store = new CommunicationsStore(options.clock);
    this.execution = new QuoteExecution(this.store, options);
    this.rfqDesk = new RfqDesk(this.store, options);
    this.quoteDesk = new QuoteDesk(this.store, options, this.execution);
  }

  /** Registers a listener of every {@link CommunicationsEvent}. @returns a function that removes it. */
  on(listener: (event: CommunicationsEvent) => void): () => void {
    return this.store.on(listener);
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
    return this.rfqDesk.createRfq(userId, input);
  }

  /** One RFQ (every RFQ is visible to every user: it is broadcast to all makers). Throws `RFQ_NOT_FOUND`. */
  getRfq(rfqId: string): Rfq {
    return this.rfqDesk.getRfq(rfqId);
  }

  /** RFQs matching `filter`, newest first. */
  listRfqs(filter: RfqFilter): Rfq[] {
    return this.rfqDesk.listRfqs(filter);
  }

  /**
   * Closes the requester's RFQ and cancels its open and accepted quotes. Throws `RFQ_NOT_FOUND`
   * (also for someone else's RFQ), `RFQ_CLOSED`, `INVALID_PARAMETER` (a quote on it is confirmed).
   */
  deleteRfq(userId: string, rfqId: string): void {
    this.rfqDesk.deleteRfq(userId, rfqId);
  }

  /**
   * Creates (or replaces: one live quote per maker per RFQ) a quote.
   * Throws `RFQ_NOT_FOUND`, `RFQ_CLOSED`, `INVALID_PARAMETER` (own RFQ, both sides 0, sum over $1,
   * a price off the market's grid, a target cost too small for one contract).
   */
  createQuote(userId: string, input: CreateQuoteInput): Quote {
    return this.quoteDesk.createQuote(userId, input);
  }

  /** A quote, seen by its maker or the RFQ's requester only. `rfqId`, when given, must be the quote's RFQ. Throws `QUOTE_NOT_FOUND`. */
  getQuote(userId: string, quoteId: string, rfqId?: string): Quote {
    return this.quoteDesk.getQuote(userId, quoteId, rfqId);
  }

  /** Quotes the user can see (made by them or on their RFQs) matching `filter`, newest first. */
  listQuotes(userId: string, filter: QuoteFilter): Quote[] {
    return this.quoteDesk.listQuotes(userId, filter);
  }

  /** The maker withdraws an open or accepted quote. Throws `QUOTE_NOT_FOUND`, `INVALID_PARAMETER` (confirmed or finished). */
  deleteQuote(userId: string, quoteId: string, rfqId?: string): void {
    this.quoteDesk.deleteQuote(userId, quoteId, rfqId);
  }

  /**
   * The requester accepts one side of an open quote; the maker must then confirm within the
   * confirmation window. Throws `QUOTE_NOT_FOUND`, `RFQ_CLOSED`, `INVALID_PARAMETER`, `INSUFFICIENT_BALANCE`.
   */
  acceptQuote(userId: string, quoteId: string, side: OutcomeSide, rfqId?: string): Quote {
    return this.quoteDesk.acceptQuote(userId, quoteId, side, rfqId);
  }

  /** The maker confirms an accepted quote; the execution timer starts. Throws `QUOTE_NOT_FOUND`, `INVALID_PARAMETER` (quote not accepted). */
  confirmQuote(userId: string, quoteId: string, rfqId?: string): Quote {
    return this.quoteDesk.confirmQuote(userId, quoteId, rfqId);
  }

  /**
   * Runs due timers: voids accepted quotes past the confirmation window, executes confirmed quotes
   * whose execution timer has ended. Called by the engine at the start of every operation.
   */
  sweepDue(): void {
    this.execution.sweepDue();
  }
}
