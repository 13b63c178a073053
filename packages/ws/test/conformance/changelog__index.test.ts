import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../src/index.js';
import { clientFor } from '../support/client.js';
import { FakeKalshi, until } from '../support/fake-kalshi.js';
import { type Exchange, LINEAR, startExchange, TAPERED } from '../mock-exchange/support.js';

let ex: Exchange;
let fake: FakeKalshi;
beforeAll(async () => {
  [ex, fake] = await Promise.all([startExchange(), FakeKalshi.start()]);
});
afterAll(() => Promise.all([ex.close(), fake.close()]));

const bid = (ticker: string, price: string) => ({
  body: { ticker, side: 'bid' as const, price, count: '1.00', time_in_force: 'good_till_canceled' as const, self_trade_prevention_type: 'maker' as const },
});

/** What one orderbook subscription was handed: `type ticker` per message. */
function recorder(): { seen: string[]; on: { message: (m: ChannelMessage<'orderbook_delta'>) => void } } {
  const seen: string[] = [];
  return { seen, on: { message: (m) => seen.push(`${m.type} ${m.msg.market_ticker}`) } };
}

describe('repeated subscriptions', () => {
  it('/changelog/index: a repeated subscribe answered with the existing sid is merged: each Subscription keeps its own markets, and unsubscribing one leaves the other', async () => {
    // Quote: "Repeated subscriptions on the same websocket call will no longer error."
    // Quote: "If passing the same market tickers as before, no action will be taken."
    // Quote: "If passing new market tickers, they will be added to your existing subscription."
    const client = ex.ws();
    await client.connect();
    const a = recorder();
    const b = recorder();
    const c = recorder();
    const lin = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, on: a.on });
    const tap = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [TAPERED] }, { iterate: false, on: b.on });
    expect(tap.sid).toBe(lin.sid);
    expect(await client.listSubscriptions()).toEqual([{ channel: 'orderbook_delta', sid: lin.sid }]);

    // The same market again: Kalshi takes no action, so the client fetches the snapshot itself.
    const again = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, on: c.on });
    expect(again.sid).toBe(lin.sid);
    await until(() => c.seen.includes(`orderbook_snapshot ${LINEAR}`), 'a snapshot for the repeated market');

    await ex.rest.POST('/portfolio/events/orders', bid(LINEAR, '0.4100'));
    await ex.rest.POST('/portfolio/events/orders', bid(TAPERED, '0.0950'));
    await until(() => a.seen.includes(`orderbook_delta ${LINEAR}`) && b.seen.includes(`orderbook_delta ${TAPERED}`) && c.seen.includes(`orderbook_delta ${LINEAR}`), 'deltas');
    // The snapshot fetched for the repeated market reaches every member taking it; a snapshot replaces a book, so that is harmless.
    expect(a.seen).toEqual([`orderbook_snapshot ${LINEAR}`, `orderbook_snapshot ${LINEAR}`, `orderbook_delta ${LINEAR}`]);
    expect(b.seen).toEqual([`orderbook_snapshot ${TAPERED}`, `orderbook_delta ${TAPERED}`]);
    expect(c.seen).toEqual([`orderbook_snapshot ${LINEAR}`, `orderbook_delta ${LINEAR}`]);
    expect([lin.staleMarkets, tap.staleMarkets, again.staleMarkets]).toEqual([[], [], []]);

    // Unsubscribing a member must not end the shared sid: only its own market leaves it.
    await tap.unsubscribe();
    await again.unsubscribe();
    expect(await client.listSubscriptions()).toEqual([{ channel: 'orderbook_delta', sid: lin.sid }]);
    await ex.rest.POST('/portfolio/events/orders', bid(TAPERED, '0.0960'));
    await ex.rest.POST('/portfolio/events/orders', bid(LINEAR, '0.4200'));
    await until(() => a.seen.length === 4, 'a delta after the unsubscribe');
    expect(a.seen[3]).toBe(`orderbook_delta ${LINEAR}`);
    expect(lin.state).toBe('active');
    await client.close();
  });

  it('/changelog/index: a repeated subscribe answered with a new sid keeps two independent subscriptions', async () => {
    // Quote: "Repeated subscriptions on the same websocket call will no longer error."
    // The changelog's merge is one server behaviour; a server that opens a second sid must work as well.
    fake.setBook('M1', { yes: [['0.4000', '1.00']] });
    fake.setBook('M2', { yes: [['0.3000', '2.00']] });
    const next = fake.session(fake.sessions.length);
    const client = clientFor(fake);
    await client.connect();
    const session = await next;
    const a = recorder();
    const b = recorder();
    const one = await client.subscribe({ channel: 'orderbook_delta', market_tickers: ['M1'] }, { iterate: false, on: a.on });
    const two = await client.subscribe({ channel: 'orderbook_delta', market_tickers: ['M2'] }, { iterate: false, on: b.on });
    expect(one.sid).not.toBe(two.sid);
    fake.delta('M1', 'yes', '0.4000', '1.00');
    fake.delta('M2', 'yes', '0.3000', '1.00');
    await until(() => a.seen.length === 2 && b.seen.length === 2, 'deltas');
    expect([a.seen, b.seen]).toEqual([
      ['orderbook_snapshot M1', 'orderbook_delta M1'],
      ['orderbook_snapshot M2', 'orderbook_delta M2'],
    ]);
    await two.unsubscribe();
    expect(session.commands.at(-1)).toMatchObject({ cmd: 'unsubscribe', params: { sids: [two.sid ?? expect.any(Number)] } });
    expect([...session.subs.keys()]).toEqual([one.sid]);
    await client.close();
  });
});
