// The smoke program of Cloudflare workerd with nodejs_compat (bundled with node: imports left to the
// runtime, as wrangler does): @kalshi-sdk/ws over a fetch-upgrade WebSocket, handed the RSA PEM (its
// `#key-signer` signs with WebCrypto in a bundle without the `node` condition), and
// @kalshi-sdk/fix over workerd's node:net. fix signs a PEM through node:crypto, which cannot sign
// RSA-PSS in workerd (see expectRsaPemLogonRefused): the cell checks that it refuses, then logs on
// with @kalshi-sdk/auth/web's WebCrypto signer.
import { checkFix, expectRsaPemLogonRefused } from './fix.mjs';
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
        [
          'fix',
          async () => {
            await expectRsaPemLogonRefused(ctx);
            await checkFix(ctx, { webCryptoSigner: true });
          },
        ],
      ],
      (line) => lines.push(line),
    );
    return new Response(lines.join('\n'));
  },
};
