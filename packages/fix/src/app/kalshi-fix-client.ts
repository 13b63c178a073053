/**
 * The application layer for Kalshi's FIX sessions: one client per session (KalshiNR, KalshiRT,
 * KalshiDC, KalshiPT, KalshiRFQ) that connects, logs on with a signed Logon, reconnects, and
 * turns orders, cancels, order groups, drop-copy requests and RFQ messages into validated FIX
 * messages and Kalshi's answers into typed events with per-order state.
 * Doc pages: /fix/order-entry, /fix/order-groups, /fix/drop-copy, /fix/rfq, /fix/market-settlement.
 */
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Signer } from '@kalshi-sdk/auth';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { FixMessage, FixMessageOf } from '../codec/message.js';
import { formatUtcTimestamp, parseUtcTimestamp } from '../codec/utc-timestamp.js';
import type { FixMessageBodies, NewOrderSingle, OrderCancelReplaceRequest, OrderCancelRequest } from '../generated/messages.js';
import { type FixClock, systemClock } from '../session/clock.js';
import { Emitter } from '../session/emitter.js';
import type { FixSessionError } from '../session/errors.js';
import { FixSessionError as SessionError } from '../session/errors.js';
import { kalshiLogonFields, type KalshiLogonOptions } from '../session/kalshi-logon.js';
import { reconnectDelayMs, type ReconnectPolicy } from '../session/reconnect.js';
import { FATAL_SESSION_ERRORS, type FixAppMsgType, FixSession, type FixSequenceGap } from '../session/session.js';
import { FileSessionStore } from '../store/file-store.js';
import { MemorySessionStore } from '../store/memory-store.js';
import type { FixSessionStore } from '../store/session-store.js';
import { connectFixTransport, type FixTlsOptions } from '../transport/connect.js';
import { type KalshiFixEnvironment, type KalshiFixSessionName, kalshiFixEndpoint } from '../transport/endpoints.js';
import { FixRequestError, FixValidationError } from './errors.js';
import { assertSendable } from './session-messages.js';
import {
  execTypeName,
  type FixExecutionReport,
  type FixOrder,
  FixOrderTracker,
  type FixSide,
  ordStatusName,
  sideFromWire,
  sideToWire,
} from './orders.js';
import { FixPriceFormat, formatQuantity, parseQuantity } from './price-format.js';

/** MsgType(35) values of Kalshi's RFQ messages, both directions. Doc page: /fix/rfq. */
export const RFQ_MSG_TYPES = ['R', 'b', 'S', 'AI', 'Z', 'U9', 'AG', 'UA', 'UC', 'U7', 'U8', 'UE', 'UB'] as const satisfies readonly FixAppMsgType[];
/** One RFQ MsgType. */
export type FixRfqMsgType = (typeof RFQ_MSG_TYPES)[number];
/** Any RFQ message; `switch (m.msgType)` narrows its body. */
export type FixRfqMessage = { [T in FixRfqMsgType]: FixMessageOf<T> }[FixRfqMsgType];
const RFQ_TYPES: ReadonlySet<string> = new Set(RFQ_MSG_TYPES);

/** Options of {@link KalshiFixClient}. */
export interface KalshiFixClientOptions {
  /** Your Kalshi API key id: SenderCompID(49). */
  readonly apiKeyId: string;
  /** Signs the Logon's RawData(96); see `@kalshi-sdk/auth` `createNodeSigner`. */
  readonly signer: Signer;
  /** TargetCompID(56): which Kalshi session. */
  readonly session: KalshiFixSessionName;
  /** Default `'demo'` (fix.demo.kalshi.co). */
  readonly environment?: KalshiFixEnvironment;
  /** Overrides the table's host (a local proxy or acceptor). */
  readonly host?: string;
  /** Overrides the table's port. */
  readonly port?: number;
  /** TLS options (certificate pinning) or `false` for plain TCP to a loopback address. Default `true`. */
  readonly tls?: boolean | FixTlsOptions;
  /** Opens the byte stream for each connection instead of host/port/tls (in-memory duplexes, custom proxies). */
  readonly connect?: () => Promise<Duplex>;
  /** HeartBtInt(108), whole seconds; Kalshi requires more than 3 (/fix/authentication: "N > 3"). Default 30. */
  readonly heartbeatIntervalSec?: number;
  /** Kalshi's Logon flags (UseDollars, CancelOrdersOnDisconnect, ...). */
  readonly logon?: KalshiLogonOptions;
  /**
   * Log on with ResetSeqNumFlag(141)=Y. Always on for sessions without retransmission
   * (KalshiNR, KalshiDC, KalshiRFQ), which Kalshi requires (`false` there is refused); optional
   * on KalshiRT and KalshiPT, the sessions with retransmission (off keeps both sequence numbers
   * for ResendRequest). Default: on exactly for those three. Doc page: /fix/authentication.
   */
  readonly resetSeqNumOnLogon?: boolean;
  /**
   * Sequence numbers and sent messages. Default: a {@link FileSessionStore} in `storeDir` for
   * sessions with retransmission, a {@link MemorySessionStore} otherwise.
   */
  readonly store?: FixSessionStore;
  /** Directory of the default file store; default `.kalshi-fix` in the working directory. */
  readonly storeDir?: string;
  readonly clock?: FixClock;
  /** Reconnect after an established session drops; `false` to stay down. Default: backoff from 1 s to 30 s. */
  readonly reconnect?: false | ReconnectPolicy;
  /** See FixSessionCommonOptions. */
  readonly maxSendingTimeDriftMs?: number;
  readonly logonTimeoutMs?: number;
  readonly logoutTimeoutMs?: number;
}

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

/** Events of a {@link KalshiFixClient}. Listeners run synchronously. */
export interface KalshiFixClientEvents {
  [event: string]: (...args: never[]) => void;
  executionReport: (report: FixExecutionReport) => void;
  orderCancelReject: (reject: { readonly message: FixMessageOf<'9'>; readonly order: FixOrder | undefined }) => void;
  /** MarketSettlementReport(UMS) (KalshiRT with `receiveSettlementReports`, KalshiPT). */
  settlementReport: (report: FixMessageOf<'UMS'>) => void;
  rfq: (message: FixRfqMessage) => void;
  orderGroupResponse: (response: FixMessageOf<'UOH'>) => void;
  businessReject: (reject: FixMessageOf<'j'>) => void;
  /** Kalshi rejected one of our messages at the session level. */
  sessionReject: (reject: FixMessageOf<'3'>) => void;
  /** Every application message, after the specific event. */
  message: (message: FixMessage) => void;
  connected: () => void;
  /** The session ended: `undefined` after `close()`, the reason otherwise. */
  disconnected: (error: FixSessionError | undefined) => void;
  reconnecting: (info: { readonly attempt: number; readonly delayMs: number }) => void;
  sequenceGap: (gap: FixSequenceGap) => void;
  /** An inbound message that could not be interpreted, or a reconnect that failed for good. */
  error: (error: unknown) => void;
}

interface Pending {
  readonly msgType: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const TIME_IN_FORCE = { day: '0', gtc: '1', ioc: '3', fok: '4', gtd: '6' } as const;
const STP = { taker_at_cross: 1, maker: 2 } as const;
const GROUP_ACTION = { create: 1, reset: 2, delete: 3, trigger: 4, update: 5 } as const;
const CL_ORD_ID = /^[-\w:+=/]{1,64}$/;
const MAX_GROUP_LIMIT = 1_000_000n;
/** Highest AllocAccount(79) on FIX. Doc page: /fix/order-entry. */
const MAX_FIX_SUBACCOUNT = 32;

/**
 * A connection to one Kalshi FIX session with Kalshi's application messages on top.
 *
 * @example
 * const client = new KalshiFixClient({ apiKeyId, signer: createNodeSigner(loadPrivateKey('kalshi.key')), session: 'KalshiNR' });
 * client.on('executionReport', (r) => console.log(r.execType, r.order.status, r.cumQty.toWire()));
 * await client.connect();
 * client.newOrderSingle({ symbol: 'KXHIGHNY-26JAN01-T60', side: 'bid', price: Dollars.parse('0.56'), quantity: Contracts.parse('10') });
 */
export class KalshiFixClient {
  /** Prices at the wire: cents, or dollars when logged on with `useDollars`. */
  readonly prices: FixPriceFormat;
  private readonly options: KalshiFixClientOptions;
  private readonly clock: FixClock;
  private readonly events = new Emitter<KalshiFixClientEvents>();
  private readonly tracker = new FixOrderTracker();
  private readonly logonFields: ReturnType<typeof kalshiLogonFields>;
  private readonly retransmission: boolean;
  private readonly resetOnLogon: boolean;
  /** Logged on with ListenerSession(20126)=Y: read-only. */
  private readonly listener: boolean;
  private store: FixSessionStore | undefined;
  private current: FixSession | undefined;
  private closing = false;
  private reconnectTimer: unknown;
  private readonly pendingBySeq = new Map<number, Pending>();
  private readonly pendingMassCancels = new Map<string, Pending & { seqNum: number }>();
  private readonly pendingGroups: Array<Pending & { seqNum: number }> = [];
  private readonly iterators = new Set<() => void>();

  /**
   * Validates the options; connects only on {@link connect}.
   * @throws FixSessionError `FIX_INVALID_OPTIONS` (logon flags that do not fit the session, a
   *   heartbeat of 3 s or less, ResetSeqNumFlag off on a session that requires it);
   *   FixTransportError `FIX_UNKNOWN_ENDPOINT`.
   */
  constructor(options: KalshiFixClientOptions) {
    const endpoint = kalshiFixEndpoint(options.session, options.environment ?? 'demo');
    const heartbeat = options.heartbeatIntervalSec ?? 30;
    if (!Number.isSafeInteger(heartbeat) || heartbeat <= 3) {
      throw new SessionError('FIX_INVALID_OPTIONS', 'heartbeatIntervalSec must be a whole number of seconds greater than 3 (Kalshi)', { field: 'heartbeatIntervalSec', value: heartbeat });
    }
    if (options.resetSeqNumOnLogon === false && !endpoint.retransmission) {
      throw new SessionError('FIX_INVALID_OPTIONS', `${options.session} requires ResetSeqNumFlag=Y on every Logon`, { field: 'resetSeqNumOnLogon', value: false });
    }
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.retransmission = endpoint.retransmission;
    this.resetOnLogon = options.resetSeqNumOnLogon ?? !endpoint.retransmission;
    this.listener = options.logon?.listenerSession === true;
    this.logonFields = kalshiLogonFields({ signer: options.signer, session: options.session, ...(options.logon === undefined ? {} : { options: options.logon }) });
    this.prices = new FixPriceFormat(options.logon?.useDollars ?? false);
  }

  /** The session of the current connection, if any. */
  get session(): FixSession | undefined {
    return this.current;
  }

  /** True while logged on. */
  get loggedOn(): boolean {
    return this.current?.state === 'active';
  }

  /**
   * Registers a listener.
   * @returns a function that removes it.
   */
  on<K extends keyof KalshiFixClientEvents & string>(event: K, listener: KalshiFixClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Connects and logs on. Later drops reconnect per the `reconnect` policy; this first attempt
   * does not retry.
   * @throws (rejects) FixTransportError, FixSessionError (`FIX_LOGON_REJECTED` carries Kalshi's
   *   Text, e.g. a bad signature), FixStoreError.
   */
  async connect(): Promise<void> {
    this.closing = false;
    if (this.current !== undefined && this.current.state !== 'closed') return;
    await this.attempt();
  }

  /** Logs out (waiting for Kalshi's Logout), stops reconnecting, closes the default store and ends the `executionReports()` iterators. */
  async close(text?: string): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer !== undefined) this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.current !== undefined) await this.current.logout(text);
    for (const stop of [...this.iterators]) stop();
    if (this.options.store === undefined) this.store?.close();
    this.store = undefined;
  }

  // ------------------------------------------------------------------ orders

  /**
   * Sends NewOrderSingle(D), a limit order. Everything is validated before anything is sent.
   * @returns the ClOrdID, MsgSeqNum and the tracked order (status `'pending_new'`).
   * @throws FixValidationError naming the field (`FIX_INVALID_PRICE`, `FIX_INVALID_QUANTITY`,
   *   `FIX_INVALID_FIELD`, `FIX_MISSING_FIELD`; `FIX_UNSUPPORTED_ON_SESSION` outside
   *   KalshiNR/KalshiRT or on a listener session); FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  newOrderSingle(params: NewOrderParams): FixOrderRequest & { readonly order: FixOrder } {
    this.sendable('D');
    const clOrdId = this.clOrdId(params.clOrdId);
    const body: { -readonly [K in keyof NewOrderSingle]: NewOrderSingle[K] } = {
      ClOrdID: clOrdId,
      OrderQty: formatQuantity(params.quantity, 'OrderQty'),
      OrdType: '2',
      Price: this.prices.limit(params.price, 'Price'),
      Side: side(params.side),
      Symbol: symbol(params.symbol),
    };
    if (params.postOnly === true) body.ExecInst = ['6'];
    if (params.timeInForce !== undefined) {
      if (!Object.hasOwn(TIME_IN_FORCE, params.timeInForce)) throw new FixValidationError('FIX_INVALID_FIELD', 'TimeInForce', params.timeInForce, 'is not day, gtc, ioc, fok or gtd');
      body.TimeInForce = TIME_IN_FORCE[params.timeInForce];
    }
    if (params.expireTime !== undefined) {
      if (params.timeInForce !== 'gtd') throw new FixValidationError('FIX_INVALID_FIELD', 'ExpireTime', params.expireTime, "is only sent with timeInForce 'gtd'");
      body.ExpireTime = timestamp(params.expireTime, 'ExpireTime');
    } else if (params.timeInForce === 'gtd') {
      throw new FixValidationError('FIX_MISSING_FIELD', 'ExpireTime', undefined, "is required with timeInForce 'gtd'");
    }
    if (params.selfTradePrevention !== undefined) {
      if (!Object.hasOwn(STP, params.selfTradePrevention)) throw new FixValidationError('FIX_INVALID_FIELD', 'SelfTradePreventionType', params.selfTradePrevention, 'is not taker_at_cross or maker');
      body.SelfTradePreventionType = STP[params.selfTradePrevention];
    }
    if (params.orderGroupId !== undefined) body.SecondaryClOrdID = text(params.orderGroupId, 'SecondaryClOrdID');
    if (params.cancelOrderOnPause !== undefined) body.CancelOrderOnPause = params.cancelOrderOnPause;
    if (params.maxExecutionCost !== undefined) body.MaxExecutionCost = dollars(params.maxExecutionCost, 'MaxExecutionCost');
    if (params.allocAccount !== undefined) body.AllocAccount = allocAccount(params.allocAccount);
    if (params.partyId !== undefined) body.NoPartyIDs = [{ PartyID: text(params.partyId, 'PartyID'), PartyRole: 24 }];
    const seqNum = this.requireSession().send('D', body);
    const order = this.tracker.submitted({ clOrdId, symbol: params.symbol, side: params.side, price: params.price, orderQty: params.quantity }, seqNum);
    return { clOrdId, seqNum, order };
  }

  /**
   * Sends OrderCancelRequest(F) for a tracked order (or an untracked one, given `symbol` and `side`).
   * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_FIELD`, `FIX_UNSUPPORTED_ON_SESSION`; FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  cancel(params: OrderRef): FixOrderRequest {
    this.sendable('F');
    const { clOrdId, ref } = this.orderRef(params);
    const body: OrderCancelRequest = {
      ClOrdID: clOrdId,
      OrigClOrdID: ref.origClOrdId,
      Side: ref.side,
      Symbol: ref.symbol,
      ...(ref.orderId === undefined ? {} : { OrderID: ref.orderId }),
      ...(params.allocAccount === undefined ? {} : { AllocAccount: allocAccount(params.allocAccount) }),
    };
    const seqNum = this.requireSession().send('F', body);
    return { clOrdId, seqNum, order: this.tracker.requested(params.order, 'cancel', clOrdId, seqNum) };
  }

  /**
   * Sends OrderCancelReplaceRequest(G): a new total quantity and optionally a new price.
   * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_PRICE`, `FIX_INVALID_QUANTITY`, `FIX_INVALID_FIELD`, `FIX_UNSUPPORTED_ON_SESSION`; FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  cancelReplace(params: CancelReplaceParams): FixOrderRequest {
    this.sendable('G');
    const { clOrdId, ref } = this.orderRef(params);
    const body: OrderCancelReplaceRequest = {
      ClOrdID: clOrdId,
      OrigClOrdID: ref.origClOrdId,
      OrderQty: formatQuantity(params.quantity, 'OrderQty'),
      OrdType: '2',
      Side: ref.side,
      Symbol: ref.symbol,
      ...(params.price === undefined ? {} : { Price: this.prices.limit(params.price, 'Price') }),
      ...(ref.orderId === undefined ? {} : { OrderID: ref.orderId }),
      ...(params.orderGroupId === undefined ? {} : { OrderGroupID: text(params.orderGroupId, 'OrderGroupID') }),
      ...(params.allocAccount === undefined ? {} : { AllocAccount: allocAccount(params.allocAccount) }),
    };
    const seqNum = this.requireSession().send('G', body);
    return { clOrdId, seqNum, order: this.tracker.requested(params.order, 'replace', clOrdId, seqNum) };
  }

  /**
   * Sends OrderMassCancelRequest(q) for every order of the session; resolves with Kalshi's
   * OrderMassCancelReport(r). KalshiNR only (/fix/order-entry: "Only available on KalshiNR").
   * @throws (rejects) FixRequestError `FIX_MASS_CANCEL_REJECTED`, `FIX_BUSINESS_REJECT`,
   *   `FIX_SESSION_REJECT`, `FIX_REQUEST_ABORTED`; FixValidationError (`FIX_UNSUPPORTED_ON_SESSION`
   *   on any other session or a listener session, nothing sent); FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  async massCancel(params: { readonly clOrdId?: string } = {}): Promise<FixMessageBodies['r']> {
    this.sendable('q');
    const clOrdId = this.clOrdId(params.clOrdId);
    const seqNum = this.requireSession().send('q', { ClOrdID: clOrdId, MassCancelRequestType: '6' });
    return new Promise((resolve, reject) => {
      const pending = { msgType: 'q', seqNum, resolve: resolve as (v: unknown) => void, reject };
      this.pendingMassCancels.set(clOrdId, pending);
      this.pendingBySeq.set(seqNum, pending);
    });
  }

  /**
   * Sends OrderGroupRequest(UOG); resolves with the OrderGroupResponse(UOH) body (its
   * OrderGroupID is the new group's on `create`). Contract limits are whole contracts, 1 to 1,000,000.
   * @throws (rejects) FixRequestError `FIX_BUSINESS_REJECT` (e.g. unknown group), `FIX_SESSION_REJECT`,
   *   `FIX_REQUEST_ABORTED`; FixValidationError `FIX_INVALID_QUANTITY`, `FIX_INVALID_FIELD`,
   *   `FIX_UNSUPPORTED_ON_SESSION` (KalshiNR and KalshiRT only).
   */
  async orderGroup(params: OrderGroupParams): Promise<FixMessageBodies['UOH']> {
    this.sendable('UOG');
    if (!Object.hasOwn(GROUP_ACTION, params.action)) throw new FixValidationError('FIX_INVALID_FIELD', 'OrderGroupAction', params.action, 'is not create, reset, delete, trigger or update');
    const body: { -readonly [K in keyof FixMessageBodies['UOG']]: FixMessageBodies['UOG'][K] } = { OrderGroupAction: GROUP_ACTION[params.action] };
    if ('contractsLimit' in params) body.OrderGroupContractsLimit = groupLimit(params.contractsLimit);
    if ('orderGroupId' in params) body.OrderGroupID = text(params.orderGroupId, 'OrderGroupID');
    if (params.allocAccount !== undefined) body.AllocAccount = allocAccount(params.allocAccount);
    const seqNum = this.requireSession().send('UOG', body);
    return new Promise((resolve, reject) => {
      const pending = { msgType: 'UOG', seqNum, resolve: resolve as (v: unknown) => void, reject };
      this.pendingGroups.push(pending);
      this.pendingBySeq.set(seqNum, pending);
    });
  }

  /**
   * Drop copy (KalshiDC): sends EventResendRequest(U1) for ExecIDs `beginExecId` to `endExecId`
   * (default: the latest). The ExecutionReports come through `executionReport` events; resolves
   * with ResendEventCount(21003) from EventResendComplete(U2).
   * @throws (rejects) FixRequestError `FIX_EVENT_RESEND_REJECTED` (reason: EventResendRejectReason 21004),
   *   `FIX_SESSION_REJECT`, `FIX_REQUEST_ABORTED`; FixValidationError `FIX_UNSUPPORTED_ON_SESSION` outside KalshiDC.
   */
  async eventResend(params: { readonly beginExecId: string; readonly endExecId?: string }): Promise<{ readonly resendEventCount: number }> {
    this.sendable('U1');
    const body = {
      BeginExecID: text(params.beginExecId, 'BeginExecID'),
      ...(params.endExecId === undefined ? {} : { EndExecID: text(params.endExecId, 'EndExecID') }),
    };
    const seqNum = this.requireSession().send('U1', body);
    return new Promise((resolve, reject) => {
      this.pendingBySeq.set(seqNum, { msgType: 'U1', resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /**
   * Sends any application message of the dictionary with its generated body type, e.g. the RFQ
   * messages (`R`, `S`, `Z`, `UA`, `U7`, `UE`). Use {@link prices} for price fields
   * (`BidPx: client.prices.limit(Dollars.parse('0.45'), 'BidPx')`) and Contracts#toWire for quantities.
   * Only the messages /fix/common-components lists as Client -> Server for this session are sent.
   * @returns the MsgSeqNum(34).
   * @throws FixValidationError `FIX_UNSUPPORTED_ON_SESSION` for a MsgType this session (or a
   *   listener session) does not take from clients; FixEncodeError for a body that breaks the
   *   dictionary; FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  send<T extends FixAppMsgType>(msgType: T, body: FixMessageBodies[T]): number {
    this.sendable(msgType);
    return this.requireSession().send(msgType, body);
  }

  /** The tracked order with this ClOrdID (any it had) or OrderID. */
  getOrder(id: string): FixOrder | undefined {
    return this.tracker.get(id);
  }

  /** Tracked orders not finished yet. */
  openOrders(): FixOrder[] {
    return this.tracker.open();
  }

  /**
   * ExecutionReports as an async iterable, from now on, until `close()`, `return()` or `signal`.
   * Reports are buffered while the consumer is busy.
   */
  executionReports(options: { readonly signal?: AbortSignal } = {}): AsyncIterableIterator<FixExecutionReport> {
    const queue: FixExecutionReport[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const off = this.on('executionReport', (report) => {
      queue.push(report);
      wake?.();
    });
    const stop = () => {
      done = true;
      off();
      this.iterators.delete(stop);
      options.signal?.removeEventListener('abort', stop);
      wake?.();
    };
    this.iterators.add(stop);
    if (options.signal?.aborted === true) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
    const iterator: AsyncIterableIterator<FixExecutionReport> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const value = queue.shift();
        return value === undefined ? { value: undefined, done: true } : { value, done: false };
      },
      return: async () => {
        stop();
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }

  // ------------------------------------------------------------------ connection

  private openStore(): FixSessionStore {
    if (this.options.store !== undefined) return this.options.store;
    if (!this.retransmission) return new MemorySessionStore();
    return FileSessionStore.open({
      dir: this.options.storeDir ?? '.kalshi-fix',
      name: `${this.options.apiKeyId}-${this.options.session}-${this.options.environment ?? 'demo'}`,
    });
  }

  private async attempt(): Promise<void> {
    const options = this.options;
    this.store ??= this.openStore();
    const endpoint = kalshiFixEndpoint(options.session, options.environment ?? 'demo');
    const duplex = await (options.connect?.() ??
      connectFixTransport({ host: options.host ?? endpoint.host, port: options.port ?? endpoint.port, tls: options.tls ?? true }));
    const session = new FixSession({
      role: 'initiator',
      senderCompId: options.apiKeyId,
      targetCompId: options.session,
      // Kalshi writes SenderCompID(49) `Kalshi` (/fix/common-components); the session name is accepted too.
      acceptSenderCompIds: ['Kalshi'],
      store: this.store,
      clock: this.clock,
      heartbeatIntervalSec: options.heartbeatIntervalSec ?? 30,
      retransmission: this.retransmission,
      resetSeqNumOnLogon: this.resetOnLogon,
      logonFields: this.logonFields,
      ...(options.maxSendingTimeDriftMs === undefined ? {} : { maxSendingTimeDriftMs: options.maxSendingTimeDriftMs }),
      ...(options.logonTimeoutMs === undefined ? {} : { logonTimeoutMs: options.logonTimeoutMs }),
      ...(options.logoutTimeoutMs === undefined ? {} : { logoutTimeoutMs: options.logoutTimeoutMs }),
    });
    this.current = session;
    let established = false;
    session.on('message', (message) => this.onMessage(message));
    session.on('reject', (reject) => this.onSessionReject(reject));
    session.on('sequenceGap', (gap) => this.events.emit('sequenceGap', gap));
    void session.closed.then((error) => this.onClosed(session, error, established));
    await session.start(duplex);
    established = true;
    this.events.emit('connected');
  }

  private onClosed(session: FixSession, error: FixSessionError | undefined, established: boolean): void {
    if (session !== this.current) return;
    this.abortPending();
    if (!established) return;
    this.events.emit('disconnected', error);
    if (this.closing || error === undefined || this.options.reconnect === false || FATAL_SESSION_ERRORS.has(error.code)) return;
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    const policy = this.options.reconnect === false ? {} : (this.options.reconnect ?? {});
    if (attempt >= (policy.maxAttempts ?? Number.POSITIVE_INFINITY)) return;
    const delayMs = reconnectDelayMs(attempt, policy);
    this.events.emit('reconnecting', { attempt: attempt + 1, delayMs });
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closing) return;
      this.attempt().catch((error: unknown) => {
        if (this.closing) return;
        const fatal = error instanceof SessionError && FATAL_SESSION_ERRORS.has(error.code);
        if (fatal || attempt + 1 >= (policy.maxAttempts ?? Number.POSITIVE_INFINITY)) this.events.emit('error', error);
        if (!fatal) this.scheduleReconnect(attempt + 1);
      });
    }, delayMs);
  }

  /** @throws FixValidationError `FIX_UNSUPPORTED_ON_SESSION` unless this session (and mode) sends `msgType`. */
  private sendable(msgType: string): void {
    assertSendable(this.options.session, this.listener, msgType);
  }

  private requireSession(): FixSession {
    const session = this.current;
    if (session === undefined) throw new SessionError('FIX_NOT_LOGGED_ON', 'connect() first');
    return session;
  }

  // ------------------------------------------------------------------ inbound

  private onMessage(message: FixMessage): void {
    try {
      this.route(message);
    } catch (error) {
      this.events.emit('error', error);
    }
    this.events.emit('message', message);
  }

  private route(message: FixMessage): void {
    switch (message.msgType) {
      case '8':
        this.onExecutionReport(message);
        return;
      case '9':
        this.events.emit('orderCancelReject', { message, order: this.tracker.cancelRejected(message) });
        return;
      case 'r': {
        const pending = this.pendingMassCancels.get(message.body.ClOrdID);
        if (pending === undefined) return;
        this.settle(pending.seqNum);
        this.pendingMassCancels.delete(message.body.ClOrdID);
        if (message.body.MassCancelResponse === '0') {
          pending.reject(new FixRequestError('FIX_MASS_CANCEL_REJECTED', 'q', { reason: message.body.MassCancelRejectReason }));
        } else {
          pending.resolve(message.body);
        }
        return;
      }
      case 'j': {
        const refSeqNum = message.body.RefSeqNum;
        if (refSeqNum !== undefined) {
          this.tracker.requestRefused(refSeqNum, message.body.Text);
          this.fail(refSeqNum, (msgType) => new FixRequestError('FIX_BUSINESS_REJECT', msgType, { reason: message.body.BusinessRejectReason, text: message.body.Text }));
        }
        this.events.emit('businessReject', message);
        return;
      }
      case 'UOH': {
        const pending = this.pendingGroups.shift();
        if (pending !== undefined) {
          this.pendingBySeq.delete(pending.seqNum);
          pending.resolve(message.body);
        }
        this.events.emit('orderGroupResponse', message);
        return;
      }
      case 'U2': {
        const pending = this.settle(message.body.RefSeqNum);
        pending?.resolve({ resendEventCount: message.body.ResendEventCount });
        return;
      }
      case 'U3':
        this.fail(message.body.RefSeqNum, (msgType) => new FixRequestError('FIX_EVENT_RESEND_REJECTED', msgType, { reason: message.body.EventResendRejectReason }));
        return;
      case 'UMS':
        this.events.emit('settlementReport', message);
        return;
      default:
        if (RFQ_TYPES.has(message.msgType)) this.events.emit('rfq', message as FixRfqMessage);
    }
  }

  private onExecutionReport(message: FixMessageOf<'8'>): void {
    const b = message.body;
    const prices = this.prices;
    const fields = {
      orderId: b.OrderID,
      clOrdId: b.ClOrdID,
      origClOrdId: b.OrigClOrdID,
      execId: b.ExecID,
      execType: execTypeName(b.ExecType) as NonNullable<ReturnType<typeof execTypeName>>,
      ordStatus: ordStatusName(b.OrdStatus) as NonNullable<ReturnType<typeof ordStatusName>>,
      symbol: b.Symbol,
      side: sideFromWire(b.Side),
      orderQty: parseQuantity(b.OrderQty, 'OrderQty'),
      cumQty: parseQuantity(b.CumQty, 'CumQty'),
      leavesQty: parseQuantity(b.LeavesQty, 'LeavesQty'),
      // An average keeps every decimal it was sent (55.2619…¢); it is rounded only by the caller.
      avgPx: prices.parseAverage(b.AvgPx),
      price: b.Price === undefined ? undefined : prices.parse(b.Price, 'Price'),
      text: b.Text,
    };
    const { order, duplicate } = this.tracker.report(fields);
    this.events.emit('executionReport', {
      ...fields,
      message,
      lastQty: b.LastQty === undefined ? undefined : parseQuantity(b.LastQty, 'LastQty'),
      lastPx: b.LastPx === undefined ? undefined : prices.parse(b.LastPx, 'LastPx'),
      transactTimeMs: b.TransactTime === undefined ? undefined : timeMs(b.TransactTime),
      ordRejReason: b.OrdRejReason,
      possDup: message.header.PossDupFlag === true,
      duplicate,
      order,
    });
  }

  private onSessionReject(reject: FixMessageOf<'3'>): void {
    const refSeqNum = reject.body.RefSeqNum;
    this.tracker.requestRefused(refSeqNum, reject.body.Text);
    this.fail(refSeqNum, (msgType) => new FixRequestError('FIX_SESSION_REJECT', msgType, { reason: reject.body.SessionRejectReason, text: reject.body.Text }));
    this.events.emit('sessionReject', reject);
  }

  /** Removes the request sent as `seqNum` from every pending table; returns it. */
  private settle(seqNum: number): Pending | undefined {
    const pending = this.pendingBySeq.get(seqNum);
    if (pending === undefined) return undefined;
    this.pendingBySeq.delete(seqNum);
    for (const [clOrdId, p] of this.pendingMassCancels) if (p === pending) this.pendingMassCancels.delete(clOrdId);
    const i = this.pendingGroups.indexOf(pending as Pending & { seqNum: number });
    if (i >= 0) this.pendingGroups.splice(i, 1);
    return pending;
  }

  private fail(seqNum: number, error: (msgType: string) => FixRequestError): void {
    const pending = this.settle(seqNum);
    pending?.reject(error(pending.msgType));
  }

  private abortPending(): void {
    for (const seqNum of [...this.pendingBySeq.keys()]) this.fail(seqNum, (msgType) => new FixRequestError('FIX_REQUEST_ABORTED', msgType));
  }

  // ------------------------------------------------------------------ validation

  private clOrdId(given: string | undefined): string {
    const id = given ?? randomUUID();
    if (typeof id !== 'string' || !CL_ORD_ID.test(id)) {
      throw new FixValidationError('FIX_INVALID_FIELD', 'ClOrdID', id, 'must be 1-64 characters of A-Z a-z 0-9 _ - : + = /');
    }
    return id;
  }

  private orderRef(params: OrderRef): { clOrdId: string; ref: { origClOrdId: string; orderId: string | undefined; symbol: string; side: NewOrderSingle['Side'] } } {
    const clOrdId = this.clOrdId(params.clOrdId);
    const tracked = this.tracker.get(params.order);
    const sym = params.symbol ?? tracked?.symbol;
    const sd = params.side ?? tracked?.side;
    if (sym === undefined || sd === undefined) {
      throw new FixValidationError('FIX_UNKNOWN_ORDER', 'OrigClOrdID', params.order, 'is not a tracked order: pass symbol and side');
    }
    return {
      clOrdId,
      ref: { origClOrdId: tracked?.clOrdId ?? params.order, orderId: tracked?.orderId, symbol: symbol(sym), side: side(sd) },
    };
  }
}

function side(value: FixSide): NewOrderSingle['Side'] {
  if (value !== 'bid' && value !== 'ask') throw new FixValidationError('FIX_INVALID_FIELD', 'Side', value, "must be 'bid' or 'ask'");
  return sideToWire(value);
}

function symbol(value: string): string {
  return text(value, 'Symbol');
}

function text(value: string, field: string): string {
  if (typeof value !== 'string' || value === '' || /[\x00-\x1f]/.test(value)) throw new FixValidationError('FIX_INVALID_FIELD', field, value, 'must be non-empty text without control characters');
  return value;
}

/** UTCTimestamp text → Unix ms; undefined for one that names no real date. */
function timeMs(text: string): number | undefined {
  try {
    return parseUtcTimestamp(text);
  } catch {
    return undefined;
  }
}

function timestamp(value: number | Date, field: string): string {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new FixValidationError('FIX_INVALID_FIELD', field, value, 'is not a time');
  try {
    return formatUtcTimestamp(ms);
  } catch {
    throw new FixValidationError('FIX_INVALID_FIELD', field, value, 'is not a time in years 0000-9999');
  }
}

function dollars(value: Dollars, field: string): string {
  if (!(value instanceof Dollars) || !value.isPositive() || value.decimals() > 4) throw new FixValidationError('FIX_INVALID_PRICE', field, String(value), 'must be a positive dollar amount with at most 4 decimals');
  return value.toWire();
}

function allocAccount(value: number): number {
  // /fix/order-entry: "Subaccount number (0–32)". REST's spec allows more; FIX follows its own pages.
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_FIX_SUBACCOUNT) throw new FixValidationError('FIX_INVALID_FIELD', 'AllocAccount', value, `must be a subaccount number from 0 to ${MAX_FIX_SUBACCOUNT}`);
  return value;
}

function groupLimit(value: Contracts): number {
  if (!(value instanceof Contracts) || !value.isWhole() || value.isZero() || value.toHundredths() > MAX_GROUP_LIMIT * 100n) {
    throw new FixValidationError('FIX_INVALID_QUANTITY', 'OrderGroupContractsLimit', String(value), 'must be a whole number of contracts from 1 to 1,000,000');
  }
  return Number(value.toHundredths() / 100n);
}
