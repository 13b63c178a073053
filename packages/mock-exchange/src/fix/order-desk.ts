/**
 * Order entry over FIX against the matching engine: NewOrderSingle(D), OrderCancelRequest(F),
 * OrderCancelReplaceRequest(G), OrderMassCancelRequest(q) and OrderGroupRequest(UOG) in, and
 * ExecutionReport(8), OrderCancelReject(9), OrderMassCancelReport(r), OrderGroupResponse(UOH) and
 * BusinessMessageReject(j) out. ExecutionReports come from the engine's events, so an order
 * entered over FIX that a REST or WebSocket-driven order trades against gets its fills here too.
 * Doc page: /fix/order-entry.
 */
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { type ExecutionReport, type FixMessage, type FixMessageOf, type FixPriceFormat, formatUtcTimestamp, parseQuantity, parseUtcTimestamp } from '@kalshi-sdk/fix';
import { MockExchangeError } from '../errors.js';
import type { MatchingEngine, PlaceOrderInput } from '../engine/matching-engine.js';
import type { BookSide, EngineEvent, Fill, Order, TimeInForce } from '../engine/types.js';
import { endOfEasternDayMs } from './eastern-day.js';
import type { FixSessionSlot, MockFixLogonFlags } from './fix-acceptor.js';
import { LISTENER_REFUSED, sessionRule } from './session-rules.js';

type Send = (slot: FixSessionSlot, msgType: string, body: unknown) => void;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A FIX-entered (or FIX-managed) order and what its reports need. */
interface Link {
  readonly orderId: string;
  readonly userId: string;
  readonly slot: FixSessionSlot;
  readonly prices: FixPriceFormat;
  readonly flags: MockFixLogonFlags;
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
  pending: { readonly kind: 'cancel' | 'replace'; readonly clOrdId: string; readonly price: Dollars; readonly count: Contracts } | undefined;
}

/** A NewOrderSingle being placed: the engine's first event for it creates its link. */
interface Placement {
  readonly slot: FixSessionSlot;
  readonly clOrdId: string;
  readonly symbol: string;
  readonly side: BookSide;
  readonly price: Dollars;
  readonly count: Contracts;
  readonly immediate: boolean;
  readonly expireMs: number | undefined;
}

/** TimeInForce(59) → the engine's; Day (0) and GTD (6) rest with an expiration time. Doc page: /fix/order-entry. */
const TIME_IN_FORCE: Readonly<Record<string, TimeInForce>> = {
  '0': 'good_till_canceled',
  '1': 'good_till_canceled',
  '3': 'immediate_or_cancel',
  '4': 'fill_or_kill',
  '6': 'good_till_canceled',
};
/** Highest AllocAccount(79) on FIX (/fix/order-entry: "Subaccount number (0–32)"). */
const MAX_FIX_SUBACCOUNT = 32;
/** BusinessRejectReason(380) values used. Doc page: /fix/error-handling. */
const UNSUPPORTED_MESSAGE_TYPE = 3;
const NOT_AUTHORIZED = 6;
/** OrdRejReason(103) by engine error code. */
const ORD_REJ_REASON: Readonly<Partial<Record<string, number>>> = {
  MARKET_NOT_FOUND: 1,
  MARKET_NOT_OPEN: 2,
  TRADING_PAUSED: 2,
  INSUFFICIENT_BALANCE: 3,
  ORDER_GROUP_TRIGGERED: 3,
  DUPLICATE_CLIENT_ORDER_ID: 6,
  INVALID_ORDER: 11,
  POST_ONLY_CROSS: 11,
  REDUCE_ONLY_REQUIRES_IOC: 11,
};

/** Routes one user's FIX order messages into the engine and the engine's events back as reports. */
export class FixOrderDesk {
  private readonly links = new Map<string, Link>();
  private readonly placements = new Map<string, Placement>();
  private execSeq = 0;
  private readonly off: () => void;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly send: Send,
  ) {
    this.off = engine.on((event) => this.onEvent(event));
  }

  /** Stops listening to the engine. */
  close(): void {
    this.off();
  }

  /** Handles an application message from a logged-on session. */
  handle(slot: FixSessionSlot, message: FixMessage): void {
    if (slot.live?.flags.listener === true && LISTENER_REFUSED.has(message.msgType)) {
      // /fix/listener-sessions: read-only; /fix/error-handling: listener restrictions are BusinessMessageRejects.
      this.businessReject(slot, message, NOT_AUTHORIZED, 'listener sessions are read-only');
      return;
    }
    switch (message.msgType) {
      case 'D':
        this.newOrder(slot, message);
        return;
      case 'F':
        this.cancel(slot, message);
        return;
      case 'G':
        this.replace(slot, message);
        return;
      case 'q':
        this.massCancel(slot, message);
        return;
      case 'UOG':
        this.orderGroup(slot, message);
        return;
      default:
        this.businessReject(slot, message, 3, `MsgType ${message.msgType} is not simulated`);
    }
  }

  /** Cancels every resting order entered on the session (CancelOrdersOnDisconnect). */
  cancelSessionOrders(slot: FixSessionSlot): void {
    for (const link of [...this.links.values()]) {
      if (link.slot !== slot) continue;
      try {
        this.engine.cancelOrder(link.userId, link.orderId);
      } catch {
        // Already done; nothing to cancel.
      }
    }
  }

  // ------------------------------------------------------------------ requests

  private newOrder(slot: FixSessionSlot, message: FixMessageOf<'D'>): void {
    const b = message.body;
    const live = slot.live;
    if (live === undefined) return;
    const reject = (reason: number, text: string) =>
      this.send(slot, '8', {
        OrderID: 'NONE',
        ClOrdID: b.ClOrdID,
        ExecID: this.nextExecId(),
        ExecType: '8',
        OrdStatus: '8',
        Side: b.Side,
        Symbol: b.Symbol,
        LeavesQty: '0',
        CumQty: '0',
        AvgPx: '0',
        OrderQty: b.OrderQty,
        OrdRejReason: reason,
        Text: text,
        TransactTime: this.now(),
      });
    let price: Dollars;
    let count: Contracts;
    try {
      price = live.prices.parse(b.Price, 'Price');
      count = parseQuantity(b.OrderQty, 'OrderQty');
    } catch {
      reject(13, 'price or quantity does not parse');
      return;
    }
    const tif = b.TimeInForce ?? '1';
    const timeInForce = TIME_IN_FORCE[tif];
    if (timeInForce === undefined) {
      reject(11, `TimeInForce ${tif} is not simulated`);
      return;
    }
    if (tif === '6' && b.ExpireTime === undefined) {
      reject(11, 'ExpireTime is required with TimeInForce GTD');
      return;
    }
    if (b.AllocAccount !== undefined && b.AllocAccount > MAX_FIX_SUBACCOUNT) {
      reject(15, 'CUSTOMER_ACCOUNT_NOT_FOUND');
      return;
    }
    const side: BookSide = b.Side === '1' ? 'bid' : 'ask';
    const orderGroupId = b.SecondaryClOrdID ?? b.OrderGroupID;
    const input: Mutable<PlaceOrderInput> = {
      ticker: b.Symbol,
      side,
      price,
      count,
      timeInForce,
      selfTradePrevention: b.SelfTradePreventionType === 2 ? 'maker' : 'taker_at_cross',
      clientOrderId: b.ClOrdID,
      postOnly: b.ExecInst?.includes('6') === true,
    };
    if (orderGroupId !== undefined) input.orderGroupId = orderGroupId;
    if (b.CancelOrderOnPause !== undefined) input.cancelOnPause = b.CancelOrderOnPause;
    if (b.AllocAccount !== undefined) input.subaccount = b.AllocAccount;
    // The decoder has already refused an ExpireTime that names no real date.
    if (tif === '6' && b.ExpireTime !== undefined) input.expirationMs = parseUtcTimestamp(b.ExpireTime);
    // /fix/order-entry: Day "expires 11:59:59.999pm ET".
    if (tif === '0') input.expirationMs = endOfEasternDayMs(this.engine.now());
    const key = `${slot.userId}\0${b.ClOrdID}`;
    this.placements.set(key, { slot, clOrdId: b.ClOrdID, symbol: b.Symbol, side, price, count, immediate: timeInForce !== 'good_till_canceled', expireMs: input.expirationMs });
    try {
      this.engine.placeOrder(slot.userId, input);
    } catch (error) {
      const code = error instanceof MockExchangeError ? error.code : 'INVALID_ORDER';
      reject(ORD_REJ_REASON[code] ?? 99, code);
    } finally {
      this.placements.delete(key);
    }
  }

  private cancel(slot: FixSessionSlot, message: FixMessageOf<'F'>): void {
    const b = message.body;
    const link = this.find(slot, b.OrigClOrdID, b.OrderID);
    if (link === undefined) {
      this.cancelReject(slot, message, '1', 1, 'unknown order');
      return;
    }
    link.pending = { kind: 'cancel', clOrdId: b.ClOrdID, price: link.price, count: link.orderQty };
    try {
      this.engine.cancelOrder(slot.userId, link.orderId);
    } catch (error) {
      link.pending = undefined;
      const code = error instanceof MockExchangeError ? error.code : 'ORDER_NOT_FOUND';
      this.cancelReject(slot, message, '1', code === 'ORDER_NOT_RESTING' ? 0 : 1, code, link);
    }
  }

  private replace(slot: FixSessionSlot, message: FixMessageOf<'G'>): void {
    const b = message.body;
    const link = this.find(slot, b.OrigClOrdID, b.OrderID);
    if (link === undefined) {
      this.cancelReject(slot, message, '2', 1, 'unknown order');
      return;
    }
    let price: Dollars;
    let count: Contracts;
    try {
      price = b.Price === undefined ? link.price : link.prices.parse(b.Price, 'Price');
      count = parseQuantity(b.OrderQty, 'OrderQty');
    } catch {
      this.cancelReject(slot, message, '2', 99, 'price or quantity does not parse', link);
      return;
    }
    link.pending = { kind: 'replace', clOrdId: b.ClOrdID, price, count };
    try {
      this.engine.amendOrder(slot.userId, link.orderId, { ticker: link.symbol, side: link.side, price, count, updatedClientOrderId: b.ClOrdID });
      this.flushReplace(link, undefined);
    } catch (error) {
      link.pending = undefined;
      const code = error instanceof MockExchangeError ? error.code : 'INVALID_ORDER';
      this.cancelReject(slot, message, '2', code === 'ORDER_NOT_RESTING' ? 0 : code === 'INVALID_PRICE' ? 18 : 99, code, link);
    }
  }

  private massCancel(slot: FixSessionSlot, message: FixMessageOf<'q'>): void {
    if (sessionRule(slot.target)?.massCancel !== true) {
      // /fix/order-entry: "Only available on KalshiNR"; how Kalshi refuses it elsewhere is not documented.
      this.businessReject(slot, message, UNSUPPORTED_MESSAGE_TYPE, `OrderMassCancelRequest is only available on KalshiNR`);
      return;
    }
    this.cancelSessionOrders(slot);
    this.send(slot, 'r', { ClOrdID: message.body.ClOrdID, OrderID: message.body.ClOrdID, MassCancelResponse: '6' });
  }

  private orderGroup(slot: FixSessionSlot, message: FixMessageOf<'UOG'>): void {
    const b = message.body;
    const userId = slot.userId;
    const limit = b.OrderGroupContractsLimit;
    const id = b.OrderGroupID;
    const needs = (present: boolean, field: string): boolean => {
      if (!present) this.businessReject(slot, message, 5, `${field} is required for OrderGroupAction ${b.OrderGroupAction}`);
      return present;
    };
    try {
      switch (b.OrderGroupAction) {
        case 1: {
          if (!needs(limit !== undefined, 'OrderGroupContractsLimit')) return;
          const group = this.engine.createOrderGroup(userId, { limit: Contracts.fromWhole(limit as number), subaccount: b.AllocAccount ?? 0 });
          this.send(slot, 'UOH', { OrderGroupID: group.groupId, OrderGroupContractsLimit: limit, ...(b.AllocAccount === undefined ? {} : { AllocAccount: b.AllocAccount }) });
          return;
        }
        case 5:
          if (!needs(id !== undefined && limit !== undefined, 'OrderGroupID and OrderGroupContractsLimit')) return;
          this.engine.updateOrderGroupLimit(userId, id as string, Contracts.fromWhole(limit as number));
          break;
        default:
          if (!needs(id !== undefined, 'OrderGroupID')) return;
          if (b.OrderGroupAction === 2) this.engine.resetOrderGroup(userId, id as string);
          else if (b.OrderGroupAction === 3) this.engine.deleteOrderGroup(userId, id as string);
          else this.engine.triggerOrderGroup(userId, id as string);
      }
      this.send(slot, 'UOH', {
        OrderGroupID: id,
        ...(limit === undefined ? {} : { OrderGroupContractsLimit: limit }),
        ...(b.AllocAccount === undefined ? {} : { AllocAccount: b.AllocAccount }),
      });
    } catch (error) {
      const code = error instanceof MockExchangeError ? error.code : 'INVALID_PARAMETER';
      this.businessReject(slot, message, code === 'ORDER_GROUP_NOT_FOUND' ? 1 : 0, code);
    }
  }

  private cancelReject(slot: FixSessionSlot, message: FixMessageOf<'F' | 'G'>, responseTo: '1' | '2', reason: number, text: string, link?: Link): void {
    const b = message.body;
    this.send(slot, '9', {
      OrderID: b.OrderID ?? link?.orderId ?? 'NONE',
      ClOrdID: b.ClOrdID,
      OrigClOrdID: b.OrigClOrdID,
      OrdStatus: link === undefined ? '8' : this.status(link),
      CxlRejResponseTo: responseTo,
      CxlRejReason: reason,
      Text: text,
    });
  }

  private businessReject(slot: FixSessionSlot, message: FixMessage, reason: number, text: string): void {
    this.send(slot, 'j', { RefSeqNum: message.header.MsgSeqNum, RefMsgType: message.msgType, BusinessRejectReason: reason, Text: text });
  }

  /** The link of a resting order by OrigClOrdID/OrderID; REST-entered orders of the user are adopted. */
  private find(slot: FixSessionSlot, clOrdId: string, orderId: string | undefined): Link | undefined {
    if (orderId !== undefined) {
      const byId = this.links.get(orderId);
      if (byId !== undefined && byId.userId === slot.userId) return byId;
    }
    for (const link of this.links.values()) if (link.userId === slot.userId && link.clOrdId === clOrdId) return link;
    const live = slot.live;
    if (live === undefined) return undefined;
    const order = this.engine.orders(slot.userId).find((o) => o.status === 'resting' && (o.orderId === orderId || o.clientOrderId === clOrdId));
    if (order === undefined) return undefined;
    const link = this.linkOf(order.orderId, slot, order.clientOrderId, order, live);
    return link;
  }

  // ------------------------------------------------------------------ engine events

  private onEvent(event: EngineEvent): void {
    if (event.type === 'fill') this.onFill(event.fill);
    else if (event.type === 'order') this.onOrder(event.order);
  }

  private onFill(fill: Fill): void {
    const link = this.links.get(fill.orderId) ?? this.adopt(fill.orderId, fill.userId, fill.clientOrderId);
    if (link === undefined) return;
    this.flushReplace(link, undefined);
    link.cum = link.cum.add(fill.count);
    link.leaves = link.leaves.gt(fill.count) ? link.leaves.sub(fill.count) : Contracts.ZERO;
    link.notional = link.notional.add(fill.price.times(fill.count));
    const extra: Partial<Mutable<ExecutionReport>> = {
      LastPx: link.prices.format(fill.price),
      LastQty: fill.count.toWire(),
      TrdMatchID: fill.tradeId,
      AggressorIndicator: fill.isTaker,
    };
    // Net fees after fee rounding can carry 6 decimals (0.3301 × 0.03 fills): toString, as toWire stops at 4.
    if (!fill.fee.isZero()) extra.NoMiscFees = [{ MiscFeeAmt: fill.fee.toString(), MiscFeeCurr: 'USD', MiscFeeType: '4', MiscFeeBasis: 0 }];
    this.report(link, 'F', link.leaves.isZero() ? '2' : '1', extra);
  }

  private onOrder(order: Order): void {
    const link = this.links.get(order.orderId) ?? this.adopt(order.orderId, order.userId, order.clientOrderId);
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
      if (!quiet) this.report(link, expired ? 'C' : '4', expired ? 'C' : '4', extra);
      this.links.delete(order.orderId);
    } else if (order.status === 'executed') {
      this.links.delete(order.orderId);
    }
  }

  /** First engine event of an order being placed over FIX: its link, and its New report. */
  private adopt(orderId: string, userId: string, clientOrderId: string): Link | undefined {
    const placement = this.placements.get(`${userId}\0${clientOrderId}`);
    const live = placement?.slot.live;
    if (placement === undefined || live === undefined) return undefined;
    const link: Link = {
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

  /** A link for an order entered elsewhere (REST) that a FIX session now manages. */
  private linkOf(orderId: string, slot: FixSessionSlot, clOrdId: string, order: Order, live: NonNullable<FixSessionSlot['live']>): Link {
    const link: Link = {
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

  /** Reports an accepted cancel/replace (ExecType 5) before anything else about the order. */
  private flushReplace(link: Link, order: Order | undefined): void {
    const pending = link.pending;
    if (pending?.kind !== 'replace') return;
    link.pending = undefined;
    const orig = link.clOrdId;
    link.clOrdId = pending.clOrdId;
    link.orderQty = pending.count;
    link.price = order?.price ?? pending.price;
    link.cum = order?.filled ?? link.cum;
    link.leaves = order?.remaining ?? (pending.count.gt(link.cum) ? pending.count.sub(link.cum) : Contracts.ZERO);
    this.report(link, '5', this.status(link), { OrigClOrdID: orig });
  }

  // ------------------------------------------------------------------ reports

  private status(link: Link): '0' | '1' | '2' {
    if (link.leaves.isZero() && !link.cum.isZero()) return '2';
    return link.cum.isZero() ? '0' : '1';
  }

  private report(link: Link, execType: ExecutionReport['ExecType'], ordStatus: ExecutionReport['OrdStatus'], extra: Partial<ExecutionReport> = {}): void {
    const orderQty = link.flags.preserveOriginalOrderQty ? link.orderQty : link.cum.add(link.leaves);
    const body: ExecutionReport = {
      OrderID: link.orderId,
      ClOrdID: link.clOrdId,
      ExecID: this.nextExecId(),
      ExecType: execType,
      OrdStatus: ordStatus,
      Side: link.side === 'bid' ? '1' : '2',
      Symbol: link.symbol,
      LeavesQty: execType === '4' || execType === 'C' ? '0.00' : link.leaves.toWire(),
      CumQty: link.cum.toWire(),
      AvgPx: link.cum.isZero() ? '0' : link.prices.format(average(link.notional, link.cum)),
      OrderQty: orderQty.toWire(),
      Price: link.prices.format(link.price),
      TransactTime: this.now(),
      ...(link.expireMs === undefined ? {} : { ExpireTime: formatUtcTimestamp(link.expireMs) }),
      ...extra,
    };
    this.send(link.slot, '8', body);
  }

  private nextExecId(): string {
    this.execSeq += 1;
    return String(this.execSeq);
  }

  private now(): string {
    return formatUtcTimestamp(this.engine.now());
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
