/**
 * An in-process stand-in for the socket, passed to the public client as its `WebSocket` class, so
 * the bench drives the client's real path (the transport's 'message' listener → dispatch → route
 * by sid → subscription → books) with no network in the way. It answers `subscribe` with the sid
 * the recording uses for the channel and `unsubscribe` with `unsubscribed`; `deliver` hands one
 * recorded frame to the client exactly as `ws` does (a message event whose `data` is the text).
 */
import type { WebSocketConstructor, WebSocketLike } from '../../packages/ws/src/index.ts';

type Listener = (event: never) => void;

export class InProcessSocket implements WebSocketLike {
  readonly #listeners = new Map<string, Listener[]>();
  readonly #sids: Readonly<Record<string, number>>;
  /** Reused for every frame, so the bench allocates nothing per frame on the socket's side. */
  readonly #event = { data: '' };
  #onMessage: Listener | undefined;

  constructor(sids: Readonly<Record<string, number>>) {
    this.#sids = sids;
    queueMicrotask(() => this.#fire('open', {}));
  }

  /** A class for `createWebSocketClient({ WebSocket })`; `onCreate` receives each socket it creates. */
  static withSids(sids: Readonly<Record<string, number>>, onCreate: (socket: InProcessSocket) => void): WebSocketConstructor {
    return class extends InProcessSocket {
      constructor() {
        super(sids);
        onCreate(this);
      }
    };
  }

  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
    if (type === 'message') this.#onMessage = listener;
  }

  send(data: string): void {
    const command = JSON.parse(data) as { id: number; cmd: string; params?: { channels?: string[]; sids?: number[] } };
    let reply: object;
    if (command.cmd === 'subscribe') {
      const channel = command.params?.channels?.[0] ?? '';
      reply = { id: command.id, type: 'subscribed', msg: { channel, sid: this.#sids[channel] } };
    } else if (command.cmd === 'unsubscribe') {
      reply = { id: command.id, type: 'unsubscribed', sid: command.params?.sids?.[0] };
    } else {
      reply = { id: command.id, type: 'ok', msg: {} };
    }
    const text = JSON.stringify(reply);
    queueMicrotask(() => this.deliver(text));
  }

  close(code = 1000, reason = ''): void {
    queueMicrotask(() => this.#fire('close', { code, reason }));
  }

  /** One text frame from the server. */
  deliver(text: string): void {
    this.#event.data = text;
    (this.#onMessage as (event: { data: string }) => void)(this.#event);
  }

  #fire(type: string, event: object): void {
    for (const listener of this.#listeners.get(type) ?? []) (listener as (e: object) => void)(event);
  }
}
