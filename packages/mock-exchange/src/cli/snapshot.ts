import { writeFileSync } from 'node:fs';
import { createClient, KalshiApiError, paginate } from '@kalshi-sdk/rest';
import type { FixtureEvent, FixtureMarket, FixtureSeries, MockFixtures } from '../fixtures/fixtures.js';
import { validateFixtures } from '../fixtures/fixtures.js';
import type { SnapshotArgs } from './args.js';
import { snapshotReference } from './snapshot-reference.js';

const STRUCTURES = ['linear_cent', 'deci_cent', 'tapered_deci_cent'];
const FEE_TYPES = ['quadratic', 'quadratic_with_maker_fees', 'quadratic_with_combo_maker_fees'];

type Wire = Record<string, unknown>;
const str = (o: Wire, k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : undefined);

function market(m: Wire): FixtureMarket {
  const structure = str(m, 'price_level_structure');
  const ranges = Array.isArray(m['price_ranges']) ? (m['price_ranges'] as Wire[]) : [];
  return {
    ticker: m['ticker'] as string,
    event_ticker: m['event_ticker'] as string,
    ...(str(m, 'title') === undefined ? {} : { title: str(m, 'title')! }),
    ...(str(m, 'yes_sub_title') === undefined ? {} : { yes_sub_title: str(m, 'yes_sub_title')! }),
    ...(str(m, 'no_sub_title') === undefined ? {} : { no_sub_title: str(m, 'no_sub_title')! }),
    ...(structure !== undefined && STRUCTURES.includes(structure) ? { price_level_structure: structure as FixtureMarket['price_level_structure'] & string } : {}),
    ...(ranges.length > 0 ? { price_ranges: ranges.map((r) => ({ start: String(r['start']), end: String(r['end']), step: String(r['step']) })) } : {}),
    ...(str(m, 'open_time') === undefined ? {} : { open_time: str(m, 'open_time')! }),
    ...(str(m, 'close_time') === undefined ? {} : { close_time: str(m, 'close_time')! }),
  };
}

function series(s: Wire): FixtureSeries {
  const fee = str(s, 'fee_type');
  const multiplier = s['fee_multiplier'];
  return {
    ticker: s['ticker'] as string,
    ...(str(s, 'title') === undefined ? {} : { title: str(s, 'title')! }),
    ...(str(s, 'category') === undefined ? {} : { category: str(s, 'category')! }),
    ...(str(s, 'frequency') === undefined ? {} : { frequency: str(s, 'frequency')! }),
    ...(fee !== undefined && FEE_TYPES.includes(fee) ? { fee_type: fee as FixtureSeries['fee_type'] & string } : {}),
    // The wire multiplier is a JSON number; fixtures hold it as an exact decimal string.
    ...(typeof multiplier === 'number' && Number.isFinite(multiplier) && multiplier >= 0 ? { fee_multiplier: String(Number(multiplier.toFixed(4))) } : {}),
  };
}

/**
 * Captures up to `limit` open markets (of one series with `seriesTicker`), their events and
 * series, and the reference data around them (milestones, live data, structured targets,
 * incentives, fee changes, tags, sport filters; see `snapshotReference`) from a Kalshi REST API
 * (`baseUrl`, or the `env` environment) into the fixtures format, validated against the fixtures
 * schema. Public endpoints only: no credentials.
 */
export async function snapshotFixtures(args: Pick<SnapshotArgs, 'env' | 'baseUrl' | 'limit' | 'seriesTicker'>): Promise<MockFixtures> {
  const kalshi = createClient(args.baseUrl === undefined ? { environment: args.env } : { baseUrl: args.baseUrl });
  const markets: FixtureMarket[] = [];
  const query = { status: 'open' as const, limit: Math.min(args.limit, 1000), ...(args.seriesTicker === undefined ? {} : { series_ticker: args.seriesTicker }) };
  for await (const page of paginate(kalshi, '/markets', { params: { query } })) {
    for (const m of page.markets) if (markets.length < args.limit) markets.push(market(m as unknown as Wire));
    if (markets.length >= args.limit) break;
  }
  const events: FixtureEvent[] = [];
  const seriesTickers = new Set<string>();
  for (const eventTicker of new Set(markets.map((m) => m.event_ticker))) {
    const { data } = await kalshi.GET('/events/{event_ticker}', { params: { path: { event_ticker: eventTicker } } });
    const e = data.event as unknown as Wire;
    seriesTickers.add(e['series_ticker'] as string);
    events.push({
      event_ticker: eventTicker,
      series_ticker: e['series_ticker'] as string,
      ...(str(e, 'title') === undefined ? {} : { title: str(e, 'title')! }),
      ...(str(e, 'sub_title') === undefined ? {} : { sub_title: str(e, 'sub_title')! }),
      ...(typeof e['mutually_exclusive'] === 'boolean' ? { mutually_exclusive: e['mutually_exclusive'] } : {}),
    });
  }
  const allSeries: FixtureSeries[] = [];
  for (const ticker of seriesTickers) {
    try {
      const { data } = await kalshi.GET('/series/{series_ticker}', { params: { path: { series_ticker: ticker } } });
      allSeries.push(series(data.series as unknown as Wire));
    } catch (error) {
      // A server without GetSeries: keep the ticker, so the series still exists with default fees.
      if (!(error instanceof KalshiApiError) || error.status !== 404) throw error;
      allSeries.push({ ticker });
    }
  }
  const reference = await snapshotReference(kalshi, {
    eventTickers: events.map((e) => e.event_ticker),
    seriesTickers: [...seriesTickers],
    marketTickers: markets.map((m) => m.ticker),
    limit: args.limit,
  });
  return validateFixtures({ series: allSeries, events, markets, ...reference }, 'snapshot');
}

/** `kalshi-mock snapshot`: writes the fixtures JSON to `out` (or returns it for stdout). */
export async function snapshot(args: SnapshotArgs): Promise<string> {
  const text = `${JSON.stringify(await snapshotFixtures(args), null, 2)}\n`;
  if (args.out !== undefined) writeFileSync(args.out, text);
  return text;
}
