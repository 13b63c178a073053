import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';

/** One price level of the YES book. */
export interface LadderLevel {
  readonly price: Dollars;
  readonly size: Contracts;
}

/** The last public trade of the market. */
export interface LastTrade {
  readonly price: Dollars;
  readonly count: Contracts;
  readonly takerSide: string;
  readonly at: Date;
}

/** Everything one frame of `kalshi book --watch` shows. */
export interface LadderView {
  readonly ticker: string;
  readonly title: string;
  readonly environment: string;
  /** Best first: highest bid first, lowest ask first. */
  readonly bids: readonly LadderLevel[];
  readonly asks: readonly LadderLevel[];
  readonly spread: Dollars | undefined;
  readonly lastTrade: LastTrade | undefined;
  /** `live`, `connecting`, `resyncing (gap)`, `reconnecting`. */
  readonly status: string;
  /** How many times the book was rebuilt from a fresh snapshot. */
  readonly resyncs: number;
  readonly depth: number;
}

const pad = (text: string, width: number): string => text.padStart(width);

/**
 * The ladder as plain lines: a header, asks (highest at the top, best just above the middle),
 * the spread line, bids (best first), the last trade and the key help. Prices and sizes are
 * printed from the exact values (`toWire()`), never through floats.
 */
export function renderLadder(view: LadderView): string[] {
  const asks = view.asks.slice(0, view.depth).reverse();
  const bids = view.bids.slice(0, view.depth);
  const level = (side: string, l: LadderLevel): string => `  ${side}  ${pad(l.price.toWire(), 8)}  ${pad(l.size.toWire(), 12)}`;
  const trade = view.lastTrade;
  return [
    `${view.ticker}  ${view.title}  [${view.environment}]`,
    `status: ${view.status}   resyncs: ${view.resyncs}`,
    '',
    `  side  ${pad('price', 8)}  ${pad('contracts', 12)}`,
    ...(asks.length === 0 ? ['  ask   (no asks)'] : asks.map((l) => level('ask ', l))),
    `  ----  spread ${view.spread === undefined ? '-' : view.spread.toWire()}`,
    ...(bids.length === 0 ? ['  bid   (no bids)'] : bids.map((l) => level('bid ', l))),
    '',
    trade === undefined ? 'last trade: -' : `last trade: ${trade.price.toWire()} x ${trade.count.toWire()} (taker ${trade.takerSide}) at ${trade.at.toISOString().slice(11, 19)}Z`,
    'q: quit',
  ];
}
