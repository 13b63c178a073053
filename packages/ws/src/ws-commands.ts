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

  /** `unsubscribe` one sid; an unknown-sid error (7) counts as done. `signal` ends the wait (see {@link CommandChannel.send}). */
  unsubscribe(sid: number, signal?: AbortSignal): Promise<void> {
    return this.#channel.send<void>('unsubscribe', { sids: [sid] }, (frame, settle, fail) => {
      if (frame.type === 'unsubscribed') settle();
      else if (frame.type === 'error') {
        const error = serverError(frame, 'unsubscribe');
        if (error.kalshiCode === 7) settle();
        else fail(error);
      }
    }, signal).promise;
  }

  /**
   * `update_subscription` with `params` as sent (they name the sid); `ok` runs on the `ok` reply
   * before the promise resolves with its `msg`. `signal` ends the wait (see {@link CommandChannel.send}).
   */
  update(sub: Subscription, params: object, ok: (msg: OkResponsePayloadMsg | undefined) => void = () => undefined, signal?: AbortSignal): Promise<OkResponsePayloadMsg | undefined> {
    return this.#channel.send<OkResponsePayloadMsg | undefined>('update_subscription', params, (frame, settle, fail) => {
      if (frame.type === 'error') fail(serverError(frame, 'update_subscription', sub, params));
      else if (frame.type === 'ok') {
        const msg = frame.msg as OkResponsePayloadMsg | undefined;
        ok(msg);
        settle(msg);
      }
    }, signal).promise;
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
