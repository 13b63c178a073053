/**
 * Nothing crashes the server over WebSocket: every channel of `CHANNELS` (computed, so a channel
 * added later is covered) gets subscribe, update_subscription and unsubscribe commands with
 * malformed parameters, plus frames that are no command at all. Every answer is validated against
 * asyncapi.yaml by the harness, every command with an id is answered, and the connection still
 * answers afterwards.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../src/ws/channels.js';
import { startHarness, type Frame, type Harness, type WsClient } from './support/harness.js';

let h: Harness;
let ws: WsClient;
beforeAll(async () => {
  h = await startHarness({ userCount: 1 });
  ws = await h.ws();
  // The harness's non-vacuity check counts REST answers.
  expect((await h.rest().get('/exchange/status')).status).toBe(200);
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const PARAM_KEYS = [
  'channels',
  'market_ticker',
  'market_tickers',
  'market_id',
  'market_ids',
  'index_ids',
  'underlying_tickers',
  'send_initial_snapshot',
  'skip_ticker_ack',
  'use_yes_price',
  'user_filter',
  'shard_factor',
  'shard_key',
  'sid',
  'sids',
  'action',
];
const ACTIONS = ['add_markets', 'delete_markets', 'get_snapshot', 'subscribe_indices', 'unsubscribe_indices', 'indexlist', 'subscribe_underlyings', 'unsubscribe_underlyings', 'underlying_list', 'explode', ''];
/** Values of every wrong kind, and a few right ones so deeper checks are reached too. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('KXMOCK-26DEC31-A', ['KXMOCK-26DEC31-A'], ['all'], ['BRTI'], [], [''], 0, -1, 101, 1e309, 'all', ...ACTIONS),
);
const params = fc.dictionary(fc.constantFrom(...PARAM_KEYS), value, { maxKeys: 6 });

/** Sends a command; resolves with its answer (every command with an id must get one). */
function send(cmd: string, p: unknown): Promise<Frame> {
  return ws.command(cmd, p as Record<string, unknown>);
}

async function stillAnswers(): Promise<void> {
  const answer = await ws.command('list_subscriptions');
  expect(answer.type).toBe('ok');
}

describe('WebSocket command fuzz', () => {
  it.each(CHANNELS.map((c) => [c]))('%s: malformed subscribe, update_subscription and unsubscribe parameters are answered', async (channel) => {
    await fc.assert(
      fc.asyncProperty(params, params, fc.jsonValue({ maxDepth: 2 }), async (subscribe, update, sids) => {
        const subscribed = await send('subscribe', { ...subscribe, channels: [channel] });
        expect(['subscribed', 'error', 'orderbook_snapshot', 'ticker']).toContain(subscribed.type);
        const sid = subscribed.type === 'subscribed' ? subscribed.msg.sid : 1;
        expect((await send('update_subscription', { sid, ...update })).type).not.toBe('subscribed');
        await send('unsubscribe', { sids });
        await send('unsubscribe', { sids: [sid] });
      }),
      { numRuns: 15, seed: 3 },
    );
    await stillAnswers();
  });

  it('frames that are no command (not JSON, not an object, unknown cmd, bad params) are answered and the connection stays', async () => {
    for (const raw of ['{', 'null', '[]', '42', '"subscribe"', '{"id":1}', '{"id":-5,"cmd":"subscribe"}', '{"id":2.5,"cmd":"subscribe","params":[]}', '\u0000']) ws.ws.send(raw);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('subscribe', 'unsubscribe', 'update_subscription', 'list_subscriptions', 'explode', ''), fc.jsonValue({ maxDepth: 2 }), async (cmd, p) => {
        const answer = await send(cmd, p);
        expect(['subscribed', 'unsubscribed', 'ok', 'error', 'orderbook_snapshot', 'ticker']).toContain(answer.type);
      }),
      { numRuns: 60, seed: 5 },
    );
    await stillAnswers();
    expect(ws.ws.readyState).toBe(ws.ws.OPEN);
  });
});
