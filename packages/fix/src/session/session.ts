/**
 * The FIXT.1.1 session layer: one `FixSession` per connection, over an injected clock, store and
 * duplex. It logs on (as initiator or acceptor), numbers and stamps every outbound message,
 * checks every inbound one, keeps the link alive, recovers gaps, answers ResendRequest(2),
 * rejects malformed messages and logs out. What to do is decided by pure functions
 * (`decideInbound`, `decideDecodeError`, `decideTimer`, `planResend`); this class performs their
 * actions: writes (through a bounded {@link WriteQueue} that honours backpressure), store
 * updates, timers, events and closing. Application messages go up through the `message` event;
 * nothing here knows about orders.
 */
import type { Duplex } from 'node:stream';
import { FixCodec } from '../codec/codec.js';
import { FixDecodeError } from '../codec/errors.js';
import { FixFramer } from '../codec/framer.js';
import type { FixMessage } from '../codec/message.js';
import { formatUtcTimestamp } from '../codec/utc-timestamp.js';
import { fixDictionary } from '../generated/dictionary.js';
import type { FixMessageBodies, FixMsgType, StandardHeader } from '../generated/messages.js';
import type { FixSessionStore } from '../store/session-store.js';
import type { SessionAction } from './actions.js';
import { type FixClock, type FixTimer, systemClock } from './clock.js';
import { deferred } from './deferred.js';
import { decideActivation, decideDecodeError, decideInbound, decideTooLow } from './decide-inbound.js';
import { decideTimer, heartbeatDeadline } from './decide-timer.js';
import { Emitter } from './emitter.js';
import { FixSessionError, type FixSessionErrorCode } from './errors.js';
import { logonBody, produceLogon, reviewLogonDecision } from './logon-steps.js';
import { resendAnswer } from './resend-plan.js';
import type { FixSessionEvents } from './session-events.js';
import { type FixAcceptorOptions, type FixAppMsgType, type FixInitiatorOptions, type FixLogonDecision, type FixSessionOptions, type FixSessionState, type SessionLimits, sessionLimits } from './session-options.js';
import type { PendingTestRequest, SessionSnapshot } from './session-state.js';
import { type SessionInternals, SessionView } from './session-view.js';
import { WriteQueue } from './write-queue.js';

export type { FixInboundReject, FixSequenceGap, FixSessionEvents } from './session-events.js';
export type { FixAcceptorOptions, FixAppMsgType, FixInitiatorOptions, FixLogonDecision, FixLogonFields, FixLogonHeader, FixSessionCommonOptions, FixSessionOptions, FixSessionState } from './session-options.js';

const ADMIN_TYPES: ReadonlySet<string> = new Set(fixDictionary.messages.filter((m) => m.category === 'admin').map((m) => m.msgType));

/**
 * One FIX connection's session. Create one per connection; sequence numbers live in the store,
 * so a new session on the same store carries on where the last stopped.
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
  private readonly limits: SessionLimits;
  private duplex: Duplex | undefined;
  private writes: WriteQueue | undefined;
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
  private testRequest: PendingTestRequest | undefined;
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
    this.limits = sessionLimits(options);
    this.heartbeatMs = this.limits.heartbeatMs;
    if (options.role === 'initiator') {
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
    this.writes = new WriteQueue(duplex, this.limits.maxWriteQueueBytes, () => this.emitSafely('drain'));
    duplex.on('data', (chunk: Uint8Array) => this.onData(chunk));
    duplex.on('end', () => this.onTransportEnd());
    duplex.on('close', () => this.onTransportEnd());
    duplex.on('error', () => this.onTransportEnd());
    this.lastReceivedMs = this.clock.now();
    if (this.options.role === 'initiator') {
      this.setState('logon-sent');
      this.arm(this.clock.now() + this.limits.logonTimeoutMs);
      void this.sendLogon(this.options);
    } else {
      this.setState('awaiting-logon');
      this.arm(this.clock.now() + this.limits.logonTimeoutMs);
    }
    return this.loggedOn.promise;
  }

  /**
   * Sends an application message: numbers and stamps it, keeps it for resends when the session
   * has retransmission, and writes it. Encoding happens first, so an invalid message throws
   * before it takes a sequence number and nothing is written.
   * When the transport pushes back (`duplex.write()` returned false), messages wait in order for
   * its 'drain', up to `maxWriteQueueBytes`.
   * @returns its MsgSeqNum(34).
   * @throws FixSessionError `FIX_NOT_LOGGED_ON`; `FIX_WRITE_QUEUE_FULL` while `maxWriteQueueBytes`
   *   or more wait for the transport (nothing sent, no sequence number taken: retry after the
   *   `drain` event); FixEncodeError for an invalid body; FixStoreError.
   */
  send<T extends FixAppMsgType>(msgType: T, body: FixMessageBodies[T]): number {
    if (this.currentState !== 'active') {
      throw new FixSessionError('FIX_NOT_LOGGED_ON', `cannot send MsgType ${msgType} while the session is ${this.currentState}`);
    }
    const queued = this.writes?.queuedBytes ?? 0;
    if (queued >= this.limits.maxWriteQueueBytes) {
      throw new FixSessionError('FIX_WRITE_QUEUE_FULL', `${queued} bytes wait for the transport to drain (maxWriteQueueBytes ${this.limits.maxWriteQueueBytes})`, { field: 'maxWriteQueueBytes', value: queued });
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
      this.arm(this.clock.now() + this.limits.logoutTimeoutMs);
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
    const reset = options.resetSeqNumOnLogon ?? false;
    if (reset) options.store.reset();
    const produced = await produceLogon({
      options,
      seqNum: options.store.nextSenderSeqNum,
      clock: this.clock,
      maxDriftMs: this.limits.maxDriftMs,
      stillLoggingOn: () => this.currentState === 'logon-sent',
    });
    if (produced.kind === 'failed') this.close(produced.error);
    if (produced.kind !== 'ready') return;
    this.writeWithHeader('A', logonBody(produced.fields, this.heartbeatMs / 1000, reset), produced.header);
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
    decision = reviewLogonDecision(decision, message, this.clock.now(), this.limits.maxDriftMs);
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
      this.perform(decideTooLow(this.view, expected, seq));
      return;
    }
    this.sendNext('A', logonBody(decision.logonFields, this.heartbeatMs / 1000, reset));
    this.perform(decideActivation({ retransmission: this.retransmission }, seq, expected));
    const held = this.held;
    this.held = undefined;
    for (const frame of held) this.onFrame(frame);
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
      if (error instanceof FixDecodeError) this.perform(decideDecodeError(this.view, error));
      return;
    }
    if (this.currentState === 'awaiting-logon') {
      void this.onLogonRequest(message, this.options as FixAcceptorOptions);
      return;
    }
    this.perform(decideInbound(this.view, message));
  }

  // ------------------------------------------------------------------ decide, then act

  /** The state the decision functions see: read through to this session. */
  private readonly view: SessionSnapshot = new SessionView(this as unknown as SessionInternals);

  /** Performs decided actions in order. */
  private perform(actions: readonly SessionAction[]): void {
    for (const action of actions) {
      switch (action.kind) {
        case 'send':
          this.sendNext(action.msgType, action.body);
          break;
        case 'answer-resend':
          this.answerResend(action.begin, action.end);
          break;
        case 'set-next-target':
          (this.store as FixSessionStore).setNextTargetSeqNum(action.seqNum);
          break;
        case 'set-resend-up-to':
          this.resendUpTo = action.seqNum;
          break;
        case 'set-state':
          this.setState(action.state);
          break;
        case 'set-test-request':
          this.testRequest = action.testRequest;
          break;
        case 'logged-on':
          this.loggedOn.resolve();
          break;
        case 'arm':
          this.arm(action.deadlineMs);
          break;
        case 'arm-heartbeat':
          this.arm(heartbeatDeadline({ heartbeatMs: this.heartbeatMs, lastSentMs: this.lastSentMs, lastReceivedMs: this.lastReceivedMs, testRequest: this.testRequest }));
          break;
        case 'close':
          this.close(action.error);
          break;
        case 'emit': {
          const { event, arg } = action as unknown as { event: keyof FixSessionEvents; arg: never };
          if (action.safely) this.emitSafely(event, arg);
          else this.events.emit(event, arg);
          break;
        }
      }
    }
  }

  // ------------------------------------------------------------------ resend

  /** Answers ResendRequest(2): stored application messages again with PossDupFlag, everything else as gap fills. */
  private answerResend(begin: number, end: number): void {
    const store = this.store as FixSessionStore;
    const answer = resendAnswer({ begin, end, store, retransmission: this.retransmission, codec: this.codec, now: () => this.clock.now(), header: (seq) => this.header(seq) });
    for (const bytes of answer) this.write(bytes);
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
    (this.writes as WriteQueue).write(bytes);
    this.lastSentMs = this.clock.now();
  }

  // ------------------------------------------------------------------ timers

  private arm(deadlineMs: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.deadlineMs = deadlineMs;
    this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, deadlineMs - this.clock.now()));
  }

  private onTimer(): void {
    this.timer = undefined;
    this.perform(decideTimer(this.view));
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
      if (duplex.writable) {
        // What waited for 'drain' (a Logout, say) still goes out before the end.
        this.writes?.flushAll();
        duplex.end(() => duplex.destroy());
      } else {
        duplex.destroy();
      }
    }
    this.loggedOn.reject(error ?? new FixSessionError('FIX_DISCONNECTED', 'the session closed before logon'));
    this.closedDeferred.resolve(error);
    this.emitSafely('close', error);
  }

  /** A method, not a comparison: listeners may have closed the session since the last check. */
  private isClosed(): boolean {
    return this.currentState === 'closed';
  }

  private setState(state: FixSessionState): void {
    this.currentState = state;
    this.emitSafely('state', state);
  }

  private emitSafely<K extends keyof FixSessionEvents>(event: K, ...args: Parameters<FixSessionEvents[K]>): void {
    try {
      this.events.emit(event, ...args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/** FixSessionError codes after which reconnecting cannot help until something changes. */
export const FATAL_SESSION_ERRORS: ReadonlySet<FixSessionErrorCode> = new Set<FixSessionErrorCode>(['FIX_LOGON_REJECTED', 'FIX_LOGON_SIGN_FAILED', 'FIX_COMP_ID_MISMATCH']);

