import { abortReason, waitUntil } from './abort.js';
import type { ClientState, WebSocketClientEvents } from './client-events.js';
import { configError, positive, type ResolvedClientOptions, resolveClientOptions, type WebSocketClientOptions } from './client-options.js';
import { CommandChannel, type ReplyFrame, serverError } from './command-channel.js';
import { closedError, ConnectionSupervisor } from './connection-supervisor.js';
import { Emitter, type Listener } from './emitter.js';
import { causeCodeOf, KalshiWsError, TERMINAL_KALSHI_CODES } from './errors.js';
import { type DataChannel, dataChannels } from './generated/channels.js';
import type { ListSubscriptionsResponsePayloadMsgItem, OkResponsePayloadMsg } from './generated/models.js';
import { marketsOf, marketsOnlyFor } from './sid-routes.js';
import { internal, Subscription, type SubscriptionHost } from './subscription.js';
import type { SubscribeParams, SubscriptionOptions, UpdateSubscriptionParams } from './subscription-options.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import { WsCommands } from './ws-commands.js';

/**
 * Creates a Kalshi WebSocket client. Nothing connects until {@link KalshiWebSocketClient.connect}
 * (or the first `subscribe`).
 *
 * ```ts
 * const client = createWebSocketClient({ environment: 'demo', credentials: { apiKeyId, privateKey: './kalshi.pem' } });
 * await client.connect();
 * const ticker = await client.subscribe({ channel: 'ticker', market_tickers: ['KXBTC-...'] });
 * for await (const m of ticker) console.log(m.dollars('yes_bid_dollars').toString());
 * ```
 *
 * @throws KalshiWsError `WS_CONFIG_INVALID` for bad options (no credentials given or in the
 *   `KALSHI_*` environment, `credentials` with the deprecated key options, both a key and a
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
 *
 * This class is the glue of its parts: a connection supervisor (open, loss, backoff, keepalive,
 * re-signing), a command channel (ids, pending replies, timeouts), a subscription registry (sids,
 * restores, retries) and, per orderbook subscription, an order-book sequencer (seq, staleness,
 * resync). It parses each frame once and hands it to the command channel or to the subscriptions
 * on its sid.
 */
export class KalshiWebSocketClient {
  /** The endpoint. */
  readonly url: string;
  readonly #options: ResolvedClientOptions;
  readonly #events: Emitter<WebSocketClientEvents>;
  readonly #supervisor: ConnectionSupervisor;
  readonly #commands: WsCommands;
  readonly #channel: CommandChannel;
  readonly #registry: SubscriptionRegistry;

  readonly #host: SubscriptionHost = {
    unsubscribe: (s) => this.unsubscribe(s),
    updateSubscription: (s, p) => this.updateSubscription(s, p),
    fetchSnapshots: (s, sid, tickers) => this.#fetchSnapshots(s, sid, tickers),
    snapshotsFailed: (s, sid, error) => this.#snapshotsFailed(s, sid, error),
    reportError: (error, context) => this.#handlerFailed(error, context),
  };

  constructor(options: WebSocketClientOptions) {
    const resolved = resolveClientOptions(options);
    this.url = resolved.url;
    this.#options = resolved;
    this.#events = new Emitter((error, event) => {
      if (event !== 'error') this.#handlerFailed(error, `client '${String(event)}' handler`);
      else resolved.logger?.error({ causeCode: causeCodeOf(error) }, 'A client error handler threw');
    });
    this.#supervisor = new ConnectionSupervisor(resolved, this.#events, {
      opened: (reconnect) => this.#registry.restoreAll(reconnect),
      frame: (text) => this.#dispatch(text),
      dropped: (error) => {
        this.#channel.failAll(error);
        this.#registry.dropped();
      },
      ended: (error) => this.#registry.endAll(error, true),
      connectFailed: (error) => this.#registry.connectFailed(error),
    });
    this.#channel = new CommandChannel({ connection: () => this.#supervisor.connection, clock: resolved.clock, timeoutMs: resolved.commandTimeoutMs, logger: resolved.logger });
    this.#commands = new WsCommands(this.#channel);
    this.#registry = new SubscriptionRegistry({ options: resolved, events: this.#events, supervisor: this.#supervisor, commands: this.#commands });
  }

  /** See {@link ClientState}. */
  get state(): ClientState {
    return this.#supervisor.state;
  }

  /** Live subscriptions (subscribing or active). */
  get subscriptions(): readonly Subscription[] {
    return this.#registry.all;
  }

  /** Adds an event listener; returns a function that removes it. Event names: {@link WebSocketClientEvents}. */
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
   * @param options.signal ends the wait with the signal's reason (its listener removed). The attempt
   *   under way goes on, since subscriptions may wait on it too: `close()` stops it.
   * @throws KalshiWsError `WS_HANDSHAKE_REJECTED` (`status` 401: key, signature or clock),
   *   `WS_CONNECT_FAILED`, `WS_SIGNING_FAILED`, `WS_CLIENT_CLOSED`; `options.signal`'s reason.
   */
  connect(options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    return this.#supervisor.connect(options.signal);
  }

  /**
   * Closes the connection for good: no reconnect, pending commands reject with
   * `WS_CLIENT_CLOSED`, every subscription ends (iterators finish). Resolves when the socket is closed.
   */
  async close(): Promise<void> {
    if (this.#supervisor.state === 'closed') return;
    const connection = this.#supervisor.shutdown();
    const error = closedError();
    this.#channel.failAll(error);
    this.#supervisor.rejectWaiters(error);
    this.#registry.endAll(error, false);
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
   * @param options buffer size, overflow policy, `iterate: false` for handler-only use, timeout, `signal`.
   * @throws KalshiWsError `WS_SERVER_ERROR` (e.g. 8 unknown channel, 14 market ticker required,
   *   19–22 bad sharding), `WS_REPLY_TIMEOUT`, `WS_CONFIG_INVALID`, `WS_CLIENT_CLOSED`, or what `connect` throws;
   *   `options.signal`'s reason when it aborts first.
   */
  subscribe<C extends DataChannel>(params: SubscribeParams<C>, options: SubscriptionOptions<C> = {}): Promise<Subscription<C>> {
    const state = this.#supervisor.state;
    if (state === 'closed') return Promise.reject(closedError());
    if (!(dataChannels as readonly string[]).includes(params.channel)) {
      return Promise.reject(configError('channel', `Unknown data channel ${JSON.stringify(params.channel)}; one of: ${dataChannels.join(', ')}`));
    }
    let sub: Subscription<C>;
    let timeoutMs: number;
    try {
      timeoutMs = positive(options.timeoutMs, this.#options.commandTimeoutMs, 'timeoutMs');
      sub = new Subscription<C>(this.#host, params, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const timeout = (): KalshiWsError =>
      new KalshiWsError('WS_REPLY_TIMEOUT', `No 'subscribed' reply for ${params.channel} within ${timeoutMs} ms.`, {
        cmd: 'subscribe',
        channel: params.channel,
      });
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const subscribed = this.#registry.add(sub as unknown as Subscription, sub, timeout, timeoutMs);
    if (state === 'idle') this.connect().catch(() => undefined);
    if (signal === undefined) return subscribed;
    return waitUntil<Subscription<C>>(signal, (settle) => {
      subscribed.then(settle.resolve, settle.reject);
      return () => {
        // Aborted before the reply: drop the subscription (its pending promise rejects, handled above). It leaves
        // the registry at once, so it is never restored; an `unsubscribe` the connection loses has nothing left to do.
        if (signal.aborted) this.unsubscribe(sub as unknown as Subscription).catch(() => undefined);
      };
    });
  }

  /**
   * Unsubscribes: the subscription stops delivering at once, `unsubscribe` is sent for its sid,
   * and its iterator ends. Unknown-sid replies (7) count as done. On a sid shared with other
   * subscriptions (a repeated subscribe Kalshi merged, /changelog/index), the sid stays: only the
   * markets no other member takes are removed, with `update_subscription` `delete_markets`.
   * @param options.signal ends the wait for the server's reply with the signal's reason (the
   *   subscription has ended here already; the reply is dropped when it comes). Already aborted:
   *   nothing happens and the call rejects with its reason.
   * @throws KalshiWsError `WS_REPLY_TIMEOUT`, `WS_CONNECTION_LOST`, or `WS_SERVER_ERROR`; `options.signal`'s reason.
   */
  async unsubscribe(subscription: Subscription, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    const signal = options.signal;
    if (signal?.aborted) throw abortReason(signal);
    if (subscription.state === 'closed') return;
    const sid = subscription.sid;
    const error = new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'Unsubscribed before the server acknowledged the subscription.', {
      channel: subscription.channel,
    });
    const others = this.#registry.remove(subscription, error);
    try {
      if (sid !== undefined && this.#supervisor.state === 'open') {
        // On a shared sid, only the markets no other subscription takes leave it.
        if (others.length === 0) await this.#commands.unsubscribe(sid, signal);
        else await this.#deleteMarkets(subscription, sid, marketsOnlyFor(marketsOf(subscription) ?? [], others), signal);
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
   * @param options.signal ends the wait with the signal's reason: nothing is sent if it had aborted;
   *   else the reply is dropped when it comes, so the subscription keeps its market list as it was
   *   (the server may still apply the update; a resubscribe restores the list kept here).
   * @throws KalshiWsError `WS_SERVER_ERROR` (12, 13, 15, 26, 27, ...), `WS_REPLY_TIMEOUT`,
   *   `WS_SUBSCRIPTION_CLOSED`, `WS_CONNECTION_LOST` (also while the subscription is re-establishing);
   *   `options.signal`'s reason.
   */
  async updateSubscription(subscription: Subscription, params: UpdateSubscriptionParams, options: { readonly signal?: AbortSignal } = {}): Promise<OkResponsePayloadMsg | undefined> {
    const signal = options.signal;
    if (signal?.aborted) throw abortReason(signal);
    if (subscription.state === 'closed' || !this.#registry.has(subscription)) {
      throw new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'This subscription has ended.', { channel: subscription.channel });
    }
    const sid = subscription.sid;
    if (sid === undefined || this.#supervisor.state !== 'open') {
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
      await this.#commands.snapshots(subscription, sid, tickers, signal);
      return undefined;
    }
    const others = this.#registry.routes.get(sid)?.filter((s) => s !== subscription) ?? [];
    const { market_tickers: many, market_ticker: one } = params as { market_tickers?: string[]; market_ticker?: string };
    const named = [...(many ?? []), ...(one === undefined ? [] : [one])];
    if (others.length > 0 && params.action === 'delete_markets') {
      // A shared sid keeps the markets another subscription still takes.
      const leaving = marketsOnlyFor(named, others);
      if (leaving.length < named.length) {
        const msg = await this.#deleteMarkets(subscription, sid, leaving, signal);
        subscription[internal].applyUpdate(params, undefined);
        return msg;
      }
    }
    const msg = await this.#commands.update(subscription, { ...params, sids: [sid] }, (ok) => {
      // A shared sid's reply lists every member's markets: keep this subscription's own.
      subscription[internal].applyUpdate(params, others.length > 0 ? undefined : ok);
    }, signal);
    if (others.length > 0 && params.action === 'add_markets') this.#registry.fetchHeld(subscription, sid, named, others);
    return msg;
  }

  /**
   * `list_subscriptions`: the server's view of this connection's subscriptions. The reply is an
   * `ok` frame matched by command id. Connects first if needed.
   * @param options.signal ends the wait (for the connection, then for the reply, which is dropped
   *   when it comes) with the signal's reason.
   * @throws KalshiWsError `WS_REPLY_TIMEOUT`, `WS_CONNECTION_LOST`, `WS_SERVER_ERROR`, `WS_CLIENT_CLOSED`;
   *   `options.signal`'s reason.
   */
  async listSubscriptions(options: { readonly signal?: AbortSignal } = {}): Promise<ListSubscriptionsResponsePayloadMsgItem[]> {
    await this.#supervisor.whenOpen(options.signal);
    return this.#commands.list(options.signal);
  }

  // --- subscriptions ----------------------------------------------------------------------

  /** `update_subscription` `delete_markets` on a shared sid; resolves with the reply, or undefined when nothing leaves. */
  async #deleteMarkets(sub: Subscription, sid: number, tickers: readonly string[], signal: AbortSignal | undefined): Promise<OkResponsePayloadMsg | undefined> {
    if (tickers.length === 0) return undefined;
    return this.#commands.update(sub, { sids: [sid], market_tickers: [...tickers], action: 'delete_markets' }, undefined, signal);
  }

  /** The sequencer of `sub` asks for snapshots of its stale markets; only while connected. */
  #fetchSnapshots(sub: Subscription, sid: number, tickers: readonly string[]): Promise<void> | undefined {
    if (this.#supervisor.state !== 'open') return undefined;
    this.#options.logger?.debug({ sid, marketTickers: tickers }, 'Resyncing order books');
    return this.#commands.snapshots(sub, sid, tickers);
  }

  /** A sequencer's snapshot request failed: subscribe again under a new sid. */
  #snapshotsFailed(sub: Subscription, sid: number, error: KalshiWsError): void {
    if (error.code === 'WS_CONNECTION_LOST' || error.code === 'WS_CLIENT_CLOSED' || sub.state === 'closed') return;
    if (sub.sid !== sid) return;
    this.#options.logger?.warn({ sid, errorCode: error.code, kalshiCode: error.kalshiCode }, 'get_snapshot failed; resubscribing');
    sub[internal].error(error);
    this.#registry.resubscribe(sub, 'server_error', true, error);
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
    const subs = typeof sid === 'number' ? this.#registry.routes.get(sid) : undefined;
    if (subs === undefined) return;
    for (let i = 0; i < subs.length; i++) (subs[i] as Subscription)[internal].frame(frame as Parameters<Subscription[typeof internal]['frame']>[0]);
  }

  #reply(frame: ReplyFrame): void {
    const { sid, seq } = frame;
    const subs = typeof sid === 'number' ? [...(this.#registry.routes.get(sid) ?? [])] : [];
    if (typeof seq === 'number') for (const sub of subs) sub[internal].replySeq(seq);
    if (this.#channel.reply(frame)) return;
    if (frame.type === 'subscribed') {
      // A reply that came after its subscribe timed out: do not leave the stream running.
      const stray = (frame.msg as { sid?: unknown } | undefined)?.sid;
      if (typeof stray === 'number' && this.#registry.routes.get(stray) === undefined) void this.#commands.unsubscribe(stray).catch(() => undefined);
      return;
    }
    if (frame.type !== 'error') return;
    const code = (frame.msg as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'number') {
      this.#malformed(JSON.stringify(frame), 'is an error without msg.code');
      return;
    }
    const error = serverError(frame, undefined, subs[0]);
    for (const sub of subs) {
      sub[internal].error(error);
      if (TERMINAL_KALSHI_CODES.has(code)) this.#registry.resubscribe(sub, 'server_error', false, error);
    }
    if (subs.length === 0 && TERMINAL_KALSHI_CODES.has(code) && sid === undefined) {
      // A terminal error that names no subscription: resubscribe everything rather than guess.
      for (const s of this.#registry.all) if (s.sid !== undefined) this.#registry.resubscribe(s, 'server_error', true, error);
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
