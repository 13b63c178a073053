/**
 * Per-order state built from what the client sent and the ExecutionReports (35=8) and
 * OrderCancelRejects (35=9) Kalshi sent back, found by ClOrdID(11) (every one the order had) or
 * OrderID(37). Doc page: /fix/order-entry (Execution Report).
 */
import { type AveragePrice, Contracts, type Dollars } from '@kalshi-sdk/fixed-point';
import type { FixMessageOf } from '../codec/message.js';
import { ExecType, OrdStatus, Side } from '../generated/enums.js';

/** OrdStatus(39) by name: `'new'`, `'partially_filled'`, `'filled'`, `'canceled'`, `'pending_cancel'`, `'rejected'`, `'pending_new'`, `'expired'`, `'pending_replace'`. */
export type FixOrdStatus = Lowercase<keyof typeof OrdStatus>;
/** ExecType(150) by name: `'new'`, `'trade'`, `'canceled'`, `'replaced'`, `'rejected'`, `'expired'`, `'pending_*'`. */
export type FixExecType = Lowercase<keyof typeof ExecType>;
/** Side(54): `'bid'` is 1 (buy YES at the price), `'ask'` is 2 (sell YES at the price, i.e. buy NO at 1 − price). */
export type FixSide = 'bid' | 'ask';

function names<T extends Record<string, string>>(values: T): ReadonlyMap<string, Lowercase<keyof T & string>> {
  return new Map(Object.entries(values).map(([name, wire]) => [wire, name.toLowerCase() as Lowercase<keyof T & string>]));
}

const ORD_STATUS_NAMES = names(OrdStatus);
const EXEC_TYPE_NAMES = names(ExecType);
const TERMINAL: ReadonlySet<FixOrdStatus> = new Set<FixOrdStatus>(['filled', 'canceled', 'rejected', 'expired']);

/** OrdStatus(39) wire value → name; undefined for a value the dictionary lacks. */
export function ordStatusName(wire: string): FixOrdStatus | undefined {
  return ORD_STATUS_NAMES.get(wire);
}

/** ExecType(150) wire value → name. */
export function execTypeName(wire: string): FixExecType | undefined {
  return EXEC_TYPE_NAMES.get(wire);
}

/** `'bid'` → Side 1, `'ask'` → Side 2. */
export function sideToWire(side: FixSide): Side {
  return side === 'bid' ? Side.BUY_YES : Side.SELL_NO;
}

/** Side(54) → `'bid'` / `'ask'`. */
export function sideFromWire(side: Side): FixSide {
  return side === Side.BUY_YES ? 'bid' : 'ask';
}

/** What the client knows about one order. Prices are YES prices in dollars; counts are contracts. */
export interface FixOrder {
  /** ClOrdID(11) of the last accepted request on the order (or of the pending one before its answer). */
  readonly clOrdId: string;
  /** Earlier ClOrdIDs of the order, oldest first. */
  readonly origClOrdIds: readonly string[];
  /** OrderID(37), once Kalshi acknowledged the order. */
  readonly orderId: string | undefined;
  readonly symbol: string;
  readonly side: FixSide;
  /** `'pending_new'` from sending until the first ExecutionReport. */
  readonly status: FixOrdStatus;
  readonly price: Dollars | undefined;
  /** OrderQty(38) as last reported. */
  readonly orderQty: Contracts;
  readonly cumQty: Contracts;
  readonly leavesQty: Contracts;
  /**
   * AvgPx(6) of the fills so far, in dollars, every decimal kept (an average of cent prices such as
   * 55.2619…¢ is not a wire price: `avgPx.round(4, 'half-even')` for a `Dollars`); undefined before the
   * first report.
   */
  readonly avgPx: AveragePrice | undefined;
  /** A cancel or replace sent and not answered yet. */
  readonly pendingRequest: { readonly kind: 'cancel' | 'replace'; readonly clOrdId: string } | undefined;
  /** Text(58) of the last report or reject that carried one. */
  readonly text: string | undefined;
  /** True once filled, canceled, rejected or expired. */
  readonly done: boolean;
}

/** An ExecutionReport(8) with its fields typed and the order state after it. */
export interface FixExecutionReport {
  readonly message: FixMessageOf<'8'>;
  readonly orderId: string;
  readonly clOrdId: string;
  readonly origClOrdId: string | undefined;
  /** ExecID(17): unique per report. */
  readonly execId: string;
  readonly execType: FixExecType;
  readonly ordStatus: FixOrdStatus;
  readonly symbol: string;
  readonly side: FixSide;
  readonly orderQty: Contracts;
  readonly cumQty: Contracts;
  readonly leavesQty: Contracts;
  /** LastQty(32): contracts of this fill (trade reports). */
  readonly lastQty: Contracts | undefined;
  /** AvgPx(6): average price of the fills so far, dollars, exact (`toString()`; `round(4, mode)` for `Dollars`). */
  readonly avgPx: AveragePrice;
  readonly price: Dollars | undefined;
  /** LastPx(31): YES price of this fill, dollars. */
  readonly lastPx: Dollars | undefined;
  /** TransactTime(60), Unix ms. */
  readonly transactTimeMs: number | undefined;
  readonly ordRejReason: number | undefined;
  readonly text: string | undefined;
  /** PossDupFlag(43): a resend of an earlier message. */
  readonly possDup: boolean;
  /** The ExecID was already applied to this order (a resend): the state did not change again. */
  readonly duplicate: boolean;
  /** The order after this report. */
  readonly order: FixOrder;
}

/** The fields of a report that change an order, as the tracker applies them. */
export type FixReportFields = Omit<FixExecutionReport, 'message' | 'duplicate' | 'order' | 'possDup' | 'execType' | 'transactTimeMs' | 'ordRejReason' | 'lastQty' | 'lastPx'> & {
  readonly execType: FixExecType;
};

interface Entry {
  clOrdId: string;
  origClOrdIds: string[];
  orderId: string | undefined;
  symbol: string;
  side: FixSide;
  status: FixOrdStatus;
  price: Dollars | undefined;
  orderQty: Contracts;
  cumQty: Contracts;
  leavesQty: Contracts;
  avgPx: AveragePrice | undefined;
  pendingRequest: { kind: 'cancel' | 'replace'; clOrdId: string } | undefined;
  text: string | undefined;
  execIds: Set<string>;
  /** MsgSeqNums of requests on this order not answered yet (for Reject / BusinessMessageReject). */
  seqNums: number[];
}

/** Order state by ClOrdID and OrderID, with finished orders pruned beyond a bound. */
export class FixOrderTracker {
  private readonly byId = new Map<string, Entry>();
  private readonly bySeqNum = new Map<number, Entry>();
  private readonly finished = new Set<Entry>();

  /** @param maxFinished finished orders kept for lookups before the oldest are forgotten. */
  constructor(private readonly maxFinished = 10_000) {}

  /** Records a NewOrderSingle(D) just sent as MsgSeqNum `seqNum`. */
  submitted(order: { clOrdId: string; symbol: string; side: FixSide; price: Dollars; orderQty: Contracts }, seqNum: number): FixOrder {
    const entry: Entry = {
      clOrdId: order.clOrdId,
      origClOrdIds: [],
      orderId: undefined,
      symbol: order.symbol,
      side: order.side,
      status: 'pending_new',
      price: order.price,
      orderQty: order.orderQty,
      cumQty: Contracts.ZERO,
      leavesQty: order.orderQty,
      avgPx: undefined,
      pendingRequest: undefined,
      text: undefined,
      execIds: new Set(),
      seqNums: [seqNum],
    };
    this.byId.set(`c:${order.clOrdId}`, entry);
    this.bySeqNum.set(seqNum, entry);
    return snapshot(entry);
  }

  /** Records a cancel (F) or cancel/replace (G) sent for a known order. */
  requested(id: string, kind: 'cancel' | 'replace', clOrdId: string, seqNum: number): FixOrder | undefined {
    const entry = this.entry(id);
    if (entry === undefined) return undefined;
    entry.pendingRequest = { kind, clOrdId };
    this.byId.set(`c:${clOrdId}`, entry);
    this.bySeqNum.set(seqNum, entry);
    entry.seqNums.push(seqNum);
    return snapshot(entry);
  }

  /** The order with this ClOrdID (current or earlier) or OrderID. */
  get(id: string): FixOrder | undefined {
    const entry = this.entry(id);
    return entry === undefined ? undefined : snapshot(entry);
  }

  /** Orders not finished yet. */
  open(): FixOrder[] {
    const seen = new Set<Entry>();
    for (const entry of this.byId.values()) if (!TERMINAL.has(entry.status)) seen.add(entry);
    return [...seen].map(snapshot);
  }

  /** Applies an ExecutionReport; a report for an order the client never saw starts tracking it. */
  report(fields: FixReportFields): { order: FixOrder; duplicate: boolean } {
    let entry = this.byId.get(`o:${fields.orderId}`) ?? this.byId.get(`c:${fields.clOrdId}`);
    if (entry === undefined && fields.origClOrdId !== undefined) entry = this.byId.get(`c:${fields.origClOrdId}`);
    if (entry === undefined) {
      entry = {
        clOrdId: fields.clOrdId,
        origClOrdIds: [],
        orderId: fields.orderId,
        symbol: fields.symbol,
        side: fields.side,
        status: fields.ordStatus,
        price: fields.price,
        orderQty: fields.orderQty,
        cumQty: fields.cumQty,
        leavesQty: fields.leavesQty,
        avgPx: fields.avgPx,
        pendingRequest: undefined,
        text: undefined,
        execIds: new Set(),
        seqNums: [],
      };
      this.byId.set(`c:${fields.clOrdId}`, entry);
    }
    // Pending reports share ExecID "-1;-1" on Kalshi: only real ExecIDs identify a resend.
    const real = !fields.execId.startsWith('-1');
    if (real && entry.execIds.has(fields.execId)) return { order: snapshot(entry), duplicate: true };
    if (real) entry.execIds.add(fields.execId);
    if (fields.execType !== 'trade') this.answered(entry);
    if (fields.orderId !== '' && entry.orderId === undefined) {
      entry.orderId = fields.orderId;
      this.byId.set(`o:${fields.orderId}`, entry);
    }
    if (fields.clOrdId !== entry.clOrdId && fields.execType !== 'trade') {
      entry.origClOrdIds.push(entry.clOrdId);
      entry.clOrdId = fields.clOrdId;
      this.byId.set(`c:${fields.clOrdId}`, entry);
    }
    if (entry.pendingRequest !== undefined && entry.pendingRequest.clOrdId === fields.clOrdId && !fields.execType.startsWith('pending')) {
      entry.pendingRequest = undefined;
    }
    entry.status = fields.ordStatus;
    entry.orderQty = fields.orderQty;
    entry.cumQty = fields.cumQty;
    entry.leavesQty = fields.leavesQty;
    entry.avgPx = fields.avgPx;
    if (fields.price !== undefined) entry.price = fields.price;
    if (fields.text !== undefined) entry.text = fields.text;
    this.settle(entry);
    return { order: snapshot(entry), duplicate: false };
  }

  /** Applies an OrderCancelReject(9): the pending request is over, the status is Kalshi's. */
  cancelRejected(message: FixMessageOf<'9'>): FixOrder | undefined {
    const body = message.body;
    const entry = this.entry(body.ClOrdID) ?? (body.OrigClOrdID === undefined ? undefined : this.entry(body.OrigClOrdID)) ?? this.entry(body.OrderID);
    if (entry === undefined) return undefined;
    entry.pendingRequest = undefined;
    this.answered(entry);
    const status = ordStatusName(body.OrdStatus);
    if (status !== undefined) entry.status = status;
    if (body.Text !== undefined) entry.text = body.Text;
    this.settle(entry);
    return snapshot(entry);
  }

  /** A request (MsgSeqNum `seqNum`) refused by Reject(3) or BusinessMessageReject(j): a new order is rejected, a cancel or replace just ends. */
  requestRefused(seqNum: number, text: string | undefined): FixOrder | undefined {
    const entry = this.bySeqNum.get(seqNum);
    if (entry === undefined) return undefined;
    this.bySeqNum.delete(seqNum);
    entry.seqNums = entry.seqNums.filter((n) => n !== seqNum);
    if (entry.pendingRequest !== undefined) entry.pendingRequest = undefined;
    else if (entry.status === 'pending_new') entry.status = 'rejected';
    if (text !== undefined) entry.text = text;
    this.settle(entry);
    return snapshot(entry);
  }

  /** The order got an answer: requests on it can no longer be refused by sequence number. */
  private answered(entry: Entry): void {
    for (const n of entry.seqNums) this.bySeqNum.delete(n);
    entry.seqNums = [];
  }

  private entry(id: string): Entry | undefined {
    return this.byId.get(`c:${id}`) ?? this.byId.get(`o:${id}`);
  }

  /** Files a finished order for pruning; drops the oldest finished ones beyond the bound. */
  private settle(entry: Entry): void {
    if (!TERMINAL.has(entry.status) || this.finished.has(entry)) return;
    this.finished.add(entry);
    if (this.finished.size <= this.maxFinished) return;
    const oldest = this.finished.values().next().value as Entry;
    this.finished.delete(oldest);
    for (const [key, value] of this.byId) if (value === oldest) this.byId.delete(key);
    this.answered(oldest);
  }
}

function snapshot(entry: Entry): FixOrder {
  return {
    clOrdId: entry.clOrdId,
    origClOrdIds: [...entry.origClOrdIds],
    orderId: entry.orderId,
    symbol: entry.symbol,
    side: entry.side,
    status: entry.status,
    price: entry.price,
    orderQty: entry.orderQty,
    cumQty: entry.cumQty,
    leavesQty: entry.leavesQty,
    avgPx: entry.avgPx,
    pendingRequest: entry.pendingRequest === undefined ? undefined : { ...entry.pendingRequest },
    text: entry.text,
    done: TERMINAL.has(entry.status),
  };
}
