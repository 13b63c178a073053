import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Duplex } from 'node:stream';
import { WriteQueue } from '../src/session/write-queue.js';

/** A sink whose write() returns false (high-water mark 1) and finishes a write only when `release()` says. */
function slowSink() {
  const written: number[] = [];
  const held: Array<() => void> = [];
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk[0]!);
      held.push(callback);
    },
  });
  return { sink: sink as unknown as Duplex, written, release: () => held.splice(0).forEach((cb) => cb()) };
}

const msg = (id: number, size = 10) => new Uint8Array(size).fill(id);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteQueue', () => {
  it('writes until write() returns false, then holds the rest in order until drain', async () => {
    const { sink, written, release } = slowSink();
    let drains = 0;
    const queue = new WriteQueue(sink, 25, () => drains++);
    queue.write(msg(1));
    queue.write(msg(2));
    queue.write(msg(3));
    expect(written).toEqual([1]);
    expect(queue.queuedBytes).toBe(20);
    expect(queue.full).toBe(false);
    queue.write(msg(4));
    expect(queue.full).toBe(true);
    for (let i = 0; i < 4; i++) {
      release();
      await tick();
    }
    expect(written).toEqual([1, 2, 3, 4]);
    expect(queue.queuedBytes).toBe(0);
    expect(drains).toBe(1);
  });

  it('reports no drain when nothing was held back', async () => {
    const { sink, release } = slowSink();
    let drains = 0;
    const queue = new WriteQueue(sink, 25, () => drains++);
    queue.write(msg(1));
    release();
    await tick();
    expect(drains).toBe(0);
  });

  it('flushAll hands everything held back to the transport at once', () => {
    const { sink, written, release } = slowSink();
    const queue = new WriteQueue(sink, 25, () => undefined);
    queue.write(msg(1));
    queue.write(msg(2));
    queue.write(msg(3));
    queue.flushAll();
    expect(queue.queuedBytes).toBe(0);
    release();
    // The sink takes its buffered writes one by one.
    for (let i = 0; i < 3; i++) release();
    expect(written).toEqual([1, 2, 3]);
  });
});
