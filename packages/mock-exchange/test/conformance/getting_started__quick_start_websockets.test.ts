import { createPrivateKey } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SUBSCRIPTION_COMMAND_RATE, DEFAULT_SUBSCRIPTION_MARKET_LIMIT } from '../../src/index.js';
import { type TestUser, useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXQSWS');

afterEach(() =>
  file.h.mock.exchange.faults.ws.setSubscriptionLimits({
    marketsPerSubscription: DEFAULT_SUBSCRIPTION_MARKET_LIMIT,
    commandsPerWindow: DEFAULT_SUBSCRIPTION_COMMAND_RATE.commands,
    windowMs: DEFAULT_SUBSCRIPTION_COMMAND_RATE.windowMs,
  }),
);

it('/getting_started/quick_start_websockets: error 9 when a channel needs access the API key was not granted', async () => {
  // Quote: "| 9 | Authentication required | The requested channel or action requires authentication or channel access that was not granted. | Y |"
  // Quote /websockets/user-fills: "**Requirements:** - Authentication required"
  // Quote /websockets/websocket-connection: "Some channels carry only public market data, but the connection itself still requires authentication."
  // No page says which grant a channel needs: the simulator asks the broad `read` scope for user-data channels and nothing more for public ones.
  const generated = await file.h.rest(0).post('/api_keys/generate', { name: 'no-read', scopes: ['write::trade'], key_type: 'ed25519' });
  const privateKey = createPrivateKey(generated.body.private_key);
  const noRead: TestUser = { apiKeyId: generated.body.api_key_id, privateKey, publicKeyPem: '', signer: createNodeSigner(privateKey) };
  const ws = await file.h.ws(noRead);
  const refused = await ws.command('subscribe', { channels: ['fill'] });
  expect([refused.type, refused.msg]).toEqual(['error', { code: 9, msg: 'Authentication required' }]);
  expect((await ws.command('subscribe', { channels: ['trade'] })).type).toBe('subscribed');
});

it('/getting_started/quick_start_websockets: error 18 is about a command routed to an existing subscription', async () => {
  // Quote: "| 18 | Command timeout | The server timed out while routing a command to an existing subscription. | N |"
  const ticker = file.market();
  const ws = await file.h.ws(0);
  const sid = (await ws.command('subscribe', { channels: ['ticker'], market_ticker: ticker })).msg.sid;
  file.h.mock.exchange.faults.ws.timeOutNextCommand({ sid });
  // A new subscription is not routed to an existing one: the fault waits.
  expect((await ws.command('subscribe', { channels: ['trade'], market_ticker: ticker })).type).toBe('subscribed');
  const timedOut = await ws.command('update_subscription', { sids: [sid], action: 'delete_markets', market_tickers: [ticker] });
  expect([timedOut.type, timedOut.msg]).toEqual(['error', { code: 18, msg: 'Command timeout' }]);
});

it('/getting_started/quick_start_websockets: undocumented — error 26 when adding markets would pass the per-subscription market limit', async () => {
  // Undocumented: no page lists code 26 or the limit's size. Spec: asyncapi.yaml lists 26 for adding markets past a per-subscription market limit. The simulator's default limit is DEFAULT_SUBSCRIPTION_MARKET_LIMIT, settable for tests.
  file.h.mock.exchange.faults.ws.setSubscriptionLimits({ marketsPerSubscription: 1 });
  const [a, b] = [file.market(), file.market()];
  const ws = await file.h.ws(0);
  const sid = (await ws.command('subscribe', { channels: ['user_orders'], market_tickers: [a] })).msg.sid;
  const refused = await ws.command('update_subscription', { sids: [sid], action: 'add_markets', market_tickers: [b] });
  expect([refused.type, refused.msg]).toEqual(['error', { code: 26, msg: 'Subscription market limit exceeded' }]);
});

it('/getting_started/quick_start_websockets: undocumented — error 27 when one subscription gets commands faster than its rate limit', async () => {
  // Undocumented: no page lists code 27 or the rate. Spec: asyncapi.yaml lists 27 for a subscription past its command rate limit. The simulator counts commands routed to each subscription on its clock (default DEFAULT_SUBSCRIPTION_COMMAND_RATE).
  file.h.mock.exchange.faults.ws.setSubscriptionLimits({ commandsPerWindow: 1, windowMs: 60_000 });
  const ticker = file.market();
  const ws = await file.h.ws(1);
  const sid = (await ws.command('subscribe', { channels: ['ticker'], market_ticker: ticker })).msg.sid;
  expect((await ws.command('update_subscription', { sids: [sid], action: 'add_markets', market_tickers: [ticker] })).type).toBe('ok');
  const refused = await ws.command('update_subscription', { sids: [sid], action: 'add_markets', market_tickers: [ticker] });
  expect([refused.type, refused.msg]).toEqual(['error', { code: 27, msg: 'Too many requests' }]);
});
