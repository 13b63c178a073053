import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage, KalshiWebSocketClient } from '../../src/index.js';
import { until } from '../support/fake-kalshi.js';
import { type Exchange, LINEAR, startExchange, TAPERED } from './support.js';

// The mock exchange merges a repeated subscribe into the existing subscription, so these
// Subscription objects share one sid (see test/conformance/changelog__index.test.ts).
let ex: Exchange;
let client: KalshiWebSocketClient;
beforeAll(async () => {
  ex = await startExchange();
  client = ex.ws();
  await client.connect();
});
afterAll(() => ex.close());

const bid = (ticker: string, price: string) => ({
  body: { ticker, side: 'bid' as const, price, count: '1.00', time_in_force: 'good_till_canceled' as const, self_trade_prevention_type: 'maker' as const },
});

async function sharedPair() {
  const seen = { lin: [] as string[], tap: [] as string[] };
  const rec = (into: string[]) => ({ message: (m: ChannelMessage<'orderbook_delta'>) => into.push(`${m.type} ${m.msg.market_ticker}`) });
  const lin = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, on: rec(seen.lin) });
  const tap = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [TAPERED] }, { iterate: false, on: rec(seen.tap) });
  expect(tap.sid).toBe(lin.sid);
  return { lin, tap, seen };
}

describe('subscriptions sharing a sid', () => {
  it('add_markets and delete_markets change only the member’s own list, and never take a market another member takes', async () => {
    const { lin, tap, seen } = await sharedPair();
    await tap.update({ action: 'add_markets', market_tickers: [LINEAR] });
    expect(tap.params.market_tickers).toEqual([TAPERED, LINEAR]);
    expect(lin.params.market_tickers).toEqual([LINEAR]);
    await until(() => seen.tap.includes(`orderbook_snapshot ${LINEAR}`), 'a snapshot of the added market');
    await tap.update({ action: 'delete_markets', market_tickers: [LINEAR] });
    expect(tap.params.market_tickers).toEqual([TAPERED]);
    const before = seen.lin.length;
    await ex.rest.POST('/portfolio/events/orders', bid(LINEAR, '0.3100'));
    await until(() => seen.lin.length > before, 'LINEAR still streaming to its first member');
    expect(seen.lin.at(-1)).toBe(`orderbook_delta ${LINEAR}`);
    await Promise.all([lin.unsubscribe(), tap.unsubscribe()]);
    expect(await client.listSubscriptions()).toEqual([]);
  });

  it('error 25 on a shared sid resubscribes every member, which share the new sid again', async () => {
    const { lin, tap, seen } = await sharedPair();
    const sid = lin.sid;
    expect(ex.mock.exchange.faults.ws.overflowSubscription({ channel: 'orderbook_delta' })).toBe(1);
    await until(() => lin.state === 'active' && tap.state === 'active' && lin.sid !== sid && tap.sid !== sid, 'both members back');
    expect(tap.sid).toBe(lin.sid);
    const [l, t] = [seen.lin.length, seen.tap.length];
    await ex.rest.POST('/portfolio/events/orders', bid(LINEAR, '0.3200'));
    await ex.rest.POST('/portfolio/events/orders', bid(TAPERED, '0.0970'));
    await until(() => seen.lin.slice(l).includes(`orderbook_delta ${LINEAR}`) && seen.tap.slice(t).includes(`orderbook_delta ${TAPERED}`), 'deltas on the new sid');
    expect(new Set(seen.lin.map((s) => s.split(' ')[1]))).toEqual(new Set([LINEAR]));
    expect(new Set(seen.tap.map((s) => s.split(' ')[1]))).toEqual(new Set([TAPERED]));
    await Promise.all([lin.unsubscribe(), tap.unsubscribe()]);
  });
});
