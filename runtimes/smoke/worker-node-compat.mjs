// The smoke program of Cloudflare workerd with nodejs_compat (bundled with node: imports left to the
// runtime, as wrangler does): @kalshi-sdk/ws over a fetch-upgrade WebSocket and @kalshi-sdk/fix over
// workerd's node:net, both handed the RSA PEM (their `#key-signer` imports sign with WebCrypto in a
// bundle without the `node` condition; workerd's node:crypto cannot sign RSA-PSS).
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
        ['ws', () => checkWs(ctx, { WebSocket: FetchUpgradeWebSocket })],
        ['fix', () => checkFix(ctx)],
      ],
      (line) => lines.push(line),
    );
    return new Response(lines.join('\n'));
  },
};
