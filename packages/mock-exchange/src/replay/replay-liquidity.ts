import { complement, Contracts, Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';
import { internalsOf, type EngineCore } from '../engine/engine-core.js';
import type { BookLevel } from '../engine/order-book.js';
import { growLastOrder, levelOf, shrinkLastOrder } from '../engine/order-growth.js';
import { forgetOrder } from '../engine/order-store.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import { unitCost, type OrderRecord } from '../engine/order-record.js';
import type { BookSide } from '../engine/types.js';
import { centiCentsOfPrice, hundredthsOfDelta } from './wire-numbers.js';

/** The user id of the replay's synthetic counterparty, unless `liquidityUserId` says otherwise. */
export const REPLAY_LIQUIDITY_USER = 'replay-liquidity';

/** Centi-cents in $1: YES prices index a side's levels from 0 to this. */
const DOLLAR_CC = 10_000;

/** One price level of the recorded book: its recorded size, and the counterparty's orders there (oldest first). Sizes in hundredths of a contract. */
interface Level {
  readonly side: BookSide;
  readonly price: Dollars;
  /** What one contract of the counterparty's orders here holds (the price for a bid, its complement for an ask), once an order here grew. */
  unit: Dollars | undefined;
  recorded: number;
  readonly orders: OrderRecord[];
  /** Each order's remaining count in hundredths (as of change generation `syncedAt`), beside it in `orders`: read without converting the order's count. */
  readonly sizes: number[];
  /** The counterparty's resting size here, as of change generation `syncedAt`. */
  resting: number;
  syncedAt: number;
  /** The book's level holding the counterparty's newest order here (found when that order was placed). */
  bookLevel: BookLevel | undefined;
}

/**
 * One side's recorded levels by YES price in centi-cents (0 to {@link DOLLAR_CC}): by cent, then by
 * centi-cent within it, in two small dense arrays (one array of 10,001 slots, filled sparsely, would
 * be a slow dictionary; a full one per side and market, 80 kB).
 */
class LevelTable {
  private readonly cents: Array<Array<Level | undefined> | undefined> = new Array<undefined>(DOLLAR_CC / 100 + 1).fill(undefined);

  /** The level at `yesCc` (an integer from 0 to {@link DOLLAR_CC}), if any. */
  get(yesCc: number): Level | undefined {
    return this.cents[(yesCc / 100) | 0]?.[yesCc % 100];
  }

  set(yesCc: number, level: Level): void {
    const cent = (yesCc / 100) | 0;
    (this.cents[cent] ??= new Array<undefined>(100).fill(undefined))[yesCc % 100] = level;
  }

  /** Every level, by ascending price. */
  *[Symbol.iterator](): Generator<Level> {
    for (const cent of this.cents) if (cent !== undefined) for (const level of cent) if (level !== undefined) yield level;
  }
}

/** One market's recorded levels, by book side. */
interface Book {
  readonly bid: LevelTable;
  readonly ask: LevelTable;
}

/**
 * The recorded book as resting liquidity of one synthetic counterparty. Each recorded level
 * (`orderbook_snapshot`, `orderbook_delta`) is mirrored by that user's GTC orders at the level's
 * YES price (YES levels as bids, NO levels as asks at `1 − NO price`), so a bot's orders match
 * against it through the normal engine, fees, fills and WS frames included. When the recording
 * changes a level, the counterparty's size there is set to the recorded size: more is added at
 * the back of the queue, less is taken from its newest orders first. Contracts a bot took stay
 * taken until the recording next changes that level. Recorded `trade`s become public trades.
 *
 * Levels are kept by integer price (centi-cents) and size (hundredths). When the counterparty's
 * newest order at a level is the last order there, more size is added to that order in place
 * (the same queue as a new order at the back), so a long replay does not pile up orders.
 */
export class ReplayLiquidity {
  private readonly books = new Map<string, Book>();
  /** The last market's ticker and book: a recording's deltas come market after market. */
  private lastTicker = '';
  private lastBook: Book | undefined;
  private readonly core: EngineCore;
  /** Bumped by every fill of the counterparty and every change to its orders not made here: a level synced before it recounts its orders. */
  private changes = 0;
  /** True while this replay changes the counterparty's orders itself (its own changes keep the counts in step). */
  private applying = false;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly userId: string,
  ) {
    this.core = internalsOf(engine).core;
    engine.on((event) => {
      if (event.type === 'fill' ? event.fill.userId === userId : event.type === 'order' && !this.applying && event.order.userId === userId) this.changes++;
    });
  }

  /** Replaces the market's book with a snapshot: YES bids and NO bids, each `[price, size]` as wire strings. */
  snapshot(ticker: string, yes: ReadonlyArray<readonly [string, string]>, no: ReadonlyArray<readonly [string, string]>): void {
    const book = this.book(ticker);
    const wanted = new Map<Level, number>();
    for (const [price, size] of yes) {
      const p = Dollars.parse(price, 'yes_dollars_fp');
      wanted.set(this.level(book, 'bid', p.toCentiCents(), p), Number(Contracts.parse(size, 'yes_dollars_fp').toHundredths()));
    }
    for (const [price, size] of no) {
      const p = complement(Dollars.parse(price, 'no_dollars_fp'));
      wanted.set(this.level(book, 'ask', p.toCentiCents(), p), Number(Contracts.parse(size, 'no_dollars_fp').toHundredths()));
    }
    for (const side of [book.bid, book.ask]) {
      for (const level of side) if (!wanted.has(level) && level.recorded !== 0) this.setLevel(ticker, level, 0);
    }
    for (const [level, size] of wanted) this.setLevel(ticker, level, size);
  }

  /** Applies one `orderbook_delta`: `side` `yes` / `no`, the level's own price (NO price for `no`), signed `delta`, as wire text. */
  delta(ticker: string, side: 'yes' | 'no', price: string, delta: string): void {
    // Anything but the plain forms goes through the strict parsers (and their errors).
    const cc = centiCentsOfPrice(price) ?? Dollars.parse(price, 'price_dollars').toCentiCents();
    const change = hundredthsOfDelta(delta) ?? Number(SignedContracts.parse(delta, 'delta_fp').toHundredths());
    this.deltaUnits(ticker, side, cc, change);
  }

  /** {@link delta} in integers: the level's own price in centi-cents, the signed change in hundredths of a contract. */
  deltaUnits(ticker: string, side: 'yes' | 'no', cc: number, change: number): void {
    const bookSide: BookSide = side === 'yes' ? 'bid' : 'ask';
    const yesCc = side === 'yes' ? cc : DOLLAR_CC - cc;
    const level = this.level(this.book(ticker), bookSide, yesCc, undefined);
    const next = level.recorded + change;
    this.setLevel(ticker, level, next < 0 ? 0 : next);
  }

  private book(ticker: string): Book {
    if (ticker === this.lastTicker && this.lastBook !== undefined) return this.lastBook;
    let book = this.books.get(ticker);
    if (book === undefined) this.books.set(ticker, (book = { bid: new LevelTable(), ask: new LevelTable() }));
    this.lastTicker = ticker;
    this.lastBook = book;
    return book;
  }

  private level(book: Book, side: BookSide, yesCc: number, price: Dollars | undefined): Level {
    const levels = side === 'bid' ? book.bid : book.ask;
    const slot = Number.isInteger(yesCc) && yesCc >= 0 && yesCc <= DOLLAR_CC;
    let level = slot ? levels.get(yesCc) : undefined;
    if (level === undefined) {
      // A price outside 0–1 has no slot: the engine refuses it when the first order goes in.
      level = { side, price: price ?? Dollars.fromCentiCents(yesCc), unit: undefined, recorded: 0, orders: [], sizes: [], resting: 0, syncedAt: 0, bookLevel: undefined };
      if (slot) levels.set(yesCc, level);
    }
    return level;
  }

  private setLevel(ticker: string, level: Level, size: number): void {
    this.applying = true;
    try {
      this.resizeLevel(ticker, level, size);
    } finally {
      this.applying = false;
    }
  }

  private resizeLevel(ticker: string, level: Level, size: number): void {
    level.recorded = size;
    // The orders are recounted only after a fill or a change made elsewhere could have changed them.
    if (level.syncedAt !== this.changes) {
      let kept = 0;
      level.resting = 0;
      for (const order of level.orders) {
        if (order.status !== 'resting') continue;
        const size = Number(order.remaining.toHundredths());
        level.sizes[kept] = size;
        level.orders[kept++] = order;
        level.resting += size;
      }
      level.orders.length = kept;
      level.sizes.length = kept;
      level.syncedAt = this.changes;
    }
    const resting = level.resting;
    level.resting = size;
    if (size > resting) {
      this.add(ticker, level, size - resting);
      return;
    }
    let excess = resting - size;
    while (excess > 0) {
      const last = level.orders.length - 1;
      const newest = level.orders[last]!;
      const remaining = level.sizes[last]!;
      if (newest.status !== 'resting') {
        // Not the replay's to change any more (settled, closed): the engine refuses, naming why.
        this.engine.cancelOrder(this.userId, newest.orderId);
      } else if (remaining <= excess) {
        excess -= remaining;
        this.core.orders.cancelResting(newest, undefined);
        // Never filled, it was only ever the counterparty's: forgotten, so a long replay keeps no order per emptied level.
        if (newest.filled.isZero()) forgetOrder(this.core.orders, this.core.accounts, newest);
        level.orders.pop();
        level.sizes.pop();
      } else {
        const to = Contracts.fromHundredths(remaining - excess);
        if (level.bookLevel === undefined || !shrinkLastOrder(this.core, level.bookLevel, newest, to)) this.core.orders.resize(newest, to, 'Decrease');
        level.sizes[last] = remaining - excess;
        excess = 0;
      }
    }
  }

  /** Adds `hundredths` to the counterparty's size at `level`: onto its newest order when nothing rests behind it, else as a new order. */
  private add(ticker: string, level: Level, hundredths: number): void {
    const count = Contracts.fromHundredths(hundredths);
    const newest = level.orders[level.orders.length - 1];
    if (newest !== undefined && level.bookLevel !== undefined) {
      this.core.halts.tradableMarket(ticker);
      if (growLastOrder(this.core, level.bookLevel, newest, count, (level.unit ??= unitCost(level.side, level.price)))) {
        level.sizes[level.sizes.length - 1] = level.sizes[level.sizes.length - 1]! + hundredths;
        return;
      }
    }
    const { order } = this.engine.placeOrder(this.userId, {
      ticker,
      side: level.side,
      price: level.price,
      count,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
    const placed = order as OrderRecord;
    level.bookLevel = placed.status === 'resting' ? levelOf(this.core.catalog.market(ticker).book.ladder(level.side).bestFirst(), placed) : undefined;
    if (placed.status === 'resting') {
      level.orders.push(placed);
      level.sizes.push(Number(placed.remaining.toHundredths()));
    } else level.syncedAt = -1; // it traded or was refused: recount next time
  }
}
