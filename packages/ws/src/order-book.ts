import { Contracts, Dollars, TickSchedule } from '@kalshi-sdk/fixed-point';
import { Emitter, type EventSlot, type Listener } from './emitter.js';
import type { MarketSide, OrderbookDeltaPayload, OrderbookSnapshotPayload } from './generated/models.js';
import { Ladder } from './ladder.js';
import type { PriceLevel } from './message.js';
import type { ResyncReason } from './resync.js';
import { CC_PER_DOLLAR, parseHundredths, parsePriceCc } from './wire-decimal.js';

/** `empty` before the first snapshot, `live` while in step with the exchange, `stale` after a problem until the next snapshot. */
export type OrderBookState = 'empty' | 'live' | 'stale';

/** Events of an {@link OrderBook}. */
export interface OrderBookEvents {
  /** A snapshot or delta was applied; the book is consistent when this fires. */
  update: OrderBook;
  /** The book stopped tracking the exchange; it keeps its last levels until rebuilt. */
  stale: { readonly book: OrderBook; readonly reason: ResyncReason };
  /** A snapshot rebuilt a stale book. */
  resynced: { readonly book: OrderBook; readonly reason: ResyncReason };
}

/** Options of {@link OrderBook}. */
export interface OrderBookOptions {
  /** The market this book tracks. Frames for other markets are refused. */
  readonly marketTicker: string;
  /**
   * The price convention of the frames fed to this book: the subscription's `use_yes_price`.
   * When true, `no`-side levels arrive in yes-leg pricing (a NO bid at $0.40 arrives as 0.60)
   * and are converted back. Default false. The book's readers are the same either way.
   */
  readonly useYesPrice?: boolean;
  /** The market's ticks, for {@link OrderBook.depth}. Default `linear_cent` ($0.01). */
  readonly tickSchedule?: TickSchedule;
  /** Receives what a listener throws. Default: rethrow (after the book is consistent). */
  readonly onListenerError?: (error: unknown) => void;
}

/** Input of {@link OrderBook.depth}. */
export interface DepthInput {
  /** Which contract: `yes` or `no`. */
  readonly side: MarketSide;
  /** Resting bids, or the asks derived from the other side's bids. */
  readonly of: 'bids' | 'asks';
  /** How many ticks from the best price to include; 0 is the best level alone. */
  readonly ticks: number;
}

/** A consistent copy of a book's levels in Kalshi's snapshot shape (own-leg prices, ascending). */
export interface OrderBookLevelsWire {
  readonly market_ticker: string;
  readonly yes_dollars_fp: Array<[string, string]>;
  readonly no_dollars_fp: Array<[string, string]>;
}

const LINEAR_CENT = TickSchedule.fromMarket({ price_level_structure: 'linear_cent' });

function rethrow(error: unknown): never {
  throw error;
}

/**
 * The order book of one market, built from `orderbook_snapshot` and `orderbook_delta` frames of
 * the `orderbook_delta` channel. Kalshi's book holds bids only: YES bids and NO bids, each priced
 * in its own leg. Asks are derived: the best YES ask is $1 − the best NO bid (a NO bid at $0.40 is
 * an offer to sell YES at $0.60), and the other way round.
 *
 * Each frame is validated in full before anything changes, and a snapshot is built aside and
 * swapped in, so a reader (or a listener) never sees a half-applied update. Prices are dollars,
 * sizes are contracts; internally both are exact integers (centi-cents, hundredths).
 *
 * The book does not check `seq`: the subscription does (see {@link OrderBookManager}). A frame
 * that does not fit (a level would go negative) marks the book stale.
 *
 * Doc page: /websockets/orderbook-updates.
 */
export class OrderBook {
  readonly marketTicker: string;
  readonly useYesPrice: boolean;
  readonly tickSchedule: TickSchedule;
  #yes = new Ladder();
  #no = new Ladder();
  #state: OrderBookState = 'empty';
  #staleReason: ResyncReason | undefined;
  #marketId: string | undefined;
  #seq: number | undefined;
  #version = 0;
  readonly #events: Emitter<OrderBookEvents>;
  /** Held so a delta nobody listens to costs one property read. */
  readonly #update: EventSlot<OrderBook>;

  constructor(options: OrderBookOptions) {
    this.marketTicker = options.marketTicker;
    this.useYesPrice = options.useYesPrice ?? false;
    this.tickSchedule = options.tickSchedule ?? LINEAR_CENT;
    this.#events = new Emitter(options.onListenerError ?? rethrow);
    this.#update = this.#events.slot('update');
  }

  /** See {@link OrderBookState}. */
  get state(): OrderBookState {
    return this.#state;
  }

  /** True unless the book is `live`. A stale book keeps its last levels. */
  get stale(): boolean {
    return this.#state !== 'live';
  }

  /** Why the book is stale, while it is. */
  get staleReason(): ResyncReason | undefined {
    return this.#staleReason;
  }

  /** The market's UUID, from the frames. */
  get marketId(): string | undefined {
    return this.#marketId;
  }

  /** `seq` of the last applied frame. */
  get seq(): number | undefined {
    return this.#seq;
  }

  /** Number of frames applied; changes exactly when the levels may have changed. */
  get version(): number {
    return this.#version;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof OrderBookEvents>(event: K, listener: Listener<OrderBookEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  /**
   * Replaces the book with a snapshot. Returns false, leaving the levels as they were and the
   * book stale (`malformed_frame`), when any level does not parse or a price repeats.
   */
  applySnapshot(frame: OrderbookSnapshotPayload): boolean {
    const msg = frame.msg;
    if (msg.market_ticker !== this.marketTicker) return this.#reject('malformed_frame');
    const yes = this.#ladder(msg.yes_dollars_fp, false);
    const no = this.#ladder(msg.no_dollars_fp, this.useYesPrice);
    if (yes === undefined || no === undefined) return this.#reject('malformed_frame');
    const healed = this.#state === 'stale' ? this.#staleReason : undefined;
    this.#yes = yes;
    this.#no = no;
    this.#marketId = msg.market_id;
    this.#seq = frame.seq;
    this.#version++;
    this.#state = 'live';
    this.#staleReason = undefined;
    if (this.#update.listeners.length !== 0) this.#events.emitTo(this.#update, this);
    if (healed !== undefined) this.#events.emit('resynced', { book: this, reason: healed });
    return true;
  }

  /**
   * Applies one delta. Returns false and changes nothing when the book is not live (deltas wait
   * for a snapshot), or, marking it stale, when the frame does not parse (`malformed_frame`) or
   * does not fit (`book_inconsistent`: a level would go negative).
   */
  applyDelta(frame: OrderbookDeltaPayload): boolean {
    if (this.#state !== 'live') return false;
    const msg = frame.msg;
    const side = msg.side;
    let price = parsePriceCc(msg.price_dollars);
    const delta = parseHundredths(msg.delta_fp, true);
    if (
      msg.market_ticker !== this.marketTicker ||
      (side !== 'yes' && side !== 'no') ||
      !(price > 0 && price < CC_PER_DOLLAR) ||
      // The parser yields integers or NaN, so this is Number.isSafeInteger without the call.
      !(Math.abs(delta) <= Number.MAX_SAFE_INTEGER)
    ) {
      return this.#reject('malformed_frame');
    }
    if (side === 'no' && this.useYesPrice) price = CC_PER_DOLLAR - price;
    if (!(side === 'yes' ? this.#yes : this.#no).apply(price, delta)) return this.#reject('book_inconsistent');
    this.#seq = frame.seq;
    this.#version++;
    if (this.#update.listeners.length !== 0) this.#events.emitTo(this.#update, this);
    return true;
  }

  /** Marks the book stale (it keeps its levels); the next snapshot makes it live again. */
  markStale(reason: ResyncReason): void {
    if (this.#state === 'stale') return;
    const wasEmpty = this.#state === 'empty';
    this.#state = 'stale';
    this.#staleReason = reason;
    if (!wasEmpty) this.#events.emit('stale', { book: this, reason });
  }

  /** Resting bids for `side`, best (highest) first, in that side's own-leg pricing. */
  bids(side: MarketSide): PriceLevel[] {
    const ladder = side === 'yes' ? this.#yes : this.#no;
    const out: PriceLevel[] = [];
    for (let i = ladder.length - 1; i >= 0; i--) out.push(level(ladder.price(i), ladder.size(i)));
    return out;
  }

  /** Asks for `side`, best (lowest) first: the other side's bids at $1 − their price. */
  asks(side: MarketSide): PriceLevel[] {
    const ladder = side === 'yes' ? this.#no : this.#yes;
    const out: PriceLevel[] = [];
    for (let i = ladder.length - 1; i >= 0; i--) {
      out.push(level(CC_PER_DOLLAR - ladder.price(i), ladder.size(i)));
    }
    return out;
  }

  /** The highest bid for `side` (default `yes`), or undefined when there is none. */
  bestBid(side: MarketSide = 'yes'): PriceLevel | undefined {
    const ladder = side === 'yes' ? this.#yes : this.#no;
    const i = ladder.length - 1;
    return i < 0 ? undefined : level(ladder.price(i), ladder.size(i));
  }

  /** The lowest ask for `side` (default `yes`): $1 − the other side's best bid. */
  bestAsk(side: MarketSide = 'yes'): PriceLevel | undefined {
    const ladder = side === 'yes' ? this.#no : this.#yes;
    const i = ladder.length - 1;
    return i < 0 ? undefined : level(CC_PER_DOLLAR - ladder.price(i), ladder.size(i));
  }

  /** Best ask − best bid for `side` (default `yes`), in dollars; undefined if either is missing. */
  spread(side: MarketSide = 'yes'): Dollars | undefined {
    const bid = side === 'yes' ? this.#yes : this.#no;
    const other = side === 'yes' ? this.#no : this.#yes;
    if (bid.length === 0 || other.length === 0) return undefined;
    const ask = CC_PER_DOLLAR - other.price(other.length - 1);
    return Dollars.fromCentiCents(ask - bid.price(bid.length - 1));
  }

  /**
   * Contracts resting within `ticks` ticks of the best price on one side of the book, counting
   * ticks with the market's {@link TickSchedule} (so $0.09 → $0.11 is 11 ticks when tapered).
   * @throws FixedPointError `FIXED_POINT_TICK` when a level is off the schedule (wrong `tickSchedule`).
   * @throws RangeError when `ticks` is not a non-negative integer.
   */
  depth(input: DepthInput): Contracts {
    if (!Number.isSafeInteger(input.ticks) || input.ticks < 0) {
      throw new RangeError(`ticks must be a non-negative integer, got ${String(input.ticks)}`);
    }
    const levels = input.of === 'bids' ? this.bids(input.side) : this.asks(input.side);
    const best = levels[0];
    if (best === undefined) return Contracts.ZERO;
    let total = Contracts.ZERO;
    for (const l of levels) {
      if (Math.abs(this.tickSchedule.ticksBetween(best.price, l.price)) > input.ticks) break;
      total = total.plus(l.size);
    }
    return total;
  }

  /** The levels in Kalshi's snapshot shape (own-leg prices ascending, 4 and 2 decimals). */
  toJSON(): OrderBookLevelsWire {
    return { market_ticker: this.marketTicker, yes_dollars_fp: wire(this.#yes), no_dollars_fp: wire(this.#no) };
  }

  #ladder(levels: string[][] | undefined, flip: boolean): Ladder | undefined {
    if (levels === undefined || levels === null) return new Ladder();
    if (!Array.isArray(levels)) return undefined;
    const pairs: Array<[number, number]> = [];
    for (const entry of levels) {
      if (!Array.isArray(entry)) return undefined;
      const price = parsePriceCc(entry[0]);
      const size = parseHundredths(entry[1], false);
      if (!(price > 0 && price < CC_PER_DOLLAR) || !(size > 0)) return undefined;
      pairs.push([flip ? CC_PER_DOLLAR - price : price, size]);
    }
    return Ladder.fromPairs(pairs);
  }

  #reject(reason: ResyncReason): false {
    this.markStale(reason);
    return false;
  }
}

function level(priceCc: number, sizeHundredths: number): PriceLevel {
  return { price: Dollars.fromCentiCents(priceCc), size: Contracts.fromHundredths(sizeHundredths) };
}

function wire(ladder: Ladder): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < ladder.length; i++) {
    out.push([
      Dollars.fromCentiCents(ladder.price(i)).toWire(),
      Contracts.fromHundredths(ladder.size(i)).toWire(),
    ]);
  }
  return out;
}
