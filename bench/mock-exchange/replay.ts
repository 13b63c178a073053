/**
 * Replay throughput: `orderbook_delta` frames per second of CPU from a recorded file (JSONL, the
 * format of `@kalshi-sdk/ws`'s recorder) into the engine, with `startReplay` at `speed: 'max'`,
 * and the file reader alone for comparison (where the time goes). The recording is generated:
 * one snapshot, then deltas that add and remove size on 40 levels either side of a 1¢ spread,
 * never crossing. Median of a few whole-file rounds, each into a fresh simulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecording, startMockExchange, startReplay } from '../../packages/mock-exchange/src/index.ts';
import { cpuNowMs, medianResult } from '../rounds.ts';
import type { BenchResult } from '../types.ts';

const GROUP = 'replay from a recorded file (orderbook_delta frames per CPU second)';
const TICKER = 'KXBENCH-26DEC31-R';
const DELTAS = 200_000;
const ROUNDS = 3;
/** The aim for a backtest feed. */
const TARGET_PER_SEC = 1_000_000;

function writeRecording(path: string): void {
  const lines = [JSON.stringify({ format: 'kalshi-ws-recording', version: 1, started_ms: 0 })];
  const price = (cents: number): string => `0.${String(cents).padStart(2, '0')}00`;
  // YES bids at 10..49¢, NO bids at 10..49¢ (YES asks at 51..90¢).
  const yes = Array.from({ length: 40 }, (_, i) => [price(10 + i), '100.00']);
  lines.push(JSON.stringify({ t: 0, frame: { type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: TICKER, yes_dollars_fp: yes, no_dollars_fp: yes } } }));
  let state = 1;
  for (let i = 0; i < DELTAS; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const side = state & 1 ? 'yes' : 'no';
    const cents = 10 + ((state >> 1) % 40);
    // Alternate adding and removing so levels stay near 100 contracts.
    const delta = i % 2 === 0 ? '5.00' : '-5.00';
    lines.push(`{"t":${i},"frame":{"type":"orderbook_delta","sid":1,"seq":${i + 2},"msg":{"market_ticker":"${TICKER}","price_dollars":"${price(cents)}","delta_fp":"${delta}","side":"${side}"}}}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export async function measureReplay(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const path = join(dir, 'deltas.jsonl');
  writeRecording(path);
  const replayRates: number[] = [];
  const readRates: number[] = [];
  let heapGrowthMb = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      let start = cpuNowMs();
      let frames = 0;
      for await (const record of readRecording(path)) if (record.frame !== undefined) frames++;
      readRates.push((frames * 1000) / (cpuNowMs() - start));

      const mock = await startMockExchange({ markets: [{ ticker: TICKER, priceLevelStructure: 'linear_cent' }], pingIntervalMs: 0 });
      const heapBefore = process.memoryUsage().heapUsed;
      start = cpuNowMs();
      const stats = await startReplay(mock.exchange, { path, speed: 'max' }).done;
      replayRates.push(((stats.applied - 1) * 1000) / (cpuNowMs() - start));
      heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
      await mock.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const replay = medianResult(GROUP, `startReplay, speed max: ${DELTAS.toLocaleString('en-US')} deltas into the engine`, replayRates, DELTAS * ROUNDS);
  const met = replay.opsPerSec >= TARGET_PER_SEC;
  return [
    { ...replay, floor: { minOpsPerSec: TARGET_PER_SEC, met }, notes: `heap after the last round's replay: ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb.toFixed(1)} MB (includes garbage not yet collected)` },
    medianResult(GROUP, 'reading and parsing the file alone (readRecording)', readRates, DELTAS * ROUNDS),
  ];
}
