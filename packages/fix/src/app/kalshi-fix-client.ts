/**
 * The application layer for Kalshi's FIX sessions: one client per session (KalshiNR, KalshiRT,
 * KalshiDC, KalshiPT, KalshiRFQ) with Kalshi's order API on top of a {@link ReconnectingSession}:
 * orders, cancels, order groups, drop-copy requests and RFQ messages go out as validated FIX
 * messages (`order-fields.ts`), Kalshi's answers come back as typed events with per-order state.
 * Doc pages: /fix/order-entry, /fix/order-groups, /fix/drop-copy, /fix/rfq-messages, /fix/market-settlement.
 */
import type { FixMessage, FixMessageOf } from '../codec/message.js';
import type { FixMessageBodies } from '../generated/messages.js';
import { type FixClock, systemClock } from '../session/clock.js';
import { Emitter } from '../session/emitter.js';
import { FixSessionError as SessionError } from '../session/errors.js';
import { kalshiLogonFields } from '../session/kalshi-logon.js';
import type { FixAppMsgType, FixSession } from '../session/session.js';
import { kalshiFixEndpoint } from '../transport/endpoints.js';
import { type FixRfqMessage, type KalshiFixClientEvents, RFQ_TYPES } from './client-events.js';
import { redactingLogger } from '@kalshi-sdk/auth/web';
import { logClientEvents } from './client-logging.js';
import { type KalshiFixClientOptions, resolveFixOptions, type ResolvedFixClientOptions } from './client-options.js';
import { FixRequestError } from './errors.js';
import { applyExecutionReport, ExecutionReportStreams } from './execution-reports.js';
import { cancelBody, cancelReplaceBody, clOrdIdOf, eventResendBody, newOrderSingleBody, orderGroupBody } from './order-fields.js';
import type { CancelReplaceParams, FixOrderRequest, NewOrderParams, OrderGroupParams, OrderRef } from './order-params.js';
import { type FixExecutionReport, type FixOrder, FixOrderTracker } from './orders.js';
import { PendingRequests } from './pending-requests.js';
import { ReconnectingSession } from './reconnecting-session.js';
import { assertSendable } from './session-messages.js';
import { FixPriceFormat } from './price-format.js';

export { RFQ_MSG_TYPES, type FixRfqMessage, type FixRfqMsgType, type KalshiFixClientEvents } from './client-events.js';
export type { KalshiFixClientOptions } from './client-options.js';
export type { CancelReplaceParams, FixOrderRequest, FixTimeInForce, NewOrderParams, OrderGroupParams, OrderRef } from './order-params.js';

/**
 * A connection to one Kalshi FIX session with Kalshi's application messages on top.
 *
 * @example
 * const client = new KalshiFixClient({ credentials: { apiKeyId, privateKey: 'kalshi.key' }, session: 'KalshiNR' });
 * client.on('executionReport', (r) => console.log(r.execType, r.order.status, r.cumQty.toWire()));
 * await client.connect();
 * client.newOrderSingle({ symbol: 'KXHIGHNY-26JAN01-T60', side: 'bid', price: Dollars.parse('0.56'), quantity: Contracts.parse('10') });
 */
export class KalshiFixClient {
  /** Prices at the wire: cents, or dollars when logged on with `useDollars`. */
  readonly prices: FixPriceFormat;
  private readonly options: ResolvedFixClientOptions;
  private readonly events = new Emitter<KalshiFixClientEvents>();
  private readonly tracker = new FixOrderTracker();
  /** Logged on with ListenerSession(20126)=Y: read-only. */
  private readonly listener: boolean;
  private readonly connection: ReconnectingSession;
  private readonly pending = new PendingRequests();
  private readonly reportStreams = new ExecutionReportStreams();

  /**
   * Validates the options; connects only on {@link connect}.
   * @throws FixSessionError `FIX_INVALID_OPTIONS` (no credentials given or in the `KALSHI_*`
   *   environment, `credentials` with the deprecated `apiKeyId`/`signer`, logon flags that do not
   *   fit the session, a heartbeat of 3 s or less, ResetSeqNumFlag off on a session that requires
   *   it); KalshiAuthError when the private key cannot be loaded; FixTransportError `FIX_UNKNOWN_ENDPOINT`.
   */
  constructor(given: KalshiFixClientOptions) {
    const options = resolveFixOptions(given);
    const endpoint = kalshiFixEndpoint(options.session, options.environment ?? 'demo');
    const heartbeat = options.heartbeatIntervalSec ?? 30;
    if (!Number.isSafeInteger(heartbeat) || heartbeat <= 3) {
      throw new SessionError('FIX_INVALID_OPTIONS', 'heartbeatIntervalSec must be a whole number of seconds greater than 3 (Kalshi)', { field: 'heartbeatIntervalSec', value: heartbeat });
    }
    if (options.resetSeqNumOnLogon === false && !endpoint.retransmission) {
      throw new SessionError('FIX_INVALID_OPTIONS', `${options.session} requires ResetSeqNumFlag=Y on every Logon`, { field: 'resetSeqNumOnLogon', value: false });
    }
    this.options = options;
    const clock: FixClock = options.clock ?? systemClock;
    this.listener = options.logon?.listenerSession === true;
    this.prices = new FixPriceFormat(options.logon?.useDollars ?? false);
    if (options.logger) logClientEvents(this.events, redactingLogger(options.logger), { session: options.session, environment: options.environment ?? 'demo' });
    this.connection = new ReconnectingSession({
      options,
      clock,
      retransmission: endpoint.retransmission,
      resetOnLogon: options.resetSeqNumOnLogon ?? !endpoint.retransmission,
      logonFields: kalshiLogonFields({ signer: options.signer, session: options.session, ...(options.logon === undefined ? {} : { options: options.logon }) }),
      events: this.events,
      onSession: (session) => {
        session.on('message', (message) => this.onMessage(message));
        session.on('reject', (reject) => this.onSessionReject(reject));
      },
      onSessionClosed: () => this.pending.abortAll(),
    });
  }

  /** The session of the current connection, if any. */
  get session(): FixSession | undefined {
    return this.connection.session;
  }

  /** True while logged on. */
  get loggedOn(): boolean {
    return this.connection.session?.state === 'active';
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
    await this.connection.connect();
  }

  /** Logs out (waiting for Kalshi's Logout), stops reconnecting, closes the default store and ends the `executionReports()` iterators. */
  async close(text?: string): Promise<void> {
    await this.connection.logout(text);
    this.reportStreams.endAll();
    this.connection.releaseStore();
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
    const clOrdId = clOrdIdOf(params.clOrdId);
    const seqNum = this.requireSession().send('D', newOrderSingleBody(params, clOrdId, this.prices));
    const order = this.tracker.submitted({ clOrdId, symbol: params.symbol, side: params.side, price: params.price, orderQty: params.quantity }, seqNum);
    return { clOrdId, seqNum, order };
  }

  /**
   * Sends OrderCancelRequest(F) for a tracked order (or an untracked one, given `symbol` and `side`).
   * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_FIELD`, `FIX_UNSUPPORTED_ON_SESSION`; FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  cancel(params: OrderRef): FixOrderRequest {
    this.sendable('F');
    const { clOrdId, body } = cancelBody(params, this.tracker);
    const seqNum = this.requireSession().send('F', body);
    return { clOrdId, seqNum, order: this.tracker.requested(params.order, 'cancel', clOrdId, seqNum) };
  }

  /**
   * Sends OrderCancelReplaceRequest(G): a new total quantity and optionally a new price.
   * @throws FixValidationError `FIX_UNKNOWN_ORDER`, `FIX_INVALID_PRICE`, `FIX_INVALID_QUANTITY`, `FIX_INVALID_FIELD`, `FIX_UNSUPPORTED_ON_SESSION`; FixSessionError `FIX_NOT_LOGGED_ON`.
   */
  cancelReplace(params: CancelReplaceParams): FixOrderRequest {
    this.sendable('G');
    const { clOrdId, body } = cancelReplaceBody(params, this.tracker, this.prices);
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
    const clOrdId = clOrdIdOf(params.clOrdId);
    const seqNum = this.requireSession().send('q', { ClOrdID: clOrdId, MassCancelRequestType: '6' });
    return this.pending.massCancel(clOrdId, seqNum);
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
    const seqNum = this.requireSession().send('UOG', orderGroupBody(params));
    return this.pending.orderGroup(seqNum);
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
    const seqNum = this.requireSession().send('U1', eventResendBody(params));
    return this.pending.eventResend(seqNum);
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
    return this.reportStreams.open((listener) => this.on('executionReport', listener), options.signal);
  }

  /** @throws FixValidationError `FIX_UNSUPPORTED_ON_SESSION` unless this session (and mode) sends `msgType`. */
  private sendable(msgType: string): void {
    assertSendable(this.options.session, this.listener, msgType);
  }

  private requireSession(): FixSession {
    const session = this.connection.session;
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
        this.events.emit('executionReport', applyExecutionReport(message, this.prices, this.tracker));
        return;
      case '9':
        this.events.emit('orderCancelReject', { message, order: this.tracker.cancelRejected(message) });
        return;
      case 'r':
        this.pending.onMassCancelReport(message.body);
        return;
      case 'j': {
        const refSeqNum = message.body.RefSeqNum;
        if (refSeqNum !== undefined) {
          this.tracker.requestRefused(refSeqNum, message.body.Text);
          this.pending.fail(refSeqNum, (msgType) => new FixRequestError('FIX_BUSINESS_REJECT', msgType, { reason: message.body.BusinessRejectReason, text: message.body.Text }));
        }
        this.events.emit('businessReject', message);
        return;
      }
      case 'UOH':
        this.pending.onOrderGroupResponse(message.body);
        this.events.emit('orderGroupResponse', message);
        return;
      case 'U2':
        this.pending.onEventResendComplete(message.body);
        return;
      case 'U3':
        this.pending.fail(message.body.RefSeqNum, (msgType) => new FixRequestError('FIX_EVENT_RESEND_REJECTED', msgType, { reason: message.body.EventResendRejectReason }));
        return;
      case 'UMS':
        this.events.emit('settlementReport', message);
        return;
      default:
        if (RFQ_TYPES.has(message.msgType)) this.events.emit('rfq', message as FixRfqMessage);
    }
  }

  private onSessionReject(reject: FixMessageOf<'3'>): void {
    const refSeqNum = reject.body.RefSeqNum;
    this.tracker.requestRefused(refSeqNum, reject.body.Text);
    this.pending.fail(refSeqNum, (msgType) => new FixRequestError('FIX_SESSION_REJECT', msgType, { reason: reject.body.SessionRejectReason, text: reject.body.Text }));
    this.events.emit('sessionReject', reject);
  }
}
