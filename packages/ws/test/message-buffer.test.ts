import { describe, expect, it } from 'vitest';
import { MessageBuffer } from '../src/message-buffer.js';

describe('MessageBuffer', () => {
  it('is FIFO and refuses pushes beyond capacity', async () => {
    const b = new MessageBuffer<number>(2);
    expect([b.push(1), b.push(2), b.push(3)]).toEqual([true, true, false]);
    expect(await b.next()).toEqual({ value: 1, done: false });
    expect(b.push(4)).toBe(true);
    expect([await b.next(), await b.next()]).toEqual([
      { value: 2, done: false },
      { value: 4, done: false },
    ]);
  });

  it('hands an item straight to a waiting reader', async () => {
    const b = new MessageBuffer<string>(1);
    const waiting = b.next();
    expect(b.push('a')).toBe(true);
    expect(await waiting).toEqual({ value: 'a', done: false });
    expect(b.size).toBe(0);
  });

  it('drains, then finishes after end()', async () => {
    const b = new MessageBuffer<number>(4);
    b.push(1);
    b.end();
    expect(b.push(2)).toBe(false);
    expect([await b.next(), await b.next()]).toEqual([
      { value: 1, done: false },
      { value: undefined, done: true },
    ]);
  });

  it('drains, then throws after fail()', async () => {
    const b = new MessageBuffer<number>(4);
    b.push(1);
    b.fail(new Error('boom'));
    expect(await b.next()).toEqual({ value: 1, done: false });
    await expect(b.next()).rejects.toThrow('boom');
  });

  it('wakes a waiting reader on end() and on fail()', async () => {
    const ended = new MessageBuffer<number>(1);
    const a = ended.next();
    ended.end();
    expect(await a).toEqual({ value: undefined, done: true });
    const failed = new MessageBuffer<number>(1);
    const b = failed.next();
    failed.fail(new Error('x'));
    await expect(b).rejects.toThrow('x');
  });

  it('stays FIFO across compaction', async () => {
    const b = new MessageBuffer<number>(5000);
    for (let i = 0; i < 3000; i++) b.push(i);
    const out: number[] = [];
    for (let i = 0; i < 2000; i++) out.push((await b.next()).value as number);
    for (let i = 3000; i < 4000; i++) b.push(i);
    while (b.size > 0) out.push(b.shift() as number);
    expect(out).toEqual(Array.from({ length: 4000 }, (_, i) => i));
    expect(b.clear()).toBe(0);
  });
});
