import { abortReason, waitUntil } from './abort.js';
import { type CommandChannel, type CommandHandle, serverError } from './command-channel.js';
import { KalshiWsError } from './errors.js';
import type { ListSubscriptionsResponsePayloadMsgItem, OkResponsePayloadMsg } from './generated/models.js';
import { internal, type Subscription } from './subscription.js';

/**
 * @internal The WebSocket API's commands, each with the reply that settles it, sent over one
 * {@link CommandChannel}. Doc page: /websockets (Subscribe, Unsubscribe, List Subscriptions,
 * Update Subscription).
 */
export class WsCommands {
  readonly #channel: CommandChannel;
  /** sid → the answers still to come to `unsubscribe` / `delete_markets` commands sent for it. */
  readonly #shrinking = new Map<number, Set<Promise<void>>>();

  constructor(channel: CommandChannel) {
    this.#channel = channel;
  }

  /**
   * `subscribe` with `sub`'s params. `subscribed(sid)` runs synchronously on the reply, before the
   * next frame (the first snapshot) is dispatched; the handle resolves with the sid.
   */
  subscribe(sub: Subscription, subscribed: (sid: number) => void): CommandHandle<number> {
    const params = sub[internal].wireParams();
    return this.#channel.send<number>('subscribe', params, (frame, settle, fail) => {
      if (frame.type === 'error') {
        fail(serverError(frame, 'subscribe', sub, params));
        return;
      }
      if (frame.type !== 'subscribed') return;
      const sid = (frame.msg as { sid?: unknown } | undefined)?.sid;
      if (typeof sid !== 'number') {
        fail(new KalshiWsError('WS_MALFORMED_FRAME', "A 'subscribed' reply without msg.sid.", { cmd: 'subscribe', channel: sub.channel }));
        return;
      }
      subscribed(sid);
      settle(sid);
    });
  }

  /**
   * `unsubscribe` one sid; an unknown-sid error (7) counts as done. `signal` ends the wait with its
   * reason (nothing is sent if it had aborted); the command still waits for its answer, which
   * {@link WsCommands.shrinking} reports.
   */
  unsubscribe(sid: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const answered = this.#channel.send<void>('unsubscribe', { sids: [sid] }, (frame, settle, fail) => {
      if (frame.type === 'unsubscribed') settle();
      else if (frame.type === 'error') {
        const error = serverError(frame, 'unsubscribe');
        if (error.kalshiCode === 7) settle();
        else fail(error);
      }
    }).promise;
    this.#shrinks([sid], answered);
    return waitFor(answered, signal);
  }

  /**
   * `update_subscription` with `params` as sent (they name the sid); `ok` runs on the `ok` reply
   * before the promise resolves with its `msg`. `signal` ends the wait with its reason (nothing is
   * sent if it had aborted); a reply that comes after it does not run `ok`. A `delete_markets` is
   * reported by {@link WsCommands.shrinking} until answered.
   */
  update(sub: Subscription, params: object, ok: (msg: OkResponsePayloadMsg | undefined) => void = () => undefined, signal?: AbortSignal): Promise<OkResponsePayloadMsg | undefined> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let waiting = true;
    const answered = this.#channel.send<OkResponsePayloadMsg | undefined>('update_subscription', params, (frame, settle, fail) => {
      if (frame.type === 'error') fail(serverError(frame, 'update_subscription', sub, params));
      else if (frame.type === 'ok') {
        const msg = frame.msg as OkResponsePayloadMsg | undefined;
        // A reply the caller stopped waiting for changes nothing here.
        if (waiting) ok(msg);
        settle(msg);
      }
    }).promise;
    const { action, sids } = params as { action?: unknown; sids?: unknown };
    if (action === 'delete_markets' && Array.isArray(sids)) this.#shrinks(sids.filter((sid): sid is number => typeof sid === 'number'), answered);
    return waitFor(answered, signal, () => {
      waiting = false;
    });
  }

  /**
   * Settles once every `unsubscribe` and `delete_markets` sent for `sid` is answered (or has timed
   * out, or lost its connection); undefined when none is out. Kalshi joins a repeated subscribe to
   * the existing sid (/changelog/index: "Repeated subscriptions on the same websocket call will no
   * longer error"), so a `subscribed` naming such a sid answers a subscribe handled before them: the
   * sid it joined is about to end, or lose markets. (This assumes one connection's commands are
   * handled in the order sent, as the mock exchange does; Kalshi's pages do not say.)
   */
  shrinking(sid: number): Promise<void> | undefined {
    const answers = this.#shrinking.get(sid);
    return answers === undefined ? undefined : Promise.all(answers).then(() => undefined);
  }

  /** Lists `answered` under each of `sids` for {@link WsCommands.shrinking} until it settles. */
  #shrinks(sids: readonly number[], answered: Promise<unknown>): void {
    const settled = answered.then(
      () => undefined,
      () => undefined,
    );
    for (const sid of sids) {
      let answers = this.#shrinking.get(sid);
      if (answers === undefined) this.#shrinking.set(sid, (answers = new Set()));
      answers.add(settled);
    }
    void settled.then(() => {
      for (const sid of sids) {
        const answers = this.#shrinking.get(sid);
        answers?.delete(settled);
        if (answers?.size === 0) this.#shrinking.delete(sid);
      }
    });
  }

  /**
   * `update_subscription` `get_snapshot` for `tickers` on `sid`; resolves once each named market's
   * snapshot has arrived on `sub` (Kalshi sends no other reply on success). `signal` ends the wait.
   */
  snapshots(sub: Subscription, sid: number, tickers: readonly string[], signal?: AbortSignal): Promise<void> {
    const waiting = new Set(tickers);
    const params = { sids: [sid], market_tickers: [...tickers], action: 'get_snapshot' };
    const handle = this.#channel.send<void>('update_subscription', params, (frame, _settle, fail) => {
      if (frame.type === 'error') fail(serverError(frame, 'update_subscription', sub, params));
    }, signal);
    const stop = sub[internal].onSnapshot((ticker) => {
      waiting.delete(ticker);
      if (waiting.size === 0) handle.settle();
    });
    if (waiting.size === 0) handle.settle();
    return handle.promise.finally(stop);
  }

  /** `list_subscriptions`: the server's view, from the `ok` reply matched by command id. `signal` ends the wait. */
  list(signal?: AbortSignal): Promise<ListSubscriptionsResponsePayloadMsgItem[]> {
    return this.#channel.send<ListSubscriptionsResponsePayloadMsgItem[]>('list_subscriptions', undefined, (frame, settle, fail) => {
      if (frame.type === 'error') fail(serverError(frame, 'list_subscriptions'));
      else settle(Array.isArray(frame.msg) ? (frame.msg as ListSubscriptionsResponsePayloadMsgItem[]) : []);
    }, signal).promise;
  }
}

/**
 * `answered`, or its wait ended by `signal` with the signal's reason; `stopped` runs once the wait
 * ends, either way (the command itself goes on to its answer or its timeout).
 */
function waitFor<T>(answered: Promise<T>, signal: AbortSignal | undefined, stopped: () => void = () => undefined): Promise<T> {
  if (signal === undefined) return answered;
  // Its answer may come after the wait ended (the signal can abort while the command is sent): dropped, not unhandled.
  answered.catch(() => undefined);
  if (signal.aborted) {
    stopped();
    return Promise.reject(abortReason(signal));
  }
  return waitUntil<T>(signal, (settle) => {
    answered.then(settle.resolve, settle.reject);
    return stopped;
  });
}
