import { MockExchangeError } from '../../errors.js';
import { collection, createMarketInCollection } from '../../reference/multivariate.js';
import type { MultivariateLeg } from '../../reference/types.js';
import { paginate } from '../pagination.js';
import { bodyObject, queryInteger } from '../parse.js';
import { reply, route, type Route } from '../route.js';
import { eventToWire, marketToWire } from '../serialize.js';

function legs(body: unknown): MultivariateLeg[] {
  const selected = bodyObject(body)['selected_markets'];
  if (!Array.isArray(selected)) {
    throw new MockExchangeError('MISSING_PARAMETER', 'selected_markets must be an array of market legs', { field: 'selected_markets', value: selected });
  }
  return selected.map((leg: unknown, i) => {
    const l = (typeof leg === 'object' && leg !== null ? leg : {}) as Record<string, unknown>;
    for (const field of ['market_ticker', 'event_ticker'] as const) {
      if (typeof l[field] !== 'string' || l[field] === '') {
        throw new MockExchangeError('INVALID_PARAMETER', `selected_markets[${i}].${field} must be a ticker`, { field: `selected_markets[${i}].${field}`, value: l[field] });
      }
    }
    if (l['side'] !== 'yes' && l['side'] !== 'no') {
      throw new MockExchangeError('INVALID_PARAMETER', `selected_markets[${i}].side must be yes or no`, { field: `selected_markets[${i}].side`, value: l['side'] });
    }
    return { market_ticker: l['market_ticker'] as string, event_ticker: l['event_ticker'] as string, side: l['side'] };
  });
}

function collectionStatus(nowMs: number, openDate: string, closeDate: string): 'unopened' | 'open' | 'closed' {
  if (nowMs < Date.parse(openDate)) return 'unopened';
  return nowMs < Date.parse(closeDate) ? 'open' : 'closed';
}

/** Multivariate event collections, the markets created in them and their events. */
export const multivariateRoutes: Route[] = [
  route('GetMultivariateEventCollections', 'GET', '/multivariate_event_collections', (ctx) => {
    const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 200 }) ?? 200;
    const status = ctx.query.get('status');
    if (status !== null && !['unopened', 'open', 'closed'].includes(status)) {
      throw new MockExchangeError('INVALID_PARAMETER', 'status must be unopened, open or closed', { field: 'status', value: status });
    }
    const eventTicker = ctx.query.get('associated_event_ticker');
    const seriesTicker = ctx.query.get('series_ticker');
    const now = ctx.engine.now();
    const list = [...ctx.engine.reference.collections.values()].filter(
      (c) =>
        (status === null || collectionStatus(now, c.open_date, c.close_date) === status) &&
        (eventTicker === null || c.associated_event_tickers.includes(eventTicker)) &&
        (seriesTicker === null || c.series_ticker === seriesTicker),
    );
    const { page, cursor } = paginate(list, ctx.query.get('cursor'), limit);
    return reply('GetMultivariateEventCollections', 200, { multivariate_contracts: page, cursor });
  }),

  route('GetMultivariateEventCollection', 'GET', '/multivariate_event_collections/{collection_ticker}', (ctx) =>
    reply('GetMultivariateEventCollection', 200, { multivariate_contract: collection(ctx.engine, ctx.params['collection_ticker']!) }),
  ),

  route(
    'CreateMarketInMultivariateEventCollection',
    'POST',
    '/multivariate_event_collections/{collection_ticker}',
    (ctx) => {
      const withPayload = bodyObject(ctx.body)['with_market_payload'] === true;
      const created = createMarketInCollection(ctx.engine, ctx.params['collection_ticker']!, legs(ctx.body), ctx.userId);
      const market = ctx.engine.getMarket(created.marketTicker)!;
      return reply('CreateMarketInMultivariateEventCollection', 200, {
        event_ticker: created.eventTicker,
        market_ticker: created.marketTicker,
        ...(withPayload ? { market: marketToWire(market, ctx.engine) } : {}),
      });
    },
    // openapi.yaml lists no 404 for this operation: an unknown collection is a 400.
    { auth: true, write: true, notFound: 400 },
  ),

  route('GetMultivariateEvents', 'GET', '/events/multivariate', (ctx) => {
    const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 200 }) ?? 100;
    const seriesTicker = ctx.query.get('series_ticker');
    const collectionTicker = ctx.query.get('collection_ticker');
    if (seriesTicker !== null && collectionTicker !== null) {
      throw new MockExchangeError('INVALID_PARAMETER', 'series_ticker and collection_ticker cannot be used together', {
        field: 'collection_ticker',
        value: collectionTicker,
      });
    }
    const nested = ctx.query.get('with_nested_markets') === 'true';
    const events = [...ctx.engine.reference.multivariateEvents]
      .filter(([, c]) => collectionTicker === null || c === collectionTicker)
      .flatMap(([eventTicker]) => {
        const event = ctx.engine.getEvent(eventTicker);
        return event !== undefined && (seriesTicker === null || event.seriesTicker === seriesTicker) ? [event] : [];
      });
    const { page, cursor } = paginate(events, ctx.query.get('cursor'), limit);
    return reply('GetMultivariateEvents', 200, {
      events: page.map((e) => eventToWire(e, nested ? e.marketTickers.map((t) => marketToWire(ctx.engine.getMarket(t)!, ctx.engine)) : undefined)),
      cursor,
    });
  }),
];
