import type { FixExecutionReport } from '@kalshi-sdk/fix';
import { Contracts, Dollars, type SignedContracts } from '@kalshi-sdk/fixed-point';
import type { OrderBook, PriceLevel } from '@kalshi-sdk/ws';

/** `$0.4700`, `-$3.1800`: exact, from the decimal itself (never via a JS number). */
export function usd(amount: Dollars): string {
  return amount.isNegative() ? `-$${amount.abs().toString()}` : `$${amount.toString()}`;
}

/** An order's side, limit price (dollars, YES price) and size (contracts), as `placeOrder` takes them. */
export interface Quote {
  readonly side: 'bid' | 'ask';
  readonly price: Dollars;
  readonly count: Contracts;
}

/**
 * A {@link Quote} from wire strings, parsed once: what is sent and what is printed are the same values.
 * @throws FixedPointError for a malformed price or count.
 */
export function quote(side: Quote['side'], price: string, count: string): Quote {
  return { side, price: Dollars.parse(price, 'price'), count: Contracts.parse(count, 'count') };
}

/** `bid 10.00 YES @ $0.4500`: a bid buys YES at the price, an ask sells YES (buys NO at $1 − price). */
export function orderText(q: Quote): string {
  return `${q.side} ${q.count.toWire()} YES @ ${usd(q.price)}`;
}

/** A net position in words: `6.00 YES`, `6.00 NO` (Kalshi reports NO holdings as negative), `flat`. */
export function holding(position: SignedContracts): string {
  if (position.isZero()) return 'flat';
  return `${position.abs().toWire()} ${position.isNegative() ? 'NO' : 'YES'}`;
}

/**
 * An ExecutionReport(8) in words: `new (new), leaves 5.00` for an acknowledgement;
 * `trade (filled): 5.00 @ $0.5200 (maker), cum 5.00, leaves 0.00, avg $0.5200` for a fill, from
 * LastQty(32), LastPx(31), AggressorIndicator(1057), CumQty(14), LeavesQty(151) and AvgPx(6).
 */
export function executionReportText(report: FixExecutionReport): string {
  const head = `${report.execType} (${report.ordStatus})`;
  const tail = `cum ${report.cumQty.toWire()}, leaves ${report.leavesQty.toWire()}`;
  if (report.lastQty === undefined || report.lastPx === undefined) return `${head}, ${tail}`;
  const role = report.message.body.AggressorIndicator === true ? 'taker' : 'maker';
  return `${head}: ${report.lastQty.toWire()} @ ${usd(report.lastPx)} (${role}), ${tail}, avg $${report.avgPx.toString()}`;
}

/** How many ticks from the best price {@link topOfBook} sums for its depth column. */
export const DEPTH_TICKS = 5;

/**
 * One line of live top-of-book from a WebSocket-maintained {@link OrderBook}: best YES bid and
 * ask (the ask is $1 − the best NO bid), the spread, and the contracts resting within
 * {@link DEPTH_TICKS} ticks of each best price, counted on the market's own tick grid.
 */
export function topOfBook(book: OrderBook): string {
  const level = (l: PriceLevel | undefined) => (l === undefined ? '—' : `${usd(l.price)} × ${l.size.toWire()}`);
  const spread = book.spread();
  const bidDepth = book.depth({ side: 'yes', of: 'bids', ticks: DEPTH_TICKS }).toWire();
  const askDepth = book.depth({ side: 'yes', of: 'asks', ticks: DEPTH_TICKS }).toWire();
  return [
    book.marketTicker.padEnd(20),
    `bid ${level(book.bestBid()).padEnd(17)}`,
    `ask ${level(book.bestAsk()).padEnd(17)}`,
    `spread ${(spread === undefined ? '—' : usd(spread)).padEnd(7)}`,
    `within ${DEPTH_TICKS} ticks: ${bidDepth} bid / ${askDepth} ask`,
  ].join('  ');
}
