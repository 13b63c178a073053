import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type KalshiWebSocketClient, OrderBookManager } from '../../src/index.js';
import { recordEvents } from '../support/client.js';
import { type Exchange, expectInStep, LINEAR, OrderFlow, rng, startExchange, TAPERED } from './support.js';

let ex: Exchange;
let client: KalshiWebSocketClient;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());
afterEach(async () => {
  ex.mock.exchange.faults.ws.delayFrames(0);
  await client.close();
});

async function tracked(): Promise<{ books: OrderBookManager; resynced: string[]; events: ReturnType<typeof recordEvents> }> {
  client = ex.ws();
  const events = recordEvents(client);
  await client.connect();
  const books = new OrderBookManager({ client });
  const resynced: string[] = [];
  books.on('resynced', (e) => resynced.push(`${e.book.marketTicker} ${e.reason}`));
  await books.track([LINEAR, TAPERED]);
  await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
  return { books, resynced, events };
}

describe('chaos against the mock exchange: each run ends with the local books equal to REST GET orderbook', () => {
  it('the connection is killed mid-stream', async () => {
    const { books, resynced, events } = await tracked();
    const flow = new OrderFlow(ex.engine, [ex.makerId, ex.takerId], [LINEAR, TAPERED], 1);
    for (let round = 1; round <= 2; round++) {
      await flow.run(200, {
        between: (i) => {
          if (i === 80) expect(ex.mock.exchange.faults.ws.dropConnections()).toBe(1);
        },
      });
      await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
      expect(events.filter(([e]) => e === 'resubscribed').length).toBe(round);
    }
    expect(resynced).toContain(`${LINEAR} connection_lost`);
  });

  it('a seq is skipped', async () => {
    const { books, resynced } = await tracked();
    await new OrderFlow(ex.engine, [ex.makerId, ex.takerId], [LINEAR, TAPERED], 2).run(300, {
      between: (i) => {
        if (i % 100 === 50) expect(ex.mock.exchange.faults.ws.skipSequence({ channel: 'orderbook_delta' })).toBe(1);
      },
    });
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    expect(resynced.filter((r) => r.endsWith('sequence_gap')).length).toBeGreaterThanOrEqual(3);
  });

  it('malformed frames arrive', async () => {
    const { books, events } = await tracked();
    await new OrderFlow(ex.engine, [ex.makerId, ex.takerId], [LINEAR, TAPERED], 3).run(300, {
      between: (i) => {
        if (i % 50 === 25) ex.mock.exchange.faults.ws.sendMalformedFrame();
      },
    });
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    const malformed = events.filter(([e, v]) => e === 'error' && (v as { code: string }).code === 'WS_MALFORMED_FRAME');
    expect(malformed.length).toBe(6);
  });

  it('error 25 (subscription buffer overflow) arrives', async () => {
    const { books, resynced } = await tracked();
    const sid = books.subscription?.sid;
    const errors: number[] = [];
    books.subscription?.on('error', (e) => errors.push(e.kalshiCode as number));
    await new OrderFlow(ex.engine, [ex.makerId, ex.takerId], [LINEAR, TAPERED], 4).run(300, {
      between: (i) => {
        if (i === 150) expect(ex.mock.exchange.faults.ws.overflowSubscription({ channel: 'orderbook_delta' })).toBe(1);
      },
    });
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    expect(errors).toEqual([25]);
    expect(books.subscription?.sid).not.toBe(sid);
    expect(resynced).toEqual([`${LINEAR} server_error`, `${TAPERED} server_error`]);
  });

  it('frames are delayed', async () => {
    const { books, resynced } = await tracked();
    const faults = ex.mock.exchange.faults.ws;
    await new OrderFlow(ex.engine, [ex.makerId, ex.takerId], [LINEAR, TAPERED], 5).run(300, {
      between: (i) => {
        if (i === 50) faults.delayFrames(25);
        if (i === 150) faults.delayFrames(5);
        if (i === 250) faults.delayFrames(0);
      },
    });
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    expect(resynced).toEqual([]);
  });

  it('soak: 10,000+ deltas with faults injected at random end with zero divergence', async () => {
    const { books, resynced, events } = await tracked();
    const faults = ex.mock.exchange.faults.ws;
    const random = rng(20_240_601);
    const injected = { drop: 0, skip: 0, malformed: 0, overflow: 0, delay: 0 };
    let applied = 0;
    books.on('update', () => applied++);
    const sentBefore = ex.sent.get('orderbook_delta') ?? 0;
    const flow = new OrderFlow(ex.engine, [ex.makerId, ex.takerId], [LINEAR, TAPERED], 6);
    while ((ex.sent.get('orderbook_delta') ?? 0) - sentBefore < 10_000) {
      await flow.run(200, {
        between: () => {
          if (random() > 1 / 120) return;
          const kind = (['drop', 'skip', 'malformed', 'overflow', 'delay'] as const)[Math.floor(random() * 5)] as keyof typeof injected;
          injected[kind]++;
          if (kind === 'drop') faults.dropConnections();
          else if (kind === 'skip') faults.skipSequence({ channel: 'orderbook_delta' });
          else if (kind === 'malformed') faults.sendMalformedFrame();
          else if (kind === 'overflow') faults.overflowSubscription({ channel: 'orderbook_delta' });
          else faults.delayFrames(injected.delay % 2 === 1 ? 10 : 0);
        },
      });
    }
    faults.delayFrames(0);
    await expectInStep(books, ex.rest, [LINEAR, TAPERED]);
    const sent = (ex.sent.get('orderbook_delta') ?? 0) - sentBefore;
    const counts = {
      steps: flow.steps,
      deltasSent: sent,
      framesApplied: applied,
      faults: injected,
      reconnects: events.filter(([e]) => e === 'resubscribed').length,
      resyncs: resynced.length,
      divergentBooks: 0,
    };
    console.info(`ws soak: ${JSON.stringify(counts)}`);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });
});
