import { contracts, dollars, paginate, type components } from '@kalshi-sdk/rest';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { KalshiCliError } from '../errors.js';
import { positiveInt } from '../parse.js';
import type { RunWith } from '../program.js';

type Market = components['schemas']['Market'];

const MARKET_STATUSES = ['unopened', 'open', 'paused', 'closed', 'settled'] as const;

function marketRow(m: Market): string[] {
  return [m.ticker, m.title ?? '', m.status, dollars(m, 'yes_bid_dollars').toWire(), dollars(m, 'yes_ask_dollars').toWire(), dollars(m, 'last_price_dollars').toWire(), contracts(m, 'volume_fp').toWire()];
}

/** Fetches one market, turning a 404 into "unknown market ticker". */
export async function fetchMarket(ctx: CliContext, ticker: string): Promise<Market> {
  try {
    const { data } = await ctx.rest().GET('/markets/{ticker}', { params: { path: { ticker } } });
    return data.market;
  } catch (error) {
    if ((error as { kind?: string }).kind === 'not_found') throw new KalshiCliError('CLI_NOT_FOUND', `unknown market ticker ${JSON.stringify(ticker)}`, { cause: error });
    throw error;
  }
}

/**
 * Checks that `ticker` names a market, live or historical: markets settled before Kalshi's cutoff
 * are only on `GET /historical/markets/{ticker}` (/getting_started/historical_data).
 * @throws KalshiCliError `CLI_NOT_FOUND` ("unknown market ticker") when neither has it.
 */
export async function fetchAnyMarket(ctx: CliContext, ticker: string): Promise<void> {
  try {
    await fetchMarket(ctx, ticker);
  } catch (error) {
    if (!(error instanceof KalshiCliError) || error.code !== 'CLI_NOT_FOUND') throw error;
    try {
      await ctx.rest().GET('/historical/markets/{ticker}', { params: { path: { ticker } } });
    } catch (historical) {
      if ((historical as { kind?: string }).kind === 'not_found') throw error;
      throw historical;
    }
  }
}

/** `kalshi markets`, `kalshi market TICKER`, `kalshi events`, `kalshi series`. */
export function registerMarketData(program: Command, run: RunWith): void {
  program
    .command('markets')
    .description('list markets (all pages, up to --limit), newest first as Kalshi returns them')
    .option('--series <ticker>', 'only this series')
    .option('--event <ticker>', 'only this event')
    .option('--status <status>', `only this status (${MARKET_STATUSES.join(', ')})`)
    .option('--search <text>', 'only markets whose ticker or title contains this text (case-insensitive)')
    .option('--limit <n>', 'at most this many markets', positiveInt('--limit'), 100)
    .action(
      run(async (ctx, opts: { series?: string; event?: string; status?: string; search?: string; limit: number }) => {
        if (opts.status !== undefined && !(MARKET_STATUSES as readonly string[]).includes(opts.status)) {
          throw new KalshiCliError('CLI_USAGE', `--status must be one of ${MARKET_STATUSES.join(', ')}, got ${JSON.stringify(opts.status)}`);
        }
        const query = {
          limit: 1000,
          ...(opts.series === undefined ? {} : { series_ticker: opts.series }),
          ...(opts.event === undefined ? {} : { event_ticker: opts.event }),
          ...(opts.status === undefined ? {} : { status: opts.status as 'open' }),
        };
        const needle = opts.search?.toLowerCase();
        const found: Market[] = [];
        for await (const page of paginate(ctx.rest(), '/markets', { params: { query } })) {
          for (const m of page.markets) {
            if (needle !== undefined && !m.ticker.toLowerCase().includes(needle) && !(m.title ?? '').toLowerCase().includes(needle)) continue;
            if (found.length < opts.limit) found.push(m);
          }
          if (found.length >= opts.limit) break;
        }
        if (ctx.out.json) return ctx.out.printJson(found);
        ctx.out.table(['TICKER', 'TITLE', 'STATUS', 'YES BID', 'YES ASK', 'LAST', 'VOLUME'], found.map(marketRow));
      }),
    );

  program
    .command('market')
    .description('one market in full')
    .argument('<ticker>', 'market ticker')
    .action(
      run(async (ctx, ticker: string) => {
        const m = await fetchMarket(ctx, ticker);
        if (ctx.out.json) return ctx.out.printJson(m);
        ctx.out.fields([
          ['ticker', m.ticker],
          ['title', m.title ?? ''],
          ['event', m.event_ticker],
          ['status', m.status],
          ['yes bid / ask', `${dollars(m, 'yes_bid_dollars').toWire()} / ${dollars(m, 'yes_ask_dollars').toWire()}`],
          ['no bid / ask', `${dollars(m, 'no_bid_dollars').toWire()} / ${dollars(m, 'no_ask_dollars').toWire()}`],
          ['last price', dollars(m, 'last_price_dollars').toWire()],
          ['volume', contracts(m, 'volume_fp').toWire()],
          ['open interest', contracts(m, 'open_interest_fp').toWire()],
          ['ticks', m.price_level_structure ?? ''],
          ['closes', m.close_time ?? ''],
        ]);
      }),
    );

  program
    .command('events')
    .description('list events (all pages, up to --limit)')
    .option('--series <ticker>', 'only this series')
    .option('--status <status>', 'only this status (unopened, open, closed, settled)')
    .option('--limit <n>', 'at most this many events', positiveInt('--limit'), 100)
    .action(
      run(async (ctx, opts: { series?: string; status?: string; limit: number }) => {
        const statuses = ['unopened', 'open', 'closed', 'settled'];
        if (opts.status !== undefined && !statuses.includes(opts.status)) throw new KalshiCliError('CLI_USAGE', `--status must be one of ${statuses.join(', ')}, got ${JSON.stringify(opts.status)}`);
        const query = {
          limit: 200,
          ...(opts.series === undefined ? {} : { series_ticker: opts.series }),
          ...(opts.status === undefined ? {} : { status: opts.status as 'open' }),
        };
        const found: components['schemas']['EventData'][] = [];
        for await (const page of paginate(ctx.rest(), '/events', { params: { query } })) {
          found.push(...page.events.slice(0, opts.limit - found.length));
          if (found.length >= opts.limit) break;
        }
        if (ctx.out.json) return ctx.out.printJson(found);
        ctx.out.table(['EVENT', 'SERIES', 'TITLE'], found.map((e) => [e.event_ticker, e.series_ticker, e.title ?? '']));
      }),
    );

  program
    .command('series')
    .description('list series')
    .option('--category <name>', 'only this category')
    .action(
      run(async (ctx, opts: { category?: string }) => {
        const { data } = await ctx.rest().GET('/series', { params: { query: opts.category === undefined ? {} : { category: opts.category } } });
        const series = data.series ?? [];
        if (ctx.out.json) return ctx.out.printJson(series);
        ctx.out.table(['SERIES', 'TITLE', 'CATEGORY', 'FREQUENCY'], series.map((s) => [s.ticker, s.title ?? '', s.category ?? '', s.frequency ?? '']));
      }),
    );
}
