import { Duplex } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { FixSessionError } from '../src/session/errors.js';
import { FixSession } from '../src/session/session.js';
import { MemorySessionStore } from '../src/store/memory-store.js';
import { createMemoryDuplexPair } from '../src/transport/memory-duplex.js';
import { ManualClock } from './support/manual-clock.js';
import { flush, Peer } from './support/peer.js';

const API_KEY = 'key-bp';
const ORDER = { ClOrdID: 'c1', OrderQty: '10.00', OrdType: '2', Price: '56', Side: '1', Symbol: 'KXMOCK-26DEC31-A' } as const;

/**
 * The session's end of a connection whose `write()` returns false (a one-byte high-water mark)
 * and, while `gate()`d, does not finish writes (no 'drain') until `release()`: a slow TCP peer.
 */
function slowLink() {
  const [inner, server] = createMemoryDuplexPair();
  let gated = false;
  const held: Array<() => void> = [];
  const client = new Duplex({
    writableHighWaterMark: 1,
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      const pass = () => {
        inner.write(chunk);
        callback();
      };
      if (gated) held.push(pass);
      else pass();
    },
    final(callback) {
      inner.end();
      callback();
    },
    destroy(error, callback) {
      inner.destroy();
      callback(error);
    },
  });
  inner.on('data', (chunk: Uint8Array) => client.push(chunk));
  inner.on('end', () => client.push(null));
  return {
    client,
    server,
    gate: () => {
      gated = true;
    },
    release: () => {
      gated = false;
      for (const pass of held.splice(0)) pass();
    },
  };
}

async function loggedOn(maxWriteQueueBytes: number) {
  const clock = new ManualClock();
  const link = slowLink();
  const session = new FixSession({ role: 'initiator', senderCompId: API_KEY, targetCompId: 'KalshiRT', store: new MemorySessionStore(), clock, maxWriteQueueBytes });
  const peer = new Peer(link.server, 'KalshiRT', API_KEY, () => clock.now());
  const started = session.start(link.client);
  const logon = await peer.next('A');
  peer.send('A', { EncryptMethod: 0, HeartBtInt: logon.body.HeartBtInt, DefaultApplVerID: '9' });
  await started;
  await flush();
  return { clock, link, session, peer };
}

describe('backpressure: duplex.write() returning false', () => {
  it('stops writing until drain, queues in order, and refuses application sends past maxWriteQueueBytes with FIX_WRITE_QUEUE_FULL', async () => {
    const { clock, link, session, peer } = await loggedOn(400);
    const write = vi.spyOn(link.client, 'write');
    const drains: number[] = [];
    session.on('drain', () => drains.push(session.nextSenderSeqNum ?? 0));
    link.gate();

    const sent: number[] = [];
    let refused: unknown;
    for (let i = 0; i < 20 && refused === undefined; i++) {
      try {
        sent.push(session.send('D', { ...ORDER, ClOrdID: `c${i}` }));
      } catch (error) {
        refused = error;
      }
    }
    // One write reached the duplex (it answered false); the rest wait in the session's queue.
    expect(write).toHaveBeenCalledTimes(1);
    expect(refused).toBeInstanceOf(FixSessionError);
    expect(refused).toMatchObject({ code: 'FIX_WRITE_QUEUE_FULL' });
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.length).toBeLessThan(20);
    // The refused message took no sequence number.
    expect(session.nextSenderSeqNum).toBe(sent.at(-1)! + 1);

    // The session's own messages (here a Heartbeat) still queue past the bound instead of throwing.
    clock.advance(30_000);
    expect(write).toHaveBeenCalledTimes(1);
    expect(drains).toEqual([]);

    link.release();
    await flush();
    const orders = peer.all('D').map((m) => m.header.MsgSeqNum);
    expect(orders).toEqual(sent);
    expect(peer.all('0').map((m) => m.header.MsgSeqNum)).toEqual([sent.at(-1)! + 1]);
    expect(drains).toEqual([sent.at(-1)! + 2]);
    // Drained: sending works again.
    expect(session.send('D', { ...ORDER, ClOrdID: 'after' })).toBe(sent.at(-1)! + 2);
  });

  it('hands the queue to the transport before closing, so a Logout waiting on drain is not lost', async () => {
    const { link, session, peer } = await loggedOn(64 * 1024);
    link.gate();
    session.send('D', ORDER);
    session.send('D', { ...ORDER, ClOrdID: 'c2' });
    session.destroy();
    link.release();
    await flush();
    expect(peer.all('D').map((m) => m.body.ClOrdID)).toEqual(['c1', 'c2']);
  });
});
