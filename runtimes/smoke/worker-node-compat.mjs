// The smoke program of Cloudflare workerd with nodejs_compat (bundled with node: imports left to the
// runtime, as wrangler does): @kalshi-sdk/ws over a fetch-upgrade WebSocket, and @kalshi-sdk/fix over
// workerd's node:net. Both sign with @kalshi-sdk/auth/web's WebCrypto signer: handed the PEM itself,
// they sign through node:crypto, which fails in workerd (ws: SIGN_FAILED, fix: FIX_LOGON_SIGN_FAILED).
import { checkFix } from './fix.mjs';
import { FetchUpgradeWebSocket } from './fetch-upgrade-websocket.mjs';
import { runChecks } from './results.mjs';
import { checkWs } from './ws.mjs';

export default {
  async fetch(request) {
    const ctx = await request.json();
    const lines = [];
    await runChecks(
      [
        ['ws', () => checkWs(ctx, { WebSocket: FetchUpgradeWebSocket, webCryptoSigner: true })],
        ['fix', () => checkFix(ctx, { webCryptoSigner: true })],
      ],
      (line) => lines.push(line),
    );
    return new Response(lines.join('\n'));
  },
};
