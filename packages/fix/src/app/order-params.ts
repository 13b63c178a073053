/** What a `KalshiFixClient` is asked to send: orders, cancels, replaces, order groups, and what it returns for them. */
import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { FixOrder, FixSide } from './orders.js';

/** Time in force of a new order, TimeInForce(59). */
export type FixTimeInForce = 'day' | 'gtc' | 'ioc' | 'fok' | 'gtd';

/** A new limit order. Doc page: /fix/order-entry (New Order Single). */
export interface NewOrderParams {
  /** Symbol(55): the market ticker. */
  readonly symbol: string;
  /** Side(54): `'bid'` buys YES at `price`, `'ask'` sells YES at `price` (buys NO at 1 − price). */
  readonly side: FixSide;
  /** Price(44): the YES limit price in dollars (whole cents unless the session uses dollars). */
  readonly price: Dollars;
  /** OrderQty(38), contracts (0.01 steps where the market allows fractions). */
  readonly quantity: Contracts;
  /** ClOrdID(11): up to 64 of `A-Za-z0-9_-:+=/`; default a random UUID. */
  readonly clOrdId?: string;
  /**
   * TimeInForce(59); Kalshi's default applies when omitted. `'day'` expires at 11:59:59.999 pm
   * New York time; a `'gtd'` ExpireTime in the past makes the order IOC (/fix/order-entry).
   */
  readonly timeInForce?: FixTimeInForce;
  /** ExpireTime(126), required with `'gtd'`: Unix ms or a Date. */
  readonly expireTime?: number | Date;
  /** ExecInst(18)=6 Post Only. */
  readonly postOnly?: boolean;
  /** SelfTradePreventionType(2964); Kalshi defaults to taker at cross. */
  readonly selfTradePrevention?: 'taker_at_cross' | 'maker';
  /** SecondaryClOrdID(526): the order group to put the order in. */
  readonly orderGroupId?: string;
  /** CancelOrderOnPause(21006). */
  readonly cancelOrderOnPause?: boolean;
  /** MaxExecutionCost(21009), dollars: the order is canceled if it cannot fill within this cost. */
  readonly maxExecutionCost?: Dollars;
  /**
   * AllocAccount(79): subaccount number, 0 (primary) to 32 as the FIX pages document
   * (/fix/order-entry); REST's spec allows more, see the README.
   */
  readonly allocAccount?: number;
  /** PartyID(448) with PartyRole(452)=24, for FCMs. */
  readonly partyId?: string;
}

/** Which order a cancel or replace is for, and the fields FIX needs when the client does not track it. */
export interface OrderRef {
  /** Any ClOrdID the order had, or its OrderID. */
  readonly order: string;
  /** ClOrdID(11) of this request; default a random UUID. */
  readonly clOrdId?: string;
  /** Symbol(55); taken from the tracked order when omitted. */
  readonly symbol?: string;
  /** Side(54); taken from the tracked order when omitted. */
  readonly side?: FixSide;
  /** AllocAccount(79). */
  readonly allocAccount?: number;
}

/** A cancel/replace: new total quantity and, optionally, a new price. Doc page: /fix/order-entry (Order Cancel/Replace Request). */
export interface CancelReplaceParams extends OrderRef {
  /** OrderQty(38): the new total quantity of the order, filled contracts included. */
  readonly quantity: Contracts;
  /** Price(44): the new YES price; the current one when omitted. */
  readonly price?: Dollars;
  /** OrderGroupID(20130). */
  readonly orderGroupId?: string;
}

/** An OrderGroupRequest(UOG). Doc page: /fix/order-groups. */
export type OrderGroupParams =
  | { readonly action: 'create'; readonly contractsLimit: Contracts; readonly allocAccount?: number }
  | { readonly action: 'reset' | 'delete' | 'trigger'; readonly orderGroupId: string; readonly allocAccount?: number }
  | { readonly action: 'update'; readonly orderGroupId: string; readonly contractsLimit: Contracts; readonly allocAccount?: number };

/** What a cancel, replace or new order sent. */
export interface FixOrderRequest {
  /** ClOrdID(11) of the request. */
  readonly clOrdId: string;
  /** MsgSeqNum(34) it went out with. */
  readonly seqNum: number;
  /** The tracked order (undefined for a cancel or replace of an order the client never saw). */
  readonly order: FixOrder | undefined;
}
