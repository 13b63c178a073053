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

/**
 * Kalshi answers commands in order, and a repeated subscribe joins the existing sid. A subscribe
 * sent before an `unsubscribe` of that sid is answered with the sid the `unsubscribe` then ends:
 * the new subscription must not be left on a dead sid.
 */
describe('a subscribe merged into a sid that is being unsubscribed', () => {
  /** Subscribes `on` to LINEAR's book, recording its frames' types. */
  const recorder = () => {
    const seen: string[] = [];
    return { seen, on: { message: (m: ChannelMessage<'orderbook_delta'>) => seen.push(m.type) } };
  };

  /** `sub` has a snapshot, streams a new delta, and is the only subscription the server holds. */
  async function streamsAlone(sub: { readonly sid: number | undefined; readonly state: string }, seen: string[], price: string): Promise<void> {
    expect(sub.state).toBe('active');
    await until(() => seen.includes('orderbook_snapshot'), 'a snapshot for the new subscription');
    const before = seen.length;
    await ex.rest.POST('/portfolio/events/orders', bid(LINEAR, price));
    await until(() => seen.slice(before).includes('orderbook_delta'), 'a delta after the old sid was unsubscribed');
    expect(await client.listSubscriptions()).toEqual([{ channel: 'orderbook_delta', sid: sub.sid }]);
  }

  it('an aborted subscribe’s late reply does not take the next subscribe of the same market with it', async () => {
    const controller = new AbortController();
    const aborted = client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const { seen, on } = recorder();
    const sub = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, on });
    await streamsAlone(sub, seen, '0.3300');
    await sub.unsubscribe();
  });

  it('an unsubscribe sent after a subscribe of the same market leaves that subscription on a live sid', async () => {
    const first = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false });
    const oldSid = first.sid;
    const { seen, on } = recorder();
    const next = client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, on });
    await first.unsubscribe();
    const sub = await next;
    await until(() => sub.sid !== undefined && sub.sid !== oldSid, 'the subscription on a new sid');
    await streamsAlone(sub, seen, '0.3400');
    await sub.unsubscribe();
  });

  it('a delete_markets sent after a subscribe of that market leaves the market on the new subscription', async () => {
    const both = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR, TAPERED] }, { iterate: false });
    const tap = await client.subscribe({ channel: 'orderbook_delta', market_tickers: [TAPERED] }, { iterate: false });
    expect(tap.sid).toBe(both.sid);
    const { seen, on } = recorder();
    const next = client.subscribe({ channel: 'orderbook_delta', market_tickers: [LINEAR] }, { iterate: false, on });
    // `tap` still takes TAPERED, so this sends `delete_markets` for LINEAR after the subscribe.
    await both.unsubscribe();
    const sub = await next;
    expect(sub.sid).toBe(tap.sid);
    await until(() => seen.includes('orderbook_snapshot'), 'a snapshot of LINEAR');
    const before = seen.length;
    await ex.rest.POST('/portfolio/events/orders', bid(LINEAR, '0.3500'));
    await until(() => seen.slice(before).includes('orderbook_delta'), 'LINEAR still on the shared sid');
    await Promise.all([sub.unsubscribe(), tap.unsubscribe()]);
    expect(await client.listSubscriptions()).toEqual([]);
  });
});
