import type { KeyObject } from 'node:crypto';
import { signRequest, type Signer } from '@kalshi-sdk/auth/web';
import { type ReconnectOptions, resolveReconnect, type ResolvedReconnect } from './backoff.js';
import { systemClock, type WsClock } from './clock.js';
import { Emitter, type Listener } from './emitter.js';
import { causeCodeOf, KalshiWsError, TERMINAL_KALSHI_CODES } from './errors.js';
import { type DataChannel, dataChannels } from './generated/channels.js';
import type { ErrorResponsePayloadMsg, ListSubscriptionsResponsePayloadMsgItem, OkResponsePayloadMsg } from './generated/models.js';
import { ReconnectBackoff } from './reconnect-backoff.js';
import { type Resubscribed, RestoreRound } from './restore-round.js';
import type { ResyncReason } from './resync.js';
import { marketsHeldBy, marketsOf, marketsOnlyFor, SidRoutes } from './sid-routes.js';
import { SubscribeRetry } from './subscribe-retry.js';
import {
  internal,
  type SubscribeParams,
  Subscription,
  type SubscriptionHost,
  type SubscriptionOptions,
  type UpdateSubscriptionParams,
} from './subscription.js';
import { browserUnsupported, type Connection, defaultWebSocket, isBrowser, openConnection, type WebSocketConstructor } from './transport.js';

/** Kalshi's WebSocket endpoints. Doc page: /getting_started/quick_start_websockets. */
export const WS_ENVIRONMENTS = {
  production: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
  demo: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2',
} as const;

/** `production` or `demo`. */
export type KalshiWsEnvironment = keyof typeof WS_ENVIRONMENTS;

/** The path the handshake signature covers: `timestamp + 'GET' + '/trade-api/ws/v2'`. */
export const WS_PATH = '/trade-api/ws/v2';

/** Kalshi pings every 10 seconds (a Ping frame with body `heartbeat`). */
export const KALSHI_HEARTBEAT_MS = 10_000;

/** Liveness: when nothing at all (frame, ping, pong) arrives for a while, the connection is dead. */
export interface KeepaliveOptions {
  /** The server's heartbeat interval in ms. Default {@link KALSHI_HEARTBEAT_MS}. */
  readonly heartbeatIntervalMs?: number;
  /**
   * How many silent heartbeat intervals mean dead. Default 3 (30 s). Checked once per interval, so
   * a dead connection is dropped, and reconnected, between N and N + 1 intervals after its last sign of life.
   */
  readonly deadAfterHeartbeats?: number;
}

/** Where log lines go. Nothing secret is ever logged: no keys, signatures or header values. */
export interface Logger {
  debug?(message: string, facts?: Record<string, unknown>): void;
  info?(message: string, facts?: Record<string, unknown>): void;
  warn?(message: string, facts?: Record<string, unknown>): void;
  error?(message: string, facts?: Record<string, unknown>): void;
}

interface CredentialsWithKey {
  /** PEM text (PKCS#1 or PKCS#8) or a path to one, or a `KeyObject` (Node, Bun, Deno). */
  readonly privateKey: string | KeyObject;
  /** Passphrase of an encrypted PEM. */
  readonly passphrase?: string;
  readonly signer?: undefined;
}

interface CredentialsWithSigner {
  /** Any {@link Signer}: `createWebCryptoSigner`, an HSM or a KMS. */
  readonly signer: Signer;
  readonly privateKey?: undefined;
  readonly passphrase?: undefined;
}

/** Options of {@link createWebSocketClient}. */
export type WebSocketClientOptions = (CredentialsWithKey | CredentialsWithSigner) & {
  /** The API key id (UUID), sent as `KALSHI-ACCESS-KEY`. */
  readonly apiKeyId: string;
  /** Which Kalshi endpoint. Default `demo`. */
  readonly environment?: KalshiWsEnvironment;
  /** Overrides the endpoint (a local mock, a proxy). Its path is what gets signed. */
  readonly url?: string;
  /**
   * A WebSocket class that sends `options.headers` on the handshake. Default: the `ws` package.
   * In browsers there is none (see `WS_BROWSER_UNSUPPORTED`).
   */
  readonly WebSocket?: WebSocketConstructor;
  /** Reconnect policy, or false to stay down after a drop. Default {@link ReconnectOptions}' defaults. */
  readonly reconnect?: ReconnectOptions | false;
  /** Liveness policy, or false to trust the socket. */
  readonly keepalive?: KeepaliveOptions | false;
  /** How long a command waits for its reply, in ms. Default 10,000. */
  readonly commandTimeoutMs?: number;
  readonly logger?: Logger;
  /**
   * The time source of the reconnect, resubscribe and connection-health timers. Default
   * {@link systemClock}; tests pass their own to drive backoff without waiting.
   */
  readonly clock?: WsClock;
};

/** `idle` (not connected), `connecting`, `open`, `reconnecting`, `closed` (after `close()`). */
export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export type { Resubscribed } from './restore-round.js';

/** Events of a {@link KalshiWebSocketClient}. */
export interface WebSocketClientEvents {
  /** A connection opened (`reconnect`: after a drop). */
  open: { readonly url: string; readonly reconnect: boolean };
  /** The connection dropped; attempt `attempt` starts in `delayMs`. */
  reconnecting: { readonly attempt: number; readonly delayMs: number; readonly error: KalshiWsError };
  /**
   * After a reconnect, every subscription live at the drop is active again. Not emitted when one
   * of them could not be restored (see `subscriptionFailed`) or the connection dropped first.
   */
  resubscribed: { readonly subscriptions: readonly Resubscribed[] };
  /**
   * Kalshi ended or refused a subscription with a terminal error (10, 25); it is subscribed again
   * (retry `attempt`, 1 for the first) in `delayMs`, under a new sid.
   */
  subscriptionRetry: { readonly subscription: Subscription; readonly attempt: number; readonly delayMs: number; readonly error: KalshiWsError };
  /** A subscription that was active ended for good because Kalshi would not restore it (retries ran out, or a non-terminal error). */
  subscriptionFailed: { readonly subscription: Subscription; readonly error: KalshiWsError };
  /** The socket closed. `willReconnect` is false after `close()` or with `reconnect: false`. */
  close: { readonly code: number; readonly reason: string; readonly willReconnect: boolean };
  /** Something went wrong that no promise reports: a malformed frame, a server error without a command, a failed reconnect attempt, a throwing handler. */
  error: KalshiWsError;
}

interface ReplyFrame {
  readonly type: string;
  readonly id?: number;
  readonly sid?: number;
  readonly seq?: number;
  readonly msg?: unknown;
}

interface PendingCommand {
  reply(frame: ReplyFrame): void;
  fail(error: KalshiWsError): void;
}

interface CommandHandle<T> {
  readonly promise: Promise<T>;
  settle(value: T): void;
}

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

function configError(option: string, message: string): KalshiWsError {
  return new KalshiWsError('WS_CONFIG_INVALID', message, { option });
}

function positive(value: number | undefined, fallback: number, option: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw configError(option, `${option} must be a positive number, got ${String(value)}`);
  return v;
}

/**
 * Creates a Kalshi WebSocket client. Nothing connects until {@link KalshiWebSocketClient.connect}
 * (or the first `subscribe`).
 *
 * ```ts
 * const client = createWebSocketClient({ environment: 'demo', apiKeyId, privateKey: './kalshi.pem' });
 * await client.connect();
 * const ticker = await client.subscribe({ channel: 'ticker', market_tickers: ['KXBTC-...'] });
 * for await (const m of ticker) console.log(m.dollars('yes_bid_dollars').toString());
 * ```
 *
 * @throws KalshiWsError `WS_CONFIG_INVALID` for bad options (no credentials, both a key and a
 *   signer, an unknown environment, a URL that is not ws:/wss:); `WS_BROWSER_UNSUPPORTED` in a
 *   browser without a header-capable `WebSocket`.
 */
export function createWebSocketClient(options: WebSocketClientOptions): KalshiWebSocketClient {
  return new KalshiWebSocketClient(options);
}

/**
 * One authenticated connection to Kalshi's WebSocket API with many typed subscriptions.
 * Commands carry ids and resolve on their replies; subscriptions survive reconnects (the handshake
 * is signed afresh each time and sids are remapped). Doc page: /websockets.
 */
export class KalshiWebSocketClient {
  /** The endpoint. */
  readonly url: string;
  readonly #apiKeyId: string;
  readonly #credentials: CredentialsWithKey | CredentialsWithSigner;
  readonly #WebSocket: WebSocketConstructor | undefined;
  readonly #reconnect: ResolvedReconnect | false;
  readonly #heartbeatMs: number | undefined;
  readonly #deadAfter: number;
  readonly #commandTimeoutMs: number;
  readonly #logger: Logger;
  readonly #events: Emitter<WebSocketClientEvents>;
  readonly #clock: WsClock;
  readonly #backoff: ReconnectBackoff | undefined;
  readonly #retry: SubscribeRetry<Subscription>;
  readonly #routes = new SidRoutes();
  readonly #retryTimers = new Set<unknown>();
  #round: RestoreRound | undefined;

  #state: ClientState = 'idle';
  #signer: Promise<Signer> | undefined;
  #connection: Connection | undefined;
  #connecting: Promise<void> | undefined;
  #generation = 0;
  #nextId = 0;
  #activity = 0;
  #reconnectTimer: unknown;
  #keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  readonly #pending = new Map<number, PendingCommand>();
  readonly #subs = new Set<Subscription>();
  readonly #firstActivation = new Map<Subscription, Deferred<void>>();
  readonly #openWaiters = new Set<Deferred<void>>();
  readonly #resyncing = new Set<Subscription>();

  readonly #host: SubscriptionHost = {
    unsubscribe: (s) => this.unsubscribe(s),
    updateSubscription: (s, p) => this.updateSubscription(s, p),
    requestResync: (s) => this.#requestResync(s),
    reportError: (error, context) => this.#handlerFailed(error, context),
  };

  constructor(options: WebSocketClientOptions) {
    if (typeof options.apiKeyId !== 'string' || options.apiKeyId === '') {
      throw configError('apiKeyId', 'apiKeyId is required: the API key id (UUID) shown when the key was created.');
    }
    const hasKey = options.privateKey !== undefined;
    const hasSigner = options.signer !== undefined;
    if (hasKey === hasSigner) {
      throw configError(hasKey ? 'signer' : 'privateKey', 'Pass exactly one of privateKey (PEM text, path or KeyObject) and signer.');
    }
    if (options.environment !== undefined && !Object.hasOwn(WS_ENVIRONMENTS, options.environment)) {
      throw configError('environment', `environment must be 'production' or 'demo', got ${JSON.stringify(options.environment)}`);
    }
    const url = options.url ?? WS_ENVIRONMENTS[options.environment ?? 'demo'];
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw configError('url', `url is not a valid URL: ${JSON.stringify(url)}`);
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw configError('url', `url must be ws: or wss:, got ${parsed.protocol}`);
    if (!parsed.pathname.startsWith('/trade-api/')) {
      throw configError('url', `The handshake signs the URL path, which must be under /trade-api/ (Kalshi: ${WS_PATH}); got ${parsed.pathname}`);
    }
    if (isBrowser() && (options.WebSocket === undefined || options.WebSocket === (globalThis as { WebSocket?: unknown }).WebSocket)) {
      throw browserUnsupported();
    }
    this.url = url;
    this.#apiKeyId = options.apiKeyId;
    this.#credentials = options;
    this.#WebSocket = options.WebSocket;
    this.#reconnect = options.reconnect === false ? false : resolveReconnect(options.reconnect);
    this.#clock = options.clock ?? systemClock;
    this.#backoff = this.#reconnect === false ? undefined : new ReconnectBackoff(this.#reconnect, this.#clock);
    this.#retry = new SubscribeRetry(this.#reconnect === false ? resolveReconnect() : this.#reconnect, this.#clock);
    if (options.keepalive === false) {
      this.#heartbeatMs = undefined;
      this.#deadAfter = 0;
    } else {
      this.#heartbeatMs = positive(options.keepalive?.heartbeatIntervalMs, KALSHI_HEARTBEAT_MS, 'keepalive.heartbeatIntervalMs');
      this.#deadAfter = positive(options.keepalive?.deadAfterHeartbeats, 3, 'keepalive.deadAfterHeartbeats');
    }
    this.#commandTimeoutMs = positive(options.commandTimeoutMs, 10_000, 'commandTimeoutMs');
    this.#logger = options.logger ?? {};
    this.#events = new Emitter((error, event) => {
      if (event !== 'error') this.#handlerFailed(error, `client '${String(event)}' handler`);
      else this.#logger.error?.('A client error handler threw', { causeCode: causeCodeOf(error) });
    });
  }

  /** See {@link ClientState}. */
  get state(): ClientState {
    return this.#state;
  }

  /** Live subscriptions (subscribing or active). */
  get subscriptions(): readonly Subscription[] {
    return [...this.#subs];
  }

  /** Adds an event listener; returns a function that removes it. */
  on<K extends keyof WebSocketClientEvents>(event: K, listener: Listener<WebSocketClientEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  /** Removes a listener added with {@link KalshiWebSocketClient.on}. */
  off<K extends keyof WebSocketClientEvents>(event: K, listener: Listener<WebSocketClientEvents[K]>): void {
    this.#events.off(event, listener);
  }

  /**
   * Opens the connection: signs `timestamp + GET + path` and sends the three `KALSHI-ACCESS-*`
   * headers. Resolves once open. A failed first connect is not retried (so bad credentials
   * surface); drops after that are, per `reconnect`.
   * @throws KalshiWsError `WS_HANDSHAKE_REJECTED` (`status` 401: key, signature or clock),
   *   `WS_CONNECT_FAILED`, `WS_SIGNING_FAILED`, `WS_CLIENT_CLOSED`.
   */
  connect(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    if (this.#connecting !== undefined) return this.#connecting;
    if (this.#state === 'reconnecting') return this.#whenOpen();
    this.#state = 'connecting';
    const attempt = this.#open(false).catch((error: unknown) => {
      if (this.#state === 'connecting') this.#state = 'idle';
      const err = error instanceof KalshiWsError ? error : new KalshiWsError('WS_CONNECT_FAILED', String(error), {}, { cause: error });
      for (const waiter of this.#openWaiters) waiter.reject(err);
      this.#openWaiters.clear();
      for (const [sub, activation] of this.#firstActivation) {
        this.#forget(sub);
        sub[internal].close(err);
        activation.reject(err);
      }
      throw err;
    });
    this.#connecting = attempt.finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /**
   * Closes the connection for good: no reconnect, pending commands reject with
   * `WS_CLIENT_CLOSED`, every subscription ends (iterators finish). Resolves when the socket is closed.
   */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#generation++;
    this.#clock.clearTimeout(this.#reconnectTimer);
    for (const timer of this.#retryTimers) this.#clock.clearTimeout(timer);
    this.#retryTimers.clear();
    this.#backoff?.lost();
    this.#round = undefined;
    this.#stopKeepalive();
    const error = this.#closedError();
    for (const pending of [...this.#pending.values()]) pending.fail(error);
    for (const waiter of this.#openWaiters) waiter.reject(error);
    this.#openWaiters.clear();
    for (const activation of this.#firstActivation.values()) activation.reject(error);
    this.#firstActivation.clear();
    for (const sub of this.#subs) sub[internal].close();
    this.#subs.clear();
    this.#routes.clear();
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection !== undefined) {
      await connection.closeAndWait();
      this.#events.emit('close', { code: 1000, reason: 'client closed', willReconnect: false });
    }
  }

  /**
   * Subscribes to one data channel and resolves once the server acknowledges (`subscribed`).
   * Connects first if needed. The subscription is then kept alive across reconnects until
   * {@link KalshiWebSocketClient.unsubscribe}.
   * @param params the channel and its generated `subscribe` params (see {@link SubscribeParams}).
   * @param options buffer size, overflow policy, `iterate: false` for handler-only use, timeout.
   * @throws KalshiWsError `WS_SERVER_ERROR` (e.g. 8 unknown channel, 14 market ticker required,
   *   19–22 bad sharding), `WS_REPLY_TIMEOUT`, `WS_CONFIG_INVALID`, `WS_CLIENT_CLOSED`, or what `connect` throws.
   */
  subscribe<C extends DataChannel>(params: SubscribeParams<C>, options: SubscriptionOptions<C> = {}): Promise<Subscription<C>> {
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    if (!(dataChannels as readonly string[]).includes(params.channel)) {
      return Promise.reject(configError('channel', `Unknown data channel ${JSON.stringify(params.channel)}; one of: ${dataChannels.join(', ')}`));
    }
    let sub: Subscription<C>;
    let timeoutMs: number;
    try {
      timeoutMs = positive(options.timeoutMs, this.#commandTimeoutMs, 'timeoutMs');
      sub = new Subscription<C>(this.#host, params, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const generic = sub as unknown as Subscription;
    const activation = deferred<void>();
    const timer = setTimeout(() => {
      if (this.#firstActivation.get(generic) !== activation) return;
      const error = new KalshiWsError('WS_REPLY_TIMEOUT', `No 'subscribed' reply for ${params.channel} within ${timeoutMs} ms.`, {
        cmd: 'subscribe',
        channel: params.channel,
      });
      this.#forget(generic);
      generic[internal].close(error);
      activation.reject(error);
    }, timeoutMs);
    this.#subs.add(generic);
    this.#firstActivation.set(generic, activation);
    if (this.#state === 'open') void this.#activate(generic).catch(() => undefined);
    else if (this.#state === 'idle') this.connect().catch(() => undefined);
    return activation.promise.then(
      () => {
        clearTimeout(timer);
        return sub;
      },
      (error: unknown) => {
        clearTimeout(timer);
        throw error;
      },
    );
  }

  /**
   * Unsubscribes: the subscription stops delivering at once, `unsubscribe` is sent for its sid,
   * and its iterator ends. Unknown-sid replies (7) count as done. On a sid shared with other
   * subscriptions (a repeated subscribe Kalshi merged, /changelog/index), the sid stays: only the
   * markets no other member takes are removed, with `update_subscription` `delete_markets`.
   * @throws KalshiWsError `WS_REPLY_TIMEOUT`, `WS_CONNECTION_LOST`, or `WS_SERVER_ERROR`.
   */
  async unsubscribe(subscription: Subscription): Promise<void> {
    if (subscription.state === 'closed') return;
    const sid = subscription.sid;
    const others = this.#forget(subscription);
    const activation = this.#firstActivation.get(subscription);
    const error = new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'Unsubscribed before the server acknowledged the subscription.', {
      channel: subscription.channel,
    });
    this.#firstActivation.delete(subscription);
    activation?.reject(error);
    try {
      if (sid !== undefined && this.#state === 'open') {
        // On a shared sid, only the markets no other subscription takes leave it.
        if (others.length === 0) await this.#unsubscribeSid(sid);
        else await this.#deleteMarkets(subscription, sid, marketsOnlyFor(marketsOf(subscription) ?? [], others));
      }
    } finally {
      subscription[internal].close();
    }
  }

  /**
   * Sends `update_subscription` for a subscription's sid. `add_markets` / `delete_markets` resolve
   * with the `ok` reply's `msg` (the full market list) and are remembered for resubscribes;
   * `get_snapshot` resolves once a snapshot for each requested market has arrived (all markets
   * when none are named). On a shared sid, each member keeps its own market list, `delete_markets`
   * leaves on the server the markets another member takes (resolving undefined when none leave),
   * and `add_markets` fetches snapshots Kalshi does not send for markets already on the sid.
   * Doc page: /websockets (Update Subscription).
   * @throws KalshiWsError `WS_SERVER_ERROR` (12, 13, 15, 26, 27, ...), `WS_REPLY_TIMEOUT`,
   *   `WS_SUBSCRIPTION_CLOSED`, `WS_CONNECTION_LOST` (also while the subscription is re-establishing).
   */
  async updateSubscription(subscription: Subscription, params: UpdateSubscriptionParams): Promise<OkResponsePayloadMsg | undefined> {
    if (subscription.state === 'closed' || !this.#subs.has(subscription)) {
      throw new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'This subscription has ended.', { channel: subscription.channel });
    }
    const sid = subscription.sid;
    if (sid === undefined || this.#state !== 'open') {
      throw new KalshiWsError('WS_CONNECTION_LOST', 'The subscription is being re-established; retry after its resubscribed event.', {
        channel: subscription.channel,
        cmd: 'update_subscription',
      });
    }
    if (params.action === 'get_snapshot') {
      const current = subscription.params;
      const tickers =
        params.market_tickers ??
        (params.market_ticker === undefined
          ? [...(current.market_tickers ?? []), ...(current.market_ticker === undefined ? [] : [current.market_ticker])]
          : [params.market_ticker]);
      await this.#snapshots(subscription, sid, tickers);
      return undefined;
    }
    const others = this.#routes.get(sid)?.filter((s) => s !== subscription) ?? [];
    const { market_tickers: many, market_ticker: one } = params as { market_tickers?: string[]; market_ticker?: string };
    const named = [...(many ?? []), ...(one === undefined ? [] : [one])];
    if (others.length > 0 && params.action === 'delete_markets') {
      // A shared sid keeps the markets another subscription still takes.
      const leaving = marketsOnlyFor(named, others);
      if (leaving.length < named.length) {
        const msg = await this.#deleteMarkets(subscription, sid, leaving);
        subscription[internal].applyUpdate(params, undefined);
        return msg;
      }
    }
    const msg = await this.#command<OkResponsePayloadMsg | undefined>('update_subscription', { ...params, sids: [sid] }, (frame, settle, fail) => {
      if (frame.type === 'error') fail(this.#serverError(frame, 'update_subscription', subscription));
      else if (frame.type === 'ok') {
        const ok = frame.msg as OkResponsePayloadMsg | undefined;
        // A shared sid's reply lists every member's markets: keep this subscription's own.
        subscription[internal].applyUpdate(params, others.length > 0 ? undefined : ok);
        settle(ok);
      }
    }).promise;
    if (others.length > 0 && params.action === 'add_markets') this.#fetchHeld(subscription, sid, named, others);
    return msg;
  }

  /** `update_subscription` `delete_markets` on a shared sid; resolves with the reply, or undefined when nothing leaves. */
  async #deleteMarkets(sub: Subscription, sid: number, tickers: readonly string[]): Promise<OkResponsePayloadMsg | undefined> {
    if (tickers.length === 0) return undefined;
    const params = { sids: [sid], market_tickers: [...tickers], action: 'delete_markets' };
    return this.#command<OkResponsePayloadMsg | undefined>('update_subscription', params, (frame, settle, fail) => {
      if (frame.type === 'error') fail(this.#serverError(frame, 'update_subscription', sub));
      else if (frame.type === 'ok') settle(frame.msg as OkResponsePayloadMsg | undefined);
    }).promise;
  }

  /**
   * An orderbook subscription joined a shared sid with markets another member already took: Kalshi
   * sends no snapshot for those ("no action will be taken", /changelog/index), so fetch them.
   */
  #fetchHeld(sub: Subscription, sid: number, tickers: readonly string[], others: readonly Subscription[]): void {
    if (sub.channel !== 'orderbook_delta') return;
    const held = marketsHeldBy(tickers, others);
    // On failure, the first delta for a market without a snapshot makes that market resync.
    if (held.length > 0) this.#snapshots(sub, sid, held).catch(() => undefined);
  }

  /**
   * `list_subscriptions`: the server's view of this connection's subscriptions. The reply is an
   * `ok` frame matched by command id.
   * @throws KalshiWsError `WS_REPLY_TIMEOUT`, `WS_CONNECTION_LOST`, `WS_SERVER_ERROR`, `WS_CLIENT_CLOSED`.
   */
  async listSubscriptions(): Promise<ListSubscriptionsResponsePayloadMsgItem[]> {
    await this.#whenOpen();
    return this.#command<ListSubscriptionsResponsePayloadMsgItem[]>('list_subscriptions', undefined, (frame, settle, fail) => {
      if (frame.type === 'error') fail(this.#serverError(frame, 'list_subscriptions'));
      else settle(Array.isArray(frame.msg) ? (frame.msg as ListSubscriptionsResponsePayloadMsgItem[]) : []);
    }).promise;
  }

  // --- connection -------------------------------------------------------------------------

  async #open(reconnect: boolean): Promise<void> {
    const WebSocket = this.#WebSocket ?? (await defaultWebSocket());
    const headers = await this.#sign();
    if ((this.#state as ClientState) === 'closed') throw this.#closedError();
    const generation = ++this.#generation;
    this.#logger.debug?.('Opening WebSocket', { url: this.url, reconnect });
    const connection = await openConnection({
      WebSocket,
      url: this.url,
      headers: { ...headers },
      handlers: {
        message: (text) => {
          this.#activity++;
          if (generation === this.#generation) this.#dispatch(text);
        },
        activity: () => {
          this.#activity++;
        },
        closed: (code, reason) => {
          if (generation !== this.#generation) return;
          this.#lost(new KalshiWsError('WS_CONNECTION_LOST', `The connection closed (code ${code}).`, { closeCode: code }), code, reason);
        },
      },
    });
    if (this.#state === 'closed' || generation !== this.#generation) {
      connection.kill();
      throw this.#closedError();
    }
    this.#connection = connection;
    this.#state = 'open';
    this.#startKeepalive();
    this.#logger.info?.('WebSocket open', { url: this.url, reconnect });
    for (const waiter of this.#openWaiters) waiter.resolve();
    this.#openWaiters.clear();
    this.#events.emit('open', { url: this.url, reconnect });
    this.#subscribeAll(reconnect);
  }

  async #sign(): Promise<Record<string, string>> {
    const credentials = this.#credentials;
    try {
      this.#signer ??=
        credentials.signer !== undefined
          ? Promise.resolve(credentials.signer)
          : import('@kalshi-sdk/auth').then(({ createNodeSigner }) =>
              createNodeSigner(
                credentials.privateKey as string | KeyObject,
                credentials.passphrase === undefined ? {} : { passphrase: credentials.passphrase },
              ),
            );
      const signer = await this.#signer;
      const path = new URL(this.url).pathname;
      return { ...(await signRequest({ signer, apiKeyId: this.#apiKeyId, method: 'GET', path, timestampMs: Date.now() })) };
    } catch (error) {
      this.#signer = undefined;
      const causeCode = causeCodeOf(error);
      throw new KalshiWsError(
        'WS_SIGNING_FAILED',
        `Could not sign the WebSocket handshake${causeCode === undefined ? '' : ` (${causeCode})`}.`,
        { causeCode },
        { cause: error },
      );
    }
  }

  /** The socket is gone: fail what waited on it, detach subscriptions, reconnect or stop. */
  #lost(error: KalshiWsError, code: number, reason: string): void {
    this.#generation++;
    this.#connection = undefined;
    this.#stopKeepalive();
    this.#round = undefined;
    this.#backoff?.lost();
    for (const pending of [...this.#pending.values()]) pending.fail(error);
    this.#routes.clear();
    this.#resyncing.clear();
    for (const sub of this.#subs) sub[internal].detach('connection_lost');
    if (this.#state === 'closed') return;
    const willReconnect = this.#reconnect !== false;
    this.#logger.warn?.('WebSocket lost', { code, willReconnect, errorCode: error.code });
    this.#events.emit('close', { code, reason, willReconnect });
    if (!willReconnect) {
      this.#state = 'idle';
      this.#endAll(error);
      return;
    }
    this.#state = 'reconnecting';
    this.#scheduleReconnect(error);
  }

  #scheduleReconnect(error: KalshiWsError): void {
    const policy = this.#reconnect;
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
      this.#events.emit('error', exhausted);
      this.#endAll(exhausted);
      return;
    }
    const { attempt, delayMs } = next;
    this.#events.emit('reconnecting', { attempt, delayMs, error });
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#open(true).catch((failure: unknown) => {
        if (this.#state === 'closed') return;
        const err = failure instanceof KalshiWsError ? failure : new KalshiWsError('WS_CONNECT_FAILED', String(failure), {}, { cause: failure });
        this.#events.emit('error', err);
        this.#scheduleReconnect(err);
      });
    }, delayMs);
  }

  /** Fails everything still waiting and ends every subscription with `error`. */
  #endAll(error: KalshiWsError): void {
    for (const waiter of this.#openWaiters) waiter.reject(error);
    this.#openWaiters.clear();
    for (const activation of this.#firstActivation.values()) activation.reject(error);
    this.#firstActivation.clear();
    for (const sub of this.#subs) sub[internal].close(error);
    this.#subs.clear();
  }

  #startKeepalive(): void {
    const interval = this.#heartbeatMs;
    if (interval === undefined) return;
    let seen = this.#activity;
    let silent = 0;
    this.#keepaliveTimer = setInterval(() => {
      if (this.#activity !== seen) {
        seen = this.#activity;
        silent = 0;
        return;
      }
      if (++silent < this.#deadAfter) return;
      const connection = this.#connection;
      this.#lost(
        new KalshiWsError('WS_HEARTBEAT_TIMEOUT', `Nothing arrived for ${silent} heartbeat intervals of ${interval} ms; reconnecting.`),
        4000,
        'heartbeat timeout',
      );
      connection?.kill();
    }, interval);
    (this.#keepaliveTimer as { unref?: () => void }).unref?.();
  }

  #stopKeepalive(): void {
    clearInterval(this.#keepaliveTimer);
    this.#keepaliveTimer = undefined;
  }

  #whenOpen(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    const waiter = deferred<void>();
    this.#openWaiters.add(waiter);
    if (this.#state === 'idle') this.connect().catch(() => undefined);
    return waiter.promise;
  }

  #closedError(): KalshiWsError {
    return new KalshiWsError('WS_CLIENT_CLOSED', 'The client was closed.');
  }

  // --- commands ---------------------------------------------------------------------------

  /** Sends `{ id, cmd, params }` and settles on the reply the matcher accepts, or times out. */
  #command<T>(
    cmd: string,
    params: object | undefined,
    onReply: (frame: ReplyFrame, settle: (value: T) => void, fail: (error: KalshiWsError) => void) => void,
  ): CommandHandle<T> {
    const id = ++this.#nextId;
    const connection = this.#connection;
    let settle!: (value: T) => void;
    const promise = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(new KalshiWsError('WS_REPLY_TIMEOUT', `No reply to ${cmd} (id ${id}) within ${this.#commandTimeoutMs} ms.`, { cmd, commandId: id }));
      }, this.#commandTimeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#pending.delete(id);
      };
      settle = (value) => {
        done();
        resolve(value);
      };
      const fail = (error: KalshiWsError): void => {
        done();
        reject(error);
      };
      if (connection === undefined) {
        fail(new KalshiWsError('WS_CONNECTION_LOST', `Not connected; ${cmd} was not sent.`, { cmd, commandId: id }));
        return;
      }
      this.#pending.set(id, { reply: (frame) => onReply(frame, settle, fail), fail });
      connection.send(JSON.stringify(params === undefined ? { id, cmd } : { id, cmd, params }));
    });
    return { promise, settle: (value) => settle(value) };
  }

  #serverError(frame: ReplyFrame, cmd: string | undefined, subscription?: Subscription): KalshiWsError {
    const msg = (frame.msg ?? {}) as Partial<ErrorResponsePayloadMsg>;
    return KalshiWsError.fromServer(
      { ...msg, code: typeof msg.code === 'number' ? msg.code : Number.NaN },
      { commandId: frame.id, cmd, sid: frame.sid ?? subscription?.sid, channel: subscription?.channel },
    );
  }

  #unsubscribeSid(sid: number): Promise<void> {
    return this.#command<void>('unsubscribe', { sids: [sid] }, (frame, settle, fail) => {
      if (frame.type === 'unsubscribed') settle();
      else if (frame.type === 'error') {
        const error = this.#serverError(frame, 'unsubscribe');
        if (error.kalshiCode === 7) settle();
        else fail(error);
      }
    }).promise;
  }

  // --- subscriptions ----------------------------------------------------------------------

  /**
   * Subscribes every live subscription on a fresh connection. After a reconnect, `resubscribed`
   * fires once all of them are back; either way the connection then counts as restored, and the
   * reconnect backoff restarts if it stays up `healthyAfterMs`.
   */
  #subscribeAll(reconnect: boolean): void {
    const subs = [...this.#subs];
    if (subs.length === 0) {
      this.#backoff?.restored();
      return;
    }
    const round = new RestoreRound(subs, (restored) => {
      if (this.#round !== round) return;
      this.#round = undefined;
      this.#backoff?.restored();
      if (reconnect && restored !== undefined) this.#events.emit('resubscribed', { subscriptions: restored });
    });
    this.#round = round;
    for (const sub of subs) void this.#activate(sub).catch(() => undefined);
  }

  /**
   * Sends `subscribe` for one subscription on the current connection and maps the sid it gets.
   * Resolves with the sid, or undefined when the connection dropped first (the next open retries)
   * or Kalshi answered with a terminal error (a retry is scheduled).
   */
  async #activate(sub: Subscription): Promise<number | undefined> {
    if (sub.state === 'closed' || !this.#subs.has(sub)) return undefined;
    const generation = this.#generation;
    const previousSid = sub[internal].lastSid();
    const handle = this.#command<number>('subscribe', sub[internal].wireParams(), (frame, settle, fail) => {
      if (frame.type === 'error') {
        fail(this.#serverError(frame, 'subscribe', sub));
        return;
      }
      if (frame.type !== 'subscribed') return;
      const sid = (frame.msg as { sid?: unknown } | undefined)?.sid;
      if (typeof sid !== 'number') {
        fail(new KalshiWsError('WS_MALFORMED_FRAME', "A 'subscribed' reply without msg.sid.", { cmd: 'subscribe', channel: sub.channel }));
        return;
      }
      // Mapped synchronously, before the next frame (the snapshot) is dispatched.
      if (sub.state === 'closed' || !this.#subs.has(sub)) {
        if (this.#routes.get(sid) === undefined) void this.#unsubscribeSid(sid).catch(() => undefined);
      } else {
        // Kalshi may merge a repeated subscribe into an existing subscription and answer with its sid.
        const others = this.#routes.add(sid, sub);
        sub[internal].activate(sid);
        if (others.length > 0) this.#fetchHeld(sub, sid, marketsOf(sub) ?? [], others);
        const activation = this.#firstActivation.get(sub);
        this.#firstActivation.delete(sub);
        activation?.resolve();
      }
      settle(sid);
    });
    try {
      const sid = await handle.promise;
      this.#retry.succeeded(sub);
      if (generation === this.#generation && sub.sid === sid) this.#round?.restored(sub, previousSid, sid);
      return sid;
    } catch (error) {
      const err = error as KalshiWsError;
      if (!this.#subs.has(sub) || err.code === 'WS_CONNECTION_LOST' || err.code === 'WS_CLIENT_CLOSED') return undefined;
      if (err.code === 'WS_REPLY_TIMEOUT') {
        // A first subscribe reports its own timeout. A resubscribe the server ignores means the
        // connection is unusable: start over on a new one.
        if (!this.#firstActivation.has(sub) && generation === this.#generation && this.#state === 'open') {
          const connection = this.#connection;
          this.#lost(err, 4001, 'subscribe timeout');
          connection?.kill();
        }
        return undefined;
      }
      if (err.kalshiCode !== undefined && TERMINAL_KALSHI_CODES.has(err.kalshiCode)) {
        sub[internal].error(err);
        this.#retryLater(sub, err, true);
        return undefined;
      }
      this.#fail(sub, err);
      throw err;
    }
  }

  /** Subscribes `sub` again after a terminal error (`refused`: the answer to its subscribe), with backoff; ends it once the refusals ran out. */
  #retryLater(sub: Subscription, error: KalshiWsError, refused: boolean): void {
    const next = this.#retry.failed(sub, refused);
    if (next === undefined) {
      this.#fail(sub, error);
      return;
    }
    this.#events.emit('subscriptionRetry', { subscription: sub, attempt: next.attempt, delayMs: next.delayMs, error });
    const generation = this.#generation;
    const go = (): void => {
      if (generation === this.#generation && this.#subs.has(sub) && sub.sid === undefined) void this.#activate(sub).catch(() => undefined);
    };
    if (next.delayMs === 0) {
      go();
      return;
    }
    const timer = this.#clock.setTimeout(() => {
      this.#retryTimers.delete(timer);
      go();
    }, next.delayMs);
    this.#retryTimers.add(timer);
  }

  /** Ends a subscription Kalshi refused: its first `subscribe` rejects, or `subscriptionFailed` and `error` fire. */
  #fail(sub: Subscription, error: KalshiWsError): void {
    // A first subscribe Kalshi refuses was never restored work: it fails its own promise only.
    this.#forget(sub, !this.#firstActivation.has(sub));
    const activation = this.#firstActivation.get(sub);
    this.#firstActivation.delete(sub);
    sub[internal].close(error);
    if (activation !== undefined) {
      activation.reject(error);
      return;
    }
    this.#events.emit('subscriptionFailed', { subscription: sub, error });
    this.#events.emit('error', error);
  }

  /** Removes a subscription from routing; returns the subscriptions still sharing its sid. */
  #forget(sub: Subscription, failed = false): readonly Subscription[] {
    this.#subs.delete(sub);
    this.#resyncing.delete(sub);
    this.#round?.ended(sub, failed);
    const sid = sub.sid;
    return sid === undefined ? [] : [...this.#routes.remove(sid, sub)];
  }

  /** Fetches fresh snapshots for an orderbook subscription's stale markets; one request in flight per subscription. */
  #requestResync(sub: Subscription): void {
    const sid = sub.sid;
    if (this.#resyncing.has(sub) || this.#state !== 'open' || sid === undefined) return;
    const tickers = sub[internal].staleMarkets();
    if (tickers.length === 0) return;
    this.#resyncing.add(sub);
    this.#logger.debug?.('Resyncing order books', { sid, marketTickers: tickers });
    this.#snapshots(sub, sid, tickers).then(
      () => {
        this.#resyncing.delete(sub);
        if (sub[internal].staleMarkets().length > 0) this.#requestResync(sub);
      },
      (error: KalshiWsError) => {
        this.#resyncing.delete(sub);
        if (error.code === 'WS_CONNECTION_LOST' || error.code === 'WS_CLIENT_CLOSED' || sub.state === 'closed') return;
        if (sub.sid !== sid) return;
        this.#logger.warn?.('get_snapshot failed; resubscribing', { sid, errorCode: error.code, kalshiCode: error.kalshiCode });
        sub[internal].error(error);
        this.#resubscribe(sub, 'server_error', true, error);
      },
    );
  }

  /** `update_subscription` `get_snapshot`; resolves once each named market's snapshot has arrived. */
  #snapshots(sub: Subscription, sid: number, tickers: readonly string[]): Promise<void> {
    const waiting = new Set(tickers);
    const handle = this.#command<void>('update_subscription', { sids: [sid], market_tickers: [...tickers], action: 'get_snapshot' }, (frame, _settle, fail) => {
      if (frame.type === 'error') fail(this.#serverError(frame, 'update_subscription', sub));
    });
    const stop = sub[internal].onSnapshot((ticker) => {
      waiting.delete(ticker);
      if (waiting.size === 0) handle.settle();
    });
    if (waiting.size === 0) handle.settle();
    return handle.promise.finally(stop);
  }

  /** Subscribes again under a new sid (terminal server error, failed resync), with bounded backoff. */
  #resubscribe(sub: Subscription, reason: ResyncReason, unsubscribeOld: boolean, error: KalshiWsError): void {
    const oldSid = sub.sid;
    const others = oldSid === undefined ? [] : this.#routes.remove(oldSid, sub);
    this.#resyncing.delete(sub);
    sub[internal].detach(reason);
    if (this.#state !== 'open') return;
    if (unsubscribeOld && oldSid !== undefined && others.length === 0) void this.#unsubscribeSid(oldSid).catch(() => undefined);
    this.#retryLater(sub, error, false);
  }

  // --- dispatch ---------------------------------------------------------------------------

  #dispatch(text: string): void {
    let frame: ReplyFrame;
    try {
      frame = JSON.parse(text) as ReplyFrame;
    } catch {
      this.#malformed(text, 'is not JSON');
      return;
    }
    if (frame === null || typeof frame !== 'object' || typeof frame.type !== 'string') {
      this.#malformed(text, 'has no type');
      return;
    }
    switch (frame.type) {
      case 'subscribed':
      case 'unsubscribed':
      case 'ok':
      case 'error':
        this.#reply(frame);
        return;
    }
    const sid = frame.sid;
    const subs = typeof sid === 'number' ? this.#routes.get(sid) : undefined;
    if (subs === undefined) return;
    for (let i = 0; i < subs.length; i++) (subs[i] as Subscription)[internal].frame(frame as Parameters<Subscription[typeof internal]['frame']>[0]);
  }

  #reply(frame: ReplyFrame): void {
    const { id, sid, seq } = frame;
    const subs = typeof sid === 'number' ? [...(this.#routes.get(sid) ?? [])] : [];
    if (typeof seq === 'number') for (const sub of subs) sub[internal].replySeq(seq);
    const pending = typeof id === 'number' && id !== 0 ? this.#pending.get(id) : undefined;
    if (pending !== undefined) {
      pending.reply(frame);
      return;
    }
    if (frame.type === 'subscribed') {
      // A reply that came after its subscribe timed out: do not leave the stream running.
      const stray = (frame.msg as { sid?: unknown } | undefined)?.sid;
      if (typeof stray === 'number' && this.#routes.get(stray) === undefined) void this.#unsubscribeSid(stray).catch(() => undefined);
      return;
    }
    if (frame.type !== 'error') return;
    const code = (frame.msg as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'number') {
      this.#malformed(JSON.stringify(frame), 'is an error without msg.code');
      return;
    }
    const error = this.#serverError(frame, undefined, subs[0]);
    for (const sub of subs) {
      sub[internal].error(error);
      if (TERMINAL_KALSHI_CODES.has(code)) this.#resubscribe(sub, 'server_error', false, error);
    }
    if (subs.length === 0 && TERMINAL_KALSHI_CODES.has(code) && sid === undefined) {
      // A terminal error that names no subscription: resubscribe everything rather than guess.
      for (const s of [...this.#subs]) if (s.sid !== undefined) this.#resubscribe(s, 'server_error', true, error);
    }
    this.#events.emit('error', error);
  }

  #malformed(text: string, problem: string): void {
    this.#events.emit(
      'error',
      new KalshiWsError('WS_MALFORMED_FRAME', `A frame ${problem}: ${JSON.stringify(text.slice(0, 80))}${text.length > 80 ? '…' : ''}`, {
        frameLength: text.length,
      }),
    );
  }

  #handlerFailed(error: unknown, context: string): void {
    this.#events.emit(
      'error',
      new KalshiWsError('WS_HANDLER_FAILED', `A ${context} threw; the stream continues.`, { causeCode: causeCodeOf(error) }, { cause: error }),
    );
  }
}
