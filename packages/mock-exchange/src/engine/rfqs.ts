import { MockExchangeError } from '../errors.js';
import type { CommunicationsOptions, CreateRfqInput, RfqFilter } from './communications-inputs.js';
import { closed, notFound, type CommunicationsStore, type MutableRfq } from './communications-store.js';
import type { Rfq } from './communications-types.js';

/** "You can have a maximum of 100 open RFQs at a time." (`/api-reference/communications/create-rfq`) */
export const MAX_OPEN_RFQS = 100;

/**
 * RFQs (`/api-reference/communications/create-rfq` and siblings): a requester opens one per
 * market, everyone can see it, and it closes when deleted, replaced or executed.
 */
export class RfqDesk {
  constructor(
    private readonly store: CommunicationsStore,
    private readonly options: CommunicationsOptions,
  ) {}

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
      const open = [...this.store.rfqs.values()].filter((r) => r.userId === userId && r.status === 'open');
      const existing = open.find((r) => r.ticker === input.ticker);
      if (existing !== undefined && input.replaceExisting !== true) {
        throw new MockExchangeError('RFQ_CONFLICT', `an open RFQ already exists on ${input.ticker}`, { ticker: input.ticker });
      }
      if (existing === undefined && open.length >= MAX_OPEN_RFQS) {
        throw new MockExchangeError('INVALID_PARAMETER', `at most ${MAX_OPEN_RFQS} open RFQs`, { field: 'market_ticker', value: input.ticker });
      }
      if (existing !== undefined) this.store.close(existing, 'replaced');
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
      this.store.rfqs.set(rfq.rfqId, rfq);
      this.store.emit({ type: 'rfq_created', rfq });
      return rfq;
    });
  }

  /** One RFQ (every RFQ is visible to every user: it is broadcast to all makers). Throws `RFQ_NOT_FOUND`. */
  getRfq(rfqId: string): Rfq {
    return this.options.run(() => this.store.rfq(rfqId));
  }

  /** RFQs matching `filter`, newest first. */
  listRfqs(filter: RfqFilter): Rfq[] {
    return this.options.run(() =>
      [...this.store.rfqs.values()]
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
      const rfq = this.store.rfq(rfqId);
      if (rfq.userId !== userId) throw notFound('RFQ_NOT_FOUND', rfqId);
      if (rfq.status !== 'open') throw closed(rfqId);
      if ([...this.store.quotes.values()].some((q) => q.rfqId === rfqId && q.status === 'confirmed')) {
        throw new MockExchangeError('INVALID_PARAMETER', 'a quote on this RFQ is confirmed; it can no longer be withdrawn', { field: 'rfq_id', value: rfqId });
      }
      this.store.close(rfq, 'deleted');
    });
  }
}
