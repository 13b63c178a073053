import { complement, Contracts, Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { BookSide, Order } from '../engine/types.js';

/** The user id of the replay's synthetic counterparty, unless `liquidityUserId` says otherwise. */
export const REPLAY_LIQUIDITY_USER = 'replay-liquidity';

/** One price level of the recorded book: its recorded size, and the counterparty's orders there (oldest first). */
interface Level {
  readonly side: BookSide;
  readonly price: Dollars;
  recorded: Contracts;
  orders: Order[];
  /** The counterparty's resting size here, hundredths, as of fill generation `syncedAt`. */
  resting: bigint;
  syncedAt: number;
}

/**
 * The recorded book as resting liquidity of one synthetic counterparty. Each recorded level
 * (`orderbook_snapshot`, `orderbook_delta`) is mirrored by that user's GTC orders at the level's
 * YES price (YES levels as bids, NO levels as asks at `1 − NO price`), so a bot's orders match
 * against it through the normal engine, fees, fills and WS frames included. When the recording
 * changes a level, the counterparty's size there is set to the recorded size: more is added at
 * the back of the queue, less is taken from its newest orders first. Contracts a bot took stay
 * taken until the recording next changes that level. Recorded `trade`s become public trades.
 */
export class ReplayLiquidity {
  private readonly levels = new Map<string, Map<string, Level>>();
  /** Bumped by every fill of the counterparty: a level synced before it recounts its orders. */
  private fills = 0;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly userId: string,
  ) {
    engine.on((event) => {
      if (event.type === 'fill' && event.fill.userId === userId) this.fills++;
    });
  }

  /** Replaces the market's book with a snapshot: YES bids and NO bids, each `[price, size]` as wire strings. */
  snapshot(ticker: string, yes: ReadonlyArray<readonly [string, string]>, no: ReadonlyArray<readonly [string, string]>): void {
    const book = this.book(ticker);
    const wanted = new Map<string, { side: BookSide; price: Dollars; size: Contracts }>();
    for (const [price, size] of yes) {
      const p = Dollars.parse(price, 'yes_dollars_fp');
      wanted.set(`bid ${p.toWire()}`, { side: 'bid', price: p, size: Contracts.parse(size, 'yes_dollars_fp') });
    }
    for (const [price, size] of no) {
      const p = complement(Dollars.parse(price, 'no_dollars_fp'));
      wanted.set(`ask ${p.toWire()}`, { side: 'ask', price: p, size: Contracts.parse(size, 'no_dollars_fp') });
    }
    for (const [key, level] of book) if (!wanted.has(key)) this.setLevel(ticker, level, Contracts.ZERO);
    for (const [key, want] of wanted) this.setLevel(ticker, this.level(book, key, want.side, want.price), want.size);
  }

  /** Applies one `orderbook_delta`: `side` `yes` / `no`, the level's own price (NO price for `no`), signed `delta`. */
  delta(ticker: string, side: 'yes' | 'no', price: string, delta: string): void {
    const wire = Dollars.parse(price, 'price_dollars');
    const bookSide: BookSide = side === 'yes' ? 'bid' : 'ask';
    const yesPrice = side === 'yes' ? wire : complement(wire);
    const level = this.level(this.book(ticker), `${bookSide} ${yesPrice.toWire()}`, bookSide, yesPrice);
    const next = SignedContracts.parse(delta, 'delta_fp').add(level.recorded);
    this.setLevel(ticker, level, next.isNegative() ? Contracts.ZERO : next.toContracts('delta_fp'));
  }

  private book(ticker: string): Map<string, Level> {
    let book = this.levels.get(ticker);
    if (book === undefined) this.levels.set(ticker, (book = new Map()));
    return book;
  }

  private level(book: Map<string, Level>, key: string, side: BookSide, price: Dollars): Level {
    let level = book.get(key);
    if (level === undefined) book.set(key, (level = { side, price, recorded: Contracts.ZERO, orders: [], resting: 0n, syncedAt: 0 }));
    return level;
  }

  private setLevel(ticker: string, level: Level, size: Contracts): void {
    level.recorded = size;
    // Counts as hundredths (bigint); the orders are recounted only after a fill could have changed them.
    if (level.syncedAt !== this.fills) {
      let kept = 0;
      level.resting = 0n;
      for (const order of level.orders) {
        if (order.status !== 'resting') continue;
        level.orders[kept++] = order;
        level.resting += order.remaining.toHundredths();
      }
      level.orders.length = kept;
      level.syncedAt = this.fills;
    }
    const resting = level.resting;
    const target = size.toHundredths();
    level.resting = target;
    if (target > resting) {
      const { order } = this.engine.placeOrder(this.userId, {
        ticker,
        side: level.side,
        price: level.price,
        count: Contracts.fromHundredths(target - resting),
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'taker_at_cross',
      });
      if (order.status === 'resting') level.orders.push(order);
      else level.syncedAt = -1; // it traded or was refused: recount next time
      return;
    }
    let excess = resting - target;
    while (excess > 0n) {
      const newest = level.orders[level.orders.length - 1]!;
      const remaining = newest.remaining.toHundredths();
      if (remaining <= excess) {
        excess -= remaining;
        this.engine.cancelOrder(this.userId, newest.orderId);
        level.orders.pop();
      } else {
        this.engine.decreaseOrder(this.userId, newest.orderId, { reduceBy: Contracts.fromHundredths(excess) });
        excess = 0n;
      }
    }
  }
}
