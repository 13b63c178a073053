import { Contracts } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../../errors.js';
import type { MarketRecord } from '../../engine/markets.js';
import { paginate } from '../pagination.js';
import { queryInteger, queryList } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import { eventToWire, marketStatusFilter, marketToWire, orderbookToWire, seriesToWire } from '../serialize.js';
import { tradePage } from './trade-page.js';

function market(ctx: RequestContext, ticker: string): MarketRecord {
  const found = ctx.engine.getMarket(ticker);
  if (found === undefined) throw new MockExchangeError('MARKET_NOT_FOUND', `no market ${ticker}`, { ticker });
  return found;
}

/** A market the live endpoints still serve: not settled before the historical cutoff (`/getting_started/historical_data`). */
function isLive(ctx: RequestContext, m: MarketRecord): boolean {
  return !ctx.engine.history.cutoff.isMarketHistorical(m);
}

function seriesVolume(ctx: RequestContext, seriesTicker: string): Contracts {
  return ctx.engine
    .listMarkets()
    .filter((m) => m.seriesTicker === seriesTicker)
    .reduce((sum, m) => sum.plus(m.volume), Contracts.ZERO);
}

/** Exchange status, series, events, markets, order books and public trades. */
export const marketDataRoutes: Route[] = [
  route('GetExchangeStatus', 'GET', '/exchange/status', (ctx) =>
    reply('GetExchangeStatus', 200, {
      exchange_active: true,
      trading_active: ctx.engine.isTradingActive(),
      intra_exchange_transfers_active: false,
    }),
  ),

  route('GetSeriesList', 'GET', '/series', (ctx) => {
    const category = ctx.query.get('category');
    const withVolume = ctx.query.get('include_volume') === 'true';
    const list = ctx.engine.listSeries().filter((s) => category === null || s.category === category);
    return reply('GetSeriesList', 200, {
      series: list.map((s) => seriesToWire(s, withVolume ? seriesVolume(ctx, s.ticker) : undefined)),
    });
  }),

  route(
    'GetSeries',
    'GET',
    '/series/{series_ticker}',
    (ctx) => {
      const ticker = ctx.params['series_ticker']!;
      const series = ctx.engine.getSeries(ticker);
      if (series === undefined) throw new MockExchangeError('SERIES_NOT_FOUND', `no series ${ticker}`, { value: ticker });
      const withVolume = ctx.query.get('include_volume') === 'true';
      return reply('GetSeries', 200, { series: seriesToWire(series, withVolume ? seriesVolume(ctx, ticker) : undefined) });
    },
    { notFound: 400 },
  ),

  route('GetEvents', 'GET', '/events', (ctx) => {
    const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 200 }) ?? 200;
    const seriesTicker = ctx.query.get('series_ticker');
    const tickers = queryList(ctx.query, 'tickers');
    const status = ctx.query.get('status');
    const nested = ctx.query.get('with_nested_markets') === 'true';
    const events = ctx.engine.listEvents().filter((e) => {
      if (seriesTicker !== null && e.seriesTicker !== seriesTicker) return false;
      if (tickers !== undefined && !tickers.includes(e.eventTicker)) return false;
      if (status !== null) {
        const statuses = e.marketTickers.map((t) => marketStatusFilter(ctx.engine.getMarket(t)!.status));
        const eventStatus = statuses.includes('open') ? 'open' : statuses.every((s) => s === 'settled') && statuses.length > 0 ? 'settled' : 'unopened';
        if (eventStatus !== status) return false;
      }
      return true;
    });
    const { page, cursor } = paginate(events, ctx.query.get('cursor'), limit);
    return reply('GetEvents', 200, {
      events: page.map((e) =>
        eventToWire(
          e,
          nested
            ? e.marketTickers.map((t) => ctx.engine.getMarket(t)!).filter((m) => isLive(ctx, m)).map((m) => marketToWire(m, ctx.engine))
            : undefined,
        ),
      ),
      cursor,
    });
  }),

  route('GetEvent', 'GET', '/events/{event_ticker}', (ctx) => {
    const eventTicker = ctx.params['event_ticker']!;
    const event = ctx.engine.getEvent(eventTicker);
    if (event === undefined) throw new MockExchangeError('EVENT_NOT_FOUND', `no event ${eventTicker}`, { value: eventTicker });
    const markets = event.marketTickers.map((t) => marketToWire(ctx.engine.getMarket(t)!, ctx.engine));
    const nested = ctx.query.get('with_nested_markets') === 'true';
    return reply('GetEvent', 200, { event: eventToWire(event, nested ? markets : undefined), markets: nested ? [] : markets });
  }),

  route('GetMarkets', 'GET', '/markets', (ctx) => {
    const limit = queryInteger(ctx.query, 'limit', { min: 0, max: 1000 }) || 100;
    const eventTicker = ctx.query.get('event_ticker');
    const seriesTicker = ctx.query.get('series_ticker');
    const status = ctx.query.get('status');
    const tickers = queryList(ctx.query, 'tickers');
    const markets = ctx.engine.listMarkets().filter(
      (m) =>
        isLive(ctx, m) &&
        (eventTicker === null || m.eventTicker === eventTicker) &&
        (seriesTicker === null || m.seriesTicker === seriesTicker) &&
        (status === null || marketStatusFilter(m.status) === status) &&
        (tickers === undefined || tickers.includes(m.ticker)),
    );
    const { page, cursor } = paginate(markets, ctx.query.get('cursor'), limit);
    return reply('GetMarkets', 200, { markets: page.map((m) => marketToWire(m, ctx.engine)), cursor });
  }),

  route('GetMarket', 'GET', '/markets/{ticker}', (ctx) => {
    const found = market(ctx, ctx.params['ticker']!);
    if (!isLive(ctx, found)) {
      throw new MockExchangeError('MARKET_NOT_FOUND', `market ${found.ticker} settled before the historical cutoff: use GET /historical/markets/${found.ticker}`, { ticker: found.ticker });
    }
    return reply('GetMarket', 200, { market: marketToWire(found, ctx.engine) });
  }),

  route('GetMarketOrderbook', 'GET', '/markets/{ticker}/orderbook', (ctx) => {
    const depth = queryInteger(ctx.query, 'depth', { min: 0, max: 100 }) ?? 0;
    const { ticker } = market(ctx, ctx.params['ticker']!);
    return reply('GetMarketOrderbook', 200, { orderbook_fp: orderbookToWire(ctx.engine.orderbook(ticker), depth) });
  }),

  route(
    'GetMarketOrderbooks',
    'GET',
    '/markets/orderbooks',
    (ctx) => {
      const tickers = ctx.query.getAll('tickers').flatMap((t) => t.split(',')).filter((t) => t !== '');
      if (tickers.length === 0 || tickers.length > 100) {
        throw new MockExchangeError('INVALID_PARAMETER', 'tickers must list 1 to 100 markets', { field: 'tickers' });
      }
      return reply('GetMarketOrderbooks', 200, {
        orderbooks: tickers.map((t) => ({ ticker: t, orderbook_fp: orderbookToWire(ctx.engine.orderbook(market(ctx, t).ticker), 0) })),
      });
    },
    { notFound: 400 },
  ),

  route(
    'GetTrades',
    'GET',
    '/markets/trades',
    (ctx) => reply('GetTrades', 200, tradePage(ctx, 'live')),
    { notFound: 400 },
  ),
];
