/**
 * Profile driver for the replay: a generated recording of `[deltas]` `orderbook_delta` lines (as
 * the replay bench's; with `kalshi`, each line also carries Kalshi's unread `market_id`, `ts` and
 * `ts_ms`, as a live recording's do) replayed at `speed: 'max'` into a fresh simulator, twice.
 * `node --import tsx --cpu-prof --cpu-prof-dir=<dir> bench/mock-exchange/profile-replay.ts [deltas] [kalshi]`
 * (the README of the mock exchange lists where the time per delta goes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockExchange, startReplay } from '../../packages/mock-exchange/src/index.ts';
import { REPLAY_TICKER, writeRecording } from './recording-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'profile-replay-'));
const path = join(dir, 'deltas.jsonl');
const deltas = Number(process.argv[2] ?? 400_000);
try {
  await writeRecording(path, deltas, process.argv[3] === 'kalshi');
  for (let round = 0; round < 2; round++) {
    const mock = await startMockExchange({ markets: [{ ticker: REPLAY_TICKER, priceLevelStructure: 'linear_cent' }], pingIntervalMs: 0 });
    const before = process.cpuUsage();
    const stats = await startReplay(mock.exchange, { path, speed: 'max' }).done;
    const used = process.cpuUsage(before);
    console.log(`${stats.applied} frames: ${((stats.applied * 1e6) / (used.user + used.system)).toFixed(0)} per CPU second`);
    await mock.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
