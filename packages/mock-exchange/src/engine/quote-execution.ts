import { complement, type Contracts, type Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { CommunicationsOptions } from './communications-inputs.js';
import type { CommunicationsStore, MutableQuote } from './communications-store.js';
import type { Quote } from './communications-types.js';
import { enterCrossing } from './crossing.js';
import { isSchedulingClock } from './scheduler.js';
import type { OutcomeSide } from './types.js';

/** Time the maker has to confirm an accepted quote on a standard (non-HVM) market, ms (`/getting_started/rfqs`, Timing). */
export const RFQ_CONFIRMATION_WINDOW_MS = 30_000;
/** Time from confirmation until both orders enter the book on a standard (non-HVM) market, ms (`/getting_started/rfqs`, Timing). */
export const RFQ_EXECUTION_TIMER_MS = 15_000;
/** Time the maker has to confirm on a High Volatility Market (every combo market), ms (`/getting_started/rfqs`, Timing). */
export const HVM_CONFIRMATION_WINDOW_MS = 3_000;
/** Execution timer on a High Volatility Market, ms (`/getting_started/rfqs`, Timing). */
export const HVM_EXECUTION_TIMER_MS = 1_000;

/**
 * Quotes matched into trades on the engine's clock (`/getting_started/rfqs`, Timing): an accepted
 * quote the maker does not confirm within the confirmation window is voided; a confirmed quote
 * executes when its execution timer ends, both orders entering the book ({@link enterCrossing})
 * and trading like any other order.
 */
export class QuoteExecution {
  constructor(
    private readonly store: CommunicationsStore,
    private readonly options: CommunicationsOptions,
  ) {}

  /**
   * Runs due timers: voids accepted quotes past the confirmation window, executes confirmed quotes
   * whose execution timer has ended. Called by the engine at the start of every operation.
   */
  sweepDue(): void {
    const now = this.options.clock.now();
    for (const quote of this.store.quotes.values()) {
      if (quote.status !== 'accepted' && quote.status !== 'confirmed') continue;
      const { confirmMs, executeMs } = this.windows(quote.ticker);
      if (quote.status === 'accepted' && quote.acceptedMs! + confirmMs <= now) this.store.cancel(quote, 'confirmation_timeout');
      if (quote.status === 'confirmed' && quote.confirmedMs! + executeMs <= now) this.execute(quote, quote.confirmedMs! + executeMs);
    }
  }

  /** The confirmation window and execution timer of `ticker`: "HVMs use shorter confirmation and execution windows." */
  windows(ticker: string): { confirmMs: number; executeMs: number } {
    return this.options.isHighVolatility(ticker)
      ? { confirmMs: HVM_CONFIRMATION_WINDOW_MS, executeMs: HVM_EXECUTION_TIMER_MS }
      : { confirmMs: RFQ_CONFIRMATION_WINDOW_MS, executeMs: RFQ_EXECUTION_TIMER_MS };
  }

  /** With a scheduling clock, runs an (empty) engine operation at `atMs`, so its sweep fires the due timer without waiting for a request. */
  wakeAt(atMs: number): void {
    const clock = this.options.clock;
    if (isSchedulingClock(clock)) clock.at(atMs, () => this.options.run(() => undefined));
  }

  private execute(quote: MutableQuote, dueMs: number): void {
    const rfq = this.store.rfq(quote.rfqId);
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
      this.store.cancel(quote, 'execution_failed');
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
    this.store.close(rfq, 'executed', quote);
    this.store.emit({
      type: 'quote_executed',
      quote,
      tsMs: dueMs,
      orders: [
        { userId: quote.userId, orderId: orders.maker.orderId, clientOrderId: makerClientOrderId, subaccount: quote.subaccount },
        { userId: rfq.userId, orderId: orders.taker.orderId, clientOrderId: takerClientOrderId, subaccount: rfq.subaccount },
      ],
    });
  }
}

/**
 * The YES price and the maker's book side of an accepted quote. Accepting `yes` takes the maker's
 * YES bid: the maker buys YES at `yes_bid` and the requester sells it (buys NO). Accepting `no`
 * takes the maker's NO bid: the maker buys NO at `no_bid`, i.e. sells YES at 1 − `no_bid`.
 */
export function crossingPrice(quote: Quote, side: OutcomeSide): { price: Dollars; makerSide: 'bid' | 'ask' } {
  return side === 'yes' ? { price: quote.yesBid, makerSide: 'bid' } : { price: complement(quote.noBid), makerSide: 'ask' };
}

/** Contracts of the accepted `side` of a quote. */
export function sideCount(quote: Quote, side: OutcomeSide): Contracts {
  return side === 'yes' ? quote.yesContracts : quote.noContracts;
}
