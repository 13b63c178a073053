/**
 * Why an order book (or an orderbook subscription's stream) went stale and is being rebuilt.
 *
 * - `sequence_gap`: a `seq` was skipped.
 * - `out_of_order`: a `seq` at or below one already seen arrived.
 * - `buffer_overflow`: the subscription's iterator buffer overflowed; the buffered frames were
 *   discarded (counted in `discarded`) instead of dropped one by one.
 * - `connection_lost`: the connection dropped; the subscription is resubscribed on reconnect.
 * - `server_error`: Kalshi ended the subscription with a terminal error (10 or 25).
 * - `book_inconsistent`: a delta did not fit the book (a level would go negative, or a delta
 *   arrived for a market with no snapshot).
 * - `malformed_frame`: an orderbook frame whose fields do not parse.
 * - `requested`: `subscription.resync()` was called.
 */
export type ResyncReason =
  | 'sequence_gap'
  | 'out_of_order'
  | 'buffer_overflow'
  | 'connection_lost'
  | 'server_error'
  | 'book_inconsistent'
  | 'malformed_frame'
  | 'requested';

/**
 * Delivered in an orderbook subscription's stream (iterator and `on('resync')`) when its markets
 * went stale. Until each market's fresh `orderbook_snapshot` arrives, no deltas for it are
 * delivered; the snapshot replaces the market's state.
 */
export interface ResyncNotice {
  readonly type: 'resync';
  readonly reason: ResyncReason;
  /** The markets that went stale. */
  readonly marketTickers: readonly string[];
  /** Frames discarded from the iterator buffer (`buffer_overflow`); otherwise 0. */
  readonly discarded: number;
}
