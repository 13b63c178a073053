import { createWebSocketClient, type KalshiWebSocketClient, type WebSocketClientEvents, type WebSocketClientOptions } from '../../src/index.js';
import { API_KEY_ID, type FakeKalshi, testKeys } from './fake-kalshi.js';

/** A client for `fake` with fast reconnects and no keepalive unless `overrides` say otherwise. */
export function clientFor(fake: FakeKalshi, overrides: Partial<WebSocketClientOptions> = {}): KalshiWebSocketClient {
  return createWebSocketClient({
    apiKeyId: API_KEY_ID,
    privateKey: testKeys.privatePem,
    url: fake.url,
    commandTimeoutMs: 3000,
    reconnect: { initialDelayMs: 5, maxDelayMs: 40 },
    keepalive: false,
    ...overrides,
  } as WebSocketClientOptions);
}

/** Records every client event, in order. */
export function recordEvents(client: KalshiWebSocketClient): Array<{ [K in keyof WebSocketClientEvents]: [K, WebSocketClientEvents[K]] }[keyof WebSocketClientEvents]> {
  const log: Array<[keyof WebSocketClientEvents, unknown]> = [];
  for (const event of ['open', 'reconnecting', 'resubscribed', 'close', 'error'] as const) {
    client.on(event, (value) => log.push([event, value]));
  }
  return log as ReturnType<typeof recordEvents>;
}
