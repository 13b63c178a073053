import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../support/client.js';
import { FakeKalshi, until } from '../support/fake-kalshi.js';
import { tradeMsg } from '../support/frames.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

describe('trade seq', () => {
  it('/websockets/public-trades: undocumented — a trade repeated with the same seq is a duplicate: dropped, with no gap', async () => {
    // Quote: "Public trade notifications when trades occur."
    // Undocumented: the page does not say what a repeated seq means. One trade is one notification, so a
    // frame whose seq was already delivered is dropped; counting it twice would corrupt volume figures.
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake);
    await client.connect();
    const session = await next;
    const trades = await client.subscribe({ channel: 'trade', market_tickers: ['T'] }, { iterate: false });
    const sid = trades.sid as number;
    const seen: Array<[string, number | undefined]> = [];
    const gaps: unknown[] = [];
    trades.on('message', (m) => seen.push([m.msg.trade_id, m.seq]));
    trades.on('gap', (g) => gaps.push(g));

    session.data(sid, 'trade', tradeMsg('a', 'T'), { seq: 1 });
    session.data(sid, 'trade', tradeMsg('b', 'T'), { seq: 2 });
    session.data(sid, 'trade', tradeMsg('b', 'T'), { seq: 2 });
    session.data(sid, 'trade', tradeMsg('c', 'T'), { seq: 3 });
    session.data(sid, 'trade', tradeMsg('e', 'T'), { seq: 5 });
    await until(() => seen.length >= 4, 'four trades');
    expect(seen).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['e', 5],
    ]);
    expect(gaps).toEqual([{ expected: 4, received: 5 }]);
    await client.close();
  });
});
