import { abortableIterator, waitUntil } from './abort.js';
import { Emitter, type EventSlot, type Listener } from './emitter.js';
import { KalshiWsError } from './errors.js';
import type { ChannelMessageMap, DataChannel, DataMessage } from './generated/channels.js';
import type { OkResponsePayloadMsg } from './generated/models.js';
import { MessageBuffer } from './message-buffer.js';
import { type ChannelMessage, WsMessage } from './message.js';
import { OrderBookSequencer } from './order-book-sequencer.js';
import type { ResyncNotice, ResyncReason } from './resync.js';
import { GAP, OUT_OF_ORDER, SeqTracker } from './seq-tracker.js';
import { namedMarkets, paramsAfterUpdate } from './subscription-params.js';
import {
  DEFAULT_BUFFER_SIZE,
  DEFAULT_OVERFLOW,
  type FrameSink,
  frameSink,
  type InternalSubscriptionOptions,
  type OverflowPolicy,
  type Params,
  type SubscribeParams,
  type SubscriptionEvents,
  type SubscriptionItem,
  type SubscriptionOptions,
  type UpdateSubscriptionParams,
} from './subscription-options.js';

/** @internal The frame-sink route, where the package's own readers (and their tests) have always found it. */
export { type FrameSink, frameSink, type InternalSubscriptionOptions } from './subscription-options.js';

/** @internal What a subscription needs from its client. */
export interface SubscriptionHost {
  unsubscribe(subscription: Subscription<DataChannel>): Promise<void>;
  updateSubscription(subscription: Subscription<DataChannel>, params: UpdateSubscriptionParams): Promise<unknown>;
  /** `get_snapshot` for an orderbook subscription's stale markets; undefined when it cannot be sent now. */
  fetchSnapshots(subscription: Subscription<DataChannel>, sid: number, tickers: readonly string[]): Promise<void> | undefined;
  /** A `get_snapshot` request of the subscription's sequencer failed. */
  snapshotsFailed(subscription: Subscription<DataChannel>, sid: number, error: KalshiWsError): void;
  reportError(error: unknown, context: string): void;
}

/** A buffered item of any channel. */
type AnyItem = SubscriptionItem<DataChannel>;

/** `subscribing` until the server acknowledges, `active` with a sid, `closed` at the end. */
export type SubscriptionState = 'subscribing' | 'active' | 'closed';

/** @internal Client-side hooks, keyed by a symbol the package does not export. */
export const internal: unique symbol = Symbol('kalshi-ws-subscription');

interface Frame {
  readonly type: string;
  readonly sid?: number;
  readonly seq?: number;
  readonly msg?: { readonly market_ticker?: unknown };
}

/**
 * One live subscription to one data channel. It survives reconnects: the client subscribes again
 * with the same params (including markets added since) and remaps the new sid underneath, so the
 * object, its handlers and its iterator carry on.
 *
 * Read it either way, or both:
 * - `for await (const m of subscription)`: a bounded buffer (see {@link OverflowPolicy});
 * - `subscription.on('message', m => ...)`: synchronous, unbuffered.
 *
 * On `orderbook_delta`, an order-book sequencer checks `seq` per subscription. On a gap or an
 * out-of-order frame the markets are marked stale, a {@link ResyncNotice} is delivered, fresh
 * snapshots are fetched with `update_subscription` `get_snapshot` (falling back to a resubscribe),
 * and deltas for a stale market are held back until its snapshot arrives, so the stream stays
 * consistent. Other channels that carry `seq` report a skipped number as `gap` and drop a repeat.
 */
export class Subscription<C extends DataChannel = DataChannel> implements AsyncIterable<SubscriptionItem<C>> {
  /** The data channel. */
  readonly channel: C;
  readonly #host: SubscriptionHost;
  #params: Params;
  #sid: number | undefined;
  #lastActiveSid: number | undefined;
  #state: SubscriptionState = 'subscribing';
  #dropped = 0;
  // Typed without C so that Subscription<'fill'> is assignable to Subscription (covariant in C).
  #buffer: MessageBuffer<AnyItem> | undefined;
  #iterated = false;
  /** The sid is shared with other subscriptions: deliver only this one's markets. */
  #shared = false;
  readonly #bufferSize: number;
  readonly #policy: OverflowPolicy;
  readonly #events: Emitter<SubscriptionEvents<DataChannel>>;
  readonly #raw: EventSlot<ChannelMessageMap[DataChannel]>;
  readonly #message: EventSlot<ChannelMessage<DataChannel>>;
  /** `orderbook_delta`: seq, staleness and resync. */
  readonly #book: OrderBookSequencer | undefined;
  /** Other channels: seq gaps and repeats. */
  readonly #seq = new SeqTracker();
  readonly #sink: FrameSink | undefined;

  /** @internal Created by the client's `subscribe`. */
  constructor(host: SubscriptionHost, params: SubscribeParams<C>, options: SubscriptionOptions<C> = {}) {
    const { channel, ...rest } = params;
    this.channel = channel as C;
    this.#host = host;
    this.#params = { ...(rest as Omit<Params, 'channels'>), channels: [channel] };
    this.#bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
    if (!Number.isSafeInteger(this.#bufferSize) || this.#bufferSize < 1) {
      throw new KalshiWsError('WS_CONFIG_INVALID', `bufferSize must be a positive integer, got ${String(options.bufferSize)}`, {
        option: 'bufferSize',
        channel,
      });
    }
    this.#policy = channel === 'orderbook_delta' ? 'resync' : (options.overflow ?? DEFAULT_OVERFLOW[channel]);
    if (options.iterate !== false) this.#buffer = new MessageBuffer(this.#bufferSize);
    this.#events = new Emitter((error, event) => host.reportError(error, `subscription ${channel} '${String(event)}' handler`));
    this.#raw = this.#events.slot('raw');
    this.#message = this.#events.slot('message');
    this.#book = channel === 'orderbook_delta' ? this.#sequencer() : undefined;
    this.#sink = channel === 'orderbook_delta' ? (options as InternalSubscriptionOptions<C>)[frameSink] : undefined;
    const handlers = options.on ?? {};
    for (const event of Object.keys(handlers) as Array<keyof SubscriptionEvents<C>>) {
      const listener = handlers[event];
      if (listener !== undefined) this.#events.on(event, listener as never);
    }
  }

  /** The current server subscription id; undefined while (re)subscribing. Changes across reconnects. */
  get sid(): number | undefined {
    return this.#sid;
  }

  /** See {@link SubscriptionState}. */
  get state(): SubscriptionState {
    return this.#state;
  }

  /** The `subscribe` params sent on the next (re)subscribe, including market updates since. */
  get params(): Readonly<Params> {
    return structuredClone(this.#params);
  }

  /** Messages dropped by the `drop-oldest` policy so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The overflow policy in force. */
  get overflowPolicy(): OverflowPolicy {
    return this.#policy;
  }

  /** `orderbook_delta`: markets currently waiting for a fresh snapshot. */
  get staleMarkets(): readonly string[] {
    return this.#book === undefined ? [] : this.#book.staleMarkets;
  }

  /** Adds a handler; returns a function that removes it. */
  on<K extends keyof SubscriptionEvents<C>>(event: K, listener: Listener<SubscriptionEvents<C>[K]>): () => void {
    return this.#events.on(event, listener as never);
  }

  /** Removes a handler added with {@link Subscription.on}. */
  off<K extends keyof SubscriptionEvents<C>>(event: K, listener: Listener<SubscriptionEvents<C>[K]>): void {
    this.#events.off(event, listener as never);
  }

  /**
   * Unsubscribes (`unsubscribe` with this sid) and ends the iterator.
   * @throws KalshiWsError as the client's `unsubscribe`.
   */
  unsubscribe(): Promise<void> {
    return this.#host.unsubscribe(this);
  }

  /**
   * Sends `update_subscription` for this sid (`add_markets`, `delete_markets`, `get_snapshot`,
   * or the CF Benchmarks / Pyth actions) and remembers market changes for resubscribes.
   * @throws KalshiWsError `WS_SERVER_ERROR`, `WS_REPLY_TIMEOUT`, `WS_SUBSCRIPTION_CLOSED`, `WS_CONNECTION_LOST`.
   */
  update(params: UpdateSubscriptionParams): Promise<unknown> {
    return this.#host.updateSubscription(this, params);
  }

  /**
   * `orderbook_delta` only: marks markets stale (all by default) and fetches fresh snapshots,
   * as if a gap had been seen. Use it when a book built from this stream looks wrong.
   */
  resync(this: Subscription<'orderbook_delta'>, marketTickers?: readonly string[], reason: ResyncReason = 'requested'): void {
    this.#book?.invalidate(reason, marketTickers, 0, true);
  }

  /**
   * The buffered stream. One consumer per subscription; leaving the loop stops buffering but
   * does not unsubscribe. Ends when the subscription closes; throws what closed it, if anything.
   * @throws KalshiWsError `WS_CONFIG_INVALID` when created with `iterate: false` or iterated twice.
   */
  [Symbol.asyncIterator](): AsyncIterator<SubscriptionItem<C>> {
    const buffer = this.#buffer;
    if (buffer === undefined || this.#iterated) {
      throw new KalshiWsError(
        'WS_CONFIG_INVALID',
        this.#iterated
          ? 'A Subscription can be iterated by one consumer, once; add more readers with on("message").'
          : 'This subscription was created with iterate: false; read it with on("message").',
        { option: 'iterate', channel: this.channel },
      );
    }
    this.#iterated = true;
    return {
      next: () => buffer.next() as Promise<IteratorResult<SubscriptionItem<C>>>,
      return: () => {
        if (this.#buffer === buffer) this.#buffer = undefined;
        buffer.clear();
        buffer.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  /**
   * The buffered stream (as `for await (const m of subscription)`), ending when `options.signal` aborts:
   * the pending `next()` rejects with the signal's reason (an `AbortError` unless you gave one), buffering
   * stops, and the abort listener is removed. One consumer per subscription, as for the plain iterator.
   * @throws KalshiWsError `WS_CONFIG_INVALID` when created with `iterate: false` or already iterated.
   */
  messages(options: { readonly signal?: AbortSignal } = {}): AsyncIterableIterator<SubscriptionItem<C>> {
    return abortableIterator(this[Symbol.asyncIterator](), options.signal);
  }

  /**
   * The first message from now on that `predicate` accepts (a handler: it does not take messages from the
   * iterator). Ends early, removing its handlers, when `options.signal` aborts (rejects with its reason)
   * or the subscription closes (rejects with what closed it, else `WS_SUBSCRIPTION_CLOSED`).
   * @throws (rejects with) what `predicate` throws.
   */
  waitFor(predicate: (message: ChannelMessage<C>) => boolean, options: { readonly signal?: AbortSignal } = {}): Promise<ChannelMessage<C>> {
    return waitUntil(options.signal, (settle) => {
      if (this.#state === 'closed') {
        settle.reject(new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'This subscription has ended.', { channel: this.channel }));
        return () => undefined;
      }
      const offMessage = this.on('message', (message) => {
        try {
          if (predicate(message)) settle.resolve(message);
        } catch (error) {
          settle.reject(error);
        }
      });
      const offClosed = this.on('closed', ({ error }) =>
        settle.reject(error ?? new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'The subscription ended while waiting.', { channel: this.channel })),
      );
      return () => {
        offMessage();
        offClosed();
      };
    });
  }

  /** @internal Hooks for the client. */
  readonly [internal] = {
    wireParams: (): Params => this.#params,
    lastSid: (): number | undefined => this.#lastActiveSid,
    activate: (sid: number): void => {
      const previousSid = this.#lastActiveSid;
      this.#sid = sid;
      this.#lastActiveSid = sid;
      this.#seq.reset();
      this.#book?.attach(sid);
      this.#state = 'active';
      if (previousSid !== undefined) this.#events.emit('resubscribed', { previousSid, sid });
    },
    detach: (reason: ResyncReason): void => {
      if (this.#state === 'closed') return;
      this.#sid = undefined;
      this.#seq.reset();
      if (this.#state === 'active') this.#state = 'subscribing';
      this.#book?.detach(reason);
    },
    frame: (frame: Frame): void => this.#frame(frame),
    share: (shared: boolean): void => {
      this.#shared = shared;
      if (this.#book !== undefined) this.#book.filter = shared ? (ticker) => this.#takes(ticker) : undefined;
    },
    replySeq: (seq: number): void => {
      if (this.#book === undefined) this.#seq.reply(seq);
      else this.#book.replySeq(seq);
    },
    applyUpdate: (params: UpdateSubscriptionParams, reply: OkResponsePayloadMsg | undefined): void => this.#applyUpdate(params, reply),
    staleMarkets: (): readonly string[] => this.staleMarkets,
    onSnapshot: (waiter: (ticker: string) => void): (() => void) => this.#book?.onSnapshot(waiter) ?? (() => false),
    error: (error: KalshiWsError): void => this.#events.emit('error', error),
    close: (error?: KalshiWsError): void => this.#close(error),
  };

  #frame(frame: Frame): void {
    const book = this.#book;
    if (book !== undefined) {
      book.frame(frame);
      return;
    }
    const last = this.#seq.last;
    const order = this.#seq.check(frame.seq);
    // A seq at or below the last one is a frame already delivered (a repeat): drop it.
    if (order === OUT_OF_ORDER) return;
    if (order === GAP) this.#events.emit('gap', { expected: (last as number) + 1, received: frame.seq as number });
    if (!this.#shared || this.#takes(frame.msg?.market_ticker)) this.#deliver(frame);
  }

  #deliver(frame: Frame): void {
    const sink = this.#sink;
    if (sink !== undefined) {
      try {
        sink.frame(frame as ChannelMessageMap['orderbook_delta']);
      } catch (error) {
        this.#host.reportError(error, `subscription ${this.channel} 'raw' handler`);
      }
    }
    if (this.#raw.listeners.length !== 0) this.#events.emitTo(this.#raw, frame as ChannelMessageMap[DataChannel]);
    const buffer = this.#buffer !== undefined && !this.#buffer.ended ? this.#buffer : undefined;
    const listening = this.#message.listeners.length !== 0;
    if (buffer === undefined && !listening) return;
    const message = new WsMessage(frame as DataMessage) as ChannelMessage<DataChannel>;
    if (listening) this.#events.emitTo(this.#message, message);
    if (buffer !== undefined && !buffer.push(message)) this.#overflow(buffer, message);
  }

  #overflow(buffer: MessageBuffer<AnyItem>, message: AnyItem): void {
    switch (this.#policy) {
      case 'drop-oldest':
        buffer.shift();
        buffer.push(message);
        this.#dropped++;
        this.#events.emit('dropped', { dropped: this.#dropped });
        return;
      case 'resync':
        this.#book?.invalidate('buffer_overflow', undefined, buffer.clear() + 1, true);
        return;
      case 'error':
        buffer.fail(
          new KalshiWsError(
            'WS_BUFFER_OVERFLOW',
            `The ${this.channel} iterator fell ${this.#bufferSize} messages behind; iteration stopped (handlers still run).`,
            { channel: this.channel, bufferSize: this.#bufferSize, ...(this.#sid === undefined ? {} : { sid: this.#sid }) },
          ),
        );
        return;
    }
  }

  /** The sequencer of an `orderbook_delta` subscription, wired to this subscription and its client. */
  #sequencer(): OrderBookSequencer {
    return new OrderBookSequencer({
      deliver: (frame) => this.#deliver(frame),
      notify: (notice) => this.#notify(notice),
      markets: () => this.#paramMarkets(),
      fetch: (sid, tickers) => this.#host.fetchSnapshots(this, sid, tickers),
      fetchFailed: (sid, error) => this.#host.snapshotsFailed(this, sid, error),
    });
  }

  /** Tells the reader that markets went stale: the `resync` event, and the iterator. */
  #notify(notice: ResyncNotice): void {
    this.#events.emit('resync', notice);
    const buffer = this.#buffer;
    if (buffer !== undefined && !buffer.ended && !buffer.push(notice)) {
      const dropped = buffer.clear();
      buffer.push({ ...notice, reason: 'buffer_overflow', marketTickers: this.staleMarkets, discarded: notice.discarded + dropped });
    }
  }

  /** Whether this subscription's market filter takes `ticker` (frames without one are for everyone). */
  #takes(ticker: unknown): boolean {
    const p = this.#params;
    if (typeof ticker !== 'string' || (p.market_tickers === undefined && p.market_ticker === undefined)) return true;
    return p.market_ticker === ticker || (p.market_tickers?.includes(ticker) ?? false);
  }

  #paramMarkets(): string[] {
    const p = this.#params;
    const all = new Set<string>(p.market_tickers ?? []);
    if (p.market_ticker !== undefined) all.add(p.market_ticker);
    return [...all];
  }

  #applyUpdate(params: UpdateSubscriptionParams, reply: OkResponsePayloadMsg | undefined): void {
    this.#params = paramsAfterUpdate(this.#params, params, reply);
    if (params.action === 'delete_markets') this.#book?.removed(namedMarkets(params));
  }

  #close(error?: KalshiWsError): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#sid = undefined;
    const buffer = this.#buffer;
    if (buffer !== undefined) {
      if (error === undefined) buffer.end();
      else buffer.fail(error);
    }
    this.#book?.close();
    this.#events.emit('closed', error === undefined ? {} : { error });
  }
}
