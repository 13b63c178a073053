import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KalshiWsError } from '../src/index.js';
import { clientFor, recordEvents } from './support/client.js';
import { FakeKalshi, until } from './support/fake-kalshi.js';

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
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake, { keepalive: { heartbeatIntervalMs: 30, deadAfterHeartbeats: 2 } });
    const events = recordEvents(client);
    await client.connect();
    const silent = await next;
    const sub = await client.subscribe({ channel: 'ticker' });
    const reopened = fake.session(fake.sessions.length);
    await until(() => events.some(([e]) => e === 'resubscribed'), 'a reconnect');
    const reconnecting = events.find(([e]) => e === 'reconnecting')?.[1] as { error: KalshiWsError };
    expect(reconnecting.error.code).toBe('WS_HEARTBEAT_TIMEOUT');
    expect(events.find(([e]) => e === 'close')?.[1]).toMatchObject({ code: 4000, reason: 'heartbeat timeout', willReconnect: true });
    await until(() => silent.closed, 'the dead socket to be dropped');
    expect((await reopened).commands.map((c) => c.cmd)).toEqual(['subscribe']);
    expect(sub.state).toBe('active');
    await client.close();
  });

  it('stays up while pings arrive, even with no data', async () => {
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake, { keepalive: { heartbeatIntervalMs: 60, deadAfterHeartbeats: 3 } });
    const events = recordEvents(client);
    await client.connect();
    const session = await next;
    const pinger = setInterval(() => session.socket.ping('heartbeat'), 15);
    await until(() => session.pongs.length >= 30, '30 pongs');
    clearInterval(pinger);
    expect(events.map(([e]) => e)).toEqual(['open']);
    await client.close();
  });
});
