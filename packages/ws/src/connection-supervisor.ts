import { abortable, abortReason, type Settle, waitUntil } from './abort.js';
import type { ClientState, WebSocketClientEvents } from './client-events.js';
import type { ResolvedClientOptions } from './client-options.js';
import type { Emitter } from './emitter.js';
import { KalshiWsError } from './errors.js';
import { HandshakeSigner } from './handshake-signer.js';
import { KeepaliveWatch } from './keepalive.js';
import { ReconnectBackoff } from './reconnect-backoff.js';
import { type Connection, defaultWebSocket, openConnection } from './transport.js';

/** @internal What the supervisor tells the client about the connection. */
export interface SupervisorHooks {
  /** A connection opened and `open` was emitted: restore the subscriptions on it. */
  opened(reconnect: boolean): void;
  /** A text frame arrived on the current connection. */
  frame(text: string): void;
  /** The connection is gone: fail what waited on it and detach the subscriptions. */
  dropped(error: KalshiWsError): void;
  /** The client stays down (`reconnect: false`, or the attempts ran out): end every subscription with `error`. */
  ended(error: KalshiWsError): void;
  /** The first connect failed with `error`. */
  connectFailed(error: KalshiWsError): void;
}

/** @internal The `WS_CLIENT_CLOSED` error. */
export function closedError(): KalshiWsError {
  return new KalshiWsError('WS_CLIENT_CLOSED', 'The client was closed.');
}

function asWsError(error: unknown): KalshiWsError {
  return error instanceof KalshiWsError ? error : new KalshiWsError('WS_CONNECT_FAILED', String(error), {}, { cause: error });
}

/**
 * @internal Supervises the one connection of a client: opens it (signing every handshake afresh),
 * watches its liveness, notices its loss, and reconnects with backoff until the policy runs out.
 * It owns the client's {@link ClientState} and a generation number that changes with every
 * connection, so work started on an old connection can tell it is stale. Doc page:
 * /getting_started/quick_start_websockets.
 */
export class ConnectionSupervisor {
  readonly #options: ResolvedClientOptions;
  readonly #events: Emitter<WebSocketClientEvents>;
  readonly #hooks: SupervisorHooks;
  readonly #signer: HandshakeSigner;
  readonly #backoff: ReconnectBackoff | undefined;
  readonly #keepalive: KeepaliveWatch | undefined;
  readonly #openWaiters = new Set<Settle<void>>();
  #state: ClientState = 'idle';
  #connection: Connection | undefined;
  #connecting: Promise<void> | undefined;
  #generation = 0;
  #reconnectTimer: unknown;

  constructor(options: ResolvedClientOptions, events: Emitter<WebSocketClientEvents>, hooks: SupervisorHooks) {
    this.#options = options;
    this.#events = events;
    this.#hooks = hooks;
    this.#signer = new HandshakeSigner(options.apiKeyId, options.credentials);
    this.#backoff = options.reconnect === false ? undefined : new ReconnectBackoff(options.reconnect, options.clock);
    const keepalive = options.keepalive;
    this.#keepalive =
      keepalive === undefined
        ? undefined
        : new KeepaliveWatch({
            ...keepalive,
            clock: options.clock,
            dead: (silent) => {
              this.drop(
                new KalshiWsError('WS_HEARTBEAT_TIMEOUT', `Nothing arrived for ${silent} heartbeat intervals of ${keepalive.intervalMs} ms; reconnecting.`),
                4000,
                'heartbeat timeout',
              );
            },
          });
  }

  /** See {@link ClientState}. */
  get state(): ClientState {
    return this.#state;
  }

  /** The open connection, or undefined. */
  get connection(): Connection | undefined {
    return this.#connection;
  }

  /** Changes with every connection opened or lost, and on close. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Connects unless open, connecting or closed; the first attempt is not retried. `signal` ends this
   * wait only: an attempt under way goes on (others may wait on it).
   */
  connect(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(closedError());
    if (this.#connecting !== undefined) return abortable(this.#connecting, signal);
    if (this.#state === 'reconnecting') return this.whenOpen(signal);
    this.#state = 'connecting';
    const attempt = this.#open(false).catch((error: unknown) => {
      if (this.#state === 'connecting') this.#state = 'idle';
      const err = asWsError(error);
      this.rejectWaiters(err);
      this.#hooks.connectFailed(err);
      throw err;
    });
    this.#connecting = attempt.finally(() => {
      this.#connecting = undefined;
    });
    return abortable(this.#connecting, signal);
  }

  /** Resolves once open (connecting first when idle); `signal` ends the wait and drops the waiter. */
  whenOpen(signal?: AbortSignal): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(closedError());
    const open = waitUntil<void>(signal, (settle) => {
      this.#openWaiters.add(settle);
      return () => this.#openWaiters.delete(settle);
    });
    if (this.#state === 'idle' && !signal?.aborted) this.connect().catch(() => undefined);
    return open;
  }

  /** Rejects everything waiting for the connection to open. */
  rejectWaiters(error: KalshiWsError): void {
    for (const waiter of [...this.#openWaiters]) waiter.reject(error);
    this.#openWaiters.clear();
  }

  /** The connection's subscriptions are restored: the reconnect count restarts if it stays up. */
  restored(): void {
    this.#backoff?.restored();
  }

  /** Gives up on the current connection (it is unusable) and kills its socket. */
  drop(error: KalshiWsError, code: number, reason: string): void {
    const connection = this.#connection;
    this.#lost(error, code, reason);
    connection?.kill();
  }

  /**
   * Stops for good: no reconnect, no timers. Returns the connection still open, for the client to
   * close once it has failed what waited on it.
   */
  shutdown(): Connection | undefined {
    this.#state = 'closed';
    this.#generation++;
    this.#options.clock.clearTimeout(this.#reconnectTimer);
    this.#backoff?.lost();
    this.#keepalive?.stop();
    const connection = this.#connection;
    this.#connection = undefined;
    return connection;
  }

  async #open(reconnect: boolean): Promise<void> {
    const { url, logger } = this.#options;
    const WebSocket = this.#options.WebSocket ?? (await defaultWebSocket());
    const headers = await this.#signer.sign(url);
    if ((this.#state as ClientState) === 'closed') throw closedError();
    const generation = ++this.#generation;
    logger?.debug({ url, reconnect }, 'Opening WebSocket');
    const keepalive = this.#keepalive;
    const connection = await openConnection({
      WebSocket,
      url,
      headers: { ...headers },
      handlers: {
        message: (text) => {
          keepalive?.alive();
          if (generation === this.#generation) this.#hooks.frame(text);
        },
        activity: () => keepalive?.alive(),
        closed: (code, reason) => {
          if (generation !== this.#generation) return;
          this.#lost(new KalshiWsError('WS_CONNECTION_LOST', `The connection closed (code ${code}).`, { closeCode: code }), code, reason);
        },
      },
    });
    if (this.#state === 'closed' || generation !== this.#generation) {
      connection.kill();
      throw closedError();
    }
    this.#connection = connection;
    this.#state = 'open';
    keepalive?.start();
    logger?.info({ url, reconnect }, 'WebSocket open');
    for (const waiter of [...this.#openWaiters]) waiter.resolve();
    this.#openWaiters.clear();
    this.#events.emit('open', { url, reconnect });
    this.#hooks.opened(reconnect);
  }

  /** The socket is gone: fail what waited on it, then reconnect or stop. */
  #lost(error: KalshiWsError, code: number, reason: string): void {
    this.#generation++;
    this.#connection = undefined;
    this.#keepalive?.stop();
    this.#backoff?.lost();
    this.#hooks.dropped(error);
    if (this.#state === 'closed') return;
    const willReconnect = this.#options.reconnect !== false;
    this.#options.logger?.warn({ code, willReconnect, errorCode: error.code }, 'WebSocket lost');
    this.#events.emit('close', { code, reason, willReconnect });
    if (!willReconnect) {
      this.#state = 'idle';
      this.#end(error);
      return;
    }
    this.#state = 'reconnecting';
    this.#scheduleReconnect(error);
  }

  #scheduleReconnect(error: KalshiWsError): void {
    const policy = this.#options.reconnect;
    if (policy === false || this.#backoff === undefined || this.#state === 'closed') return;
    const next = this.#backoff.next();
    if (next === undefined) {
      const exhausted = new KalshiWsError(
        'WS_RECONNECT_EXHAUSTED',
        `Gave up reconnecting after ${policy.maxAttempts} attempts.`,
        { attempts: policy.maxAttempts, causeCode: error.code },
        { cause: error },
      );
      this.#state = 'idle';
      this.#options.logger?.error({ attempts: policy.maxAttempts, errorCode: error.code }, 'WebSocket gave up reconnecting');
      this.#events.emit('error', exhausted);
      this.#end(exhausted);
      return;
    }
    const { attempt, delayMs } = next;
    this.#options.logger?.warn({ attempt, delayMs, errorCode: error.code }, 'WebSocket reconnecting');
    this.#events.emit('reconnecting', { attempt, delayMs, error });
    this.#reconnectTimer = this.#options.clock.setTimeout(() => {
      this.#open(true).catch((failure: unknown) => {
        if (this.#state === 'closed') return;
        const err = asWsError(failure);
        this.#events.emit('error', err);
        this.#scheduleReconnect(err);
      });
    }, delayMs);
  }

  #end(error: KalshiWsError): void {
    this.rejectWaiters(error);
    this.#hooks.ended(error);
  }
}
