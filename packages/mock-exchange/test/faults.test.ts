import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Frame, type Harness, type WsClient } from './support/harness.js';

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [], pingIntervalMs: 25 });
});
afterEach(() => {
  h.mock.exchange.faults.ws.delayFrames(0);
  h.assertConformance();
});
afterAll(() => h.close());

function market(): string {
  const ticker = `KXFAULT-26JAN01-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

let users = 0;

/** A fresh user with one connection subscribed to the book of a fresh market, so fault filters hit only it. */
async function bookStream(): Promise<{ ws: WsClient; sid: number; ticker: string; apiKeyId: string }> {
  const ticker = market();
  const apiKeyId = `fault-${++users}`;
  const ws = await h.ws(h.addUser(apiKeyId));
  const reply = await ws.command('subscribe', { channels: ['orderbook_delta'], market_ticker: ticker });
  await ws.waitFor((f) => f.type === 'orderbook_snapshot');
  return { ws, sid: reply.msg.sid, ticker, apiKeyId };
}

const deltas = (ws: WsClient, sid: number) => (f: Frame) => f.type === 'orderbook_delta' && f.sid === sid;

describe('WebSocket faults', () => {
  it('drops connections', async () => {
    const { ws, apiKeyId } = await bookStream();
    expect(h.mock.exchange.faults.ws.dropConnections({ apiKeyId })).toBe(1);
    expect(await ws.closed).toBe(1006);
  });

  it('skips a seq on the next message of matching subscriptions only', async () => {
    const a = await bookStream();
    const b = await bookStream();
    expect(h.mock.exchange.faults.ws.skipSequence({ apiKeyId: a.apiKeyId, channel: 'orderbook_delta' })).toBe(1);
    await h.rest(0).order({ ticker: a.ticker, side: 'bid', price: '0.40', count: '1' });
    await h.rest(0).order({ ticker: a.ticker, side: 'bid', price: '0.41', count: '1' });
    await h.rest(1).order({ ticker: b.ticker, side: 'bid', price: '0.40', count: '1' });
    expect((await a.ws.waitForCount(deltas(a.ws, a.sid), 2)).map((f) => f.seq)).toEqual([3, 4]);
    expect((await b.ws.waitFor(deltas(b.ws, b.sid))).seq).toBe(2);
  });

  it('sends a malformed frame and carries on', async () => {
    const { ws, sid, ticker, apiKeyId } = await bookStream();
    const before = h.conformance.counts.malformed;
    expect(h.mock.exchange.faults.ws.sendMalformedFrame({ apiKeyId })).toBe(1);
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' });
    await ws.waitFor(deltas(ws, sid));
    expect(ws.raw.filter((t) => !isJson(t))).toHaveLength(1);
    expect(h.conformance.counts.malformed).toBe(before + 1);
  });

  it('sends error 25 and ends the subscription', async () => {
    const { ws, sid, ticker, apiKeyId } = await bookStream();
    expect(h.mock.exchange.faults.ws.overflowSubscription({ sid, apiKeyId })).toBe(1);
    const error = await ws.waitFor((f) => f.type === 'error');
    expect(error).toMatchObject({ sid, seq: 2, msg: { code: 25 } });
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' });
    expect((await ws.command('list_subscriptions')).msg).toEqual([]);
    expect(ws.frames.filter(deltas(ws, sid))).toEqual([]);
  });

  it('delays frames, keeping their order', async () => {
    const { ws, sid, ticker } = await bookStream();
    h.mock.exchange.faults.ws.delayFrames(150);
    for (const price of ['0.40', '0.41', '0.42']) await h.rest(0).order({ ticker, side: 'bid', price, count: '1' });
    h.mock.exchange.faults.ws.delayFrames(0);
    await h.rest(0).order({ ticker, side: 'bid', price: '0.43', count: '1' });
    const frames = await ws.waitForCount(deltas(ws, sid), 4);
    expect(frames.map((f) => [f.seq, f.msg.price_dollars])).toEqual([
      [2, '0.4000'],
      [3, '0.4100'],
      [4, '0.4200'],
      [5, '0.4300'],
    ]);
    // Stamped when queued, received no earlier than the delay (a lower bound, not a speed check).
    expect(ws.arrivals[ws.frames.indexOf(frames[0])]! - frames[0].sending_ts_ms).toBeGreaterThanOrEqual(140);
  });

  it('pings every interval with a heartbeat body', async () => {
    const ws = await h.ws(0);
    const payload = await new Promise<string>((resolve) => ws.ws.once('ping', (data) => resolve(data.toString())));
    expect(payload).toBe('heartbeat');
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('REST faults', () => {
  const clock = new ManualClock();
  let m: Harness;
  beforeAll(async () => {
    m = await startHarness({ userCount: 2, clock });
  });
  afterEach(() => m.assertConformance());
  afterAll(() => m.close());

  it('answers 429 once a caller spends its read budget, and refills with time', async () => {
    m.mock.exchange.faults.rest.setRateLimit('basic');
    try {
      // Basic: 200 read tokens per second, 10 per request.
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await m.rest(0).get('/portfolio/balance')).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses[20]).toBe(429);
      // Buckets are per API key.
      expect((await m.rest(1).get('/portfolio/balance')).status).toBe(200);
      clock.advance(50);
      expect((await m.rest(0).get('/portfolio/balance')).status).toBe(200);
      expect((await m.rest(0).get('/portfolio/balance')).body).toEqual({ error: 'too many requests' });
    } finally {
      m.mock.exchange.faults.rest.setRateLimit(undefined);
    }
  });

  it('charges batch writes per item against the write budget', async () => {
    m.mock.exchange.faults.rest.setRateLimit('basic');
    try {
      const order = { ticker: 'KXMOCK-26DEC31-A', side: 'bid', price: '0.10', count: '1', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' };
      // Basic write bucket: 100 tokens; a batch of 10 creates costs 100.
      const batch = await m.rest(0).post('/portfolio/events/orders/batched', { orders: Array.from({ length: 10 }, () => order) });
      expect(batch.status).toBe(201);
      expect((await m.rest(0).post('/portfolio/events/orders', order)).status).toBe(429);
      // Reads use the other bucket.
      expect((await m.rest(0).get('/portfolio/orders')).status).toBe(200);
    } finally {
      m.mock.exchange.faults.rest.setRateLimit(undefined);
    }
  });

  it('fails the next requests with a scripted status', async () => {
    m.mock.exchange.faults.rest.failNextRequests({ status: 503, count: 2 });
    const order = { ticker: 'KXMOCK-26DEC31-A', side: 'bid', price: '0.10', count: '1' };
    expect((await m.rest(0).order(order)).status).toBe(503);
    expect((await m.rest(0).order(order)).status).toBe(503);
    expect((await m.rest(0).order(order)).status).toBe(201);
  });
});
