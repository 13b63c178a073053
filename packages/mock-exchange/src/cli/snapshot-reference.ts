import { KalshiApiError, type createClient } from '@kalshi-sdk/rest';
import type { ReferenceFixtures } from '../fixtures/reference-fixtures.js';
import type { MockSportFilters } from '../reference/types.js';
import { REFERENCE_SCHEMA } from '../fixtures/reference-schema.js';
import type { SchemaNode } from '../fixtures/schema-node.js';

type Client = ReturnType<typeof createClient>;
type Wire = Record<string, unknown>;

type LooseGet = (path: string, init?: { params?: { query?: Record<string, unknown> } }) => Promise<{ data: Wire }>;

/** `GET path?query` through the client, or undefined when the server has no such endpoint or data (404). */
async function getOrNone(kalshi: Client, path: string, query?: Record<string, unknown>): Promise<Wire | undefined> {
  try {
    return (await (kalshi.GET as unknown as LooseGet)(path, query === undefined ? undefined : { params: { query } })).data;
  } catch (error) {
    if (error instanceof KalshiApiError && error.status === 404) return undefined;
    throw error;
  }
}

const list = (page: Wire | undefined, field: string): Wire[] => (Array.isArray(page?.[field]) ? (page[field] as Wire[]) : []);

/**
 * `item` reduced to the fields the fixtures schema knows for its section, without `null`s (the
 * fixtures omit nullable fields) and with wire numbers that fixtures hold as exact decimal strings
 * (fee multipliers) turned into strings.
 */
function fit(section: string, item: Wire): Wire {
  const known = (REFERENCE_SCHEMA[section]!.items as SchemaNode).properties!;
  const out: Wire = {};
  for (const [name, schema] of Object.entries(known)) {
    const value = item[name];
    if (value === null || value === undefined) continue;
    out[name] = schema.type === 'string' && typeof value === 'number' ? String(Number(value.toFixed(4))) : value;
  }
  return out;
}

function fitAll<T>(section: string, items: readonly Wire[]): T[] {
  return items.map((item) => fit(section, item) as T);
}

/**
 * Captures the reference data around a snapshot's markets over REST (public endpoints only):
 * milestones of the captured events and their live data, up to `limit` structured targets,
 * incentives on the captured markets, fee changes of the captured series and events (historical
 * ones included), tags by category and sport filters. A section whose endpoint answers 404 is
 * empty. Reference prices (WebSocket only) are not captured.
 */
export async function snapshotReference(
  kalshi: Client,
  scope: { readonly eventTickers: readonly string[]; readonly seriesTickers: readonly string[]; readonly marketTickers: readonly string[]; readonly limit: number },
): Promise<ReferenceFixtures> {
  const milestones: Wire[] = [];
  for (const eventTicker of scope.eventTickers) {
    for (const m of list(await getOrNone(kalshi, '/milestones', { limit: 100, related_event_ticker: eventTicker }), 'milestones')) {
      if (!milestones.some((k) => k['id'] === m['id'])) milestones.push(m);
    }
  }
  const liveData = milestones.length === 0 ? [] : list(await getOrNone(kalshi, '/live_data/batch', { milestone_ids: milestones.map((m) => m['id']) }), 'live_datas');
  const targets = list(await getOrNone(kalshi, '/structured_targets', { page_size: Math.min(scope.limit, 2000) }), 'structured_targets').slice(0, scope.limit);
  const incentives = list(await getOrNone(kalshi, '/incentive_programs', { limit: 10_000 }), 'incentive_programs').filter((p) => scope.marketTickers.includes(p['market_ticker'] as string));
  const seriesFees: Wire[] = [];
  for (const seriesTicker of scope.seriesTickers) {
    seriesFees.push(...list(await getOrNone(kalshi, '/series/fee_changes', { series_ticker: seriesTicker, show_historical: true }), 'series_fee_change_arr'));
  }
  const eventFees: Wire[] = [];
  for (const eventTicker of scope.eventTickers) eventFees.push(...list(await getOrNone(kalshi, '/events/fee_changes', { event_ticker: eventTicker }), 'event_fee_changes'));
  const tags = (await getOrNone(kalshi, '/search/tags_by_categories'))?.['tags_by_categories'] as Record<string, string[] | null> | undefined;
  const sports = await getOrNone(kalshi, '/search/filters_by_sport');
  return {
    milestones: fitAll('milestones', milestones),
    live_data: fitAll('live_data', liveData),
    structured_targets: fitAll('structured_targets', targets),
    incentive_programs: fitAll('incentive_programs', incentives),
    series_fee_changes: fitAll('series_fee_changes', seriesFees),
    event_fee_changes: fitAll('event_fee_changes', eventFees),
    ...(tags === undefined ? {} : { tags_by_categories: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, v ?? []])) }),
    ...(sports === undefined ? {} : { sport_filters: { filters_by_sports: sports['filters_by_sports'] ?? {}, sport_ordering: sports['sport_ordering'] ?? [] } as MockSportFilters }),
  };
}
