import { MockExchangeError } from '../errors.js';
import type { CommunicationsEvent, Quote, QuoteStatus, Rfq } from './communications-types.js';
import type { Clock } from './types.js';

/** An RFQ as the engine updates it. */
export type MutableRfq = { -readonly [K in keyof Rfq]: Rfq[K] };
/** A quote as the engine updates it. */
export type MutableQuote = { -readonly [K in keyof Quote]: Quote[K] };

/**
 * The RFQ system's state: every RFQ and quote by id, the listeners of its events, and the state
 * changes shared by the RFQ, quote and execution flows (closing an RFQ, cancelling a quote).
 */
export class CommunicationsStore {
  readonly rfqs = new Map<string, MutableRfq>();
  readonly quotes = new Map<string, MutableQuote>();
  private readonly listeners = new Set<(event: CommunicationsEvent) => void>();

  constructor(private readonly clock: Clock) {}

  /** Registers a listener of every {@link CommunicationsEvent}. @returns a function that removes it. */
  on(listener: (event: CommunicationsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CommunicationsEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** An RFQ by id. Throws `RFQ_NOT_FOUND`. */
  rfq(rfqId: string): MutableRfq {
    const rfq = this.rfqs.get(rfqId);
    if (rfq === undefined) throw notFound('RFQ_NOT_FOUND', rfqId);
    return rfq;
  }

  /** A quote its maker or the RFQ's requester may see (of RFQ `rfqId`, when given). Throws `QUOTE_NOT_FOUND`. */
  visibleQuote(userId: string, quoteId: string, rfqId: string | undefined): MutableQuote {
    const quote = this.quotes.get(quoteId);
    if (quote === undefined || (quote.userId !== userId && quote.rfqUserId !== userId) || (rfqId !== undefined && quote.rfqId !== rfqId)) {
      throw notFound('QUOTE_NOT_FOUND', quoteId);
    }
    return quote;
  }

  /** Closes an RFQ and cancels its live quotes (all but `keep`). */
  close(rfq: MutableRfq, reason: string, keep?: Quote): void {
    const now = this.clock.now();
    Object.assign(rfq, { status: 'closed', cancelledMs: now, updatedMs: now, cancellationReason: reason } satisfies Partial<MutableRfq>);
    for (const quote of this.quotes.values()) {
      if (quote.rfqId === rfq.rfqId && quote !== keep && isLive(quote.status)) this.cancel(quote, 'rfq_closed');
    }
    this.emit({ type: 'rfq_deleted', rfq, tsMs: now });
  }

  cancel(quote: MutableQuote, reason: string): void {
    const now = this.clock.now();
    Object.assign(quote, { status: 'cancelled', cancelledMs: now, updatedMs: now, cancellationReason: reason } satisfies Partial<MutableQuote>);
  }
}

function isLive(status: QuoteStatus): boolean {
  return status === 'open' || status === 'accepted' || status === 'confirmed';
}

/** `RFQ_NOT_FOUND` / `QUOTE_NOT_FOUND` naming the id. */
export function notFound(code: 'RFQ_NOT_FOUND' | 'QUOTE_NOT_FOUND', id: string): MockExchangeError {
  return new MockExchangeError(code, code === 'RFQ_NOT_FOUND' ? 'rfq not found' : 'quote not found', { field: code === 'RFQ_NOT_FOUND' ? 'rfq_id' : 'quote_id', value: id });
}

/** `RFQ_CLOSED` naming the RFQ. */
export function closed(rfqId: string): MockExchangeError {
  return new MockExchangeError('RFQ_CLOSED', 'rfq is closed', { field: 'rfq_id', value: rfqId });
}
