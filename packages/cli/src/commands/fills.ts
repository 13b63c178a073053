import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { RunWith } from '../program.js';
import { allFills, FILL_HEAD, fillRow } from './portfolio.js';

/** `kalshi fills --follow`: each new fill as it happens, over the WebSocket `fill` channel, until Ctrl-C. */
async function follow(ctx: CliContext, ticker: string | undefined): Promise<void> {
  const client = ctx.ws();
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await client.connect();
    await client.subscribe(
      { channel: 'fill', ...(ticker === undefined ? {} : { market_ticker: ticker }) },
      {
        iterate: false,
        on: {
          message: (m) => {
            const f = m.msg;
            if (ctx.out.json) return ctx.out.printJsonLine(f);
            ctx.out.line(
              `${new Date(f.ts * 1000).toISOString()}  ${f.market_ticker}  ${f.action} ${f.side}  ${m.contracts('count_fp').toWire()} @ ${m.dollars('yes_price_dollars').toWire()}  ${f.is_taker ? 'taker' : 'maker'}  fee ${m.dollars('fee_cost').toWire()}  order ${f.order_id}`,
            );
          },
        },
      },
    );
    ctx.out.note(`following fills${ticker === undefined ? '' : ` of ${ticker}`} (Ctrl-C stops)`);
    await stopped;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await client.close();
  }
}

/** `kalshi fills [--ticker T] [--follow]`. */
export function registerFills(program: Command, run: RunWith): void {
  program
    .command('fills')
    .description('your fills; --follow streams new ones over WebSocket')
    .option('--ticker <ticker>', 'only this market')
    .option('--follow', 'stream each new fill (one line, or one JSON object per line with --json) until Ctrl-C')
    .action(
      run(async (ctx, opts: { ticker?: string; follow?: boolean }) => {
        if (opts.follow === true) return follow(ctx, opts.ticker);
        const fills = await allFills(ctx, opts.ticker);
        if (ctx.out.json) return ctx.out.printJson(fills);
        ctx.out.table(FILL_HEAD, fills.map(fillRow));
      }),
    );
}
