import type { OrderbookDeltaPayload, OrderbookSnapshotPayload, TradePayload } from '../../src/index.js';

/** An `orderbook_snapshot` frame; levels are `[price_dollars, count_fp]`. */
export function snapshot(
  ticker: string,
  levels: { yes?: string[][]; no?: string[][] },
  seq = 1,
  sid = 1,
): OrderbookSnapshotPayload {
  return {
    type: 'orderbook_snapshot',
    sid,
    seq,
    msg: {
      market_ticker: ticker,
      market_id: `id-${ticker}`,
      ...(levels.yes === undefined ? {} : { yes_dollars_fp: levels.yes }),
      ...(levels.no === undefined ? {} : { no_dollars_fp: levels.no }),
    },
  };
}

/** An `orderbook_delta` frame. */
export function delta(ticker: string, side: 'yes' | 'no', price: string, deltaFp: string, seq = 2, sid = 1): OrderbookDeltaPayload {
  return {
    type: 'orderbook_delta',
    sid,
    seq,
    msg: { market_ticker: ticker, market_id: `id-${ticker}`, price_dollars: price, delta_fp: deltaFp, side },
  };
}

/** The `msg` of a `trade` frame: one contract at $0.50 on `ticker`. */
export function tradeMsg(id: string, ticker: string): TradePayload['msg'] {
  return {
    trade_id: id,
    market_ticker: ticker,
    yes_price_dollars: '0.5000',
    no_price_dollars: '0.5000',
    count_fp: '1.00',
    taker_side: 'yes',
    taker_outcome_side: 'yes',
    taker_book_side: 'bid',
    is_block_trade: false,
    ts: 1,
    ts_ms: 1000,
  };
}
