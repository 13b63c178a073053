/**
 * ExecutionReports(8) from the matching engine's events, for orders entered or managed over FIX:
 * New, Replaced, partial and full Fills, Canceled and Expired, with their running CumQty,
 * LeavesQty and AvgPx. Because they come from the engine's events, an order entered over FIX that
 * a REST or WebSocket-driven order trades against gets its fills here too. Orders entered
 * elsewhere (REST) get reports as well, kept only in the drop copy journal until a FIX session
 * manages them. Doc pages: /fix/order-entry, /fix/drop-copy.
 */
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { type ExecutionReport, FixPriceFormat, formatUtcTimestamp } from '@kalshi-sdk/fix';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { BookSide, EngineEvent, Fill, Order } from '../engine/types.js';
import type { DropCopyJournal, ReportBuilder } from './drop-copy.js';
import type { FixSessionSlot, MockFixLogonFlags } from './fix-acceptor.js';

/** Price format and flags of the reports of an order no FIX session manages (journal only). */
const JOURNAL_PRICES = new FixPriceFormat(true);
const JOURNAL_FLAGS: MockFixLogonFlags = {
  useDollars: true,
  cancelOrdersOnDisconnect: false,
  useExpiredOrdStatus: false,
  enableIocCancelReport: false,
  preserveOriginalOrderQty: false,
  listener: false,
};

/** Sends an application message of `msgType` with `body` on the slot's session. */
export type FixSend = (slot: FixSessionSlot, msgType: string, body: unknown) => void;

/** `T` with its fields writable, to build a message body field by field. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An order and what its reports need; `slot` is the FIX session that entered or manages it, if any. */
export interface OrderLink {
  readonly orderId: string;
  readonly userId: string;
  slot: FixSessionSlot | undefined;
  prices: FixPriceFormat;
  flags: MockFixLogonFlags;
  clOrdId: string;
  readonly symbol: string;
  readonly side: BookSide;
  price: Dollars;
  /** Total quantity ordered, contracts. */
  orderQty: Contracts;
  cum: Contracts;
  leaves: Contracts;
  /** Σ YES price × contracts of the fills, dollars: AvgPx = notional / cum. */
  notional: Dollars;
  readonly immediate: boolean;
  /** ExpireTime(126) of a Day or GTD order, Unix ms. */
  readonly expireMs: number | undefined;
  /** A cancel or cancel/replace the engine was asked for, reported when its first event arrives. */
  pending: { readonly kind: 'cancel' | 'replace'; readonly clOrdId: string; readonly price: Dollars; readonly count: Contracts } | undefined;
}

/** A NewOrderSingle being placed: the engine's first event for it creates its link. */
export interface Placement {
  readonly slot: FixSessionSlot;
  readonly clOrdId: string;
  readonly symbol: string;
  readonly side: BookSide;
  readonly price: Dollars;
  readonly count: Contracts;
  readonly immediate: boolean;
  readonly expireMs: number | undefined;
}

/** The FIX orders of one acceptor and the ExecutionReports the engine's events make of them. */
export class ExecutionReports {
  private readonly links = new Map<string, OrderLink>();
  private readonly placements = new Map<string, Placement>();
  /** Fills of orders entered elsewhere that came before the order's first event (a taker's), by order id. */
  private readonly earlyFills = new Map<string, Fill[]>();
  private execSeq = 0;
  private readonly off: () => void;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly send: FixSend,
    private readonly journal: DropCopyJournal,
  ) {
    this.off = engine.on((event) => this.onEvent(event));
  }

  /** Stops listening to the engine. */
  close(): void {
    this.off();
  }

  /** Runs `place` (which places the order in the engine) with `placement` known, so the order's first event links it. */
  placing(placement: Placement, place: () => void): void {
    const key = `${placement.slot.userId}\0${placement.clOrdId}`;
    this.placements.set(key, placement);
    try {
      place();
    } finally {
      this.placements.delete(key);
    }
  }

  /** The links of the orders entered on the session. */
  sessionLinks(slot: FixSessionSlot): OrderLink[] {
    return [...this.links.values()].filter((link) => link.slot === slot);
  }

  /** The link of a resting order by OrigClOrdID/OrderID; REST-entered orders of the user are adopted. */
  find(slot: FixSessionSlot, clOrdId: string, orderId: string | undefined): OrderLink | undefined {
    const live = slot.live;
    if (live === undefined) return undefined;
    const manage = (link: OrderLink): OrderLink => {
      if (link.slot === undefined) Object.assign(link, { slot, prices: live.prices, flags: live.flags });
      return link;
    };
    if (orderId !== undefined) {
      const byId = this.links.get(orderId);
      if (byId !== undefined && byId.userId === slot.userId) return manage(byId);
    }
    for (const link of this.links.values()) if (link.userId === slot.userId && link.clOrdId === clOrdId) return manage(link);
    const order = this.engine.orders(slot.userId).find((o) => o.status === 'resting' && (o.orderId === orderId || o.clientOrderId === clOrdId));
    if (order === undefined) return undefined;
    return this.linkOf(order.orderId, slot, order.clientOrderId, order, live);
  }

  /** Makes a session manage an order entered elsewhere (an RFQ execution): its later reports go to the session. */
  manage(slot: FixSessionSlot, orderId: string): void {
    const link = this.links.get(orderId);
    const live = slot.live;
    if (link !== undefined && link.slot === undefined && live !== undefined) Object.assign(link, { slot, prices: live.prices, flags: live.flags });
  }

  /** Reports an accepted cancel/replace (ExecType 5) before anything else about the order. */
  flushReplace(link: OrderLink, order: Order | undefined): void {
    const pending = link.pending;
    if (pending?.kind !== 'replace') return;
    link.pending = undefined;
    const orig = link.clOrdId;
    link.clOrdId = pending.clOrdId;
    link.orderQty = pending.count;
    link.price = order?.price ?? pending.price;
    link.cum = order?.filled ?? link.cum;
    link.leaves = order?.remaining ?? (pending.count.gt(link.cum) ? pending.count.minus(link.cum) : Contracts.ZERO);
    this.report(link, '5', this.status(link), () => ({ OrigClOrdID: orig }));
  }

  /** OrdStatus(39) of a live order: New, Partially filled or Filled. */
  status(link: OrderLink): '0' | '1' | '2' {
    if (link.leaves.isZero() && !link.cum.isZero()) return '2';
    return link.cum.isZero() ? '0' : '1';
  }

  /** The next ExecID(17): one sequence for every ExecutionReport of the acceptor, rejects included. */
  nextExecId(): string {
    this.execSeq += 1;
    return String(this.execSeq);
  }

  private onEvent(event: EngineEvent): void {
    if (event.type === 'fill') this.onFill(event.fill);
    else if (event.type === 'order') this.onOrder(event.order);
  }

  private onFill(fill: Fill): void {
    const link = this.links.get(fill.orderId) ?? this.adopt(fill.orderId, fill.userId, fill.clientOrderId, undefined);
    if (link === undefined) {
      // An order entered elsewhere: its order event (which adopts it) follows in the same operation.
      const early = this.earlyFills.get(fill.orderId);
      if (early === undefined) this.earlyFills.set(fill.orderId, [fill]);
      else early.push(fill);
      return;
    }
    this.flushReplace(link, undefined);
    link.cum = link.cum.plus(fill.count);
    link.leaves = link.leaves.gt(fill.count) ? link.leaves.minus(fill.count) : Contracts.ZERO;
    link.notional = link.notional.plus(fill.price.times(fill.count));
    const extra = (prices: FixPriceFormat): Partial<ExecutionReport> => {
      const fields: Partial<Mutable<ExecutionReport>> = {
        LastPx: prices.format(fill.price),
        LastQty: fill.count.toWire(),
        TrdMatchID: fill.tradeId,
        AggressorIndicator: fill.isTaker,
      };
      // Net fees after fee rounding can carry 6 decimals (0.3301 × 0.03 fills): toString, as toWire stops at 4.
      if (!fill.fee.isZero()) fields.NoMiscFees = [{ MiscFeeAmt: fill.fee.toString(), MiscFeeCurr: 'USD', MiscFeeType: '4', MiscFeeBasis: 0 }];
      return fields;
    };
    this.report(link, 'F', link.leaves.isZero() ? '2' : '1', extra);
  }

  private onOrder(order: Order): void {
    const link = this.links.get(order.orderId) ?? this.adopt(order.orderId, order.userId, order.clientOrderId, order);
    if (link === undefined) return;
    this.flushReplace(link, order);
    link.cum = order.filled;
    link.leaves = order.remaining;
    link.price = order.price;
    if (order.status === 'canceled') {
      const pending = link.pending?.kind === 'cancel' ? link.pending : undefined;
      const extra: Partial<Mutable<ExecutionReport>> = {};
      if (pending !== undefined) {
        link.pending = undefined;
        extra.OrigClOrdID = link.clOrdId;
        link.clOrdId = pending.clOrdId;
      }
      const expired = link.flags.useExpiredOrdStatus && order.lastUpdateReason === 'ExpiryCancel';
      // Kalshi reports the rest of a partly filled IOC only with EnableIocCancelReport.
      const quiet = pending === undefined && link.immediate && !link.cum.isZero() && !link.flags.enableIocCancelReport;
      if (!quiet) this.report(link, expired ? 'C' : '4', expired ? 'C' : '4', () => extra);
      this.links.delete(order.orderId);
    } else if (order.status === 'executed') {
      this.links.delete(order.orderId);
    }
  }

  /**
   * First engine event of an order: its link (for the journal only unless placed over FIX), and
   * its New report. An order entered elsewhere is adopted from its first order event (`order`),
   * with the fills that came before it; no engine call is made here (events arrive inside an
   * engine operation).
   */
  private adopt(orderId: string, userId: string, clientOrderId: string, order: Order | undefined): OrderLink | undefined {
    const placement = this.placements.get(`${userId}\0${clientOrderId}`);
    const live = placement?.slot.live;
    if (placement === undefined || live === undefined) return order === undefined ? undefined : this.adoptForeign(order);
    const link: OrderLink = {
      orderId,
      userId,
      slot: placement.slot,
      prices: live.prices,
      flags: live.flags,
      clOrdId: placement.clOrdId,
      symbol: placement.symbol,
      side: placement.side,
      price: placement.price,
      orderQty: placement.count,
      cum: Contracts.ZERO,
      leaves: placement.count,
      notional: Dollars.ZERO,
      immediate: placement.immediate,
      expireMs: placement.expireMs,
      pending: undefined,
    };
    this.links.set(orderId, link);
    this.report(link, '0', '0');
    return link;
  }

  /** A journal-only link for an order entered elsewhere (REST, RFQ execution), with its New report and any earlier fills. */
  private adoptForeign(order: Order): OrderLink {
    const link: OrderLink = {
      orderId: order.orderId,
      userId: order.userId,
      slot: undefined,
      prices: JOURNAL_PRICES,
      flags: JOURNAL_FLAGS,
      clOrdId: order.clientOrderId,
      symbol: order.ticker,
      side: order.side,
      price: order.price,
      orderQty: order.initialCount,
      cum: Contracts.ZERO,
      leaves: order.initialCount,
      notional: Dollars.ZERO,
      immediate: order.timeInForce !== 'good_till_canceled',
      expireMs: order.expirationMs,
      pending: undefined,
    };
    this.links.set(order.orderId, link);
    this.report(link, '0', '0');
    const early = this.earlyFills.get(order.orderId);
    this.earlyFills.delete(order.orderId);
    for (const fill of early ?? []) this.onFill(fill);
    return link;
  }

  /** A link for an order entered elsewhere (REST) that a FIX session now manages. */
  private linkOf(orderId: string, slot: FixSessionSlot, clOrdId: string, order: Order, live: NonNullable<FixSessionSlot['live']>): OrderLink {
    const link: OrderLink = {
      orderId,
      userId: slot.userId,
      slot,
      prices: live.prices,
      flags: live.flags,
      clOrdId,
      symbol: order.ticker,
      side: order.side,
      price: order.price,
      orderQty: order.initialCount,
      cum: order.filled,
      leaves: order.remaining,
      notional: order.price.times(order.filled),
      immediate: order.timeInForce !== 'good_till_canceled',
      expireMs: order.expirationMs,
      pending: undefined,
    };
    this.links.set(orderId, link);
    return link;
  }

  /**
   * Journals the report for drop copy and sends it on the managing session, if any. `extra`
   * gets the price format of the session the report is written for.
   */
  private report(
    link: OrderLink,
    execType: ExecutionReport['ExecType'],
    ordStatus: ExecutionReport['OrdStatus'],
    extra: (prices: FixPriceFormat) => Partial<ExecutionReport> = () => ({}),
  ): void {
    const orderQty = link.flags.preserveOriginalOrderQty ? link.orderQty : link.cum.plus(link.leaves);
    const execId = this.nextExecId();
    const { orderId, clOrdId, side, symbol, leaves, cum, notional, price, expireMs } = link;
    const transactTime = formatUtcTimestamp(this.engine.now());
    const build: ReportBuilder = (prices) => ({
      OrderID: orderId,
      ClOrdID: clOrdId,
      ExecID: execId,
      ExecType: execType,
      OrdStatus: ordStatus,
      Side: side === 'bid' ? '1' : '2',
      Symbol: symbol,
      LeavesQty: execType === '4' || execType === 'C' ? '0.00' : leaves.toWire(),
      CumQty: cum.toWire(),
      AvgPx: cum.isZero() ? '0' : prices.format(average(notional, cum)),
      OrderQty: orderQty.toWire(),
      Price: prices.format(price),
      TransactTime: transactTime,
      ...(expireMs === undefined ? {} : { ExpireTime: formatUtcTimestamp(expireMs) }),
      ...extra(prices),
    });
    this.journal.record(link.userId, link.orderId, Number(execId), build);
    if (link.slot !== undefined) this.send(link.slot, '8', build(link.prices));
  }
}

/** `notional / count`, exact to the centi-cent (1/10,000 dollar), ties to even. */
function average(notional: Dollars, count: Contracts): Dollars {
  const [int = '0', frac = ''] = notional.toString().split('.');
  const micro = BigInt(int + frac.padEnd(6, '0').slice(0, 6));
  const hundredths = count.toHundredths();
  // micro-dollars / hundredths of a contract = centi-cents per contract.
  let q = micro / hundredths;
  const r = micro % hundredths;
  if (2n * r > hundredths || (2n * r === hundredths && q % 2n === 1n)) q += 1n;
  return Dollars.fromCentiCents(q);
}
