import { createPrivateKey } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBSCRIPTION_COMMAND_RATE, DEFAULT_SUBSCRIPTION_MARKET_LIMIT } from '../src/index.js';
import { ManualClock, startHarness, type Frame, type Harness, type TestUser, type WsClient } from './support/harness.js';

const clock = new ManualClock();
let h: Harness;
const markets = ['KXWSE-A', 'KXWSE-B', 'KXWSE-C', 'KXWSE-D'];

beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: markets.map((ticker) => ({ ticker })), clock, pingIntervalMs: 0 });
});
afterEach(() => {
  h.mock.exchange.faults.ws.setSubscriptionLimits({
    marketsPerSubscription: DEFAULT_SUBSCRIPTION_MARKET_LIMIT,
    commandsPerWindow: DEFAULT_SUBSCRIPTION_COMMAND_RATE.commands,
    windowMs: DEFAULT_SUBSCRIPTION_COMMAND_RATE.windowMs,
  });
  h.assertConformance();
});
afterAll(() => h.close());

async function tickerSubscription(ws: WsClient, tickers: string[]): Promise<number> {
  const answer = await ws.command('subscribe', { channels: ['ticker'], market_tickers: tickers });
  expect(answer.type).toBe('subscribed');
  return answer.msg.sid as number;
}

const addMarkets = (ws: WsClient, sid: number, tickers: string[]): Promise<Frame> => ws.command('update_subscription', { sids: [sid], action: 'add_markets', market_tickers: tickers });

describe('error 9: Authentication required', () => {
  it('refuses a user-data channel to an API key whose scopes grant no read access, and serves it public channels', async () => {
    const generated = await h.rest(0).post('/api_keys/generate', { name: 'trade-only', scopes: ['write::trade'], key_type: 'ed25519' });
    expect(generated.status).toBe(201);
    const privateKey = createPrivateKey(generated.body.private_key);
    const tradeOnly: TestUser = { apiKeyId: generated.body.api_key_id, privateKey, publicKeyPem: '', signer: createNodeSigner(privateKey) };
    const ws = await h.ws(tradeOnly);
    for (const channel of ['fill', 'user_orders', 'market_positions', 'order_group_updates']) {
      const answer = await ws.command('subscribe', { channels: [channel] });
      expect([channel, answer.type, answer.msg]).toEqual([channel, 'error', { code: 9, msg: 'Authentication required' }]);
    }
    expect((await ws.command('subscribe', { channels: ['ticker'], market_ticker: markets[0] })).type).toBe('subscribed');
    expect((await ws.command('list_subscriptions')).msg).toEqual([{ channel: 'ticker', sid: 1 }]);
    // The same user's full-access key gets its fills.
    expect((await (await h.ws(0)).command('subscribe', { channels: ['fill'] })).type).toBe('subscribed');
  });
});

describe('error 18: Command timeout', () => {
  it('answers the next command routed to an existing subscription with 18 when the fault is set, without applying it', async () => {
    const ws = await h.ws(0);
    const sid = await tickerSubscription(ws, [markets[0]!]);
    h.mock.exchange.faults.ws.timeOutNextCommand({ apiKeyId: h.users[0]!.apiKeyId, sid });
    const timedOut = await addMarkets(ws, sid, [markets[1]!]);
    expect([timedOut.type, timedOut.msg]).toEqual(['error', { code: 18, msg: 'Command timeout' }]);
    const next = await addMarkets(ws, sid, [markets[2]!]);
    expect(next).toMatchObject({ type: 'ok', sid, msg: { market_tickers: [markets[0], markets[2]] } });
  });
});

describe('error 26: Subscription market limit exceeded', () => {
  it('refuses a subscribe, a repeated subscribe and an add_markets that would put a subscription past its market limit', async () => {
    h.mock.exchange.faults.ws.setSubscriptionLimits({ marketsPerSubscription: 2 });
    const ws = await h.ws(0);
    const tooMany = await ws.command('subscribe', { channels: ['ticker'], market_tickers: markets.slice(0, 3) });
    expect([tooMany.type, tooMany.msg]).toEqual(['error', { code: 26, msg: 'Subscription market limit exceeded' }]);
    const sid = await tickerSubscription(ws, markets.slice(0, 2));
    expect((await addMarkets(ws, sid, [markets[2]!])).msg.code).toBe(26);
    expect((await ws.command('subscribe', { channels: ['ticker'], market_tickers: [markets[3]] })).msg.code).toBe(26);
    // Markets already held do not count twice, and nothing was added.
    expect(await addMarkets(ws, sid, [markets[1]!])).toMatchObject({ type: 'ok', msg: { market_tickers: markets.slice(0, 2) } });
  });
});

describe('error 27: Too many requests', () => {
  it("refuses commands past a subscription's command rate, on the simulator's clock, per subscription", async () => {
    h.mock.exchange.faults.ws.setSubscriptionLimits({ commandsPerWindow: 3, windowMs: 1_000 });
    const ws = await h.ws(1);
    const sid = await tickerSubscription(ws, [markets[0]!]);
    const other = (await ws.command('subscribe', { channels: ['trade'], market_tickers: [markets[0]] })).msg.sid as number;
    for (const m of markets.slice(1, 4)) expect((await addMarkets(ws, sid, [m])).type).toBe('ok');
    const refused = await addMarkets(ws, sid, [markets[0]!]);
    expect([refused.type, refused.msg]).toEqual(['error', { code: 27, msg: 'Too many requests' }]);
    expect((await addMarkets(ws, other, [markets[1]!])).type).toBe('ok');
    clock.advance(1_000);
    expect(await addMarkets(ws, sid, [markets[0]!])).toMatchObject({ type: 'ok', sid });
  });
});
