import type { components, KalshiClient } from '@kalshi-sdk/rest';

type Row = Readonly<Record<string, unknown>>;

/** One page of an export: its rows, the cursor of the next page (null at the end), and the oldest/newest time reached (Unix s). */
export interface HistoryPage {
  readonly rows: readonly Row[];
  readonly next: string | null;
  /** How far through [from, to] this page got, in Unix seconds, for the progress bar. */
  readonly reachedTs: number | undefined;
}

/** A paged history: trades, fills or candles of [from, to]. */
export interface HistorySource {
  /** CSV columns (JSONL writes whole objects). */
  readonly columns: readonly string[];
  /** Fetches the page at `cursor` (null: the first). */
  page(cursor: string | null): Promise<HistoryPage>;
  /** Pages walk backwards in time (newest first), or forwards. */
  readonly direction: 'backward' | 'forward';
}

/** The window of an export, Unix seconds, `from` ≤ `to`. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

const ts = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Math.floor(Date.parse(iso) / 1000));

type PageFn = (cursor: string | null) => Promise<HistoryPage>;

const TRADE_COLUMNS = ['trade_id', 'ticker', 'created_time', 'yes_price_dollars', 'no_price_dollars', 'count_fp', 'taker_book_side', 'taker_outcome_side', 'is_block_trade'];
const FILL_COLUMNS = ['fill_id', 'trade_id', 'order_id', 'ticker', 'created_time', 'book_side', 'outcome_side', 'yes_price_dollars', 'count_fp', 'is_taker', 'fee_cost'];

/** Which tiers a window touches, given the cutoff (Unix s): records before it are only on the historical endpoints. */
export function tiersOf(w: Window, cutoffTs: number): { live: boolean; historical: boolean } {
  return { live: w.to >= cutoffTs, historical: w.from < cutoffTs };
}

/**
 * Pages the live endpoint (newer records), then its historical twin (older ones): Kalshi
 * partitions trades and fills by a cutoff (`GET /historical/cutoff`), and a complete history needs
 * both (/getting_started/historical_data). The cursor says where it is: `live:<cursor>` or
 * `historical:<cursor>` (an empty cursor starts that endpoint); null starts at the first tier.
 */
function partitioned(tiers: { live: boolean; historical: boolean }, live: PageFn, historical: PageFn): PageFn {
  return async (cursor) => {
    const at = cursor ?? (tiers.live ? 'live:' : 'historical:');
    const phase = at.startsWith('live:') ? 'live' : 'historical';
    const inner = at.slice(phase.length + 1);
    const page = await (phase === 'live' ? live : historical)(inner === '' ? null : inner);
    if (page.next !== null) return { ...page, next: `${phase}:${page.next}` };
    return { ...page, next: phase === 'live' && tiers.historical ? 'historical:' : null };
  };
}

/** Public trades of [from, to]: `GET /markets/trades`, then `GET /historical/trades`, newest first, `limit` per page. */
export function tradesSource(kalshi: KalshiClient, ticker: string | undefined, w: Window, limit: number, cutoffTs: number): HistorySource {
  const query = (cursor: string | null) => ({ limit, min_ts: w.from, max_ts: w.to, ...(ticker === undefined ? {} : { ticker }), ...(cursor === null ? {} : { cursor }) });
  const page = (trades: components['schemas']['Trade'][], cursor: string | undefined): HistoryPage => ({ rows: trades, next: cursor ? cursor : null, reachedTs: ts(trades[trades.length - 1]?.created_time) });
  return {
    columns: TRADE_COLUMNS,
    direction: 'backward',
    page: partitioned(
      tiersOf(w, cutoffTs),
      async (cursor) => {
        const { data } = await kalshi.GET('/markets/trades', { params: { query: query(cursor) } });
        return page(data.trades, data.cursor);
      },
      async (cursor) => {
        const { data } = await kalshi.GET('/historical/trades', { params: { query: query(cursor) } });
        return page(data.trades, data.cursor);
      },
    ),
  };
}

/** Your fills of [from, to] (signed): `GET /portfolio/fills`, then `GET /historical/fills`, newest first, `limit` per page. */
export function fillsSource(kalshi: KalshiClient, ticker: string | undefined, w: Window, limit: number, cutoffTs: number): HistorySource {
  const query = (cursor: string | null) => ({ limit, min_ts: w.from, max_ts: w.to, ...(ticker === undefined ? {} : { ticker }), ...(cursor === null ? {} : { cursor }) });
  const page = (fills: components['schemas']['Fill'][], cursor: string | undefined): HistoryPage => ({ rows: fills, next: cursor ? cursor : null, reachedTs: ts(fills[fills.length - 1]?.created_time) });
  return {
    columns: FILL_COLUMNS,
    direction: 'backward',
    page: partitioned(
      tiersOf(w, cutoffTs),
      async (cursor) => {
        const { data } = await kalshi.GET('/portfolio/fills', { params: { query: query(cursor) } });
        return page(data.fills, data.cursor);
      },
      async (cursor) => {
        const { data } = await kalshi.GET('/historical/fills', { params: { query: query(cursor) } });
        return page(data.fills, data.cursor);
      },
    ),
  };
}

type Candle = components['schemas']['MarketCandlestick'];

function candleRow(c: Candle): Row {
  return {
    end_period_ts: c.end_period_ts,
    open_dollars: c.price.open_dollars ?? null,
    high_dollars: c.price.high_dollars ?? null,
    low_dollars: c.price.low_dollars ?? null,
    close_dollars: c.price.close_dollars ?? null,
    volume_fp: c.volume_fp,
    open_interest_fp: c.open_interest_fp,
    yes_bid_close_dollars: c.yes_bid.close_dollars,
    yes_ask_close_dollars: c.yes_ask.close_dollars,
  };
}

type HistoricalCandle = components['schemas']['MarketCandlestickHistorical'];

/** A historical candle in the live candle's CSV columns. */
function historicalCandleRow(c: HistoricalCandle): Row {
  return {
    end_period_ts: c.end_period_ts,
    open_dollars: c.price.open ?? null,
    high_dollars: c.price.high ?? null,
    low_dollars: c.price.low ?? null,
    close_dollars: c.price.close ?? null,
    volume_fp: c.volume,
    open_interest_fp: c.open_interest,
    yes_bid_close_dollars: c.yes_bid.close,
    yes_ask_close_dollars: c.yes_ask.close,
  };
}

/** Where a market's candles are: the live series endpoint, or (settled before the cutoff) the historical one. */
export type CandleTier = { readonly tier: 'live'; readonly series: string } | { readonly tier: 'historical' };

/**
 * Candlesticks of `ticker` (`GET /series/{series}/markets/{ticker}/candlesticks`, or
 * `GET /historical/markets/{ticker}/candlesticks` for a market settled before Kalshi's cutoff),
 * which have no cursor: the window is cut into chunks of `limit` periods, oldest first, and the
 * cursor is the start of the next chunk (Unix s).
 */
export function candlesSource(kalshi: KalshiClient, where: CandleTier, ticker: string, w: Window, periodMinutes: 1 | 60 | 1440, limit: number): HistorySource {
  const span = periodMinutes * 60 * limit;
  return {
    columns: ['end_period_ts', 'open_dollars', 'high_dollars', 'low_dollars', 'close_dollars', 'volume_fp', 'open_interest_fp', 'yes_bid_close_dollars', 'yes_ask_close_dollars'],
    direction: 'forward',
    async page(cursor) {
      const start = cursor === null ? w.from : Number(cursor);
      const end = Math.min(start + span, w.to);
      const query = { start_ts: start, end_ts: end, period_interval: periodMinutes };
      const all =
        where.tier === 'live'
          ? (await kalshi.GET('/series/{series_ticker}/markets/{ticker}/candlesticks', { params: { path: { series_ticker: where.series, ticker }, query } })).data.candlesticks.map(candleRow)
          : (await kalshi.GET('/historical/markets/{ticker}/candlesticks', { params: { path: { ticker }, query } })).data.candlesticks.map(historicalCandleRow);
      // A candle covers (end − period, end]: one ending exactly at `start` belongs to the previous chunk.
      const rows = all.filter((c) => (c['end_period_ts'] as number) > start || start === w.from);
      return { rows, next: end < w.to ? String(end) : null, reachedTs: end };
    },
  };
}
