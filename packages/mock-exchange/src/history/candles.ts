import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { perContract } from '../wire.js';

/** The top of one market's book and its open interest from some instant on. */
interface BookSample {
  readonly tsMs: number;
  /** Best YES bid, dollars; `0` with no bid (as the REST `Market` reports it). */
  readonly bid: Dollars;
  /** Best YES ask, dollars; `1` with no ask. */
  readonly ask: Dollars;
  readonly openInterest: Contracts;
}

interface TradePoint {
  readonly tsMs: number;
  readonly price: Dollars;
  readonly count: Contracts;
}

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

class MarketSeries {
  readonly samples: BookSample[] = [];
  readonly trades: TradePoint[] = [];
}

/** Index of the last item with `tsMs <= ms`, or -1. Items are in time order. */
function lastAtOrBefore(items: readonly { readonly tsMs: number }[], ms: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.tsMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Unix seconds of the end of the period (of `periodS` seconds) that contains Unix ms `ms`; a boundary instant closes its period. */
function periodEnd(ms: number, periodS: number): number {
  return Math.ceil(ms / 1000 / periodS) * periodS;
}

function ohlc(values: readonly Dollars[]): Ohlc {
  let low = values[0]!;
  let high = values[0]!;
  for (const v of values) {
    low = low.min(v);
    high = high.max(v);
  }
  return { open: values[0]!, low, high, close: values[values.length - 1]! };
}

/**
 * Candlesticks built from the engine's own activity: it records every public trade and, after each
 * engine operation that touched a market, the market's best bid, best ask and open interest. A
 * market has a candle for each period in which it traded or its quotes or open interest changed.
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
    this.series(ticker).trades.push({ tsMs, price, count });
  }

  /** Records the top of book and open interest of `ticker` at `tsMs`, unless nothing changed. */
  recordBook(ticker: string, tsMs: number, bid: Dollars, ask: Dollars, openInterest: Contracts): void {
    const { samples } = this.series(ticker);
    const last = samples[samples.length - 1];
    if (last !== undefined && last.bid.eq(bid) && last.ask.eq(ask) && last.openInterest.eq(openInterest)) return;
    samples.push({ tsMs, bid, ask, openInterest });
  }

  /** The candles of `ticker` whose period ends in `[startTs, endTs]`, oldest first. */
  candles(ticker: string, query: CandleQuery): Candle[] {
    const series = this.markets.get(ticker);
    if (series === undefined) return [];
    const periodS = query.periodMinutes * 60;
    const ends = new Set<number>();
    for (const item of [...series.samples, ...series.trades]) ends.add(periodEnd(item.tsMs, periodS));
    const all = [...ends].sort((a, b) => a - b);
    const inRange = all.filter((e) => e >= query.startTs && e <= query.endTs).map((e) => this.candle(series, e, periodS));
    if (query.includeLatestBeforeStart !== true) return inRange;
    const before = all.filter((e) => e < query.startTs).pop();
    const projectedEnd = Math.ceil(query.startTs / periodS) * periodS;
    if (before === undefined || projectedEnd > query.endTs || inRange[0]?.endPeriodTs === projectedEnd) return inRange;
    const real = this.candle(series, before, periodS);
    const flat = (o: Ohlc): Ohlc => ({ open: o.close, low: o.close, high: o.close, close: o.close });
    const synthetic: Candle = {
      endPeriodTs: projectedEnd,
      yesBid: flat(real.yesBid),
      yesAsk: flat(real.yesAsk),
      price: { open: undefined, low: undefined, high: undefined, close: undefined, mean: undefined, previous: real.price.close ?? real.price.previous },
      volume: Contracts.ZERO,
      openInterest: real.openInterest,
    };
    return [synthetic, ...inRange];
  }

  private candle(series: MarketSeries, endS: number, periodS: number): Candle {
    const endMs = endS * 1000;
    const startMs = endMs - periodS * 1000;
    const { samples, trades } = series;
    const firstInside = lastAtOrBefore(samples, startMs);
    const lastInside = lastAtOrBefore(samples, endMs);
    // The quote at the period's start is the last sample before it, else the first one inside it.
    const quoted = samples.slice(Math.max(firstInside, 0), lastInside + 1);
    const closing = quoted[quoted.length - 1];
    const inPeriod = trades.slice(lastAtOrBefore(trades, startMs) + 1, lastAtOrBefore(trades, endMs) + 1);
    const previous = trades[lastAtOrBefore(trades, startMs)]?.price;
    let volume = Contracts.ZERO;
    let notional = Dollars.ZERO;
    for (const t of inPeriod) {
      volume = volume.add(t.count);
      notional = notional.add(t.price.times(t.count));
    }
    const prices = inPeriod.length === 0 ? undefined : ohlc(inPeriod.map((t) => t.price));
    return {
      endPeriodTs: endS,
      yesBid: quoted.length === 0 ? ohlc([Dollars.ZERO]) : ohlc(quoted.map((s) => s.bid)),
      yesAsk: quoted.length === 0 ? ohlc([Dollars.ONE]) : ohlc(quoted.map((s) => s.ask)),
      price: {
        open: prices?.open,
        low: prices?.low,
        high: prices?.high,
        close: prices?.close,
        mean: volume.isZero() ? undefined : perContract(notional, volume, 4),
        previous,
      },
      volume,
      openInterest: closing?.openInterest ?? Contracts.ZERO,
    };
  }
}
