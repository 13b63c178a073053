import { Dollars, TickSchedule } from '@kalshi-sdk/fixed-point';
import { levels } from '@kalshi-sdk/rest';
import { OrderBookManager, type OrderBook } from '@kalshi-sdk/ws';
import type { Command } from 'commander';
import { renderLadder, type LastTrade, type LadderView } from '../book-screen.js';
import type { CliContext } from '../context.js';
import { positiveInt } from '../parse.js';
import type { RunWith } from '../program.js';
import { fetchMarket } from './market-data.js';

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';
const REDRAW_MS = 50;

/**
 * `kalshi book TICKER`: the REST order book once. Kalshi returns bids only; the YES asks are
 * $1 − each NO bid (/getting_started/orderbook_responses).
 */
async function bookOnce(ctx: CliContext, ticker: string, depth: number): Promise<void> {
  const market = await fetchMarket(ctx, ticker);
  const { data } = await ctx.rest().GET('/markets/{ticker}/orderbook', { params: { path: { ticker } } });
  if (ctx.out.json) return ctx.out.printJson(data.orderbook_fp);
  const yes = levels(data.orderbook_fp, 'yes_dollars').slice().sort((a, b) => b.price.cmp(a.price));
  const asks = levels(data.orderbook_fp, 'no_dollars')
    .map((l) => ({ price: Dollars.ONE.minus(l.price), size: l.size }))
    .sort((a, b) => a.price.cmp(b.price));
  const spread = yes[0] !== undefined && asks[0] !== undefined ? asks[0].price.minus(yes[0].price) : undefined;
  const view: LadderView = { ticker, title: market.title ?? '', environment: ctx.environment, bids: yes, asks, spread, lastTrade: undefined, status: 'snapshot', resyncs: 0, depth };
  for (const line of renderLadder(view).slice(0, -2)) ctx.out.line(line);
}

/** `kalshi book TICKER --watch`: a live ladder over WebSocket, redrawn in place until `q` or Ctrl-C. */
async function watchBook(ctx: CliContext, ticker: string, depth: number): Promise<void> {
  const market = await fetchMarket(ctx, ticker);
  const client = ctx.ws();
  const books = new OrderBookManager({ client, tickSchedule: () => TickSchedule.fromMarket(market) });
  const { stdout, stdin } = ctx.io;
  const tty = stdout.isTTY === true && !ctx.out.json;
  let status = 'connecting';
  let resyncs = 0;
  let lastTrade: LastTrade | undefined;
  let timer: NodeJS.Timeout | undefined;

  const view = (book: OrderBook | undefined): LadderView => ({
    ticker,
    title: market.title ?? '',
    environment: ctx.environment,
    bids: book?.bids('yes') ?? [],
    asks: book?.asks('yes') ?? [],
    spread: book?.spread('yes'),
    lastTrade,
    status,
    resyncs,
    depth,
  });
  const draw = (): void => {
    timer = undefined;
    const book = books.book(ticker);
    if (ctx.out.json) {
      ctx.out.printJsonLine({ ticker, status, resyncs, book: book?.toJSON() ?? null, spread: book?.spread('yes')?.toWire() ?? null, last_trade: lastTrade === undefined ? null : { price: lastTrade.price.toWire(), count: lastTrade.count.toWire(), taker_side: lastTrade.takerSide, ts: lastTrade.at.toISOString() } });
      return;
    }
    const lines = renderLadder(view(book));
    stdout.write(tty ? `\x1b[H${lines.map((l) => `${l}\x1b[K`).join('\n')}\x1b[J` : `${lines.join('\n')}\n\n`);
  };
  let closing = false;
  const redraw = (): void => {
    if (!closing) timer ??= setTimeout(draw, REDRAW_MS);
  };

  let quit!: () => void;
  const done = new Promise<void>((resolve) => (quit = resolve));
  const onKey = (data: Buffer | string): void => {
    const key = data.toString();
    if (key === 'q' || key === 'Q' || key === '\x03') quit();
  };
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
  if (tty) stdout.write(ENTER_SCREEN);
  if (stdin.isTTY === true && stdin.setRawMode !== undefined) stdin.setRawMode(true);
  stdin.on('data', onKey);
  stdin.resume();
  try {
    books.on('update', redraw);
    books.on('stale', ({ reason }) => {
      status = `RESYNCING (${reason})`;
      redraw();
    });
    books.on('resynced', () => {
      resyncs++;
      status = 'live';
      redraw();
    });
    client.on('reconnecting', () => {
      status = 'RECONNECTING';
      redraw();
    });
    await client.connect();
    await books.track([ticker]);
    await client.subscribe(
      { channel: 'trade', market_ticker: ticker },
      {
        iterate: false,
        on: {
          message: (t) => {
            lastTrade = { price: t.dollars('yes_price_dollars'), count: t.contracts('count_fp'), takerSide: t.msg.taker_side, at: new Date(t.msg.ts * 1000) };
            redraw();
          },
        },
      },
    );
    status = 'live';
    draw();
    await done;
  } finally {
    closing = true;
    if (timer !== undefined) clearTimeout(timer);
    stdin.off('data', onKey);
    if (stdin.isTTY === true && stdin.setRawMode !== undefined) stdin.setRawMode(false);
    stdin.pause();
    process.off('SIGINT', quit);
    process.off('SIGTERM', quit);
    if (tty) stdout.write(LEAVE_SCREEN);
    await books.close().catch(() => undefined);
    await client.close();
  }
}

/** `kalshi book TICKER [--watch] [--depth N]`. */
export function registerBook(program: Command, run: RunWith): void {
  program
    .command('book')
    .description('the order book of a market (YES ladder: bids, and asks derived from NO bids); --watch keeps it live over WebSocket')
    .argument('<ticker>', 'market ticker')
    .option('--watch', 'live ladder, redrawn in place, with the spread, the last trade and a resync indicator; q quits')
    .option('--depth <n>', 'levels shown on each side', positiveInt('--depth'), 10)
    .action(
      run(async (ctx, ticker: string, opts: { watch?: boolean; depth: number }) => {
        if (opts.watch === true) await watchBook(ctx, ticker, opts.depth);
        else await bookOnce(ctx, ticker, opts.depth);
      }),
    );
}
