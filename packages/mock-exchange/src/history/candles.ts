import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { perContract } from '../wire.js';

/** Open, low, high and close of a quoted price over one period, dollars. */
export interface Ohlc {
  readonly open: Dollars;
  readonly low: Dollars;
  readonly high: Dollars;
  readonly close: Dollars;
}

/** Trade prices over one period, dollars; all `undefined` when nothing traded in it (`previous` aside). */
export interface TradeOhlc {
  readonly open: Dollars | undefined;
  readonly low: Dollars | undefined;
  readonly high: Dollars | undefined;
  readonly close: Dollars | undefined;
  /** Volume-weighted mean price, rounded half-even to $0.0001. */
  readonly mean: Dollars | undefined;
  /** Last trade price before the period. */
  readonly previous: Dollars | undefined;
}

/** One candlestick of one market. */
export interface Candle {
  /** Unix seconds: the inclusive end of the period, a multiple of the period length. */
  readonly endPeriodTs: number;
  readonly yesBid: Ohlc;
  readonly yesAsk: Ohlc;
  readonly price: TradeOhlc;
  /** Contracts traded in the period. */
  readonly volume: Contracts;
  /** Contracts of YES held by the end of the period. */
  readonly openInterest: Contracts;
}

/** What {@link CandleRecorder.candles} is asked for. */
export interface CandleQuery {
  /** Unix seconds: the first candle may end at this instant or later. */
  readonly startTs: number;
  /** Unix seconds: the last candle ends at this instant or earlier. */
  readonly endTs: number;
  /** Minutes per candle. */
  readonly periodMinutes: number;
  /**
   * Prepend a synthetic candle from the latest real one before `startTs`, projected to the first
   * period boundary at or after `startTs`, trade prices `undefined` and `previous` its close.
   */
  readonly includeLatestBeforeStart?: boolean;
}

/** Quote state: best YES bid and ask (`0` / `1` when a side is empty, as the REST `Market` reads) and open interest. */
interface QuoteState {
  readonly bid: Dollars;
  readonly ask: Dollars;
  readonly openInterest: Contracts;
}

const EMPTY_QUOTE: QuoteState = { bid: Dollars.ZERO, ask: Dollars.ONE, openInterest: Contracts.ZERO };
const MINUTE_S = 60;

/** One minute of one market: quote OHLC carried from the state before it, and its trades. */
interface MinuteBucket {
  /** Unix seconds: the inclusive end of the minute. */
  readonly endS: number;
  readonly bid: MutableOhlc;
  readonly ask: MutableOhlc;
  openInterest: Contracts;
  trades: MutableOhlc | undefined;
  /** Contracts traded in the minute, in hundredths (exact integers: no float fractions). */
  volumeHundredths: number;
  /** Sum of price × count of the minute's trades, in $0.000001 (centi-cents × hundredths of contracts). */
  notionalMicros: number;
  /** Last trade price before this minute. */
  readonly previous: Dollars | undefined;
}

/** An OHLC a bucket updates in place. */
type MutableOhlc = { -readonly [K in keyof Ohlc]: Ohlc[K] };

const flat = (d: Dollars): MutableOhlc => ({ open: d, low: d, high: d, close: d });
/** Adds a later price to `o`, in place. */
function extend(o: MutableOhlc, d: Dollars): void {
  if (d.lt(o.low)) o.low = d;
  if (d.gt(o.high)) o.high = d;
  o.close = d;
}
const merge = (a: Ohlc, b: Ohlc): Ohlc => ({ open: a.open, low: a.low.min(b.low), high: a.high.max(b.high), close: b.close });

/** A market's minute buckets, oldest first, and its state after the last event. */
class MarketSeries {
  readonly minutes: MinuteBucket[] = [];
  quote: QuoteState = EMPTY_QUOTE;
  lastTrade: Dollars | undefined;

  /** The bucket of the minute containing Unix ms `ms` (a later minute than the last opens a new one). */
  bucket(ms: number): MinuteBucket {
    const endS = Math.ceil(ms / 1000 / MINUTE_S) * MINUTE_S;
    const last = this.minutes[this.minutes.length - 1];
    // The engine clock does not run backwards; if a test's clock does, the event joins the latest minute.
    if (last !== undefined && last.endS >= endS) return last;
    const q = this.quote;
    const created: MinuteBucket = {
      endS,
      bid: flat(q.bid),
      ask: flat(q.ask),
      openInterest: q.openInterest,
      trades: undefined,
      volumeHundredths: 0,
      notionalMicros: 0,
      previous: this.lastTrade,
    };
    this.minutes.push(created);
    return created;
  }
}

/** Dollars of an integer count of $0.000001. */
function fromMicros(micros: number): Dollars {
  const text = String(micros).padStart(7, '0');
  return Dollars.parse(`${text.slice(0, -6)}.${text.slice(-6)}`, 'notional', { maxDecimals: 6 });
}

/** Index of the last bucket ending at or before Unix seconds `s`, or -1. */
function lastEndingBy(minutes: readonly MinuteBucket[], s: number): number {
  let lo = 0;
  let hi = minutes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (minutes[mid]!.endS <= s) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Candlesticks built from the engine's own activity: it records every public trade and, after each
 * engine operation that touched a market, the market's best bid, best ask and open interest, into
 * one bucket per market and minute (memory grows with active market-minutes, not with events).
 * Candles of 60, 1440 or any whole number of minutes merge the minutes. A market has a candle for
 * each period in which it traded or its quotes or open interest changed.
 */
export class CandleRecorder {
  private readonly markets = new Map<string, MarketSeries>();

  private series(ticker: string): MarketSeries {
    let found = this.markets.get(ticker);
    if (found === undefined) {
      found = new MarketSeries();
      this.markets.set(ticker, found);
    }
    return found;
  }

  /** Records a public trade of `ticker`. */
  recordTrade(ticker: string, tsMs: number, price: Dollars, count: Contracts): void {
    const series = this.series(ticker);
    const b = series.bucket(tsMs);
    if (b.trades === undefined) b.trades = flat(price);
    else extend(b.trades, price);
    const hundredths = Number(count.toHundredths());
    b.volumeHundredths += hundredths;
    b.notionalMicros += price.toCentiCents() * hundredths;
    series.lastTrade = price;
  }

  /** Records the top of book and open interest of `ticker` at `tsMs`, unless nothing changed. */
  recordBook(ticker: string, tsMs: number, bid: Dollars, ask: Dollars, openInterest: Contracts): void {
    const series = this.series(ticker);
    const q = series.quote;
    if (series.minutes.length > 0 && q.bid.eq(bid) && q.ask.eq(ask) && q.openInterest.eq(openInterest)) return;
    const b = series.bucket(tsMs);
    extend(b.bid, bid);
    extend(b.ask, ask);
    b.openInterest = openInterest;
    series.quote = { bid, ask, openInterest };
  }

  /** The candles of `ticker` whose period ends in `[startTs, endTs]`, oldest first. */
  candles(ticker: string, query: CandleQuery): Candle[] {
    const series = this.markets.get(ticker);
    if (series === undefined) return [];
    const periodS = query.periodMinutes * MINUTE_S;
    const endOf = (b: MinuteBucket): number => Math.ceil(b.endS / periodS) * periodS;
    const { minutes } = series;
    const candles: Candle[] = [];
    // Minutes of candles ending in range: those ending after the period before startTs began.
    let i = lastEndingBy(minutes, Math.ceil(query.startTs / periodS) * periodS - periodS) + 1;
    while (i < minutes.length) {
      const endS = endOf(minutes[i]!);
      if (endS > query.endTs) break;
      let j = i;
      while (j + 1 < minutes.length && endOf(minutes[j + 1]!) === endS) j++;
      if (endS >= query.startTs) candles.push(this.candle(minutes.slice(i, j + 1), endS));
      i = j + 1;
    }
    if (query.includeLatestBeforeStart !== true) return candles;
    const projectedEnd = Math.ceil(query.startTs / periodS) * periodS;
    const beforeIndex = lastEndingBy(minutes, projectedEnd - periodS);
    if (beforeIndex < 0 || projectedEnd > query.endTs || candles[0]?.endPeriodTs === projectedEnd) return candles;
    const last = minutes[beforeIndex]!;
    const synthetic: Candle = {
      endPeriodTs: projectedEnd,
      yesBid: flat(last.bid.close),
      yesAsk: flat(last.ask.close),
      price: { open: undefined, low: undefined, high: undefined, close: undefined, mean: undefined, previous: last.trades?.close ?? last.previous },
      volume: Contracts.ZERO,
      openInterest: last.openInterest,
    };
    return [synthetic, ...candles];
  }

  private candle(minutes: readonly MinuteBucket[], endS: number): Candle {
    const first = minutes[0]!;
    let bid = first.bid;
    let ask = first.ask;
    let trades: Ohlc | undefined;
    let volumeHundredths = 0;
    let notionalMicros = 0;
    for (const m of minutes) {
      if (m !== first) {
        bid = merge(bid, m.bid);
        ask = merge(ask, m.ask);
      }
      if (m.trades !== undefined) trades = trades === undefined ? m.trades : merge(trades, m.trades);
      volumeHundredths += m.volumeHundredths;
      notionalMicros += m.notionalMicros;
    }
    return {
      endPeriodTs: endS,
      yesBid: bid,
      yesAsk: ask,
      price: {
        open: trades?.open,
        low: trades?.low,
        high: trades?.high,
        close: trades?.close,
        mean: volumeHundredths === 0 ? undefined : perContract(fromMicros(notionalMicros), Contracts.fromHundredths(volumeHundredths), 4),
        previous: first.previous,
      },
      volume: Contracts.fromHundredths(volumeHundredths),
      openInterest: minutes[minutes.length - 1]!.openInterest,
    };
  }
}
