import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KalshiWsError } from '../src/index.js';
import { clientFor, nextEvent, recordEvents } from './support/client.js';
import { FakeKalshi, until } from './support/fake-kalshi.js';
import { ManualClock } from './support/manual-clock.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

describe('keepalive', () => {
  it("answers the server's heartbeat pings with pongs carrying the same body", async () => {
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake);
    await client.connect();
    const session = await next;
    for (let i = 0; i < 3; i++) session.socket.ping('heartbeat');
    await until(() => session.pongs.length === 3);
    expect(session.pongs).toEqual(['heartbeat', 'heartbeat', 'heartbeat']);
    await client.close();
  });

  it('treats a silent connection as dead after the configured multiple of the heartbeat, and reconnects', async () => {
    const clock = new ManualClock();
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake, { clock, keepalive: { heartbeatIntervalMs: 30, deadAfterHeartbeats: 2 } });
    const events = recordEvents(client);
    await client.connect();
    const silent = await next;
    // The 'subscribed' reply is the last sign of life, inside the first interval.
    const sub = await client.subscribe({ channel: 'ticker' });
    const reopened = fake.session(fake.sessions.length);
    clock.advance(89);
    expect(events.map(([e]) => e)).toEqual(['open']);
    clock.advance(1);
    expect(events.map(([e]) => e)).toEqual(['open', 'close', 'reconnecting']);
    const reconnecting = events.find(([e]) => e === 'reconnecting')?.[1] as { error: KalshiWsError; delayMs: number };
    expect(reconnecting.error.code).toBe('WS_HEARTBEAT_TIMEOUT');
    expect(events.find(([e]) => e === 'close')?.[1]).toMatchObject({ code: 4000, reason: 'heartbeat timeout', willReconnect: true });
    await until(() => silent.closed, 'the dead socket to be dropped');
    const restored = nextEvent(client, 'resubscribed');
    clock.advance(reconnecting.delayMs);
    await restored;
    expect((await reopened).commands.map((c) => c.cmd)).toEqual(['subscribe']);
    expect(sub.state).toBe('active');
    await client.close();
  });

  it('stays up while pings arrive, even with no data', async () => {
    const clock = new ManualClock();
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake, { clock, keepalive: { heartbeatIntervalMs: 60, deadAfterHeartbeats: 3 } });
    const events = recordEvents(client);
    await client.connect();
    const session = await next;
    // Ten heartbeat intervals, each with one ping: far past the three silent intervals that mean dead.
    for (let i = 1; i <= 10; i++) {
      session.socket.ping('heartbeat');
      await until(() => session.pongs.length === i, `pong ${i}`);
      clock.advance(60);
    }
    expect(events.map(([e]) => e)).toEqual(['open']);
    await client.close();
  });
});
