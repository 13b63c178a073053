import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KalshiWsError, type Resubscribed, type TradePayload, type WsMessage } from '../src/index.js';
import { clientFor, nextEvent, recordEvents } from './support/client.js';
import { FakeKalshi, until } from './support/fake-kalshi.js';
import { tradeMsg } from './support/frames.js';
import { ManualClock } from './support/manual-clock.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

const trade = (id: string) => tradeMsg(id, 'R');

describe('reconnect', () => {
  it('re-signs the handshake, resubscribes with the current params, and remaps sids under the same Subscription', async () => {
    fake.hook = undefined;
    const clock = new ManualClock();
    const first = fake.session(fake.sessions.length);
    const client = clientFor(fake, { clock });
    const events = recordEvents(client);
    await client.connect();
    const s1 = await first;
    const trades = await client.subscribe({ channel: 'trade', market_tickers: ['R'] });
    const fills = await client.subscribe({ channel: 'fill', market_ticker: 'R' });
    await fills.update({ action: 'add_markets', market_tickers: ['S'] });
    const oldSids = [trades.sid, fills.sid];
    const remaps: Array<{ previousSid: number; sid: number }> = [];
    trades.on('resubscribed', (r) => remaps.push(r));
    const ids: string[] = [];
    trades.on('message', (m) => ids.push(m.msg.trade_id));

    s1.data(trades.sid as number, 'trade', trade('before'));
    await until(() => ids.length === 1);
    const second = fake.session(fake.sessions.length);
    const dropped = nextEvent(client, 'reconnecting');
    const restored = nextEvent(client, 'resubscribed');
    s1.kill();
    clock.advance((await dropped).delayMs);
    const s2 = await second;
    await restored;

    const h1 = s1.handshake;
    const h2 = s2.handshake;
    expect([h1.valid, h2.valid]).toEqual([true, true]);
    expect(h2.signature).not.toBe(h1.signature);
    expect(Number(h2.timestamp)).toBeGreaterThanOrEqual(Number(h1.timestamp));
    expect(s2.commands.map((c) => c.params)).toEqual([
      { channels: ['trade'], market_tickers: ['R'] },
      { channels: ['fill'], market_tickers: ['R', 'S'] },
    ]);
    const newSids = [trades.sid, fills.sid];
    expect(newSids).toEqual([...s2.subs.keys()]);
    expect(newSids).not.toEqual(oldSids);
    expect(remaps).toEqual([{ previousSid: oldSids[0], sid: newSids[0] }]);

    s2.data(trades.sid as number, 'trade', trade('after'));
    await until(() => ids.length === 2);
    expect(ids).toEqual(['before', 'after']);
    const iterated: string[] = [];
    for await (const m of trades) {
      iterated.push((m as WsMessage<TradePayload>).msg.trade_id);
      if (iterated.length === 2) break;
    }
    expect(iterated).toEqual(['before', 'after']);

    const kinds = events.map(([e]) => e);
    expect(kinds).toEqual(['open', 'close', 'reconnecting', 'open', 'resubscribed']);
    const [, close, reconnecting, reopen, resubscribed] = events.map(([, v]) => v);
    expect(close).toMatchObject({ code: 1006, willReconnect: true });
    expect(reconnecting).toMatchObject({ attempt: 1, error: { code: 'WS_CONNECTION_LOST' } });
    expect(reopen).toMatchObject({ reconnect: true });
    const done = (resubscribed as unknown as { subscriptions: Resubscribed[] }).subscriptions;
    expect(done.map((r) => [r.subscription, r.previousSid, r.sid])).toEqual([
      [trades, oldSids[0], newSids[0]],
      [fills, oldSids[1], newSids[1]],
    ]);
    await client.close();
  });

  it('backs off while the server refuses, then recovers', async () => {
    fake.hook = undefined;
    const clock = new ManualClock();
    const first = fake.session(fake.sessions.length);
    const client = clientFor(fake, { clock, reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 } });
    const events = recordEvents(client);
    await client.connect();
    const sub = await client.subscribe({ channel: 'ticker' });
    fake.refuse = true;
    const restored = nextEvent(client, 'resubscribed');
    (await first).kill();
    const attempts = (): Array<{ attempt: number; delayMs: number }> =>
      events.filter(([e]) => e === 'reconnecting').map(([, v]) => v as { attempt: number; delayMs: number });
    for (let n = 1; n <= 4; n++) {
      await until(() => attempts().length === n, `attempt ${n}`);
      const { delayMs } = attempts()[n - 1] as { delayMs: number };
      const handshakes = fake.handshakes.length;
      clock.advance(delayMs - 1);
      // Not yet: the attempt is still a timer 1 ms away, so no handshake can have started.
      expect(clock.pending).toEqual([1]);
      expect(fake.handshakes.length).toBe(handshakes);
      if (n === 4) fake.refuse = false;
      clock.advance(1);
    }
    await restored;
    expect(attempts().slice(0, 4)).toEqual([
      expect.objectContaining({ attempt: 1, delayMs: 5 }),
      expect.objectContaining({ attempt: 2, delayMs: 10 }),
      expect.objectContaining({ attempt: 3, delayMs: 20 }),
      expect.objectContaining({ attempt: 4, delayMs: 20 }),
    ]);
    const failures = events.filter(([e]) => e === 'error').map(([, v]) => (v as KalshiWsError).code);
    expect(new Set(failures)).toEqual(new Set(['WS_HANDSHAKE_REJECTED']));
    expect([sub.state, client.state]).toEqual(['active', 'open']);
    await client.close();
  });

  it('gives up after maxAttempts with WS_RECONNECT_EXHAUSTED and fails the iterators', async () => {
    const clock = new ManualClock();
    const first = fake.session(fake.sessions.length);
    const client = clientFor(fake, { clock, reconnect: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } });
    const events = recordEvents(client);
    await client.connect();
    const sub = await client.subscribe({ channel: 'ticker' });
    const iteration = sub[Symbol.asyncIterator]().next();
    fake.refuse = true;
    (await first).kill();
    for (let n = 1; n <= 2; n++) {
      await until(() => events.filter(([e]) => e === 'reconnecting').length === n, `attempt ${n}`);
      clock.advance((events.filter(([e]) => e === 'reconnecting')[n - 1]?.[1] as { delayMs: number }).delayMs);
    }
    await expect(iteration).rejects.toMatchObject({ code: 'WS_RECONNECT_EXHAUSTED', attempts: 2 });
    fake.refuse = false;
    expect([client.state, sub.state]).toEqual(['idle', 'closed']);
    expect(events.filter(([e]) => e === 'reconnecting').length).toBe(2);
    expect(events.at(-1)?.[0]).toBe('error');
  });

  it('stays down with reconnect: false, ending iterators with WS_CONNECTION_LOST', async () => {
    const first = fake.session(fake.sessions.length);
    const client = clientFor(fake, { reconnect: false });
    const events = recordEvents(client);
    await client.connect();
    const sub = await client.subscribe({ channel: 'ticker' });
    const iteration = sub[Symbol.asyncIterator]().next();
    (await first).kill();
    await expect(iteration).rejects.toMatchObject({ code: 'WS_CONNECTION_LOST' });
    expect(events.map(([e, v]) => [e, (v as { willReconnect?: boolean }).willReconnect])).toEqual([
      ['open', undefined],
      ['close', false],
    ]);
    expect(client.state).toBe('idle');
  });

  it('keeps a subscribe issued while reconnecting and sends it once open', async () => {
    const clock = new ManualClock();
    const first = fake.session(fake.sessions.length);
    const client = clientFor(fake, { clock, reconnect: { initialDelayMs: 30, maxDelayMs: 30, jitter: 0 } });
    await client.connect();
    const second = fake.session(fake.sessions.length);
    (await first).kill();
    await nextEvent(client, 'reconnecting');
    expect(client.state).toBe('reconnecting');
    const subscribing = client.subscribe({ channel: 'trade', market_ticker: 'Q' });
    clock.advance(29);
    expect(clock.pending[0]).toBe(1); // the reconnect, still 1 ms away
    expect(client.state).toBe('reconnecting');
    clock.advance(1);
    const sub = await subscribing;
    expect((await second).commands).toEqual([{ id: 1, cmd: 'subscribe', params: { channels: ['trade'], market_ticker: 'Q' } }]);
    expect(sub.state).toBe('active');
    await client.close();
  });
});
