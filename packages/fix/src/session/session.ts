/**
 * The FIXT.1.1 session layer: one `FixSession` per connection, a state machine over an injected
 * clock, store and duplex. It logs on (as initiator or acceptor), numbers and stamps every
 * outbound message, checks every inbound one (CompIDs, SendingTime, MsgSeqNum, PossDupFlag),
 * keeps the link alive with Heartbeat(0) and TestRequest(1), recovers gaps with
 * ResendRequest(2), answers the counterparty's ResendRequest with resent application messages
 * and SequenceReset(4)-GapFill, rejects malformed messages with Reject(3), and logs out.
 * Application messages go up through the `message` event; nothing here knows about orders.
 */
import type { Duplex } from 'node:stream';
import { FixCodec } from '../codec/codec.js';
import { type FixDecodeError, FixDecodeError as DecodeError } from '../codec/errors.js';
import { FixFramer } from '../codec/framer.js';
import type { FixMessage, FixMessageOf } from '../codec/message.js';
import { formatUtcTimestamp, parseUtcTimestamp } from '../codec/utc-timestamp.js';
import { fixDictionary } from '../generated/dictionary.js';
import type { FixMessageBodies, FixMsgType, Logon, StandardHeader } from '../generated/messages.js';
import type { FixSessionStore } from '../store/session-store.js';
import { type FixClock, type FixTimer, systemClock } from './clock.js';
import { Emitter } from './emitter.js';
import { FixSessionError, type FixSessionErrorCode } from './errors.js';

/** Where a session is in its life. */
export type FixSessionState =
  /** Created, `start()` not called yet. */
  | 'idle'
  /** Initiator: Logon(A) being signed or sent, waiting for the answer. */
  | 'logon-sent'
  /** Acceptor: waiting for the counterparty's Logon(A). */
  | 'awaiting-logon'
  /** Logged on: application messages flow. */
  | 'active'
  /** Our Logout(5) is out, waiting for the counterparty's. */
  | 'logout-sent'
  /** The connection is over. */
  | 'closed';

/** MsgType(35) values of application messages (the dictionary's `msgcat='app'`). */
export type FixAppMsgType = Exclude<FixMsgType, '0' | '1' | '2' | '3' | '4' | '5' | 'A'>;

/** Logon(A) fields besides the ones the session sets (EncryptMethod, HeartBtInt, DefaultApplVerID, ResetSeqNumFlag). */
export type FixLogonFields = Omit<Logon, 'EncryptMethod' | 'HeartBtInt' | 'DefaultApplVerID' | 'ResetSeqNumFlag'>;

/** The header of the Logon(A) about to be sent, handed to `logonFields` (Kalshi signs it into RawData(96)). */
export interface FixLogonHeader {
  readonly SenderCompID: string;
  readonly TargetCompID: string;
  readonly MsgSeqNum: number;
  /** SendingTime(52) exactly as it will be sent. */
  readonly SendingTime: string;
}

/** Options both roles share. */
export interface FixSessionCommonOptions {
  /** Time source and timers; default the system clock. */
  readonly clock?: FixClock;
  /**
   * Largest accepted distance, in ms, between an inbound SendingTime(52) and our clock;
   * farther is answered with Reject(3) SessionRejectReason 10. Default 30,000.
   */
  readonly maxSendingTimeDriftMs?: number;
  /** Milliseconds to wait for the counterparty's Logout(5) after ours; default 5,000. */
  readonly logoutTimeoutMs?: number;
  /** Milliseconds to wait for the Logon(A) (or its answer); default 10,000. */
  readonly logonTimeoutMs?: number;
  /** Largest inbound message in bytes; default 1 MiB. */
  readonly maxMessageSize?: number;
}

/** A session that logs on: Kalshi's side of a client. */
export interface FixInitiatorOptions extends FixSessionCommonOptions {
  readonly role: 'initiator';
  /** SenderCompID(49): for Kalshi, the API key id. */
  readonly senderCompId: string;
  /** TargetCompID(56): for Kalshi, the session name (`KalshiNR`, `KalshiRT`, ...). */
  readonly targetCompId: string;
  /**
   * SenderCompID(49) values accepted on inbound messages besides `targetCompId` (Kalshi writes
   * `Kalshi` there, per /fix/common-components). Anything else ends the session with
   * `FIX_COMP_ID_MISMATCH`. Default none.
   */
  readonly acceptSenderCompIds?: readonly string[];
  readonly store: FixSessionStore;
  /** HeartBtInt(108), seconds; default 30. */
  readonly heartbeatIntervalSec?: number;
  /**
   * Gap recovery: on an inbound gap send ResendRequest(2), and keep sent application messages
   * in the store to answer the counterparty's. Without it a gap is reported (`sequenceGap`) and
   * skipped, and resend requests are answered with one gap fill. Default false.
   */
  readonly retransmission?: boolean;
  /** Log on with ResetSeqNumFlag(141)=Y, both sequence numbers back to 1. Default false. */
  readonly resetSeqNumOnLogon?: boolean;
  /**
   * Extra Logon(A) fields for this header (signature, venue flags). Called again with a fresh
   * SendingTime if producing them took longer than half of `maxSendingTimeDriftMs`.
   */
  readonly logonFields?: (header: FixLogonHeader) => Promise<FixLogonFields> | FixLogonFields;
}

/** What an acceptor decides on a counterparty's Logon(A). */
export type FixLogonDecision =
  | {
      readonly accept: true;
      /** The session's state, usually kept by the acceptor across connections. */
      readonly store: FixSessionStore;
      /** As {@link FixInitiatorOptions.retransmission}. */
      readonly retransmission: boolean;
      /** Extra fields for our Logon(A) answer. */
      readonly logonFields?: FixLogonFields;
      /**
       * SenderCompID(49) of our messages (Kalshi writes `Kalshi`); default the Logon's
       * TargetCompID(56). Inbound messages must still be addressed to that TargetCompID.
       */
      readonly localCompId?: string;
    }
  | {
      readonly accept: false;
      /** Text(58) of the Logout(5) sent back. */
      readonly text: string;
      /** SenderCompID(49) of that Logout; default the Logon's TargetCompID(56). */
      readonly localCompId?: string;
    };

/** A session that waits for a Logon: an exchange or a test counterparty. */
export interface FixAcceptorOptions extends FixSessionCommonOptions {
  readonly role: 'acceptor';
  /** Checks the Logon(A) (signature, CompIDs) and picks the session's store. */
  readonly onLogon: (logon: FixMessageOf<'A'>) => Promise<FixLogonDecision> | FixLogonDecision;
}

/** Options of a {@link FixSession}. */
export type FixSessionOptions = FixInitiatorOptions | FixAcceptorOptions;

/** An inbound message we answered with Reject(3). */
export interface FixInboundReject {
  readonly refSeqNum: number;
  readonly refMsgType: string | undefined;
  readonly refTagId: number | undefined;
  /** SessionRejectReason(373). */
  readonly reason: number;
  readonly text: string;
}

/** A hole in the counterparty's sequence numbers. */
export interface FixSequenceGap {
  /** MsgSeqNum(34) expected. */
  readonly expected: number;
  /** MsgSeqNum(34) received. */
  readonly received: number;
  /** True when a ResendRequest(2) went out; false when the session has no retransmission and skipped the gap. */
  readonly resendRequested: boolean;
}

/** Events of a {@link FixSession}. Listeners run synchronously; an exception thrown by one is rethrown on a microtask. */
export interface FixSessionEvents {
  [event: string]: (...args: never[]) => void;
  /** An application message, in sequence (resent ones carry `header.PossDupFlag`). */
  message: (message: FixMessage) => void;
  /** The counterparty rejected one of our messages with Reject(3). */
  reject: (reject: FixMessageOf<'3'>) => void;
  /** We rejected one of the counterparty's messages with Reject(3). */
  inboundReject: (reject: FixInboundReject) => void;
  sequenceGap: (gap: FixSequenceGap) => void;
  /** Bytes that were not a message (bad framing or CheckSum): ignored, as FIX requires. */
  garbled: (error: FixDecodeError) => void;
  state: (state: FixSessionState) => void;
  /** The connection is over: `undefined` after an orderly Logout we started, the reason otherwise. */
  close: (error: FixSessionError | undefined) => void;
}

const ADMIN_TYPES: ReadonlySet<string> = new Set(fixDictionary.messages.filter((m) => m.category === 'admin').map((m) => m.msgType));
const APPL_VER_FIX50SP2 = '9';
const REASON_COMP_ID = 9;
const REASON_SENDING_TIME = 10;
const REASON_REQUIRED_TAG_MISSING = 1;
const REASON_VALUE_INCORRECT = 5;
const TAG_SENDING_TIME = 52;
const TAG_ORIG_SENDING_TIME = 122;
const TAG_NEW_SEQ_NO = 36;

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * One FIX connection's session state machine. Create one per connection; sequence numbers
 * live in the store, so a new session on the same store carries on where the last stopped.
 *
 * @example
 * const session = new FixSession({ role: 'initiator', senderCompId: apiKeyId, targetCompId: 'KalshiNR', store: new MemorySessionStore(), resetSeqNumOnLogon: true });
 * session.on('message', (m) => console.log(m.msgType));
 * await session.start(await connectFixTransport({ host, port: 8228 }));
 */
export class FixSession {
  private readonly options: FixSessionOptions;
  private readonly clock: FixClock;
  private readonly events = new Emitter<FixSessionEvents>();
  private readonly codec = new FixCodec();
  private readonly framer: FixFramer;
  private readonly maxDriftMs: number;
  private readonly logonTimeoutMs: number;
  private readonly logoutTimeoutMs: number;
  private duplex: Duplex | undefined;
  private currentState: FixSessionState = 'idle';
  private store: FixSessionStore | undefined;
  private senderCompId: string | undefined;
  private targetCompId: string | undefined;
  /** TargetCompID(56) inbound messages must carry: our own CompID as the counterparty writes it. */
  private inboundTargetCompId: string | undefined;
  /** SenderCompID(49) values accepted inbound besides `targetCompId`. */
  private acceptSenderCompIds: ReadonlySet<string> = new Set();
  private heartbeatMs = 30_000;
  private retransmission = false;
  private lastSentMs = 0;
  private lastReceivedMs = 0;
  private testRequest: { readonly id: string; readonly sentMs: number } | undefined;
  private deadlineMs = 0;
  private timer: FixTimer | undefined;
  /** Highest MsgSeqNum seen beyond a gap we asked to be resent. */
  private resendUpTo: number | undefined;
  /** Frames held while an asynchronous step (the acceptor's logon check) runs. */
  private held: Uint8Array[] | undefined;
  private readonly loggedOn = deferred<void>();
  private readonly closedDeferred = deferred<FixSessionError | undefined>();

  constructor(options: FixSessionOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.framer = new FixFramer(options.maxMessageSize === undefined ? {} : { maxMessageSize: options.maxMessageSize });
    this.maxDriftMs = positive(options.maxSendingTimeDriftMs ?? 30_000, 'maxSendingTimeDriftMs');
    this.logonTimeoutMs = positive(options.logonTimeoutMs ?? 10_000, 'logonTimeoutMs');
    this.logoutTimeoutMs = positive(options.logoutTimeoutMs ?? 5_000, 'logoutTimeoutMs');
    if (options.role === 'initiator') {
      const hb = options.heartbeatIntervalSec ?? 30;
      if (!Number.isSafeInteger(hb) || hb < 1) {
        throw new FixSessionError('FIX_INVALID_OPTIONS', 'heartbeatIntervalSec must be a positive integer', { field: 'heartbeatIntervalSec', value: hb });
      }
      this.heartbeatMs = hb * 1000;
      this.store = options.store;
      this.senderCompId = options.senderCompId;
      this.inboundTargetCompId = options.senderCompId;
      this.targetCompId = options.targetCompId;
      this.acceptSenderCompIds = new Set(options.acceptSenderCompIds ?? []);
      this.retransmission = options.retransmission ?? false;
    }
    // Nobody may be listening for these: keep them from becoming unhandled rejections.
    this.loggedOn.promise.catch(() => undefined);
  }

  /** The current state. */
  get state(): FixSessionState {
    return this.currentState;
  }

  /** Resolves with the reason once the connection is over (`undefined` after an orderly logout we started). */
  get closed(): Promise<FixSessionError | undefined> {
    return this.closedDeferred.promise;
  }

  /** MsgSeqNum(34) of our next message; undefined before an acceptor knows its store. */
  get nextSenderSeqNum(): number | undefined {
    return this.store?.nextSenderSeqNum;
  }

  /** MsgSeqNum(34) expected next from the counterparty. */
  get nextTargetSeqNum(): number | undefined {
    return this.store?.nextTargetSeqNum;
  }

  /** HeartBtInt(108) in force, seconds. */
  get heartbeatIntervalSec(): number {
    return this.heartbeatMs / 1000;
  }

  /** SenderCompID(49) of our messages (an acceptor learns it from the Logon). */
  get localCompId(): string | undefined {
    return this.senderCompId;
  }

  /** SenderCompID(49) of the counterparty's messages. */
  get remoteCompId(): string | undefined {
    return this.targetCompId;
  }

  /**
   * Registers a listener.
   * @returns a function that removes it.
   */
  on<K extends keyof FixSessionEvents & string>(event: K, listener: FixSessionEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Runs the session over `duplex`: an initiator sends its Logon(A), an acceptor waits for one.
   * Resolves once logged on.
   * @throws (rejects) FixSessionError `FIX_LOGON_REJECTED`, `FIX_LOGON_TIMEOUT`,
   *   `FIX_LOGON_SIGN_FAILED`, `FIX_LOGON_EXPECTED`, `FIX_SEQ_TOO_LOW`, `FIX_DISCONNECTED`.
   */
  start(duplex: Duplex): Promise<void> {
    if (this.currentState !== 'idle') throw new FixSessionError('FIX_INVALID_OPTIONS', 'a FixSession runs one connection: create a new one to reconnect');
    this.duplex = duplex;
    duplex.on('data', (chunk: Uint8Array) => this.onData(chunk));
    duplex.on('end', () => this.onTransportEnd());
    duplex.on('close', () => this.onTransportEnd());
    duplex.on('error', () => this.onTransportEnd());
    this.lastReceivedMs = this.clock.now();
    if (this.options.role === 'initiator') {
      this.setState('logon-sent');
      this.arm(this.clock.now() + this.logonTimeoutMs);
      void this.sendLogon(this.options);
    } else {
      this.setState('awaiting-logon');
      this.arm(this.clock.now() + this.logonTimeoutMs);
    }
    return this.loggedOn.promise;
  }

  /**
   * Sends an application message: numbers and stamps it, keeps it for resends when the session
   * has retransmission, and writes it. Encoding happens first, so an invalid message throws
   * before it takes a sequence number and nothing is written.
   * @returns its MsgSeqNum(34).
   * @throws FixSessionError `FIX_NOT_LOGGED_ON`; FixEncodeError for an invalid body; FixStoreError.
   */
  send<T extends FixAppMsgType>(msgType: T, body: FixMessageBodies[T]): number {
    if (this.currentState !== 'active') {
      throw new FixSessionError('FIX_NOT_LOGGED_ON', `cannot send MsgType ${msgType} while the session is ${this.currentState}`);
    }
    return this.sendNext(msgType, body as FixMessageBodies[FixMsgType]);
  }

  /**
   * Logs out: sends Logout(5), waits up to `logoutTimeoutMs` for the answer, then closes the
   * transport. Before logon it just closes. Resolves when closed.
   */
  async logout(text?: string): Promise<void> {
    if (this.currentState === 'active') {
      this.setState('logout-sent');
      this.sendNext('5', text === undefined ? {} : { Text: text });
      this.arm(this.clock.now() + this.logoutTimeoutMs);
    } else if (this.currentState !== 'closed' && this.currentState !== 'logout-sent') {
      this.close(undefined);
    }
    await this.closedDeferred.promise;
  }

  /** Drops the transport at once, without a Logout(5) (a crash, for tests of recovery). */
  destroy(): void {
    this.close(new FixSessionError('FIX_DISCONNECTED', 'the transport was destroyed'));
  }

  // ------------------------------------------------------------------ logon

  private async sendLogon(options: FixInitiatorOptions): Promise<void> {
    const store = options.store;
    const reset = options.resetSeqNumOnLogon ?? false;
    if (reset) store.reset();
    let header: FixLogonHeader;
    let extras: FixLogonFields = {};
    for (let attempt = 0; ; attempt++) {
      const sendingMs = this.clock.now();
      header = {
        SenderCompID: options.senderCompId,
        TargetCompID: options.targetCompId,
        MsgSeqNum: store.nextSenderSeqNum,
        SendingTime: formatUtcTimestamp(sendingMs),
      };
      try {
        extras = options.logonFields === undefined ? {} : await options.logonFields(header);
      } catch (error) {
        this.close(new FixSessionError('FIX_LOGON_SIGN_FAILED', 'producing the Logon fields failed', { cause: error }));
        return;
      }
      if (this.currentState !== 'logon-sent') return;
      // The signature covers SendingTime: if signing was slow, sign a fresh one.
      if (this.clock.now() - sendingMs <= this.maxDriftMs / 2 || attempt === 2) break;
    }
    const body: Logon = {
      ...extras,
      EncryptMethod: 0,
      HeartBtInt: this.heartbeatMs / 1000,
      ...(reset ? { ResetSeqNumFlag: true } : {}),
      DefaultApplVerID: APPL_VER_FIX50SP2,
    };
    this.writeWithHeader('A', body, header);
  }

  private onLogonAnswer(message: FixMessage): void {
    const store = this.store as FixSessionStore;
    if (message.msgType === '5') {
      const text = message.body.Text;
      this.close(new FixSessionError('FIX_LOGON_REJECTED', `the counterparty refused the Logon${text === undefined ? '' : `: ${text}`}`, { text }));
      return;
    }
    if (message.msgType !== 'A') {
      this.close(new FixSessionError('FIX_LOGON_EXPECTED', `expected a Logon answer, got MsgType ${message.msgType}`));
      return;
    }
    if (!this.checkCompIds(message)) return;
    const seq = message.header.MsgSeqNum;
    const expected = store.nextTargetSeqNum;
    if (seq < expected) {
      this.tooLow(expected, seq);
      return;
    }
    this.becomeActive(seq, expected);
  }

  private async onLogonRequest(message: FixMessage, options: FixAcceptorOptions): Promise<void> {
    if (message.msgType !== 'A') {
      this.close(new FixSessionError('FIX_LOGON_EXPECTED', `expected a Logon, got MsgType ${message.msgType}`));
      return;
    }
    this.held = [];
    let decision: FixLogonDecision;
    try {
      decision = await options.onLogon(message);
    } catch {
      decision = { accept: false, text: 'logon check failed' };
    }
    if (this.currentState !== 'awaiting-logon') return;
    this.senderCompId = decision.localCompId ?? message.header.TargetCompID;
    this.inboundTargetCompId = message.header.TargetCompID;
    this.targetCompId = message.header.SenderCompID;
    const sendingMs = parseUtcTimestamp(message.header.SendingTime);
    if (decision.accept && !(Math.abs(this.clock.now() - sendingMs) <= this.maxDriftMs)) {
      decision = { accept: false, text: 'SendingTime accuracy problem' };
    }
    if (!decision.accept) {
      this.writeWithHeader('5', { Text: decision.text }, this.header(1));
      this.close(new FixSessionError('FIX_LOGON_REJECTED', `refused the Logon: ${decision.text}`, { text: decision.text }));
      return;
    }
    const store = decision.store;
    this.store = store;
    this.retransmission = decision.retransmission;
    this.heartbeatMs = Math.max(1, message.body.HeartBtInt) * 1000;
    const reset = message.body.ResetSeqNumFlag === true;
    if (reset) store.reset();
    const seq = message.header.MsgSeqNum;
    const expected = store.nextTargetSeqNum;
    if (seq < expected) {
      this.tooLow(expected, seq);
      return;
    }
    this.sendNext('A', {
      ...decision.logonFields,
      EncryptMethod: 0,
      HeartBtInt: this.heartbeatMs / 1000,
      ...(reset ? { ResetSeqNumFlag: true } : {}),
      DefaultApplVerID: APPL_VER_FIX50SP2,
    });
    this.becomeActive(seq, expected);
    const held = this.held;
    this.held = undefined;
    for (const frame of held) this.onFrame(frame);
  }

  /** Logon done: consume its sequence number (or ask for the gap before it), start heartbeats. */
  private becomeActive(seq: number, expected: number): void {
    const store = this.store as FixSessionStore;
    this.setState('active');
    if (seq === expected) {
      store.setNextTargetSeqNum(seq + 1);
    } else if (this.retransmission) {
      this.requestResend(expected, seq);
    } else {
      this.events.emit('sequenceGap', { expected, received: seq, resendRequested: false });
      store.setNextTargetSeqNum(seq + 1);
    }
    this.armHeartbeat();
    this.loggedOn.resolve();
  }

  // ------------------------------------------------------------------ inbound

  private onData(chunk: Uint8Array): void {
    if (this.currentState === 'closed') return;
    for (const frame of this.framer.feed(chunk)) {
      if (frame.kind === 'garbled') {
        this.events.emit('garbled', frame.error);
      } else if (this.held !== undefined) {
        // A view may point into `chunk`: keep a copy.
        this.held.push(frame.bytes.slice());
      } else {
        this.onFrame(frame.bytes);
      }
      if (this.isClosed()) return;
    }
  }

  private onFrame(bytes: Uint8Array): void {
    if (this.currentState === 'closed') return;
    this.lastReceivedMs = this.clock.now();
    this.testRequest = undefined;
    let message: FixMessage;
    try {
      message = this.codec.decode(bytes);
    } catch (error) {
      if (error instanceof DecodeError) this.onDecodeError(error);
      return;
    }
    switch (this.currentState) {
      case 'awaiting-logon':
        void this.onLogonRequest(message, this.options as FixAcceptorOptions);
        return;
      case 'logon-sent':
        this.onLogonAnswer(message);
        return;
      case 'active':
      case 'logout-sent':
        this.onSessionMessage(message);
        return;
      default:
        return;
    }
  }

  private onDecodeError(error: FixDecodeError): void {
    const reason = error.sessionRejectReason;
    const seq = error.msgSeqNum;
    if (this.currentState === 'awaiting-logon' || this.currentState === 'logon-sent') {
      if (!error.garbled) this.close(new FixSessionError('FIX_LOGON_EXPECTED', `the first message does not decode (${error.code})`, { cause: error }));
      return;
    }
    if (reason === undefined || seq === undefined) {
      this.events.emit('garbled', error);
      return;
    }
    const store = this.store as FixSessionStore;
    const expected = store.nextTargetSeqNum;
    if (seq < expected) return;
    if (seq > expected && !this.gap(expected, seq)) return;
    this.rejectInbound({ refSeqNum: seq, refMsgType: error.msgType, refTagId: error.tag, reason, text: error.code });
  }

  private onSessionMessage(message: FixMessage): void {
    const store = this.store as FixSessionStore;
    const header = message.header;
    if (!this.checkCompIds(message)) return;
    const seq = header.MsgSeqNum;
    const sendingMs = parseUtcTimestamp(header.SendingTime);
    const drift = Math.abs(this.clock.now() - sendingMs);
    if (message.msgType === '4') {
      this.onSequenceReset(message);
      return;
    }
    let expected = store.nextTargetSeqNum;
    if (seq > expected) {
      // A Logout ends the session anyway; a ResendRequest is answered before asking for ours.
      if (message.msgType === '5') {
        this.onLogout(message.body.Text);
        return;
      }
      if (this.retransmission && message.msgType === '2') this.answerResend(message.body.BeginSeqNo, message.body.EndSeqNo);
      if (!this.gap(expected, seq)) return;
      expected = seq;
    }
    if (seq < expected) {
      if (header.PossDupFlag !== true) this.tooLow(expected, seq);
      return;
    }
    if (!(drift <= this.maxDriftMs)) {
      this.rejectInbound({ refSeqNum: seq, refMsgType: message.msgType, refTagId: TAG_SENDING_TIME, reason: REASON_SENDING_TIME, text: 'SendingTime accuracy problem' });
      return;
    }
    if (header.PossDupFlag === true) {
      if (header.OrigSendingTime === undefined) {
        this.rejectInbound({ refSeqNum: seq, refMsgType: message.msgType, refTagId: TAG_ORIG_SENDING_TIME, reason: REASON_REQUIRED_TAG_MISSING, text: 'PossDupFlag=Y without OrigSendingTime' });
        return;
      }
      if (!(parseUtcTimestamp(header.OrigSendingTime) <= sendingMs)) {
        this.rejectInbound({ refSeqNum: seq, refMsgType: message.msgType, refTagId: TAG_ORIG_SENDING_TIME, reason: REASON_SENDING_TIME, text: 'OrigSendingTime after SendingTime' });
        return;
      }
    }
    store.setNextTargetSeqNum(seq + 1);
    if (this.resendUpTo !== undefined && seq >= this.resendUpTo) this.resendUpTo = undefined;
    this.dispatch(message);
  }

  private dispatch(message: FixMessage): void {
    switch (message.msgType) {
      case '0':
      case 'A':
        return;
      case '1':
        this.sendNext('0', { TestReqID: message.body.TestReqID });
        return;
      case '2':
        this.answerResend(message.body.BeginSeqNo, message.body.EndSeqNo);
        return;
      case '3':
        this.emitSafely('reject', message);
        return;
      case '5':
        this.onLogout(message.body.Text);
        return;
      default:
        this.emitSafely('message', message);
    }
  }

  private onSequenceReset(message: FixMessageOf<'4'>): void {
    const store = this.store as FixSessionStore;
    const seq = message.header.MsgSeqNum;
    const newSeqNo = message.body.NewSeqNo;
    const expected = store.nextTargetSeqNum;
    if (message.body.GapFillFlag !== true) {
      // Reset mode: MsgSeqNum is ignored, NewSeqNo may not go backwards.
      if (newSeqNo < expected) {
        this.rejectInbound({ refSeqNum: seq, refMsgType: '4', refTagId: TAG_NEW_SEQ_NO, reason: REASON_VALUE_INCORRECT, text: 'NewSeqNo below the expected MsgSeqNum' });
        return;
      }
      this.advanceTo(newSeqNo);
      return;
    }
    if (seq < expected) {
      if (message.header.PossDupFlag !== true) this.tooLow(expected, seq);
      return;
    }
    if (seq > expected && !this.gap(expected, seq)) return;
    if (newSeqNo <= seq) {
      this.rejectInbound({ refSeqNum: seq, refMsgType: '4', refTagId: TAG_NEW_SEQ_NO, reason: REASON_VALUE_INCORRECT, text: 'NewSeqNo not above MsgSeqNum' });
      return;
    }
    this.advanceTo(newSeqNo);
  }

  private advanceTo(nextTarget: number): void {
    (this.store as FixSessionStore).setNextTargetSeqNum(nextTarget);
    if (this.resendUpTo !== undefined && nextTarget > this.resendUpTo) this.resendUpTo = undefined;
  }

  /**
   * An inbound MsgSeqNum above the expected one. With retransmission: ask for the rest once and
   * drop this message (the resend brings it again); returns false. Without: report the gap,
   * skip to `seq`, and return true so the message is processed.
   */
  private gap(expected: number, seq: number): boolean {
    if (this.retransmission) {
      if (this.resendUpTo === undefined) this.requestResend(expected, seq);
      else this.resendUpTo = Math.max(this.resendUpTo, seq);
      return false;
    }
    this.events.emit('sequenceGap', { expected, received: seq, resendRequested: false });
    (this.store as FixSessionStore).setNextTargetSeqNum(seq);
    return true;
  }

  private requestResend(expected: number, seq: number): void {
    this.resendUpTo = seq;
    // EndSeqNo 0: everything from BeginSeqNo on (FIXT.1.1 "infinity").
    this.sendNext('2', { BeginSeqNo: expected, EndSeqNo: 0 });
    this.events.emit('sequenceGap', { expected, received: seq, resendRequested: true });
  }

  private onLogout(text: string | undefined): void {
    if (this.currentState === 'logout-sent') {
      this.close(undefined);
      return;
    }
    this.setState('logout-sent');
    this.sendNext('5', {});
    this.close(new FixSessionError('FIX_LOGGED_OUT', `the counterparty logged out${text === undefined ? '' : `: ${text}`}`, { text }));
  }

  // ------------------------------------------------------------------ resend

  /** Answers ResendRequest(2): stored application messages again with PossDupFlag, everything else as gap fills. */
  private answerResend(begin: number, end: number): void {
    const store = this.store as FixSessionStore;
    const last = store.nextSenderSeqNum - 1;
    const stop = end === 0 || end > last ? last : end;
    if (begin < 1 || begin > stop) return;
    const stored = this.retransmission ? store.getOutbound(begin, stop) : [];
    let gapStart = begin;
    for (const { seqNum, bytes } of stored) {
      if (seqNum > gapStart) this.gapFill(gapStart, seqNum);
      const original = this.codec.decode(bytes);
      const header: StandardHeader = {
        ...original.header,
        PossDupFlag: true,
        OrigSendingTime: original.header.SendingTime,
        SendingTime: formatUtcTimestamp(this.clock.now()),
      };
      this.write(this.codec.encode({ msgType: original.msgType, header, body: original.body } as FixMessage));
      gapStart = seqNum + 1;
    }
    if (gapStart <= stop) this.gapFill(gapStart, stop + 1);
  }

  private gapFill(seq: number, newSeqNo: number): void {
    const now = formatUtcTimestamp(this.clock.now());
    this.writeWithHeader('4', { GapFillFlag: true, NewSeqNo: newSeqNo }, { ...this.header(seq), PossDupFlag: true, OrigSendingTime: now });
  }

  // ------------------------------------------------------------------ outbound

  private header(seq: number): StandardHeader {
    return {
      SenderCompID: this.senderCompId as string,
      TargetCompID: this.targetCompId as string,
      MsgSeqNum: seq,
      SendingTime: formatUtcTimestamp(this.clock.now()),
    };
  }

  /** Numbers, stores (application messages, with retransmission) and writes a message. */
  private sendNext(msgType: FixMsgType, body: FixMessageBodies[FixMsgType]): number {
    const store = this.store as FixSessionStore;
    const seq = store.nextSenderSeqNum;
    const bytes = this.codec.encode({ msgType, header: this.header(seq), body } as FixMessage);
    if (this.retransmission && !ADMIN_TYPES.has(msgType)) store.saveOutbound(seq, bytes);
    store.setNextSenderSeqNum(seq + 1);
    this.write(bytes);
    return seq;
  }

  /** Writes a message with a header made elsewhere (the signed Logon, gap fills, refusals). */
  private writeWithHeader(msgType: FixMsgType, body: FixMessageBodies[FixMsgType], header: StandardHeader): void {
    const bytes = this.codec.encode({ msgType, header, body } as FixMessage);
    if (this.store !== undefined && header.PossDupFlag !== true && header.MsgSeqNum === this.store.nextSenderSeqNum) {
      this.store.setNextSenderSeqNum(header.MsgSeqNum + 1);
    }
    this.write(bytes);
  }

  private write(bytes: Uint8Array): void {
    const duplex = this.duplex;
    if (duplex === undefined || !duplex.writable) return;
    duplex.write(bytes);
    this.lastSentMs = this.clock.now();
  }

  private rejectInbound(reject: FixInboundReject): void {
    (this.store as FixSessionStore).setNextTargetSeqNum(reject.refSeqNum + 1);
    this.sendNext('3', {
      RefSeqNum: reject.refSeqNum,
      ...(reject.refTagId === undefined ? {} : { RefTagID: reject.refTagId }),
      ...(reject.refMsgType === undefined ? {} : { RefMsgType: reject.refMsgType }),
      SessionRejectReason: reject.reason as NonNullable<FixMessageBodies['3']['SessionRejectReason']>,
      Text: reject.text,
    });
    this.events.emit('inboundReject', reject);
  }

  private checkCompIds(message: FixMessage): boolean {
    const { SenderCompID, TargetCompID, MsgSeqNum } = message.header;
    const senderOk = SenderCompID === this.targetCompId || this.acceptSenderCompIds.has(SenderCompID);
    if (senderOk && TargetCompID === this.inboundTargetCompId) return true;
    const wrong = senderOk ? 56 : 49;
    if (this.currentState === 'active') {
      this.rejectInbound({ refSeqNum: MsgSeqNum, refMsgType: message.msgType, refTagId: wrong, reason: REASON_COMP_ID, text: 'CompID problem' });
      this.sendNext('5', { Text: 'CompID problem' });
    }
    this.close(new FixSessionError('FIX_COMP_ID_MISMATCH', `message from ${SenderCompID} to ${TargetCompID} on session ${this.senderCompId} → ${this.targetCompId}`));
    return false;
  }

  private tooLow(expected: number, received: number): void {
    const text = `MsgSeqNum too low, expecting ${expected} but received ${received}`;
    if (this.currentState === 'active' || this.store !== undefined) {
      this.setState('logout-sent');
      this.sendNext('5', { Text: text });
    }
    this.close(new FixSessionError('FIX_SEQ_TOO_LOW', text, { expected, received }));
  }

  // ------------------------------------------------------------------ timers

  private armHeartbeat(): void {
    this.arm(this.heartbeatDeadline());
  }

  private heartbeatDeadline(): number {
    const silence = this.heartbeatMs * 1.2;
    const receive = this.testRequest === undefined ? this.lastReceivedMs + silence : this.testRequest.sentMs + silence;
    return Math.min(this.lastSentMs + this.heartbeatMs, receive);
  }

  private arm(deadlineMs: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.deadlineMs = deadlineMs;
    this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, deadlineMs - this.clock.now()));
  }

  private onTimer(): void {
    this.timer = undefined;
    const now = this.clock.now();
    switch (this.currentState) {
      case 'logon-sent':
      case 'awaiting-logon':
        if (now >= this.deadlineMs) this.close(new FixSessionError('FIX_LOGON_TIMEOUT', `no Logon within ${this.logonTimeoutMs} ms`));
        else this.arm(this.deadlineMs);
        return;
      case 'logout-sent':
        if (now >= this.deadlineMs) this.close(undefined);
        else this.arm(this.deadlineMs);
        return;
      case 'active': {
        const silence = this.heartbeatMs * 1.2;
        if (this.testRequest !== undefined && now >= this.testRequest.sentMs + silence) {
          this.close(new FixSessionError('FIX_HEARTBEAT_TIMEOUT', `no answer to TestRequest ${this.testRequest.id}`));
          return;
        }
        if (this.testRequest === undefined && now >= this.lastReceivedMs + silence) {
          const id = `TEST-${now}`;
          this.sendNext('1', { TestReqID: id });
          this.testRequest = { id, sentMs: now };
        }
        if (now >= this.lastSentMs + this.heartbeatMs) this.sendNext('0', {});
        this.armHeartbeat();
        return;
      }
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ lifecycle

  private onTransportEnd(): void {
    if (this.currentState === 'closed') return;
    this.close(this.currentState === 'logout-sent' ? undefined : new FixSessionError('FIX_DISCONNECTED', 'the transport closed'));
  }

  private close(error: FixSessionError | undefined): void {
    if (this.currentState === 'closed') return;
    this.setState('closed');
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const duplex = this.duplex;
    if (duplex !== undefined && !duplex.destroyed) {
      if (duplex.writable) duplex.end(() => duplex.destroy());
      else duplex.destroy();
    }
    this.loggedOn.reject(error ?? new FixSessionError('FIX_DISCONNECTED', 'the session closed before logon'));
    this.closedDeferred.resolve(error);
    this.emitSafely('close', error);
  }

  private isClosed(): boolean {
    return this.currentState === 'closed';
  }

  private setState(state: FixSessionState): void {
    this.currentState = state;
    this.emitSafely('state', state);
  }

  private emitSafely<K extends keyof FixSessionEvents & string>(event: K, ...args: Parameters<FixSessionEvents[K]>): void {
    try {
      this.events.emit(event, ...args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}


function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new FixSessionError('FIX_INVALID_OPTIONS', `${field} must be a positive number`, { field, value });
  return value;
}

/** FixSessionError codes after which reconnecting cannot help until something changes. */
export const FATAL_SESSION_ERRORS: ReadonlySet<FixSessionErrorCode> = new Set<FixSessionErrorCode>(['FIX_LOGON_REJECTED', 'FIX_LOGON_SIGN_FAILED', 'FIX_COMP_ID_MISMATCH']);
