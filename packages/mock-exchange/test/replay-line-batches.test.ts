import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLineBatches, RECORDING_FORMAT } from '../src/replay/recording-reader.js';

const HEADER = JSON.stringify({ format: RECORDING_FORMAT, version: 1, started_ms: 0 });
/** A recording of `lines` frame lines of about 100 bytes each: more than one read chunk (1 MiB) for 20,000. */
function recording(lines: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'line-batches-')), 'r.jsonl');
  const frame = (i: number): string => `{"t":${i},"frame":{"type":"ticker","sid":1,"msg":{"market_ticker":"KXA-26-B","n":"${'x'.repeat(40)}"}}}`;
  writeFileSync(path, `${HEADER}\n${Array.from({ length: lines }, (_, i) => frame(i)).join('\n')}\n`);
  return path;
}

/**
 * Checks that the batches `readLineBatches` yields hold the recording's lines whole, in order and
 * numbered (each frame's `t` is its index): a line cut by a read is joined, none repeated.
 * @returns the lines and the batches read.
 */
async function readWholeLines(batches: AsyncIterable<{ readonly firstLine: number; readonly bytes: Buffer }>): Promise<{ lines: number; batches: number }> {
  let lines = 0;
  let count = 0;
  for await (const batch of batches) {
    expect(batch.firstLine).toBe(2 + lines);
    const texts = batch.bytes.toString('latin1').split('\n');
    expect(texts.pop()).toBe('');
    for (const [k, text] of texts.entries()) expect((JSON.parse(text) as { t: number }).t).toBe(lines + k);
    lines += texts.length;
    count++;
  }
  return { lines, batches: count };
}

describe('readLineBatches (the replay reading a recording a chunk of lines at a time)', () => {
  it('numbers each batch from the lines before it, counting them itself when its consumer did not', async () => {
    const { lines, batches } = await readWholeLines(readLineBatches(recording(20_000)));
    expect(batches).toBeGreaterThan(1);
    expect(lines).toBe(20_000);
  });

  it('reads a FIFO as its writer fills it, the reads (64 KiB at most) cut anywhere in a line', async () => {
    const text = readFileSync(recording(20_000));
    const fifo = join(mkdtempSync(join(tmpdir(), 'line-batches-')), 'r.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    // Written in pieces of 1,000 bytes, wherever in a line that falls.
    for (let at = 0; at < text.length; at += 1_000) writer.write(text.subarray(at, at + 1_000));
    writer.end();
    const { lines, batches } = await readWholeLines(readLineBatches(fifo));
    expect(lines).toBe(20_000);
    expect(batches).toBeGreaterThan(2);
  });

  it("takes the consumer's count of a batch's lines instead of counting them again", async () => {
    // The replay counts the lines it applies and hands the count back; the reader then does not scan the batch.
    const firstLines: number[] = [];
    for await (const batch of readLineBatches(recording(20_000))) {
      firstLines.push(batch.firstLine);
      batch.lineCount = 1_000_000;
    }
    expect(firstLines.length).toBeGreaterThan(1);
    expect(firstLines.slice(0, 2)).toEqual([2, 1_000_002]);
  });
});
