import type { TickSchedule } from '@kalshi-sdk/fixed-point';
import { abortable, abortReason, type Settle, waitUntil } from './abort.js';
import type { KalshiWebSocketClient } from './client.js';
import { Emitter, type EventSlot, type Listener } from './emitter.js';
import { KalshiWsError } from './errors.js';
import type { ChannelMessageMap } from './generated/channels.js';
import { OrderBook } from './order-book.js';
import type { ResyncNotice, ResyncReason } from './resync.js';
import type { Subscription } from './subscription.js';
import { type FrameSink, frameSink, type InternalSubscriptionOptions, type SubscriptionEvents } from './subscription-options.js';

/** Options of {@link OrderBookManager}. */
export interface OrderBookManagerOptions {
  /** The client whose connection carries the `orderbook_delta` subscription. */
  readonly client: KalshiWebSocketClient;
  /** Subscribe with `use_yes_price` (no-side levels in yes-leg pricing). Default false. The books read the same either way. */
  readonly useYesPrice?: boolean;
  /** Each market's ticks, for `book.depth()`. Default `linear_cent`. */
  readonly tickSchedule?: (marketTicker: string) => TickSchedule | undefined;
}

/** Events of an {@link OrderBookManager}; each carries the book it is about. */
export interface OrderBookManagerEvents {
  /** A book applied a snapshot or delta. */
  update: OrderBook;
  /** A book went stale (gap, out-of-order frame, overflow, disconnect, bad delta). */
  stale: { readonly book: OrderBook; readonly reason: ResyncReason };
  /** A fresh snapshot rebuilt a stale book. */
  resynced: { readonly book: OrderBook; readonly reason: ResyncReason };
  /** A listener threw (`WS_HANDLER_FAILED`). */
  error: KalshiWsError;
}

/**
 * Live order books for many markets over one `orderbook_delta` subscription. The subscription
 * checks `seq`; on a gap or an out-of-order frame the affected books go stale, fresh snapshots
 * are fetched (`get_snapshot`, else a resubscribe), the books are rebuilt and `resynced` fires.
 * A delta that does not fit a book (a level would go negative) triggers the same for that market.
 *
 * ```ts
 * const books = new OrderBookManager({ client });
 * await books.track(['KXBTC-25DEC31-T100000']);
 * books.on('update', (book) => console.log(book.bestBid()?.price.toString(), book.bestAsk()?.price.toString()));
 * ```
 *
 * Doc page: /websockets/orderbook-updates.
 */
export class OrderBookManager {
  readonly #client: KalshiWebSocketClient;
  readonly #useYesPrice: boolean;
  readonly #tickSchedule: (marketTicker: string) => TickSchedule | undefined;
  readonly #books = new Map<string, OrderBook>();
  readonly #events: Emitter<OrderBookManagerEvents>;
  readonly #update: EventSlot<OrderBook>;
  /** Receives the subscription's frames directly (see {@link FrameSink}). */
  readonly #sink: FrameSink = { frame: (frame) => this.#frame(frame) };
  #subscription: Subscription<'orderbook_delta'> | undefined;
  #subscribing: Promise<Subscription<'orderbook_delta'>> | undefined;
  /** Pending {@link OrderBookManager.ready} waits, by the book each waits for. */
  readonly #readyWaits = new Set<{ readonly book: OrderBook; readonly settle: Settle<OrderBook> }>();

  constructor(options: OrderBookManagerOptions) {
    this.#client = options.client;
    this.#useYesPrice = options.useYesPrice ?? false;
    this.#tickSchedule = options.tickSchedule ?? (() => undefined);
    this.#events = new Emitter((error, event) => {
      if (event === 'error') {
        queueMicrotask(() => {
          throw error;
        });
        return;
      }
      this.#events.emit('error', new KalshiWsError('WS_HANDLER_FAILED', `An order book '${String(event)}' listener threw.`, {}, { cause: error }));
    });
    this.#update = this.#events.slot('update');
  }

  /** The books, by market ticker. */
  get books(): ReadonlyMap<string, OrderBook> {
    return this.#books;
  }

  /** The underlying subscription, once {@link OrderBookManager.track} has run. */
  get subscription(): Subscription<'orderbook_delta'> | undefined {
    return this.#subscription;
  }

  /** The book of one market, if tracked. */
  book(marketTicker: string): OrderBook | undefined {
    return this.#books.get(marketTicker);
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof OrderBookManagerEvents>(event: K, listener: Listener<OrderBookManagerEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  /**
   * Starts tracking markets: the first call subscribes, later calls send `add_markets`. Resolves
   * once the server acknowledges; the books fill as their snapshots arrive (`book.state`).
   * @param options.signal ends the wait with the signal's reason, and the markets are not tracked
   *   (their books go): an abort before the `subscribed` reply drops the subscription (as
   *   `subscribe`'s signal does); one before the `add_markets` reply drops that reply when it comes
   *   (frames for those markets are ignored). A `track` waiting on another call's first subscribe
   *   stops waiting.
   * @throws KalshiWsError what `subscribe` / `updateSubscription` throw; `options.signal`'s reason.
   */
  async track(marketTickers: readonly string[], options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    const signal = options.signal;
    if (signal?.aborted) throw abortReason(signal);
    const fresh = marketTickers.filter((t) => !this.#books.has(t));
    if (fresh.length === 0) return;
    for (const t of fresh) this.#bookFor(t);
    try {
      if (this.#subscription === undefined && this.#subscribing === undefined) {
        const subscription: InternalSubscriptionOptions<'orderbook_delta'> = {
          iterate: false,
          on: { resync: (n) => this.#resync(n), closed: (c) => this.#closed(c) },
          [frameSink]: this.#sink,
          ...(signal === undefined ? {} : { signal }),
        };
        this.#subscribing = this.#client.subscribe(
          { channel: 'orderbook_delta', market_tickers: fresh, ...(this.#useYesPrice ? { use_yes_price: true } : {}) },
          subscription,
        );
        try {
          this.#subscription = await this.#subscribing;
        } finally {
          this.#subscribing = undefined;
        }
        // A book that failed before the subscription object was ours could not ask for a resync.
        const broken = fresh.filter((t) => this.#books.get(t)?.state === 'stale');
        if (broken.length > 0) this.#subscription.resync(broken, 'book_inconsistent');
        return;
      }
      const sub = this.#subscription ?? (await abortable(this.#subscribing as Promise<Subscription<'orderbook_delta'>>, signal));
      await this.#client.updateSubscription(sub, { action: 'add_markets', market_tickers: fresh }, options);
    } catch (error) {
      for (const t of fresh) this.#books.delete(t);
      throw error;
    }
  }

  /**
   * Resolves with the market's book once it is live (a snapshot applied, in step with the exchange): at once
   * if it is live now, else when its next snapshot lands. A book goes stale again on a gap or a reconnect;
   * call `ready` again then to wait for the resync.
   * @param options.signal ends the wait with the signal's reason (its handlers removed).
   * @throws (rejects with) KalshiWsError `WS_CONFIG_INVALID` (`option: 'marketTicker'`) for a market not
   *   tracked, `WS_SUBSCRIPTION_CLOSED` when the market is untracked or the subscription ends while waiting;
   *   `options.signal`'s reason.
   */
  ready(marketTicker: string, options: { readonly signal?: AbortSignal } = {}): Promise<OrderBook> {
    return waitUntil(options.signal, (settle) => {
      const book = this.#books.get(marketTicker);
      if (book === undefined || book.state === 'live') {
        if (book !== undefined) settle.resolve(book);
        else settle.reject(new KalshiWsError('WS_CONFIG_INVALID', `${marketTicker} is not tracked; call track() first.`, { option: 'marketTicker', marketTickers: [marketTicker] }));
        return () => undefined;
      }
      const wait = { book, settle };
      this.#readyWaits.add(wait);
      const off = book.on('update', () => {
        if (book.state === 'live') settle.resolve(book);
      });
      return () => {
        off();
        this.#readyWaits.delete(wait);
      };
    });
  }

  /**
   * Stops tracking markets (`delete_markets`) and drops their books.
   * @throws KalshiWsError what `updateSubscription` throws.
   */
  async untrack(marketTickers: readonly string[]): Promise<void> {
    const known = marketTickers.filter((t) => this.#books.has(t));
    if (known.length === 0) return;
    const sub = this.#subscription;
    if (sub !== undefined && sub.state !== 'closed') await sub.update({ action: 'delete_markets', market_tickers: known });
    for (const t of known) this.#books.delete(t);
    this.#failReady((book) => known.includes(book.marketTicker), 'untracked while waiting for it to be live');
  }

  /** Unsubscribes. The books stay readable, marked stale. */
  async close(): Promise<void> {
    const sub = this.#subscription;
    this.#subscription = undefined;
    this.#failReady(() => true, 'closed while waiting for the book to be live');
    if (sub !== undefined) await sub.unsubscribe();
  }

  /** Rejects the {@link OrderBookManager.ready} waits of the books `which` picks. */
  #failReady(which: (book: OrderBook) => boolean, what: string, cause?: KalshiWsError): void {
    for (const wait of [...this.#readyWaits]) {
      if (!which(wait.book)) continue;
      const error = new KalshiWsError('WS_SUBSCRIPTION_CLOSED', `Order book ${wait.book.marketTicker} ${what}.`, { channel: 'orderbook_delta', marketTickers: [wait.book.marketTicker] }, cause === undefined ? undefined : { cause });
      wait.settle.reject(error);
    }
  }

  #bookFor(marketTicker: string): OrderBook {
    let book = this.#books.get(marketTicker);
    if (book === undefined) {
      const tickSchedule = this.#tickSchedule(marketTicker);
      book = new OrderBook({
        marketTicker,
        useYesPrice: this.#useYesPrice,
        ...(tickSchedule === undefined ? {} : { tickSchedule }),
        onListenerError: (error) => this.#events.emit('error', new KalshiWsError('WS_HANDLER_FAILED', 'An order book listener threw.', {}, { cause: error })),
      });
      book.on('stale', (e) => this.#events.emit('stale', e));
      book.on('resynced', (e) => this.#events.emit('resynced', e));
      this.#books.set(marketTicker, book);
    }
    return book;
  }

  #frame(frame: ChannelMessageMap['orderbook_delta']): void {
    const book = this.#books.get(frame.msg.market_ticker);
    if (book === undefined) return;
    const ok = frame.type === 'orderbook_snapshot' ? book.applySnapshot(frame) : book.applyDelta(frame);
    if (!ok) this.#subscription?.resync([book.marketTicker], book.staleReason ?? 'book_inconsistent');
    else if (this.#update.listeners.length !== 0) this.#events.emitTo(this.#update, book);
  }

  #resync(notice: ResyncNotice): void {
    for (const t of notice.marketTickers) this.#books.get(t)?.markStale(notice.reason);
  }

  #closed(event: SubscriptionEvents<'orderbook_delta'>['closed']): void {
    const reason: ResyncReason = event.error === undefined ? 'requested' : 'server_error';
    for (const book of this.#books.values()) book.markStale(reason);
    this.#failReady(() => true, 'lost its subscription while waiting for it to be live', event.error);
  }
}
