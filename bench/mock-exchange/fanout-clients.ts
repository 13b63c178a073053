/**
 * Worker thread of the WS fan-out benchmark: N plain `ws` clients, each subscribed to
 * `orderbook_delta` and `trade` on the benchmark's markets, counting every frame they receive
 * into a shared counter. They parse nothing once subscribed, so what the benchmark measures is
 * the simulator's side (serialise, sequence, write), not a client's JSON handling.
 *
 * Runs in its own thread so the clients do not share the event loop with the server.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/** What the main thread passes in `workerData`. */
export interface FanoutClientsInput {
  readonly url: string;
  /** One set of signed `KALSHI-ACCESS-*` handshake headers per client. */
  readonly headers: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly marketTickers: readonly string[];
  /** Int32 slot 0: frames received by all clients together. */
  readonly counter: SharedArrayBuffer;
}

/** Messages to the main thread. */
export type FanoutClientsMessage = { readonly type: 'ready' } | { readonly type: 'failed'; readonly error: string } | { readonly type: 'closed' };

/** The part of the `ws` client this worker uses. */
interface Socket {
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error' | 'unexpected-response', listener: (error: unknown) => void): void;
  send(text: string): void;
  close(): void;
}
type SocketClass = new (url: string, options: { headers: Readonly<Record<string, string>>; perMessageDeflate: boolean; skipUTF8Validation: boolean }) => Socket;

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// `ws` is a dependency of the mock exchange, not of the repository root.
const WebSocket = createRequire(join(root, 'packages/mock-exchange/package.json'))('ws') as SocketClass;

const input = workerData as FanoutClientsInput;
const port = parentPort!;
const received = new Int32Array(input.counter);
const post = (message: FanoutClientsMessage) => port.postMessage(message);

/** Both channels of one client confirmed (`subscribed` twice). */
let pending = input.headers.length;
const sockets = input.headers.map((headers) => {
  const socket = new WebSocket(input.url, { headers, perMessageDeflate: false, skipUTF8Validation: true });
  let confirmations = 0;
  socket.on('open', () =>
    socket.send(JSON.stringify({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta', 'trade'], market_tickers: input.marketTickers } })),
  );
  socket.on('message', (data) => {
    Atomics.add(received, 0, 1);
    // Only the first few frames are looked at: after its two confirmations a client just counts.
    if (confirmations < 2 && data.includes('"type":"subscribed"')) {
      confirmations++;
      if (confirmations === 2 && --pending === 0) post({ type: 'ready' });
    }
  });
  socket.on('error', (error) => post({ type: 'failed', error: String(error) }));
  socket.on('unexpected-response', () => post({ type: 'failed', error: 'handshake refused' }));
  return socket;
});

port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  let open = sockets.length;
  for (const socket of sockets) {
    socket.on('close', () => {
      if (--open === 0) {
        post({ type: 'closed' });
        port.close();
      }
    });
    socket.close();
  }
});
