import { MockExchangeError } from '../../errors.js';
import type { MarketRecord } from '../../engine/markets.js';
import type { CandleQuery } from '../../history/candles.js';
import { candleToWire, historicalCandleToWire } from '../candles-wire.js';
import { queryInteger, queryList } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import { historicalMarket } from './historical.js';

/** Candles per batch request, across all its markets (Batch Get Market Candlesticks page). */
const BATCH_CANDLE_LIMIT = 10_000;
/** Markets per batch request (Batch Get Market Candlesticks page). */
const BATCH_MARKET_LIMIT = 100;
/** The period lengths, in minutes, the per-market and per-event endpoints accept. */
const PERIODS: readonly number[] = [1, 60, 1440];

function requiredTs(ctx: RequestContext, name: string): number {
  const value = queryInteger(ctx.query, name, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (value === undefined) throw new MockExchangeError('MISSING_PARAMETER', `${name} is required`, { field: name });
  return value;
}

/** start_ts, end_ts, period_interval and include_latest_before_start; `anyPeriod` lets any whole minute count through (batch). */
function candleQuery(ctx: RequestContext, anyPeriod: boolean): CandleQuery {
  const startTs = requiredTs(ctx, 'start_ts');
  const endTs = requiredTs(ctx, 'end_ts');
  const periodMinutes = queryInteger(ctx.query, 'period_interval', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (periodMinutes === undefined) throw new MockExchangeError('MISSING_PARAMETER', 'period_interval is required', { field: 'period_interval' });
  if (!anyPeriod && !PERIODS.includes(periodMinutes)) {
    throw new MockExchangeError('INVALID_PARAMETER', 'period_interval must be 1, 60 or 1440', { field: 'period_interval', value: periodMinutes });
  }
  if (endTs < startTs) throw new MockExchangeError('INVALID_PARAMETER', 'end_ts is before start_ts', { field: 'end_ts', value: endTs });
  return { startTs, endTs, periodMinutes, includeLatestBeforeStart: ctx.query.get('include_latest_before_start') === 'true' };
}

/** A live market: missing, or settled before the historical cutoff, is `MARKET_NOT_FOUND`. */
function liveMarket(ctx: RequestContext, ticker: string): MarketRecord {
  const market = ctx.engine.getMarket(ticker);
  if (market === undefined) throw new MockExchangeError('MARKET_NOT_FOUND', `no market ${ticker}`, { ticker });
  if (ctx.engine.history.cutoff.isMarketHistorical(market)) {
    throw new MockExchangeError('MARKET_NOT_FOUND', `market ${ticker} settled before the historical cutoff: use GET /historical/markets/${ticker}/candlesticks`, { ticker });
  }
  return market;
}

/** Market, event and batch candlesticks (live) and historical market candlesticks, built from the engine's trades and quotes. */
export const candlestickRoutes: Route[] = [
  route('GetMarketCandlesticks', 'GET', '/series/{series_ticker}/markets/{ticker}/candlesticks', (ctx) => {
    const market = liveMarket(ctx, ctx.params['ticker']!);
    if (market.seriesTicker !== ctx.params['series_ticker']) {
      throw new MockExchangeError('MARKET_NOT_FOUND', `market ${market.ticker} is not in series ${ctx.params['series_ticker']}`, { ticker: market.ticker });
    }
    const candles = ctx.engine.history.candles.candles(market.ticker, candleQuery(ctx, false));
    return reply('GetMarketCandlesticks', 200, { ticker: market.ticker, candlesticks: candles.map(candleToWire) });
  }),

  route(
    'BatchGetMarketCandlesticks',
    'GET',
    '/markets/candlesticks',
    (ctx) => {
      const tickers = queryList(ctx.query, 'market_tickers');
      if (tickers === undefined) throw new MockExchangeError('MISSING_PARAMETER', 'market_tickers is required', { field: 'market_tickers' });
      if (tickers.length > BATCH_MARKET_LIMIT) {
        throw new MockExchangeError('INVALID_PARAMETER', `market_tickers lists more than ${BATCH_MARKET_LIMIT} markets`, { field: 'market_tickers', value: tickers.length });
      }
      const query = candleQuery(ctx, true);
      let budget = BATCH_CANDLE_LIMIT;
      const markets = tickers.map((t) => {
        const candles = ctx.engine.history.candles.candles(liveMarket(ctx, t).ticker, query).slice(0, budget);
        budget -= candles.length;
        return { market_ticker: t, candlesticks: candles.map(candleToWire) };
      });
      return reply('BatchGetMarketCandlesticks', 200, { markets });
    },
    { notFound: 400 },
  ),

  route(
    'GetMarketCandlesticksByEvent',
    'GET',
    '/series/{series_ticker}/events/{ticker}/candlesticks',
    (ctx) => {
      const eventTicker = ctx.params['ticker']!;
      const event = ctx.engine.getEvent(eventTicker);
      if (event === undefined || event.seriesTicker !== ctx.params['series_ticker']) {
        throw new MockExchangeError('EVENT_NOT_FOUND', `no event ${eventTicker} in series ${ctx.params['series_ticker']}`, { value: eventTicker });
      }
      const query = candleQuery(ctx, false);
      const tickers = event.marketTickers.filter((t) => !ctx.engine.history.cutoff.isMarketHistorical(ctx.engine.getMarket(t)!));
      return reply('GetMarketCandlesticksByEvent', 200, {
        market_tickers: tickers,
        market_candlesticks: tickers.map((t) => ctx.engine.history.candles.candles(t, query).map(candleToWire)),
        adjusted_end_ts: query.endTs,
      });
    },
    { notFound: 400 },
  ),

  route('GetMarketCandlesticksHistorical', 'GET', '/historical/markets/{ticker}/candlesticks', (ctx) => {
    const ticker = ctx.params['ticker']!;
    historicalMarket(ctx, ticker);
    const candles = ctx.engine.history.candles.candles(ticker, candleQuery(ctx, false));
    return reply('GetMarketCandlesticksHistorical', 200, { ticker, candlesticks: candles.map(historicalCandleToWire) });
  }),
];
