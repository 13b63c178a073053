import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_CODES, KalshiCliError } from '../errors.js';
import { encodeRows, formatOf, ResumableFile, type ResumeState } from '../history-file.js';
import { candlesSource, fillsSource, tradesSource, type CandleTier, type HistorySource, type Window } from '../history-sources.js';
import { choiceArg, positiveInt, timeArg } from '../parse.js';
import type { RunWith } from '../program.js';
import { fetchAnyMarket, fetchMarket } from './market-data.js';

const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

interface HistoryOptions {
  ticker?: string;
  series?: string;
  from: number;
  to?: number;
  out: string;
  period: '1' | '60' | '1440';
  overwrite?: boolean;
  pageSize?: number;
  maxPages?: number;
}

type Kind = 'trades' | 'fills' | 'candles';

/** `trades_created_ts` of `GET /historical/cutoff`, Unix seconds: older trades and fills are only on `/historical/*`. */
async function tradesCutoff(ctx: CliContext): Promise<number> {
  const { data } = await ctx.rest().GET('/historical/cutoff');
  return Math.floor(Date.parse(data.trades_created_ts) / 1000);
}

async function sourceFor(ctx: CliContext, kind: Kind, opts: HistoryOptions, w: Window, saved: ResumeState | undefined): Promise<{ source: HistorySource; identity: Record<string, string | number> }> {
  const base = { kind, from: w.from, to: w.to, ticker: opts.ticker ?? '', format: formatOf(opts.out) };
  if (kind === 'trades' || kind === 'fills') {
    if (opts.ticker !== undefined) await fetchAnyMarket(ctx, opts.ticker);
    // The cutoff is fixed by the first run, so a resumed run splits the window the same way.
    const cutoff = typeof saved?.export['cutoff'] === 'number' ? saved.export['cutoff'] : await tradesCutoff(ctx);
    const limit = opts.pageSize ?? (kind === 'trades' ? 1000 : 200);
    const source = kind === 'trades' ? tradesSource(ctx.rest(), opts.ticker, w, limit, cutoff) : fillsSource(ctx.rest('signed'), opts.ticker, w, limit, cutoff);
    return { source, identity: { ...base, limit, cutoff } };
  }
  if (opts.ticker === undefined) throw new KalshiCliError('CLI_USAGE', 'history candles needs --ticker');
  const where = await candleTier(ctx, opts.ticker, opts.series);
  const period = Number(opts.period) as 1 | 60 | 1440;
  const limit = opts.pageSize ?? 5000;
  return { source: candlesSource(ctx.rest(), where, opts.ticker, w, period, limit), identity: { ...base, tier: where.tier, series: where.tier === 'live' ? where.series : '', period, limit } };
}

/** The live market's series (looked up unless given), or the historical tier for a market settled before the cutoff. */
async function candleTier(ctx: CliContext, ticker: string, series: string | undefined): Promise<CandleTier> {
  let eventTicker: string;
  try {
    eventTicker = (await fetchMarket(ctx, ticker)).event_ticker;
  } catch (error) {
    if (!(error instanceof KalshiCliError) || error.code !== 'CLI_NOT_FOUND') throw error;
    await fetchAnyMarket(ctx, ticker); // unknown ticker: throws; else it is historical
    return { tier: 'historical' };
  }
  if (series !== undefined) return { tier: 'live', series };
  const { data } = await ctx.rest().GET('/events/{event_ticker}', { params: { path: { event_ticker: eventTicker } } });
  return { tier: 'live', series: data.event.series_ticker };
}

/**
 * Pages through [from, to] into `--out`, one page at a time: append, then save the resume state.
 * SIGINT stops after the page in flight (state kept, exit 130); re-running the same command
 * resumes. The REST client paces every request on the account's token buckets, read from
 * `GET /account/limits` when credentials are configured, else on the Basic tier's, the lowest
 * (/getting_started/rate_limits), and retries 429s, so an export never runs over the rate limit.
 */
async function exportHistory(ctx: CliContext, kind: Kind, opts: HistoryOptions): Promise<number> {
  // Without --to, "now" is fixed by the first run, so a resumed run pages the same window.
  const saved = opts.overwrite === true ? undefined : ResumableFile.peek(opts.out);
  const savedTo = saved?.export['to'];
  const to = opts.to ?? (typeof savedTo === 'number' ? savedTo : Math.floor(Date.now() / 1000));
  if (opts.from > to) throw new KalshiCliError('CLI_USAGE', `--from (${opts.from}) is after --to (${to})`);
  const pacing = await ctx.adoptAccountLimits();
  const format = formatOf(opts.out);
  const { source, identity } = await sourceFor(ctx, kind, opts, { from: opts.from, to }, saved);
  const header = format === 'csv' ? `${source.columns.join(',')}\n` : '';
  const { file, resumed } = ResumableFile.open(opts.out, identity, header, opts.overwrite === true);
  if (resumed) ctx.out.note(`resuming ${opts.out} after ${file.state.pages} pages (${file.state.items} items)`);

  const started = Date.now();
  const startItems = file.state.items;
  const span = Math.max(1, to - opts.from);
  const bar = new cliProgress.SingleBar(
    {
      stream: ctx.io.stderr as NodeJS.WritableStream,
      format: `${kind} {bar} {percentage}% | {items} items | {pages} pages | {rate} items/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (): Record<string, unknown> => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    return { items: file.state.items, pages: file.state.pages, rate: Math.round((file.state.items - startItems) / seconds) };
  };
  const done = (reached: number | undefined): number => (reached === undefined ? 0 : Math.min(span, Math.max(0, source.direction === 'backward' ? to - reached : reached - opts.from)));
  bar.start(span, 0, payload());

  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  let pagesThisRun = 0;
  let finished = false;
  try {
    for (;;) {
      const page = await source.page(file.state.cursor);
      file.appendPage(encodeRows(format, source.columns, page.rows), page.rows.length, page.next);
      pagesThisRun++;
      bar.update(page.next === null ? span : done(page.reachedTs), payload());
      if (page.next === null) {
        finished = true;
        break;
      }
      if (interrupted || (opts.maxPages !== undefined && pagesThisRun >= opts.maxPages)) break;
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
    if (finished) file.finish();
    else file.suspend();
  }
  if (finished && typeof identity['cutoff'] === 'number') {
    const now = await tradesCutoff(ctx);
    if (now !== identity['cutoff'] && now > opts.from && identity['cutoff'] <= to) {
      ctx.out.note(`warning: Kalshi moved its historical cutoff during the export (${iso(identity['cutoff'])} → ${iso(now)}); records between the two may be missing or repeated: re-run with --overwrite`);
    }
  }
  const summary = { out: opts.out, complete: finished, items: file.state.items, pages: file.state.pages, resumed, pacing };
  const paced = `paced on the ${pacing.tier} tier${pacing.from === 'account' ? ' (GET /account/limits)' : ''}`;
  if (ctx.out.json) ctx.out.printJson(summary);
  else if (finished) ctx.out.note(`wrote ${file.state.items} ${kind} in ${file.state.pages} pages to ${opts.out}, ${paced}`);
  else ctx.out.note(`stopped after ${file.state.pages} pages (${file.state.items} ${kind}), ${paced}; run the same command again to resume`);
  return interrupted ? EXIT_CODES.interrupted : EXIT_CODES.ok;
}

/** `kalshi history trades|fills|candles --from --to --out FILE.csv|.jsonl`. */
export function registerHistory(program: Command, run: RunWith): void {
  const history = program.command('history').description('export trades, fills or candles of a time window to CSV or JSONL, all pages, resumable');
  const kinds: Array<[Kind, string]> = [
    ['trades', 'public trades (of --ticker, or all markets)'],
    ['fills', 'your fills (signed)'],
    ['candles', 'candlesticks of --ticker (series looked up unless --series)'],
  ];
  for (const [kind, description] of kinds) {
    history
      .command(kind)
      .description(description)
      .option('--ticker <ticker>', 'market ticker')
      .requiredOption('--from <time>', 'window start: ISO date/time or Unix seconds', timeArg('--from'))
      .option('--to <time>', 'window end: ISO date/time or Unix seconds (default now, fixed at the first run)', timeArg('--to'))
      .requiredOption('--out <file>', 'output file, .csv or .jsonl')
      .option('--overwrite', 'replace an existing file or resume state')
      .addOption(new Option('--series <ticker>', 'series of the market (candles)').hideHelp(kind !== 'candles'))
      .addOption(new Option('--period <minutes>', 'candle period: 1, 60 or 1440').argParser(choiceArg('--period', ['1', '60', '1440'] as const)).default('60').hideHelp(kind !== 'candles'))
      .addOption(new Option('--page-size <n>', 'items per request').argParser(positiveInt('--page-size')).hideHelp())
      .addOption(new Option('--max-pages <n>', 'stop after this many pages (as if interrupted)').argParser(positiveInt('--max-pages')).hideHelp())
      .action(run((ctx, opts: HistoryOptions) => exportHistory(ctx, kind, opts)));
  }
}
