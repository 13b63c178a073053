/**
 * Issue #13 over a real WebSocket to the mock exchange: `connect`, `listSubscriptions`,
 * `updateSubscription`, `unsubscribe` and `OrderBookManager.track` take an `AbortSignal`. An abort
 * rejects with the signal's reason and leaves no listener on it; an abort before anything was sent
 * sends nothing; the reply of a command sent before the abort is dropped when it comes (no stray
 * `error` event, no change to the subscription).
 */
import { getEventListeners } from 'node:events';
import type { KalshiLogger } from '@kalshi-sdk/auth/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KalshiWebSocketClient, type KalshiWsError, OrderBookManager } from '../../src/index.js';
import { type Exchange, LINEAR, startExchange, TAPERED } from './support.js';

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());

/**
 * A client whose command log aborts `controller` the moment a command named `cmd` is sent (after it is
 * pending, before its reply can come), recording every command sent and every client `error` event.
 */
function client(): {
  ws: KalshiWebSocketClient;
  sent: string[];
  errors: KalshiWsError[];
  abortOnSend(cmd: string, controller: AbortController): void;
} {
  const sent: string[] = [];
  const errors: KalshiWsError[] = [];
  let trigger: { cmd: string; controller: AbortController } | undefined;
  const noop = (): void => undefined;
  const logger: KalshiLogger = {
    debug: (fields: unknown, message?: string) => {
      const cmd = (fields as { cmd?: string }).cmd;
      if (message !== 'WebSocket command' || cmd === undefined) return;
      sent.push(cmd);
      if (trigger?.cmd === cmd) trigger.controller.abort();
    },
    info: noop,
    warn: noop,
    error: noop,
  } as KalshiLogger;
  const ws = ex.ws({ logger });
  ws.on('error', (e) => errors.push(e));
  return { ws, sent, errors, abortOnSend: (cmd, controller) => (trigger = { cmd, controller }) };
}

const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

describe('connect({ signal })', () => {
  it('an aborted signal rejects with its reason and starts nothing', async () => {
    const { ws } = client();
    const reason = new Error('no time');
    await expect(ws.connect({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(ws.state).toBe('idle');
  });

  it('an abort while connecting rejects at once with the reason; the attempt goes on for other waiters', async () => {
    const { ws } = client();
    const controller = new AbortController();
    const connecting = ws.connect({ signal: controller.signal });
    const other = ws.connect();
    controller.abort();
    await expect(connecting).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners(controller.signal)).toBe(0);
    await other;
    expect(ws.state).toBe('open');
    await ws.close();
  });
});

describe('listSubscriptions({ signal })', () => {
  it('an abort while waiting for the connection sends nothing; an abort after sending drops the reply', async () => {
    const { ws, sent, errors, abortOnSend } = client();
    const early = new AbortController();
    const waitingToOpen = ws.listSubscriptions({ signal: early.signal });
    early.abort();
    await expect(waitingToOpen).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners(early.signal)).toBe(0);
    await ws.connect();
    expect(sent).toEqual([]);

    const late = new AbortController();
    abortOnSend('list_subscriptions', late);
    await expect(ws.listSubscriptions({ signal: late.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners(late.signal)).toBe(0);
    // The next command's reply comes after the abandoned one's: the client still works, nothing stray surfaced.
    expect(await ws.listSubscriptions()).toEqual([]);
    expect(sent).toEqual(['list_subscriptions', 'list_subscriptions']);
    expect(errors).toEqual([]);
    await ws.close();
  });
});

describe('updateSubscription(sub, params, { signal })', () => {
  it('an aborted signal sends nothing; an abort after sending drops the reply (an error reply raises no error event) and keeps the market list', async () => {
    const { ws, sent, errors, abortOnSend } = client();
    const sub = await ws.subscribe({ channel: 'ticker', market_tickers: [LINEAR] }, { iterate: false });
    const reason = new Error('stop');
    await expect(ws.updateSubscription(sub, { action: 'add_markets', market_tickers: [TAPERED] }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toEqual(['subscribe']);

    // The exchange answers this one with an error (no such market), after the abort.
    const controller = new AbortController();
    abortOnSend('update_subscription', controller);
    await expect(ws.updateSubscription(sub, { action: 'add_markets', market_tickers: ['KXNO-SUCH-MARKET'] }, { signal: controller.signal })).rejects.toBe(
      controller.signal.reason,
    );
    expect(listeners(controller.signal)).toBe(0);

    // And this one with ok: the subscription does not take the markets of a reply it stopped waiting for.
    const again = new AbortController();
    abortOnSend('update_subscription', again);
    await expect(ws.updateSubscription(sub, { action: 'add_markets', market_tickers: [TAPERED] }, { signal: again.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await ws.listSubscriptions();
    expect(errors).toEqual([]);
    expect(sub.params.market_tickers).toEqual([LINEAR]);
    expect(sub.state).toBe('active');
    await ws.close();
  });
});

describe('unsubscribe(sub, { signal })', () => {
  it('an aborted signal leaves the subscription as it is; an abort while waiting ends it here and drops the reply', async () => {
    const { ws, errors, abortOnSend } = client();
    const sub = await ws.subscribe({ channel: 'ticker', market_tickers: [LINEAR] }, { iterate: false });
    const reason = new Error('not now');
    await expect(ws.unsubscribe(sub, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sub.state).toBe('active');
    expect(ws.subscriptions).toEqual([sub]);

    const controller = new AbortController();
    abortOnSend('unsubscribe', controller);
    await expect(ws.unsubscribe(sub, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners(controller.signal)).toBe(0);
    expect(sub.state).toBe('closed');
    expect(ws.subscriptions).toEqual([]);
    expect(await ws.listSubscriptions()).toEqual([]);
    expect(errors).toEqual([]);
    await ws.close();
  });
});

describe('OrderBookManager.track(tickers, { signal })', () => {
  it('an abort before the subscribed reply drops the subscription and the books; a later track works', async () => {
    const { ws, abortOnSend } = client();
    const books = new OrderBookManager({ client: ws });
    const reason = new Error('too slow');
    await expect(books.track([LINEAR], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(books.books.size).toBe(0);

    const controller = new AbortController();
    abortOnSend('subscribe', controller);
    await expect(books.track([LINEAR], { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners(controller.signal)).toBe(0);
    expect(books.books.size).toBe(0);
    expect(books.subscription).toBeUndefined();
    expect(ws.subscriptions).toEqual([]);
    // The `subscribed` reply still comes; the client unsubscribes the stray sid then. (A new subscribe of the
    // same market sent before that joins that sid and subscribes again once it is gone: shared-sid.test.ts.)
    await ws.listSubscriptions();
    expect(await ws.listSubscriptions()).toEqual([]);

    await books.track([LINEAR]);
    expect((await books.ready(LINEAR)).state).toBe('live');
    await ws.close();
  });

  it('an abort before the add_markets reply drops the new books and keeps the subscription as it was', async () => {
    const { ws, errors, abortOnSend } = client();
    const books = new OrderBookManager({ client: ws });
    await books.track([LINEAR]);
    const controller = new AbortController();
    abortOnSend('update_subscription', controller);
    await expect(books.track([TAPERED], { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(listeners(controller.signal)).toBe(0);
    expect([...books.books.keys()]).toEqual([LINEAR]);
    expect(books.subscription?.params.market_tickers).toEqual([LINEAR]);
    await ws.listSubscriptions();
    expect(errors).toEqual([]);
    expect((await books.ready(LINEAR)).state).toBe('live');
    await ws.close();
  });
});
