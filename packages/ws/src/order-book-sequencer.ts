import type { KalshiWsError } from './errors.js';
import type { ChannelMessageMap } from './generated/channels.js';
import type { ResyncNotice, ResyncReason } from './resync.js';
import { GAP, IN_ORDER, OUT_OF_ORDER, SeqTracker } from './seq-tracker.js';

/** @internal What an {@link OrderBookSequencer} needs from its subscription and client. */
export interface SequencerHost {
  /** Delivers a frame that fits (to the frame sink, handlers and iterator). */
  deliver(frame: ChannelMessageMap['orderbook_delta']): void;
  /** Tells the reader that markets went stale (`resync` event and iterator). */
  notify(notice: ResyncNotice): void;
  /** The markets the subscription names in its params. */
  markets(): readonly string[];
  /**
   * Requests fresh snapshots of `tickers` on `sid` (`update_subscription` `get_snapshot`);
   * resolves once the request is answered, or undefined when it cannot be sent now.
   */
  fetch(sid: number, tickers: readonly string[]): Promise<void> | undefined;
  /** A snapshot request on `sid` failed with `error`. */
  fetchFailed(sid: number, error: KalshiWsError): void;
}

/** An orderbook frame before its fields are checked. */
interface BookFrame {
  readonly type: string;
  readonly seq?: number;
  readonly msg?: { readonly market_ticker?: unknown };
}

/**
 * @internal The sequencer of one `orderbook_delta` subscription: checks `seq`, knows which markets
 * have a snapshot on the current sid and which are stale, holds back a stale market's deltas until
 * its next snapshot, and drives the resync in one direction: it marks markets stale, asks for their
 * snapshots, and sees them arrive (asking again while any market is still stale). Doc page:
 * /websockets/orderbook-updates.
 */
export class OrderBookSequencer {
  readonly #host: SequencerHost;
  readonly #seq = new SeqTracker();
  /** Markets with a snapshot on the current sid. */
  readonly #known = new Set<string>();
  /** Markets whose deltas are held back until their next snapshot. */
  readonly #stale = new Set<string>();
  /** Called with each snapshot's ticker (snapshot request waiters). */
  readonly #snapshotWaiters = new Set<(ticker: string) => void>();
  #sid: number | undefined;
  /** The snapshot request in flight; a new sid or a drop forgets it. */
  #flight: object | undefined;
  #closed = false;
  /** On a sid shared with other subscriptions: whether a market is this subscription's. */
  filter: ((ticker: string) => boolean) | undefined;

  constructor(host: SequencerHost) {
    this.#host = host;
  }

  /** Markets waiting for a fresh snapshot. */
  get staleMarkets(): string[] {
    return [...this.#stale];
  }

  /** Active under `sid`: a new sequence starts. */
  attach(sid: number): void {
    this.#sid = sid;
    this.#seq.reset();
  }

  /** The sid is gone (`reason`): every market goes stale; the resubscribe brings their snapshots. */
  detach(reason: ResyncReason): void {
    this.#sid = undefined;
    this.#seq.reset();
    this.#flight = undefined;
    this.#known.clear();
    this.invalidate(reason, this.#allMarkets(), 0, false);
  }

  /** The subscription ended. */
  close(): void {
    this.#closed = true;
    this.#sid = undefined;
    this.#snapshotWaiters.clear();
  }

  /** A reply on the sid carried `seq` (see {@link SeqTracker.reply}). */
  replySeq(seq: number): void {
    this.#seq.reply(seq);
  }

  /** Markets left the subscription: forget them. */
  removed(tickers: readonly string[]): void {
    for (const t of tickers) {
      this.#known.delete(t);
      this.#stale.delete(t);
    }
  }

  /** Calls `waiter` with the ticker of each snapshot delivered; returns a function that stops it. */
  onSnapshot(waiter: (ticker: string) => void): () => void {
    this.#snapshotWaiters.add(waiter);
    return () => this.#snapshotWaiters.delete(waiter);
  }

  /** Checks one frame and delivers it if it fits; otherwise marks markets stale. */
  frame(frame: BookFrame): void {
    const order = this.#seq.check(frame.seq);
    if (order !== IN_ORDER) this.invalidate(order === GAP ? 'sequence_gap' : 'out_of_order', this.#allMarkets(), 0, true);
    if (order === OUT_OF_ORDER) return;
    const ticker = frame.msg?.market_ticker;
    if (typeof ticker !== 'string') {
      this.invalidate('malformed_frame', this.#allMarkets(), 0, true);
      return;
    }
    if (this.filter !== undefined && !this.filter(ticker)) return;
    const book = frame as ChannelMessageMap['orderbook_delta'];
    if (frame.type === 'orderbook_snapshot') {
      this.#known.add(ticker);
      this.#stale.delete(ticker);
      this.#host.deliver(book);
      for (const waiter of this.#snapshotWaiters) waiter(ticker);
      return;
    }
    if (frame.type === 'orderbook_delta') {
      if (this.#stale.size > 0 && this.#stale.has(ticker)) return;
      if (!this.#known.has(ticker)) {
        this.invalidate('book_inconsistent', [ticker], 0, true);
        return;
      }
    }
    this.#host.deliver(book);
  }

  /**
   * Marks `tickers` stale (all markets when undefined) and tells the reader (`discarded`: frames
   * the iterator dropped). `fetch`: request their snapshots now (false while disconnected).
   */
  invalidate(reason: ResyncReason, tickers: readonly string[] | undefined, discarded: number, fetch: boolean): void {
    if (this.#closed) return;
    const stale = this.#stale;
    const fresh = (tickers ?? this.#allMarkets()).filter((t) => !stale.has(t));
    for (const t of fresh) stale.add(t);
    if (fresh.length > 0 || discarded > 0) {
      this.#host.notify({ type: 'resync', reason, marketTickers: discarded > 0 ? [...stale] : fresh, discarded });
    }
    if (fetch && this.#sid !== undefined && stale.size > 0) this.#request();
  }

  /** One snapshot request in flight: when it is answered, ask again for what is still stale. */
  #request(): void {
    const sid = this.#sid;
    if (this.#flight !== undefined || sid === undefined || this.#stale.size === 0) return;
    const answered = this.#host.fetch(sid, [...this.#stale]);
    if (answered === undefined) return;
    const flight = {};
    this.#flight = flight;
    answered.then(
      () => {
        if (this.#flight !== flight) return;
        this.#flight = undefined;
        this.#request();
      },
      (error: KalshiWsError) => {
        if (this.#flight !== flight) return;
        this.#flight = undefined;
        this.#host.fetchFailed(sid, error);
      },
    );
  }

  #allMarkets(): string[] {
    const all = new Set<string>(this.#host.markets());
    for (const t of this.#known) all.add(t);
    return [...all];
  }
}
