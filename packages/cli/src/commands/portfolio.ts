import { Dollars } from '@kalshi-sdk/fixed-point';
import { contracts, dollars, paginate, signedContracts, type components } from '@kalshi-sdk/rest';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { RunWith } from '../program.js';

type Fill = components['schemas']['Fill'];

/** A fill as a table row (shared with `kalshi fills`). */
export function fillRow(f: Fill): string[] {
  return [f.created_time ?? '', f.ticker, f.book_side, dollars(f, 'yes_price_dollars').toWire(), contracts(f, 'count_fp').toWire(), f.is_taker ? 'taker' : 'maker', dollars(f, 'fee_cost').toWire(), f.order_id];
}

export const FILL_HEAD = ['TIME', 'TICKER', 'SIDE', 'YES PRICE', 'COUNT', 'ROLE', 'FEE', 'ORDER ID'];

/** Every fill of `ticker` (or all), all pages. */
export async function allFills(ctx: CliContext, ticker: string | undefined): Promise<Fill[]> {
  const fills: Fill[] = [];
  const query = { limit: 200, ...(ticker === undefined ? {} : { ticker }) };
  for await (const page of paginate(ctx.rest('signed'), '/portfolio/fills', { params: { query } })) fills.push(...page.fills);
  return fills;
}

/** `kalshi portfolio balance|positions|fills|settlements`. */
export function registerPortfolio(program: Command, run: RunWith): void {
  const portfolio = program.command('portfolio').description('your balance, positions, fills and settlements');
  portfolio
    .command('balance')
    .description('cash balance and portfolio value')
    .action(
      run(async (ctx) => {
        const { data } = await ctx.rest('signed').GET('/portfolio/balance');
        if (ctx.out.json) return ctx.out.printJson(data);
        ctx.out.fields([
          ['balance', dollars(data, 'balance_dollars').toWire()],
          ['portfolio value', Dollars.fromCents(data.portfolio_value).toWire()],
        ]);
      }),
    );
  portfolio
    .command('positions')
    .description('market positions (non-zero), all pages')
    .option('--ticker <ticker>', 'only this market')
    .action(
      run(async (ctx, opts: { ticker?: string }) => {
        const positions: components['schemas']['MarketPosition'][] = [];
        const query = { limit: 1000, count_filter: 'position', ...(opts.ticker === undefined ? {} : { ticker: opts.ticker }) };
        for await (const page of paginate(ctx.rest('signed'), '/portfolio/positions', { params: { query } })) positions.push(...page.market_positions);
        if (ctx.out.json) return ctx.out.printJson(positions);
        ctx.out.table(
          ['TICKER', 'POSITION', 'EXPOSURE', 'REALIZED P&L', 'FEES'],
          positions.map((p) => [p.ticker, signedContracts(p, 'position_fp').toWire(), dollars(p, 'market_exposure_dollars').toWire(), dollars(p, 'realized_pnl_dollars').toWire(), dollars(p, 'fees_paid_dollars').toWire()]),
        );
      }),
    );
  portfolio
    .command('fills')
    .description('your fills, all pages')
    .option('--ticker <ticker>', 'only this market')
    .action(
      run(async (ctx, opts: { ticker?: string }) => {
        const fills = await allFills(ctx, opts.ticker);
        if (ctx.out.json) return ctx.out.printJson(fills);
        ctx.out.table(FILL_HEAD, fills.map(fillRow));
      }),
    );
  portfolio
    .command('settlements')
    .description('settled markets you held, all pages')
    .action(
      run(async (ctx) => {
        const settlements: components['schemas']['Settlement'][] = [];
        for await (const page of paginate(ctx.rest('signed'), '/portfolio/settlements', { params: { query: { limit: 200 } } })) settlements.push(...page.settlements);
        if (ctx.out.json) return ctx.out.printJson(settlements);
        ctx.out.table(
          ['SETTLED', 'TICKER', 'RESULT', 'YES', 'NO', 'REVENUE', 'FEE'],
          settlements.map((s) => [s.settled_time, s.ticker, s.market_result, contracts(s, 'yes_count_fp').toWire(), contracts(s, 'no_count_fp').toWire(), Dollars.fromCents(s.revenue).toWire(), dollars(s, 'fee_cost').toWire()]),
        );
      }),
    );
}
