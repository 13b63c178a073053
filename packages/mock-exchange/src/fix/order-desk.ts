/**
 * FIX order entry requests against the matching engine: NewOrderSingle(D), OrderCancelRequest(F),
 * OrderCancelReplaceRequest(G), OrderMassCancelRequest(q) and OrderGroupRequest(UOG) in, and their
 * refusals out: rejecting ExecutionReport(8), OrderCancelReject(9), OrderMassCancelReport(r),
 * OrderGroupResponse(UOH) and BusinessMessageReject(j). The ExecutionReports of accepted orders
 * come from the engine's events, in {@link ExecutionReports}. Also routes KalshiDC's
 * EventResendRequest(U1) to the {@link DropCopyJournal}, and refuses any MsgType the session
 * does not take from clients, and hands the RFQ messages to the {@link FixRfqDesk}. Doc pages:
 * /fix/order-entry, /fix/common-components, /fix/drop-copy, /fix/rfq-messages.
 */
import { Contracts, type Dollars } from '@kalshi-sdk/fixed-point';
import { type FixMessage, type FixMessageOf, formatUtcTimestamp, parseQuantity, parseUtcTimestamp } from '@kalshi-sdk/fix';
import { MockExchangeError } from '../errors.js';
import type { MatchingEngine, PlaceOrderInput } from '../engine/matching-engine.js';
import type { BookSide, TimeInForce } from '../engine/types.js';
import { DropCopyJournal } from './drop-copy.js';
import { endOfEasternDayMs } from './eastern-day.js';
import { FixRfqDesk } from './rfq-desk.js';
import { ExecutionReports, type FixSend, type Mutable, type OrderLink } from './execution-reports.js';
import type { FixSessionSlot } from './fix-acceptor.js';
import { LISTENER_REFUSED, sessionRule } from './session-rules.js';

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

/** Routes FIX order entry requests into the engine and answers the refused ones; {@link ExecutionReports} reports the rest. */
export class FixOrderDesk {
  private readonly reports: ExecutionReports;
  private readonly journal: DropCopyJournal;
  private readonly rfqs: FixRfqDesk;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly send: FixSend,
    slots: () => Iterable<FixSessionSlot>,
  ) {
    this.journal = new DropCopyJournal(() => engine.now());
    this.reports = new ExecutionReports(engine, send, this.journal);
    this.rfqs = new FixRfqDesk(engine, slots, send, this.journal, this.reports);
  }

  /** Stops listening to the engine. */
  close(): void {
    this.reports.close();
    this.rfqs.close();
  }

  /** Handles an application message from a logged-on session. */
  handle(slot: FixSessionSlot, message: FixMessage): void {
    if (slot.live?.flags.listener === true && LISTENER_REFUSED.has(message.msgType)) {
      // /fix/listener-sessions: read-only; /fix/error-handling: listener restrictions are BusinessMessageRejects.
      this.businessReject(slot, message, NOT_AUTHORIZED, 'listener sessions are read-only');
      return;
    }
    const rule = sessionRule(slot.target);
    if (rule !== undefined && !rule.clientMsgTypes.has(message.msgType) && message.msgType !== 'q') {
      // /fix/common-components lists which session takes which MsgType from clients; /fix/error-handling: unsupported types are BusinessMessageRejects.
      this.businessReject(slot, message, UNSUPPORTED_MESSAGE_TYPE, `MsgType ${message.msgType} is not accepted on ${slot.target}`);
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
      case 'U1':
        if (slot.live !== undefined) this.journal.resend(slot, message, slot.live.prices, this.send);
        return;
      case 'R':
      case 'UA':
      case 'UE':
      case 'S':
      case 'Z':
      case 'U7':
        this.rfqs.handle(slot, message);
        return;
      default:
        this.businessReject(slot, message, 3, `MsgType ${message.msgType} is not simulated`);
    }
  }

  /** Cancels every resting order entered on the session (CancelOrdersOnDisconnect). */
  cancelSessionOrders(slot: FixSessionSlot): void {
    for (const link of this.reports.sessionLinks(slot)) {
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
        ExecID: this.reports.nextExecId(),
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
        TransactTime: formatUtcTimestamp(this.engine.now()),
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
    const placement = { slot, clOrdId: b.ClOrdID, symbol: b.Symbol, side, price, count, immediate: timeInForce !== 'good_till_canceled', expireMs: input.expirationMs };
    this.reports.placing(placement, () => {
      try {
        this.engine.placeOrder(slot.userId, input);
      } catch (error) {
        const code = error instanceof MockExchangeError ? error.code : 'INVALID_ORDER';
        reject(ORD_REJ_REASON[code] ?? 99, code);
      }
    });
  }

  private cancel(slot: FixSessionSlot, message: FixMessageOf<'F'>): void {
    const b = message.body;
    const link = this.reports.find(slot, b.OrigClOrdID, b.OrderID);
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
    const link = this.reports.find(slot, b.OrigClOrdID, b.OrderID);
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
      this.reports.flushReplace(link, undefined);
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

  private cancelReject(slot: FixSessionSlot, message: FixMessageOf<'F' | 'G'>, responseTo: '1' | '2', reason: number, text: string, link?: OrderLink): void {
    const b = message.body;
    this.send(slot, '9', {
      OrderID: b.OrderID ?? link?.orderId ?? 'NONE',
      ClOrdID: b.ClOrdID,
      OrigClOrdID: b.OrigClOrdID,
      OrdStatus: link === undefined ? '8' : this.reports.status(link),
      CxlRejResponseTo: responseTo,
      CxlRejReason: reason,
      Text: text,
    });
  }

  private businessReject(slot: FixSessionSlot, message: FixMessage, reason: number, text: string): void {
    this.send(slot, 'j', { RefSeqNum: message.header.MsgSeqNum, RefMsgType: message.msgType, BusinessRejectReason: reason, Text: text });
  }
}
