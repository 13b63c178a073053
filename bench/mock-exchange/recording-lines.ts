/**
 * A generated WebSocket recording (JSONL, the format of `@kalshi-sdk/ws`'s recorder) for the replay
 * bench: one header, one snapshot, then `orderbook_delta` frames that add and remove size on 40
 * levels either side of a 1¢ spread, never crossing. Run as a script (`<path> <deltas>`), it
 * streams the recording into `path` (a FIFO, so a 10M-event replay needs no 1.5 GB file).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const REPLAY_TICKER = 'KXBENCH-26DEC31-R';

const price = (cents: number): string => `0.${String(cents).padStart(2, '0')}00`;

/** Unix ms of the first generated delta of Kalshi's shape; each next one is 1 ms later. */
const KALSHI_START_MS = 1_796_597_786_000;

/**
 * The recording's text in chunks of about `chunkLines` lines each. `kalshiShape`: each delta is
 * Kalshi's whole frame, in the order of Kalshi's example in asyncapi.yaml, with the members the
 * replay does not read (`sending_ts_ms` in the frame; `market_id`, `ts`, `ts_ms` in `msg`), one
 * delta a millisecond (so `ts`, in whole seconds, repeats for a thousand lines), as a live
 * recording has them; otherwise only `sid`, `seq` and the four members the replay reads.
 */
export function* recordingChunks(deltas: number, chunkLines = 4_096, kalshiShape = false): Generator<string> {
  const yes = Array.from({ length: 40 }, (_, i) => [price(10 + i), '100.00']);
  let chunk = `${JSON.stringify({ format: 'kalshi-ws-recording', version: 1, started_ms: 0 })}\n`;
  chunk += `${JSON.stringify({ t: kalshiShape ? KALSHI_START_MS : 0, frame: { type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: REPLAY_TICKER, yes_dollars_fp: yes, no_dollars_fp: yes } } })}\n`;
  let state = 1;
  for (let i = 0; i < deltas; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const side = state & 1 ? 'yes' : 'no';
    const cents = 10 + ((state >> 1) % 40);
    // Alternate adding and removing so levels stay near 100 contracts.
    const delta = i % 2 === 0 ? '5.00' : '-5.00';
    if (kalshiShape) {
      const ms = KALSHI_START_MS + i;
      const ts = `${new Date(ms - (ms % 1000)).toISOString().slice(0, 19)}Z`;
      chunk += `{"t":${ms + 3},"frame":{"type":"orderbook_delta","sending_ts_ms":${ms + 1},"sid":1,"seq":${i + 2},"msg":{"market_ticker":"${REPLAY_TICKER}","market_id":"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1","price_dollars":"${price(cents)}","delta_fp":"${delta}","side":"${side}","ts":"${ts}","ts_ms":${ms}}}}\n`;
    } else {
      chunk += `{"t":${i},"frame":{"type":"orderbook_delta","sid":1,"seq":${i + 2},"msg":{"market_ticker":"${REPLAY_TICKER}","price_dollars":"${price(cents)}","delta_fp":"${delta}","side":"${side}"}}}\n`;
    }
    if (i % chunkLines === chunkLines - 1) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Writes the recording to `path` (a file or a FIFO), waiting on the stream's backpressure; `kalshiShape` as for {@link recordingChunks}. */
export async function writeRecording(path: string, deltas: number, kalshiShape = false): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of recordingChunks(deltas, 4_096, kalshiShape)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeRecording(process.argv[2]!, Number(process.argv[3]));
}
