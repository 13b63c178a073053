import { Dollars, type FeeType } from '@kalshi-sdk/fixed-point';
import { amendOrder, contracts, dollars, paginate, placeOrder, validateOrderCount, validateOrderPrice, type components } from '@kalshi-sdk/rest';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { KalshiCliError } from '../errors.js';
import { orderCost } from '../order-cost.js';
import { choiceArg } from '../parse.js';
import type { RunWith } from '../program.js';
import { fetchMarket } from './market-data.js';

type Order = components['schemas']['Order'];
type Market = components['schemas']['Market'];

const TIF = { gtc: 'good_till_canceled', ioc: 'immediate_or_cancel', fok: 'fill_or_kill' } as const;

interface PlaceOptions {
  side: 'bid' | 'ask';
  price: string;
  count: string;
  tif: keyof typeof TIF;
  postOnly?: boolean;
  reduceOnly?: boolean;
  clientOrderId?: string;
  dryRun?: boolean;
}

/** The order, turning a 404 into "unknown order id". */
async function fetchOrder(ctx: CliContext, orderId: string): Promise<Order> {
  try {
    const { data } = await ctx.rest('signed').GET('/portfolio/orders/{order_id}', { params: { path: { order_id: orderId } } });
    return data.order;
  } catch (error) {
    if ((error as { kind?: string }).kind === 'not_found') throw new KalshiCliError('CLI_NOT_FOUND', `unknown order id ${JSON.stringify(orderId)}`, { cause: error });
    throw error;
  }
}

/** The series' fee type and multiplier for a market (event → series), for the dry-run fee. */
async function feesOf(ctx: CliContext, market: Market): Promise<{ feeType: FeeType | undefined; multiplier: Dollars | undefined }> {
  const { data: e } = await ctx.rest().GET('/events/{event_ticker}', { params: { path: { event_ticker: market.event_ticker } } });
  const { data: s } = await ctx.rest().GET('/series/{series_ticker}', { params: { path: { series_ticker: e.event.series_ticker } } });
  const multiplier = s.series.fee_multiplier;
  return { feeType: s.series.fee_type as FeeType, multiplier: Number.isFinite(multiplier) ? Dollars.parse(String(multiplier), 'fee_multiplier') : undefined };
}

function orderRow(o: Order): string[] {
  return [o.order_id, o.ticker, o.book_side, dollars(o, 'yes_price_dollars').toWire(), contracts(o, 'fill_count_fp').toWire(), contracts(o, 'remaining_count_fp').toWire(), o.status];
}

async function place(ctx: CliContext, ticker: string, opts: PlaceOptions): Promise<void> {
  const market = await fetchMarket(ctx, ticker);
  const price = validateOrderPrice(market, opts.price);
  const count = validateOrderCount(opts.count);
  if (opts.dryRun === true) {
    const { feeType, multiplier } = await feesOf(ctx, market);
    const { cost, maxFee } = orderCost(opts.side, price, count, feeType, multiplier);
    const result = { dry_run: true, ticker, side: opts.side, price: price.toWire(), count: count.toWire(), time_in_force: TIF[opts.tif], cost_dollars: cost.toWire(), max_fee_dollars: maxFee.toWire(), ticks: market.price_level_structure ?? null };
    if (ctx.out.json) return ctx.out.printJson(result);
    ctx.out.line(`dry run, nothing sent: ${opts.side} ${count.toWire()} ${ticker} @ ${price.toWire()} (${TIF[opts.tif]})`);
    ctx.out.line(`price on the market's ticks (${market.price_level_structure ?? 'default'}), count valid`);
    ctx.out.line(`cost ${cost.toWire()}, taker fee at most ${maxFee.toWire()}`);
    return;
  }
  const kalshi = ctx.rest('signed');
  await ctx.confirmWrite(`place ${opts.side} ${count.toWire()} ${ticker} @ ${price.toWire()}`);
  const placed = await placeOrder(kalshi, {
    market,
    side: opts.side,
    price,
    count,
    time_in_force: TIF[opts.tif],
    ...(opts.postOnly === true ? { post_only: true } : {}),
    ...(opts.reduceOnly === true ? { reduce_only: true } : {}),
    ...(opts.clientOrderId === undefined ? {} : { client_order_id: opts.clientOrderId }),
  });
  if (ctx.out.json) return ctx.out.printJson(placed);
  ctx.out.fields([
    ['order id', placed.order_id],
    ['client order id', placed.client_order_id ?? ''],
    ['filled', contracts(placed, 'fill_count').toWire()],
    ['resting', contracts(placed, 'remaining_count').toWire()],
  ]);
}

async function amend(ctx: CliContext, orderId: string, opts: { price?: string; count?: string }): Promise<void> {
  if (opts.price === undefined && opts.count === undefined) throw new KalshiCliError('CLI_USAGE', 'order amend needs --price, --count or both');
  const order = await fetchOrder(ctx, orderId);
  const market = await fetchMarket(ctx, order.ticker);
  const price = validateOrderPrice(market, opts.price ?? order.yes_price_dollars);
  // The new total: what already filled plus what should rest.
  const count = validateOrderCount(opts.count ?? contracts(order, 'fill_count_fp').plus(contracts(order, 'remaining_count_fp')).toWire());
  await ctx.confirmWrite(`amend order ${orderId} to ${count.toWire()} @ ${price.toWire()}`);
  const amended = await amendOrder(ctx.rest('signed'), orderId, { market, side: order.book_side, price, count });
  if (ctx.out.json) return ctx.out.printJson(amended);
  ctx.out.line(`amended ${orderId}: now ${amended.order_id}, ${count.toWire()} @ ${price.toWire()}`);
}

async function decrease(ctx: CliContext, orderId: string, opts: { by?: string; to?: string }): Promise<void> {
  if ((opts.by === undefined) === (opts.to === undefined)) throw new KalshiCliError('CLI_USAGE', 'order decrease needs exactly one of --by and --to');
  const body = opts.by !== undefined ? { reduce_by: validateOrderCount(opts.by, 'by').toWire() } : { reduce_to: contractsOrZero(opts.to!) };
  await ctx.confirmWrite(`decrease order ${orderId}`);
  try {
    const { data } = await ctx.rest('signed').POST('/portfolio/events/orders/{order_id}/decrease', { params: { path: { order_id: orderId } }, body });
    if (ctx.out.json) return ctx.out.printJson(data);
    ctx.out.line(`decreased ${orderId}: ${contracts(data, 'remaining_count').toWire()} resting`);
  } catch (error) {
    if ((error as { kind?: string }).kind === 'not_found') throw new KalshiCliError('CLI_NOT_FOUND', `unknown order id ${JSON.stringify(orderId)}`, { cause: error });
    throw error;
  }
}

/** `--to` may be 0 (cancel the rest); still a valid count. */
function contractsOrZero(raw: string): string {
  if (/^0+(\.0+)?$/.test(raw)) return '0.00';
  return validateOrderCount(raw, 'to').toWire();
}

async function cancel(ctx: CliContext, orderId: string): Promise<void> {
  await ctx.confirmWrite(`cancel order ${orderId}`);
  try {
    const { data } = await ctx.rest('signed').DELETE('/portfolio/events/orders/{order_id}', { params: { path: { order_id: orderId } } });
    if (ctx.out.json) return ctx.out.printJson(data);
    ctx.out.line(`cancelled ${data.order_id}, reduced by ${contracts(data, 'reduced_by').toWire()}`);
  } catch (error) {
    if ((error as { kind?: string }).kind === 'not_found') throw new KalshiCliError('CLI_NOT_FOUND', `unknown order id ${JSON.stringify(orderId)}`, { cause: error });
    throw error;
  }
}

async function list(ctx: CliContext, opts: { ticker?: string; status?: 'resting' | 'canceled' | 'executed' }): Promise<void> {
  const query = { limit: 200, ...(opts.ticker === undefined ? {} : { ticker: opts.ticker }), ...(opts.status === undefined ? {} : { status: opts.status }) };
  const orders: Order[] = [];
  for await (const page of paginate(ctx.rest('signed'), '/portfolio/orders', { params: { query } })) orders.push(...page.orders);
  if (ctx.out.json) return ctx.out.printJson(orders);
  ctx.out.table(['ORDER ID', 'TICKER', 'SIDE', 'YES PRICE', 'FILLED', 'RESTING', 'STATUS'], orders.map(orderRow));
}

/** `kalshi order place|amend|decrease|cancel|list`. */
export function registerOrder(program: Command, run: RunWith): void {
  const order = program.command('order').description('place, amend, decrease, cancel and list orders (V2 order endpoints; prices are YES-book prices)');
  order
    .command('place')
    .description('place a limit order; price and count are checked against the market before anything is sent')
    .argument('<ticker>', 'market ticker')
    .requiredOption('--side <side>', 'bid (buy YES) or ask (sell YES)', choiceArg('--side', ['bid', 'ask'] as const))
    .requiredOption('--price <dollars>', "limit price in dollars, on the market's ticks (0.45)")
    .requiredOption('--count <contracts>', 'contracts, a multiple of 0.01')
    .option('--tif <tif>', 'time in force: gtc, ioc or fok', choiceArg('--tif', ['gtc', 'ioc', 'fok'] as const), 'gtc')
    .option('--post-only', 'refuse to take liquidity')
    .option('--reduce-only', 'only reduce a position (needs --tif ioc)')
    .option('--client-order-id <id>', 'your id for the order (default a fresh UUID)')
    .option('--dry-run', 'check ticks and count and compute the cost and fee locally; send nothing')
    .action(run((ctx, ticker: string, opts: PlaceOptions) => place(ctx, ticker, opts)));
  order
    .command('amend')
    .description("change a resting order's price and/or total count (filled + resting)")
    .argument('<order-id>', 'order id')
    .option('--price <dollars>', 'new limit price')
    .option('--count <contracts>', 'new total count')
    .action(run((ctx, id: string, opts: { price?: string; count?: string }) => amend(ctx, id, opts)));
  order
    .command('decrease')
    .description("reduce a resting order's count")
    .argument('<order-id>', 'order id')
    .option('--by <contracts>', 'reduce by this many')
    .option('--to <contracts>', 'reduce to this many')
    .action(run((ctx, id: string, opts: { by?: string; to?: string }) => decrease(ctx, id, opts)));
  order
    .command('cancel')
    .description('cancel a resting order')
    .argument('<order-id>', 'order id')
    .action(run((ctx, id: string) => cancel(ctx, id)));
  order
    .command('list')
    .description('your orders (all pages)')
    .option('--ticker <ticker>', 'only this market')
    .option('--status <status>', 'resting, canceled or executed', choiceArg('--status', ['resting', 'canceled', 'executed'] as const))
    .action(run((ctx, opts: { ticker?: string; status?: 'resting' }) => list(ctx, opts)));
}
