/**
 * Connection supervision for a `KalshiFixClient`: opens the byte stream, runs one `FixSession`
 * per connection over the client's store, reports `connected` / `disconnected`, and after an
 * established session drops, reconnects with backoff (`reconnecting`; `error` when it gives up
 * or the failure is fatal). Knows nothing about orders: the client wires each new session's
 * application events through `onSession`.
 */
import type { Emitter } from '../session/emitter.js';
import type { FixClock } from '../session/clock.js';
import { type FixSessionError, FixSessionError as SessionError } from '../session/errors.js';
import type { kalshiLogonFields } from '../session/kalshi-logon.js';
import { reconnectDelayMs } from '../session/reconnect.js';
import { FATAL_SESSION_ERRORS, FixSession } from '../session/session.js';
import { FileSessionStore } from '../store/file-store.js';
import { MemorySessionStore } from '../store/memory-store.js';
import type { FixSessionStore } from '../store/session-store.js';
import { connectFixTransport } from '../transport/connect.js';
import { kalshiFixEndpoint } from '../transport/endpoints.js';
import type { KalshiFixClientEvents } from './client-events.js';
import type { ResolvedFixClientOptions } from './client-options.js';

/** What a {@link ReconnectingSession} needs from its client. */
export interface ReconnectingSessionInput {
  readonly options: ResolvedFixClientOptions;
  readonly clock: FixClock;
  /** The session keeps sent messages and asks for gaps (KalshiRT, KalshiPT). */
  readonly retransmission: boolean;
  readonly resetOnLogon: boolean;
  readonly logonFields: ReturnType<typeof kalshiLogonFields>;
  /** Where `connected`, `disconnected`, `reconnecting`, `sequenceGap` and `error` go. */
  readonly events: Emitter<KalshiFixClientEvents>;
  /** Wires a new session's application events, before it starts. */
  readonly onSession: (session: FixSession) => void;
  /** The current session closed, before `disconnected`: fail what waited on it. */
  readonly onSessionClosed: () => void;
}

/** One client's connection over time: the current session and the reconnect loop. */
export class ReconnectingSession {
  private readonly input: ReconnectingSessionInput;
  private store: FixSessionStore | undefined;
  private current: FixSession | undefined;
  private closing = false;
  private reconnectTimer: unknown;

  constructor(input: ReconnectingSessionInput) {
    this.input = input;
  }

  /** The session of the current connection, if any. */
  get session(): FixSession | undefined {
    return this.current;
  }

  /**
   * Connects and logs on unless a session is open; the first attempt does not retry.
   * @throws (rejects) FixTransportError, FixSessionError, FixStoreError.
   */
  async connect(): Promise<void> {
    this.closing = false;
    if (this.current !== undefined && this.current.state !== 'closed') return;
    await this.attempt();
  }

  /** Stops reconnecting and logs out (waiting for the counterparty's Logout). */
  async logout(text: string | undefined): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer !== undefined) this.input.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.current !== undefined) await this.current.logout(text);
  }

  /** Closes the store if it is the default one the client opened; the next connect opens it again. */
  releaseStore(): void {
    if (this.input.options.store === undefined) this.store?.close();
    this.store = undefined;
  }

  private openStore(): FixSessionStore {
    const options = this.input.options;
    if (options.store !== undefined) return options.store;
    if (!this.input.retransmission) return new MemorySessionStore();
    return FileSessionStore.open({
      dir: options.storeDir ?? '.kalshi-fix',
      name: `${options.apiKeyId}-${options.session}-${options.environment ?? 'demo'}`,
    });
  }

  private async attempt(): Promise<void> {
    const { options, events } = this.input;
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
      clock: this.input.clock,
      heartbeatIntervalSec: options.heartbeatIntervalSec ?? 30,
      retransmission: this.input.retransmission,
      resetSeqNumOnLogon: this.input.resetOnLogon,
      logonFields: this.input.logonFields,
      ...(options.maxSendingTimeDriftMs === undefined ? {} : { maxSendingTimeDriftMs: options.maxSendingTimeDriftMs }),
      ...(options.logonTimeoutMs === undefined ? {} : { logonTimeoutMs: options.logonTimeoutMs }),
      ...(options.logoutTimeoutMs === undefined ? {} : { logoutTimeoutMs: options.logoutTimeoutMs }),
    });
    this.current = session;
    let established = false;
    this.input.onSession(session);
    session.on('sequenceGap', (gap) => events.emit('sequenceGap', gap));
    void session.closed.then((error) => this.onClosed(session, error, established));
    await session.start(duplex);
    established = true;
    events.emit('connected');
  }

  private onClosed(session: FixSession, error: FixSessionError | undefined, established: boolean): void {
    if (session !== this.current) return;
    this.input.onSessionClosed();
    if (!established) return;
    this.input.events.emit('disconnected', error);
    if (this.closing || error === undefined || this.input.options.reconnect === false || FATAL_SESSION_ERRORS.has(error.code)) return;
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    const { options, clock, events } = this.input;
    const policy = options.reconnect === false ? {} : (options.reconnect ?? {});
    if (attempt >= (policy.maxAttempts ?? Number.POSITIVE_INFINITY)) return;
    const delayMs = reconnectDelayMs(attempt, policy);
    events.emit('reconnecting', { attempt: attempt + 1, delayMs });
    this.reconnectTimer = clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closing) return;
      this.attempt().catch((error: unknown) => {
        if (this.closing) return;
        const fatal = error instanceof SessionError && FATAL_SESSION_ERRORS.has(error.code);
        if (fatal || attempt + 1 >= (policy.maxAttempts ?? Number.POSITIVE_INFINITY)) events.emit('error', error);
        if (!fatal) this.scheduleReconnect(attempt + 1);
      });
    }, delayMs);
  }
}
