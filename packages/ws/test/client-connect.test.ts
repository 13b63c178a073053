import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebSocketClient, KalshiWsError, type WebSocketClientOptions, WS_ENVIRONMENTS } from '../src/index.js';
import { clientFor } from './support/client.js';
import { API_KEY_ID, FakeKalshi, testKeys, WS_PATH } from './support/fake-kalshi.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

function codeOf(run: () => unknown): { code: string; option?: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KalshiWsError);
    const e = error as KalshiWsError;
    return { code: e.code, ...(e.option === undefined ? {} : { option: e.option }) };
  }
  throw new Error('did not throw');
}

describe('handshake', () => {
  it.each<[string, () => Partial<WebSocketClientOptions>]>([
    ['PEM text', () => ({ privateKey: testKeys.privatePem })],
    ['a KeyObject', () => ({ privateKey: testKeys.privateKey })],
    ['a Signer', () => ({ privateKey: undefined, signer: createNodeSigner(testKeys.privateKey) })],
  ])('signs timestamp + GET + path so the server verifies it (%s)', async (_name, credentials) => {
    const before = fake.handshakes.length;
    const client = clientFor(fake, credentials());
    await client.connect();
    const h = fake.handshakes[before];
    expect(h?.valid).toBe(true);
    expect(h?.key).toBe(API_KEY_ID);
    expect(h?.path).toBe(WS_PATH);
    expect(Math.abs(Number(h?.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(client.state).toBe('open');
    await client.close();
    expect(client.state).toBe('closed');
  });

  it('is refused with WS_HANDSHAKE_REJECTED and the HTTP status for a key the server does not know', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const client = clientFor(fake, { privateKey: other });
    await expect(client.connect()).rejects.toMatchObject({ code: 'WS_HANDSHAKE_REJECTED', status: 401 });
    expect(client.state).toBe('idle');
    expect(fake.handshakes[fake.handshakes.length - 1]?.valid).toBe(false);
  });

  it('fails with WS_CONNECT_FAILED when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server.close(() => r()));
    const client = clientFor(fake, { url: `ws://127.0.0.1:${port}${WS_PATH}` });
    await expect(client.connect()).rejects.toMatchObject({ code: 'WS_CONNECT_FAILED', causeCode: 'ECONNREFUSED' });
  });

  it('fails with WS_SIGNING_FAILED, naming the key problem but not the key, for a malformed key', async () => {
    const client = clientFor(fake, { privateKey: '-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n' });
    const error = (await client.connect().catch((e: unknown) => e)) as KalshiWsError;
    expect(error).toMatchObject({ code: 'WS_SIGNING_FAILED', causeCode: 'KEY_MALFORMED' });
    expect(error.message).not.toContain('not base64');
  });
});

describe('createWebSocketClient options', () => {
  const base = { apiKeyId: API_KEY_ID, privateKey: testKeys.privatePem };

  it.each<[string, { given: Record<string, unknown>; want: { code: string; option?: string } }]>([
    ['no apiKeyId', { given: { ...base, apiKeyId: '' }, want: { code: 'WS_CONFIG_INVALID', option: 'apiKeyId' } }],
    ['neither key nor signer', { given: { apiKeyId: API_KEY_ID }, want: { code: 'WS_CONFIG_INVALID', option: 'privateKey' } }],
    ['both key and signer', { given: { ...base, signer: createNodeSigner(testKeys.privateKey) }, want: { code: 'WS_CONFIG_INVALID', option: 'signer' } }],
    ['an unknown environment', { given: { ...base, environment: 'staging' }, want: { code: 'WS_CONFIG_INVALID', option: 'environment' } }],
    ['an http url', { given: { ...base, url: 'https://example.com/trade-api/ws/v2' }, want: { code: 'WS_CONFIG_INVALID', option: 'url' } }],
    ['a url whose path cannot be signed', { given: { ...base, url: 'wss://example.com/ws' }, want: { code: 'WS_CONFIG_INVALID', option: 'url' } }],
    ['a zero command timeout', { given: { ...base, commandTimeoutMs: 0 }, want: { code: 'WS_CONFIG_INVALID', option: 'commandTimeoutMs' } }],
    ['a bad heartbeat multiple', { given: { ...base, keepalive: { deadAfterHeartbeats: -1 } }, want: { code: 'WS_CONFIG_INVALID', option: 'keepalive.deadAfterHeartbeats' } }],
    ['a bad reconnect factor', { given: { ...base, reconnect: { factor: 0 } }, want: { code: 'WS_CONFIG_INVALID', option: 'reconnect.factor' } }],
  ])('refuses %s', (_name, { given, want }) => {
    expect(codeOf(() => createWebSocketClient(given as unknown as WebSocketClientOptions))).toEqual(want);
  });

  it.each<[string, { given: Partial<WebSocketClientOptions>; want: string }]>([
    ['demo by default', { given: {}, want: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2' }],
    ['production', { given: { environment: 'production' }, want: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2' }],
    ['demo', { given: { environment: 'demo' }, want: WS_ENVIRONMENTS.demo }],
    ['a url override', { given: { environment: 'production', url: 'ws://127.0.0.1:1/trade-api/ws/v2' }, want: 'ws://127.0.0.1:1/trade-api/ws/v2' }],
  ])('connects to %s', (_name, { given, want }) => {
    expect(createWebSocketClient({ ...base, ...given } as WebSocketClientOptions).url).toBe(want);
  });
});

describe('in a browser', () => {
  const g = globalThis as Record<string, unknown>;
  const saved = { window: g.window, document: g.document, WebSocket: g.WebSocket };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
  });

  it('refuses with WS_BROWSER_UNSUPPORTED, saying why and what to do', () => {
    g.window = globalThis;
    g.document = {};
    const error = (() => {
      try {
        createWebSocketClient({ apiKeyId: API_KEY_ID, privateKey: testKeys.privatePem });
      } catch (e) {
        return e as KalshiWsError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('WS_BROWSER_UNSUPPORTED');
    expect(error?.message).toMatch(/browsers cannot set headers on a WebSocket handshake/);
    expect(error?.message).toMatch(/Connect from a server runtime/);
  });

  it("refuses the browser's own WebSocket too, but accepts a header-capable implementation", () => {
    class BrowserSocket {}
    class ProxySocket {}
    g.window = globalThis;
    g.document = {};
    g.WebSocket = BrowserSocket;
    expect(codeOf(() => createWebSocketClient({ apiKeyId: API_KEY_ID, privateKey: testKeys.privatePem, WebSocket: BrowserSocket as never })).code).toBe(
      'WS_BROWSER_UNSUPPORTED',
    );
    expect(createWebSocketClient({ apiKeyId: API_KEY_ID, privateKey: testKeys.privatePem, WebSocket: ProxySocket as never }).state).toBe('idle');
  });
});
