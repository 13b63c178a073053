// @kalshi-sdk/ws in a browser page: a browser cannot set the KALSHI-ACCESS-* headers on a WebSocket
// handshake, so createWebSocketClient must refuse with WS_BROWSER_UNSUPPORTED and say what to do.
import { createWebSocketClient, KalshiWsError } from '@kalshi-sdk/ws';
import { expect, expectThrows } from './expect.mjs';

export async function checkWsBrowser(ctx) {
  const error = await expectThrows(
    () => createWebSocketClient({ url: ctx.wsUrl, credentials: { apiKeyId: ctx.keys.ed25519.apiKeyId, privateKey: ctx.keys.ed25519.pem } }),
    KalshiWsError,
    'createWebSocketClient in a browser page',
  );
  expect(error.code, 'WS_BROWSER_UNSUPPORTED', 'the error code');
  expect(error.option, 'WebSocket', 'the option the error names');
  expect(error.message.includes('Connect from a server runtime'), true, `the message says what to do (${error.message})`);
}
