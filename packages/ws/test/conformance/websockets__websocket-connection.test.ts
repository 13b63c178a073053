import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebSocketClient, KalshiWsError } from '../../src/index.js';
import { FakeKalshi } from '../support/fake-kalshi.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await FakeKalshi.start();
});
afterAll(() => fake.close());

describe('authentication of the connection', () => {
  it('/websockets/websocket-connection: a client without credentials (none given, none in KALSHI_*) is refused locally, before any handshake', () => {
    // Quote: "Authentication is required to establish the connection; include API key headers during the WebSocket handshake."
    // Quote: "Some channels carry only public market data, but the connection itself still requires authentication."
    // So the check a REST client makes per operation is, for WebSocket, one check per client: even a
    // public channel (ticker) cannot be reached without a key, and the server's 401 is never needed.
    for (const name of ['KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY_PATH']) vi.stubEnv(name, '');
    try {
      const before = fake.handshakes.length;
      let error: unknown;
      try {
        createWebSocketClient({ url: fake.url, keepalive: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KalshiWsError);
      expect(error).toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'credentials' });
      expect((error as Error).message).toContain('every WebSocket connection, public channels included');
      expect(fake.handshakes.length).toBe(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
