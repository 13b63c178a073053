/**
 * Memory held by live order books (JS heap + ArrayBuffers), run as its own process by bench/ws.bench.ts:
 * `node --expose-gc --import tsx bench/ws/memory.ts <books> <levelsPerSide>`. Prints one JSON line.
 *
 * Each book is built from a parsed `orderbook_snapshot` with `levelsPerSide` YES and NO levels
 * (sub-cent prices on some, fractional counts on some). Everything but the books (frame texts,
 * tickers) exists before the first measurement, and the parsed frames are dropped before the
 * second, so the difference is what the books themselves keep alive.
 */
import { OrderBook, type OrderbookSnapshotPayload } from '../../packages/ws/src/index.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const [books = 1000, levels = 40] = process.argv.slice(2).map(Number);

const price4 = (cc: number): string => `0.${String(cc).padStart(4, '0')}`;
const tickers = Array.from({ length: books }, (_, i) => `KXMEM-26JAN02-T${String(i).padStart(5, '0')}`);
const texts = tickers.map((ticker, i) => {
  const side = (top: number): string[][] =>
    Array.from({ length: levels }, (_, k) => [price4(top - k * 50 - (i % 3 === 0 ? 5 : 0)), `${1 + ((i * 7 + k * 13) % 900)}.${k % 4 === 0 ? '50' : '00'}`]).reverse();
  const frame: OrderbookSnapshotPayload = {
    type: 'orderbook_snapshot',
    sid: 1,
    seq: i + 1,
    msg: { market_ticker: ticker, market_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, yes_dollars_fp: side(4950), no_dollars_fp: side(4900) },
  };
  return JSON.stringify(frame);
});

/** JS heap plus ArrayBuffer backing stores (a ladder's typed arrays live outside the JS heap). */
const settle = (): { heap: number; buffers: number } => {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
};

const before = settle();
const start = performance.now();
const live: OrderBook[] = [];
for (let i = 0; i < books; i++) {
  const book = new OrderBook({ marketTicker: tickers[i] as string });
  if (!book.applySnapshot(JSON.parse(texts[i] as string) as OrderbookSnapshotPayload)) throw new Error(`snapshot ${i} refused`);
  live.push(book);
}
const buildMs = performance.now() - start;
const after = settle();
const check = live.every((b) => b.state === 'live' && b.bids('yes').length === levels && b.bids('no').length === levels);
if (!check || texts.length !== books) throw new Error('books are not all live with every level');
console.log(
  JSON.stringify({ books, levelsPerSide: levels, heapBytes: after.heap - before.heap, arrayBufferBytes: after.buffers - before.buffers, buildMs }),
);
