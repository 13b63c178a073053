import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSessionStore } from '../src/store/file-store.js';
import { MemorySessionStore } from '../src/store/memory-store.js';
import type { FixSessionStore } from '../src/store/session-store.js';

const root = mkdtempSync(join(tmpdir(), 'kalshi-fix-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `s${n++}`);
const bytes = (text: string) => new TextEncoder().encode(text);
const texts = (store: FixSessionStore, begin: number, end: number) =>
  store.getOutbound(begin, end).map((m) => [m.seqNum, new TextDecoder().decode(m.bytes)]);

describe.each([
  ['MemorySessionStore', () => new MemorySessionStore()],
  ['FileSessionStore', () => FileSessionStore.open({ dir: freshDir(), name: 'k-KalshiRT' })],
] as const)('%s', (_name, make) => {
  it('starts at 1/1, keeps sequence numbers and messages, and resets', () => {
    const store = make();
    expect([store.nextSenderSeqNum, store.nextTargetSeqNum]).toEqual([1, 1]);
    store.setNextSenderSeqNum(5);
    store.setNextTargetSeqNum(9);
    store.saveOutbound(2, bytes('two'));
    store.saveOutbound(4, bytes('four'));
    store.saveOutbound(3, bytes('three'));
    expect(texts(store, 1, 10)).toEqual([
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
    ]);
    expect(texts(store, 3, 3)).toEqual([[3, 'three']]);
    store.reset();
    expect([store.nextSenderSeqNum, store.nextTargetSeqNum, store.getOutbound(1, 10).length]).toEqual([1, 1, 0]);
    store.close();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses sequence number %s', (bad) => {
    const store = make();
    expect(() => store.setNextSenderSeqNum(bad)).toThrow(expect.objectContaining({ code: 'FIX_STORE_BAD_SEQ_NUM' }));
    expect(() => store.setNextTargetSeqNum(bad)).toThrow(expect.objectContaining({ code: 'FIX_STORE_BAD_SEQ_NUM' }));
    store.close();
  });
});

describe('FileSessionStore on disk', () => {
  it('survives a reopen, replacing the sequence-number file atomically', () => {
    const dir = freshDir();
    const a = FileSessionStore.open({ dir, name: 'key/with:odd*chars' });
    a.setNextSenderSeqNum(12);
    a.setNextTargetSeqNum(30);
    a.saveOutbound(11, bytes('eleven'));
    a.close();
    expect(readdirSync(dir).sort()).toEqual(['key_with_odd_chars.messages', 'key_with_odd_chars.seqnums.json']);
    expect(JSON.parse(readFileSync(join(dir, 'key_with_odd_chars.seqnums.json'), 'utf8'))).toEqual({ nextSenderSeqNum: 12, nextTargetSeqNum: 30 });
    const b = FileSessionStore.open({ dir, name: 'key/with:odd*chars', fsync: true });
    expect([b.nextSenderSeqNum, b.nextTargetSeqNum]).toEqual([12, 30]);
    expect(texts(b, 1, 20)).toEqual([[11, 'eleven']]);
    b.saveOutbound(12, bytes('twelve'));
    b.close();
  });

  it('drops a message record cut short by a crash', () => {
    const dir = freshDir();
    const a = FileSessionStore.open({ dir, name: 's' });
    a.saveOutbound(1, bytes('whole'));
    a.close();
    appendFileSync(join(dir, 's.messages'), Uint8Array.from([0, 0, 0, 2, 0, 0, 0, 9, 65]));
    const b = FileSessionStore.open({ dir, name: 's' });
    expect(texts(b, 1, 5)).toEqual([[1, 'whole']]);
    b.saveOutbound(2, bytes('after'));
    b.close();
    const c = FileSessionStore.open({ dir, name: 's' });
    expect(texts(c, 1, 5)).toEqual([
      [1, 'whole'],
      [2, 'after'],
    ]);
    c.close();
  });

  it.each([['not json'], ['{"nextSenderSeqNum":0,"nextTargetSeqNum":1}'], ['{"nextSenderSeqNum":"2","nextTargetSeqNum":1}']])('refuses a corrupt sequence-number file: %s', (text) => {
    const dir = freshDir();
    FileSessionStore.open({ dir, name: 's' }).close();
    writeFileSync(join(dir, 's.seqnums.json'), text);
    expect(() => FileSessionStore.open({ dir, name: 's' })).toThrow(expect.objectContaining({ code: 'FIX_STORE_CORRUPT' }));
  });

  it('reports I/O failures with the system code', () => {
    const file = join(freshDir());
    writeFileSync(file, 'a file where a directory should be');
    expect(() => FileSessionStore.open({ dir: file, name: 's' })).toThrow(expect.objectContaining({ code: 'FIX_STORE_IO', causeCode: 'EEXIST' }));
  });
});
