import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWsRecorder, WS_RECORDING_FORMAT } from '../src/index.js';
import { clientFor } from './support/client.js';
import { FakeKalshi, until, WebSocket } from './support/fake-kalshi.js';

const dir = mkdtempSync(join(tmpdir(), 'ws-recorder-'));
const T = 'REC-A';
let fake: FakeKalshi;
beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

const lines = (text: string): any[] => text.trimEnd().split('\n').map((l) => JSON.parse(l));

async function recordSession(path: string, receiveTimes: number[], useDefault = false): Promise<any[]> {
  let i = 0;
  const recorder = await openWsRecorder(path, { now: () => receiveTimes[Math.min(i++, receiveTimes.length - 1)]! });
  fake.setBook(T, { yes: [['0.4000', '10.00']], no: [['0.5500', '3.00']] });
  const client = clientFor(fake, { WebSocket: useDefault ? await recorder.webSocket() : recorder.wrap(WebSocket as never) });
  await client.connect();
  const seen: string[] = [];
  await client.subscribe({ channel: 'orderbook_delta', market_tickers: [T] }, { iterate: false, on: { raw: (f) => seen.push(f.type) } });
  fake.delta(T, 'yes', '0.4100', '2.00');
  await until(() => seen.length === 2);
  await client.close();
  await recorder.close();
  expect(recorder.frames).toBeGreaterThanOrEqual(3);
  const raw = readFileSync(path);
  return lines(path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8'));
}

describe('WsRecorder', () => {
  it('writes a header line, then every received frame with its receive time, in order', async () => {
    const records = await recordSession(join(dir, 'session.jsonl'), [1_000, 1_001, 1_002, 1_003, 1_004]);
    expect(records[0]).toEqual({ format: WS_RECORDING_FORMAT, version: 1, started_ms: 1_000 });
    const frames = records.slice(1);
    expect(frames.map((r) => r.frame.type)).toEqual(['subscribed', 'orderbook_snapshot', 'orderbook_delta']);
    expect(frames.map((r) => r.t)).toEqual([1_001, 1_002, 1_003]);
    expect(frames[2].frame.msg).toMatchObject({ market_ticker: T, price_dollars: '0.4100', delta_fp: '2.00', side: 'yes' });
  });

  it('gzips the file when its name ends .gz (recording through the default WebSocket)', async () => {
    const path = join(dir, 'session.jsonl.gz');
    const records = await recordSession(path, [5, 6, 7, 8], true);
    expect(readFileSync(path).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(records.slice(1).map((r) => r.frame.type)).toEqual(['subscribed', 'orderbook_snapshot', 'orderbook_delta']);
  });

  it('keeps a frame that is not JSON as text, and a multi-line JSON frame on one line', async () => {
    const path = join(dir, 'odd.jsonl');
    const recorder = await openWsRecorder(path, { now: () => 42 });
    recorder.record('{"type":"ticker",\n"sid":1}');
    recorder.record('not json{');
    await recorder.close();
    recorder.record('{"type":"late"}');
    const records = lines(readFileSync(path, 'utf8'));
    expect(records.slice(1)).toEqual([
      { t: 42, frame: { type: 'ticker', sid: 1 } },
      { t: 42, text: 'not json{' },
    ]);
  });

  it('rejects with WS_CONFIG_INVALID naming the path option when the file cannot be opened', async () => {
    await expect(openWsRecorder(join(dir, 'no-such-dir', 'x.jsonl'))).rejects.toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'path' });
  });
});
