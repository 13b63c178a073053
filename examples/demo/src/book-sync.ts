import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { KalshiClient } from '@kalshi-sdk/rest';
import type { OrderBook, OrderBookManager } from '@kalshi-sdk/ws';

/** How long a WebSocket book may lag the REST view before the demo gives up. */
const SYNC_TIMEOUT_MS = 3_000;

/**
 * A ladder in one spelling, lowest price first: `0.4500×10.00 0.4700×5.00`. REST sends
 * `[price, count]` string pairs and the book's `toJSON()` the same shape; parsing both with
 * fixed-point makes `'0.47'` and `'0.4700'` compare equal.
 */
function canonical(levels: ReadonlyArray<ReadonlyArray<string>>): string {
  return levels
    .map((l) => ({ price: Dollars.parse(String(l[0])), size: Contracts.parse(String(l[1])) }))
    .sort((a, b) => a.price.cmp(b.price))
    .map((l) => `${l.price.toWire()}×${l.size.toWire()}`)
    .join(' ');
}

/**
 * Waits until the WebSocket book of `ticker` holds exactly the levels REST
 * `GET /markets/{ticker}/orderbook` returns now, and returns that book.
 *
 * Why wait at all: an order call's HTTP response and the `orderbook_delta` frames it caused travel
 * on two different connections, so the response can arrive first. Comparing with a REST snapshot
 * taken after the call is also the proof that the book built from snapshot + deltas is right.
 * @throws Error when the book does not match within {@link SYNC_TIMEOUT_MS}.
 */
export async function bookInSync(books: OrderBookManager, rest: KalshiClient, ticker: string): Promise<OrderBook> {
  const book = books.book(ticker);
  if (book === undefined) throw new Error(`${ticker} is not tracked`);
  const { data } = await rest.GET('/markets/{ticker}/orderbook', { params: { path: { ticker } } });
  const want = `${canonical(data.orderbook_fp.yes_dollars)} | ${canonical(data.orderbook_fp.no_dollars)}`;
  const matches = () => {
    const got = book.toJSON();
    return book.state === 'live' && `${canonical(got.yes_dollars_fp)} | ${canonical(got.no_dollars_fp)}` === want;
  };
  if (matches()) return book;
  return new Promise<OrderBook>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${ticker}: the WebSocket book did not match REST within ${SYNC_TIMEOUT_MS} ms`));
    }, SYNC_TIMEOUT_MS);
    const stop = books.on('update', () => {
      if (!matches()) return;
      clearTimeout(timer);
      stop();
      resolve(book);
    });
  });
}
