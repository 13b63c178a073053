import { resolveReconnect } from './backoff.js';
import type { WebSocketClientEvents } from './client-events.js';
import type { ResolvedClientOptions } from './client-options.js';
import type { ConnectionSupervisor } from './connection-supervisor.js';
import { type Deferred, deferred } from './deferred.js';
import type { Emitter } from './emitter.js';
import { type KalshiWsError, TERMINAL_KALSHI_CODES } from './errors.js';
import { RestoreRound } from './restore-round.js';
import type { ResyncReason } from './resync.js';
import { marketsHeldBy, marketsOf, SidRoutes } from './sid-routes.js';
import { SubscribeRetry } from './subscribe-retry.js';
import { internal, type Subscription } from './subscription.js';
import type { WsCommands } from './ws-commands.js';

/** @internal What a {@link SubscriptionRegistry} works with. */
export interface SubscriptionRegistryOptions {
  readonly options: ResolvedClientOptions;
  readonly events: Emitter<WebSocketClientEvents>;
  readonly supervisor: ConnectionSupervisor;
  readonly commands: WsCommands;
}

/**
 * @internal The client's live subscriptions and their sids: sends `subscribe` and maps the sid
 * it gets (several subscriptions may share one, /changelog/index), restores every subscription
 * after a reconnect (one {@link RestoreRound} per connection), subscribes again with backoff after
 * a terminal error (10, 25) and ends a subscription Kalshi will not restore. Doc page:
 * /getting_started/quick_start_websockets.
 */
export class SubscriptionRegistry {
  /** sid → subscriptions. */
  readonly routes = new SidRoutes();
  readonly #options: ResolvedClientOptions;
  readonly #events: Emitter<WebSocketClientEvents>;
  readonly #supervisor: ConnectionSupervisor;
  readonly #commands: WsCommands;
  readonly #retry: SubscribeRetry<Subscription>;
  readonly #retryTimers = new Set<unknown>();
  readonly #subs = new Set<Subscription>();
  readonly #firstActivation = new Map<Subscription, Deferred>();
  #round: RestoreRound | undefined;

  constructor({ options, events, supervisor, commands }: SubscriptionRegistryOptions) {
    this.#options = options;
    this.#events = events;
    this.#supervisor = supervisor;
    this.#commands = commands;
    this.#retry = new SubscribeRetry(options.reconnect === false ? resolveReconnect() : options.reconnect, options.clock);
  }

  /** Live subscriptions (subscribing or active), in the order they were added. */
  get all(): readonly Subscription[] {
    return [...this.#subs];
  }

  /** Whether `sub` is live here. */
  has(sub: Subscription): boolean {
    return this.#subs.has(sub);
  }

  /**
   * Adds a new subscription and subscribes it now when open. Resolves with `value` once it is
   * first active; rejects when it fails first, or with `timeout()` after `timeoutMs` without a sid.
   */
  add<T>(sub: Subscription, value: T, timeout: () => KalshiWsError, timeoutMs: number): Promise<T> {
    const waiter = deferred();
    const clock = this.#options.clock;
    const timer = clock.setTimeout(() => {
      if (this.#firstActivation.get(sub) !== waiter) return;
      const error = timeout();
      this.forget(sub);
      sub[internal].close(error);
      waiter.reject(error);
    }, timeoutMs);
    this.#subs.add(sub);
    this.#firstActivation.set(sub, waiter);
    if (this.#supervisor.state === 'open') void this.#activate(sub).catch(() => undefined);
    return waiter.promise.then(
      () => {
        clock.clearTimeout(timer);
        return value;
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        throw error;
      },
    );
  }

  /** Removes `sub` before an unsubscribe; its pending first `subscribe` rejects with `error`. Returns the subscriptions still sharing its sid. */
  remove(sub: Subscription, error: KalshiWsError): readonly Subscription[] {
    const others = this.forget(sub);
    const waiter = this.#firstActivation.get(sub);
    this.#firstActivation.delete(sub);
    waiter?.reject(error);
    return others;
  }

  /** Removes a subscription from routing; returns the subscriptions still sharing its sid. */
  forget(sub: Subscription, failed = false): readonly Subscription[] {
    this.#subs.delete(sub);
    this.#round?.ended(sub, failed);
    const sid = sub.sid;
    return sid === undefined ? [] : [...this.routes.remove(sid, sub)];
  }

  /**
   * Subscribes every live subscription on a fresh connection. After a reconnect, `resubscribed`
   * fires once all of them are back; either way the connection then counts as restored, and the
   * reconnect backoff restarts if it stays up `healthyAfterMs`.
   */
  restoreAll(reconnect: boolean): void {
    const subs = [...this.#subs];
    if (subs.length === 0) {
      this.#supervisor.restored();
      return;
    }
    const round = new RestoreRound(subs, (restored) => {
      if (this.#round !== round) return;
      this.#round = undefined;
      this.#supervisor.restored();
      if (reconnect && restored !== undefined) this.#events.emit('resubscribed', { subscriptions: restored });
    });
    this.#round = round;
    for (const sub of subs) void this.#activate(sub).catch(() => undefined);
  }

  /** The connection is gone: every subscription loses its sid. */
  dropped(): void {
    this.#round = undefined;
    this.routes.clear();
    for (const sub of this.#subs) sub[internal].detach('connection_lost');
  }

  /** The first connect failed: the subscriptions waiting for it fail with `error`. */
  connectFailed(error: KalshiWsError): void {
    for (const [sub, waiter] of this.#firstActivation) {
      this.forget(sub);
      sub[internal].close(error);
      waiter.reject(error);
    }
  }

  /** Ends every subscription: `error` rejects first subscribes and, when `failIterators`, ends iterators with it. */
  endAll(error: KalshiWsError, failIterators: boolean): void {
    for (const timer of this.#retryTimers) this.#options.clock.clearTimeout(timer);
    this.#retryTimers.clear();
    this.#round = undefined;
    for (const waiter of this.#firstActivation.values()) waiter.reject(error);
    this.#firstActivation.clear();
    for (const sub of this.#subs) sub[internal].close(failIterators ? error : undefined);
    this.#subs.clear();
    this.routes.clear();
  }

  /** Subscribes again under a new sid (terminal server error, failed resync), with bounded backoff. */
  resubscribe(sub: Subscription, reason: ResyncReason, unsubscribeOld: boolean, error: KalshiWsError): void {
    const oldSid = sub.sid;
    const others = oldSid === undefined ? [] : this.routes.remove(oldSid, sub);
    sub[internal].detach(reason);
    if (this.#supervisor.state !== 'open') return;
    if (unsubscribeOld && oldSid !== undefined && others.length === 0) void this.#commands.unsubscribe(oldSid).catch(() => undefined);
    this.#retryLater(sub, error, false);
  }

  /**
   * An orderbook subscription joined a shared sid with markets another member already took: Kalshi
   * sends no snapshot for those ("no action will be taken", /changelog/index), so fetch them.
   */
  fetchHeld(sub: Subscription, sid: number, tickers: readonly string[], others: readonly Subscription[]): void {
    if (sub.channel !== 'orderbook_delta') return;
    const held = marketsHeldBy(tickers, others);
    // On failure, the first delta for a market without a snapshot makes that market resync.
    if (held.length > 0) this.#commands.snapshots(sub, sid, held).catch(() => undefined);
  }

  /**
   * Sends `subscribe` for one subscription on the current connection and maps the sid it gets.
   * Resolves with the sid, or undefined when the connection dropped first (the next open retries)
   * or Kalshi answered with a terminal error (a retry is scheduled).
   */
  async #activate(sub: Subscription): Promise<number | undefined> {
    if (sub.state === 'closed' || !this.#subs.has(sub)) return undefined;
    const supervisor = this.#supervisor;
    const generation = supervisor.generation;
    const previousSid = sub[internal].lastSid();
    const handle = this.#commands.subscribe(sub, (sid) => {
      // Mapped synchronously, before the next frame (the snapshot) is dispatched.
      if (sub.state === 'closed' || !this.#subs.has(sub)) {
        if (this.routes.get(sid) === undefined) void this.#commands.unsubscribe(sid).catch(() => undefined);
        return;
      }
      const shrinking = this.#commands.shrinking(sid);
      if (shrinking !== undefined) {
        // Joined a sid an `unsubscribe` or `delete_markets` sent after this subscribe is about to end or
        // shrink: subscribe again once that is answered, for a live sid (and a snapshot of every market).
        void shrinking.then(() => this.#subscribeAgain(sub, generation));
        return;
      }
      // Kalshi may merge a repeated subscribe into an existing subscription and answer with its sid.
      const others = this.routes.add(sid, sub);
      sub[internal].activate(sid);
      if (others.length > 0) this.fetchHeld(sub, sid, marketsOf(sub) ?? [], others);
      const waiter = this.#firstActivation.get(sub);
      this.#firstActivation.delete(sub);
      waiter?.resolve();
    });
    try {
      const sid = await handle.promise;
      this.#retry.succeeded(sub);
      if (generation === supervisor.generation && sub.sid === sid) this.#round?.restored(sub, previousSid, sid);
      return sid;
    } catch (error) {
      const err = error as KalshiWsError;
      if (!this.#subs.has(sub) || err.code === 'WS_CONNECTION_LOST' || err.code === 'WS_CLIENT_CLOSED') return undefined;
      if (err.code === 'WS_REPLY_TIMEOUT') {
        // A first subscribe reports its own timeout. A resubscribe the server ignores means the
        // connection is unusable: start over on a new one.
        if (!this.#firstActivation.has(sub) && generation === supervisor.generation && supervisor.state === 'open') {
          supervisor.drop(err, 4001, 'subscribe timeout');
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
    const generation = this.#supervisor.generation;
    const go = (): void => this.#subscribeAgain(sub, generation);
    if (next.delayMs === 0) {
      go();
      return;
    }
    const clock = this.#options.clock;
    const timer = clock.setTimeout(() => {
      this.#retryTimers.delete(timer);
      go();
    }, next.delayMs);
    this.#retryTimers.add(timer);
  }

  /**
   * Subscribes `sub` again on the connection of `generation` (which changes when it is lost: a new
   * connection's restore round subscribes `sub` itself), unless `sub` has ended or has a sid.
   */
  #subscribeAgain(sub: Subscription, generation: number): void {
    if (generation === this.#supervisor.generation && this.#subs.has(sub) && sub.sid === undefined) void this.#activate(sub).catch(() => undefined);
  }

  /** Ends a subscription Kalshi refused: its first `subscribe` rejects, or `subscriptionFailed` and `error` fire. */
  #fail(sub: Subscription, error: KalshiWsError): void {
    // A first subscribe Kalshi refuses was never restored work: it fails its own promise only.
    this.forget(sub, !this.#firstActivation.has(sub));
    const waiter = this.#firstActivation.get(sub);
    this.#firstActivation.delete(sub);
    sub[internal].close(error);
    if (waiter !== undefined) {
      waiter.reject(error);
      return;
    }
    this.#events.emit('subscriptionFailed', { subscription: sub, error });
    this.#events.emit('error', error);
  }
}
