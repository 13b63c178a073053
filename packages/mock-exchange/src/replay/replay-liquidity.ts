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

  constructor(
    private readonly engine: MatchingEngine,
    private readonly userId: string,
  ) {}

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
    if (level === undefined) book.set(key, (level = { side, price, recorded: Contracts.ZERO, orders: [] }));
    return level;
  }

  private setLevel(ticker: string, level: Level, size: Contracts): void {
    level.recorded = size;
    level.orders = level.orders.filter((o) => o.status === 'resting');
    let resting = Contracts.ZERO;
    for (const order of level.orders) resting = resting.add(order.remaining);
    if (size.gt(resting)) {
      const { order } = this.engine.placeOrder(this.userId, {
        ticker,
        side: level.side,
        price: level.price,
        count: size.sub(resting),
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'taker_at_cross',
      });
      if (order.status === 'resting') level.orders.push(order);
      return;
    }
    let excess = resting.sub(size);
    while (!excess.isZero()) {
      const newest = level.orders[level.orders.length - 1]!;
      if (newest.remaining.lte(excess)) {
        excess = excess.sub(newest.remaining);
        this.engine.cancelOrder(this.userId, newest.orderId);
        level.orders.pop();
      } else {
        this.engine.decreaseOrder(this.userId, newest.orderId, { reduceBy: excess });
        excess = Contracts.ZERO;
      }
    }
  }
}
