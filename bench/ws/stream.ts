/**
 * A recorded `orderbook_delta` + `ticker` + `trade` stream, generated deterministically: the exact
 * JSON text Kalshi's server sends (field order as in Kalshi's docs), each frame built as its
 * generated payload type. One connection, three subscriptions:
 *
 * - sid 1 `orderbook_delta` over every market: one `orderbook_snapshot` per market (seq 1..N),
 *   then `orderbook_delta` frames that keep every level positive (seq continues per sid);
 * - sid 2 `ticker` (no seq): best bid / ask of a market after some of its deltas;
 * - sid 3 `trade` (seq per sid).
 *
 * The generator keeps its own books (integer centi-cents → hundredths), so a consumer can check its
 * books against {@link RecordedStream.finalBooks} after a replay.
 */
import type {
  OrderbookDeltaPayload,
  OrderbookSnapshotPayload,
  TickerPayload,
  TradePayload,
} from '../../packages/ws/src/index.ts';
import { prng } from '../prng.ts';

export const ORDERBOOK_SID = 1;
export const TICKER_SID = 2;
export const TRADE_SID = 3;

/** One market's levels in Kalshi's snapshot shape (own-leg prices ascending, 4 and 2 decimals). */
export interface BookWire {
  readonly market_ticker: string;
  readonly yes_dollars_fp: Array<[string, string]>;
  readonly no_dollars_fp: Array<[string, string]>;
}

export interface RecordedStream {
  /** Every frame's text, in arrival order. */
  readonly frames: readonly string[];
  readonly marketTickers: readonly string[];
  readonly counts: { readonly snapshots: number; readonly deltas: number; readonly tickers: number; readonly trades: number };
  /** The books after the whole stream, by ticker. */
  readonly finalBooks: ReadonlyMap<string, BookWire>;
}

type Side = 'yes' | 'no';
interface SimBook {
  readonly ticker: string;
  readonly id: string;
  /** price in centi-cents → size in hundredths, per side. */
  readonly yes: Map<number, number>;
  readonly no: Map<number, number>;
  lastTrade: number;
  volume: number;
  openInterest: number;
}

const price4 = (cc: number): string => `${Math.floor(cc / 10_000)}.${String(cc % 10_000).padStart(4, '0')}`;
const count2 = (h: number): string => {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};
const best = (side: Map<number, number>): number => {
  let b = 0;
  for (const p of side.keys()) if (p > b) b = p;
  return b;
};
const sizeAt = (side: Map<number, number>, p: number): number => side.get(p) ?? 0;
const ascending = (side: Map<number, number>): Array<[string, string]> =>
  [...side.entries()].sort((a, b) => a[0] - b[0]).map(([p, s]) => [price4(p), count2(s)]);

/** A size in hundredths: mostly whole contracts, some fractional (Kalshi counts have 2 decimals). */
function size(rand: () => number, max: number): number {
  const whole = 1 + Math.floor(rand() * rand() * max);
  return rand() < 0.85 ? whole * 100 : whole * 100 + 1 + Math.floor(rand() * 99);
}

function uuid(rand: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/**
 * Generates `totalFrames` frames (snapshots included) over `markets` markets.
 * Mix after the snapshots: ~90% deltas, ~6.5% ticker, ~3.5% trade.
 */
export function recordStream(totalFrames = 100_000, markets = 50, seed = 20_260_102): RecordedStream {
  const rand = prng(seed);
  const frames: string[] = [];
  const books: SimBook[] = [];
  let ts = 1_767_323_045_000;
  let obSeq = 0;
  let tradeSeq = 0;
  const counts = { snapshots: 0, deltas: 0, tickers: 0, trades: 0 };

  for (let m = 0; m < markets; m++) {
    const strike = 90_000 + m * 250;
    const ticker = m % 2 === 0 ? `KXBTCD-26JAN0217-T${strike}.99` : `KXHIGHNY-26JAN02-B${40 + (m >> 1)}.5`;
    const book: SimBook = { ticker, id: uuid(rand), yes: new Map(), no: new Map(), lastTrade: 0, volume: 0, openInterest: 0 };
    // Mid between 20¢ and 80¢, a 1–3¢ spread, 10–40 one-cent levels per side under the best bids.
    const mid = 20 + Math.floor(rand() * 61);
    const spread = 1 + Math.floor(rand() * 3);
    const yesBest = mid - 1;
    const noBest = 100 - mid - spread;
    for (const [side, top] of [[book.yes, yesBest], [book.no, noBest]] as const) {
      const levels = 10 + Math.floor(rand() * 31);
      for (let i = 0; i < levels && top - i >= 1; i++) if (i === 0 || rand() < 0.9) side.set((top - i) * 100, size(rand, 2_000));
    }
    book.lastTrade = yesBest * 100;
    books.push(book);
    const frame: OrderbookSnapshotPayload = {
      type: 'orderbook_snapshot',
      sid: ORDERBOOK_SID,
      seq: ++obSeq,
      msg: { market_ticker: ticker, market_id: book.id, yes_dollars_fp: ascending(book.yes), no_dollars_fp: ascending(book.no) },
    };
    frames.push(JSON.stringify(frame));
    counts.snapshots++;
  }

  // A few busy markets carry most of the flow, as on the exchange.
  const pickMarket = (): SimBook => books[Math.floor(rand() * rand() * markets)] as SimBook;

  while (frames.length < totalFrames) {
    ts += 1 + Math.floor(rand() * 3);
    const book = pickMarket();
    const r = rand();
    if (r < 0.065) {
      const yesBid = best(book.yes);
      const noBid = best(book.no);
      const frame: TickerPayload = {
        type: 'ticker',
        sid: TICKER_SID,
        msg: {
          market_id: book.id,
          market_ticker: book.ticker,
          price_dollars: price4(book.lastTrade),
          yes_bid_dollars: price4(yesBid),
          yes_ask_dollars: price4(noBid === 0 ? 10_000 : 10_000 - noBid),
          volume_fp: count2(book.volume),
          open_interest_fp: count2(book.openInterest),
          dollar_volume: Math.floor(book.volume / 200),
          dollar_open_interest: Math.floor(book.openInterest / 200),
          yes_bid_size_fp: count2(sizeAt(book.yes, yesBid)),
          yes_ask_size_fp: count2(sizeAt(book.no, noBid)),
          last_trade_size_fp: count2(100 + Math.floor(rand() * 5_000)),
          ts: Math.floor(ts / 1000),
          ts_ms: ts,
          time: new Date(ts).toISOString(),
        },
      };
      frames.push(JSON.stringify(frame));
      counts.tickers++;
      continue;
    }
    if (r < 0.1) {
      const takerYes = rand() < 0.5;
      const yesPrice = takerYes ? 10_000 - best(book.no) : best(book.yes);
      const count = size(rand, 200);
      book.lastTrade = yesPrice;
      book.volume += count;
      book.openInterest += rand() < 0.5 ? count : 0;
      const frame: TradePayload = {
        type: 'trade',
        sid: TRADE_SID,
        seq: ++tradeSeq,
        msg: {
          trade_id: uuid(rand),
          market_ticker: book.ticker,
          yes_price_dollars: price4(yesPrice),
          no_price_dollars: price4(10_000 - yesPrice),
          count_fp: count2(count),
          taker_side: takerYes ? 'yes' : 'no',
          taker_outcome_side: takerYes ? 'yes' : 'no',
          taker_book_side: takerYes ? 'bid' : 'ask',
          is_block_trade: false,
          ts: Math.floor(ts / 1000),
          ts_ms: ts,
        },
      };
      frames.push(JSON.stringify(frame));
      counts.trades++;
      continue;
    }
    // A delta near the top of one side: add to a level, open one, or take some / all of one away.
    const sideName: Side = rand() < 0.5 ? 'yes' : 'no';
    const side = book[sideName];
    const other = book[sideName === 'yes' ? 'no' : 'yes'];
    const top = best(side);
    const ceiling = 10_000 - Math.max(best(other), 100) - 100; // stay below the other side's ask
    const levels = [...side.keys()].filter((p) => p >= top - 500);
    const action = rand();
    let price: number;
    let delta: number;
    if (levels.length === 0 || action < 0.3) {
      price = Math.max(100, Math.min(ceiling, top - 500 + Math.floor(rand() * 7) * 100));
      delta = size(rand, 500);
    } else if (action < 0.6) {
      price = levels[Math.floor(rand() * levels.length)] as number;
      delta = size(rand, 300);
    } else {
      price = levels[Math.floor(rand() * levels.length)] as number;
      const have = side.get(price) as number;
      delta = -(rand() < 0.4 ? have : Math.max(1, Math.floor(have * rand())));
    }
    const next = sizeAt(side, price) + delta;
    if (next === 0) side.delete(price);
    else side.set(price, next);
    const frame: OrderbookDeltaPayload = {
      type: 'orderbook_delta',
      sid: ORDERBOOK_SID,
      seq: ++obSeq,
      msg: {
        market_ticker: book.ticker,
        market_id: book.id,
        price_dollars: price4(price),
        delta_fp: count2(delta),
        side: sideName,
        ts_ms: ts,
      },
      sending_ts_ms: ts + 1,
    };
    frames.push(JSON.stringify(frame));
    counts.deltas++;
  }

  const finalBooks = new Map<string, BookWire>();
  for (const b of books) finalBooks.set(b.ticker, { market_ticker: b.ticker, yes_dollars_fp: ascending(b.yes), no_dollars_fp: ascending(b.no) });
  return { frames, marketTickers: books.map((b) => b.ticker), counts, finalBooks };
}
