// The WebSocket smoke program of Cloudflare workerd (bundled with node: imports left to workerd's
// nodejs_compat, as wrangler does): @kalshi-sdk/ws over a fetch-upgrade WebSocket, the handshake
// signed with @kalshi-sdk/auth/web's WebCrypto signer (with the PEM itself the client signs through
// node:crypto, which fails in workerd with SIGN_FAILED).
import { FetchUpgradeWebSocket } from './fetch-upgrade-websocket.mjs';
import { runChecks } from './results.mjs';
import { checkWs } from './ws.mjs';

export default {
  async fetch(request) {
    const ctx = await request.json();
    const lines = [];
    await runChecks([['ws', () => checkWs(ctx, { WebSocket: FetchUpgradeWebSocket, webCryptoSigner: true })]], (line) => lines.push(line));
    return new Response(lines.join('\n'));
  },
};
