/**
 * Issue #13 item 5 over a real WebSocket to the mock exchange: subscription iterators and waits take an
 * `AbortSignal`, end with its reason and leave no listener behind; `OrderBookManager.ready` resolves when
 * a book is live, at once when it already is, and again after a resync.
 */
import { getEventListeners } from 'node:events';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrderBook, OrderBookManager } from '../../src/index.js';
import { type Exchange, LINEAR, startExchange, TAPERED } from './support.js';

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());

/** Places a resting maker bid straight into the engine (a book change, a `user_order`, …). */
function rest(cents: number): void {
  ex.engine.placeOrder(ex.makerId, {
    ticker: LINEAR,
    side: 'bid',
    price: Dollars.fromCents(cents),
    count: Contracts.parse('1'),
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'maker',
  });
}

/** Counts the listeners a book's `on` adds and the ones removed again. */
function countListeners(book: OrderBook): { added: number; removed: number } {
  const count = { added: 0, removed: 0 };
  const on = book.on.bind(book);
  book.on = ((event: never, listener: never) => {
    count.added++;
    const off = on(event, listener);
    return () => {
      count.removed++;
      off();
    };
  }) as typeof book.on;
  return count;
}

describe('subscription.messages({ signal })', () => {
  it('yields messages until the signal aborts, then rejects with its reason, stops buffering and removes its listener', async () => {
    const client = ex.ws();
    const sub = await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] });
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const m of sub.messages({ signal: controller.signal })) {
        seen.push(m.msg.order_id);
        if (seen.length === 2) controller.abort();
      }
    })();
    rest(11);
    rest(12);
    rest(13);
    const error = await reading.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
    expect(seen).toHaveLength(2);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(sub.state).toBe('active'); // aborting stops reading, not the subscription
    await client.close();
  });

  it('a pending next() rejects at once when the signal aborts; an already aborted signal never reads', async () => {
    const client = ex.ws();
    const sub = await client.subscribe({ channel: 'fill' });
    const controller = new AbortController();
    const it = sub.messages({ signal: controller.signal });
    const pending = it.next();
    controller.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
    expect(await it.next().catch((e: unknown) => (e as Error).message)).toBe('deadline');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const again = await client.subscribe({ channel: 'fill' });
    await expect(again.messages({ signal: AbortSignal.abort() }).next()).rejects.toMatchObject({ name: 'AbortError' });
    await client.close();
  });
});

describe('subscription.waitFor(predicate, { signal })', () => {
  it('resolves with the first matching message and removes its handlers; aborts with the reason; rejects when the subscription closes', async () => {
    const client = ex.ws();
    const sub = await client.subscribe({ channel: 'user_orders', market_tickers: [LINEAR] }, { iterate: false });
    const unused = new AbortController();
    const match = sub.waitFor((m) => m.msg.yes_price_dollars === '0.1500', { signal: unused.signal });
    rest(14);
    rest(15);
    expect((await match).msg.yes_price_dollars).toBe('0.1500');
    expect(getEventListeners(unused.signal, 'abort')).toHaveLength(0);

    const controller = new AbortController();
    const never = sub.waitFor(() => false, { signal: controller.signal });
    controller.abort();
    await expect(never).rejects.toMatchObject({ name: 'AbortError' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const closing = sub.waitFor(() => false).catch((e: unknown) => e);
    await sub.unsubscribe();
    expect(await closing).toMatchObject({ code: 'WS_SUBSCRIPTION_CLOSED' });
    await client.close();
  });
});

describe('OrderBookManager.ready(ticker, { signal })', () => {
  it('resolves when the book is live, at once when it already is, and waits again after a resync', async () => {
    const client = ex.ws();
    const books = new OrderBookManager({ client });
    await books.track([LINEAR]);
    const book = await books.ready(LINEAR);
    expect(book.state).toBe('live');
    expect(await books.ready(LINEAR)).toBe(book);

    const count = countListeners(book);
    books.subscription?.resync([LINEAR]);
    expect(book.state).toBe('stale');
    const unused = new AbortController();
    const again = books.ready(LINEAR, { signal: unused.signal });
    expect(await again).toBe(book);
    expect(book.state).toBe('live');
    expect(count).toEqual({ added: 1, removed: 1 });
    expect(getEventListeners(unused.signal, 'abort')).toHaveLength(0);
    await client.close();
  });

  it('ends with the signal’s reason, removing its listeners; refuses an untracked market; rejects when the manager closes', async () => {
    const client = ex.ws();
    const books = new OrderBookManager({ client });
    await books.track([LINEAR, TAPERED]);
    const book = await books.ready(LINEAR);
    const count = countListeners(book);
    books.subscription?.resync([LINEAR]);
    const controller = new AbortController();
    const waiting = books.ready(LINEAR, { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(count).toEqual({ added: 1, removed: 1 });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    await expect(books.ready('KXNOPE-1')).rejects.toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'marketTicker' });

    await books.ready(TAPERED);
    books.subscription?.resync([TAPERED]);
    const closing = books.ready(TAPERED).catch((e: unknown) => e);
    await books.close();
    expect(await closing).toMatchObject({ code: 'WS_SUBSCRIPTION_CLOSED', marketTickers: [TAPERED] });
    await client.close();
  });
});

describe('client.subscribe(params, { signal })', () => {
  it('rejects with the reason when the signal aborts before the reply, and leaves no subscription on either side', async () => {
    const client = ex.ws();
    await client.connect();
    const controller = new AbortController();
    const pending = client.subscribe({ channel: 'fill' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(client.subscriptions).toHaveLength(0);
    // The server's view, once the late `subscribed` reply has been answered with `unsubscribe`.
    let server = await client.listSubscriptions();
    for (let i = 0; i < 20 && server.length > 0; i++) server = await client.listSubscriptions();
    expect(server).toEqual([]);
    await expect(client.subscribe({ channel: 'fill' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    // Resolved before the abort: the signal no longer matters.
    const kept = new AbortController();
    const sub = await client.subscribe({ channel: 'fill' }, { signal: kept.signal });
    kept.abort();
    expect(sub.state).toBe('active');
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
    await client.close();
  });
});
