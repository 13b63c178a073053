// A request signed by hand with @kalshi-sdk/auth, sent with the runtime's own fetch: the mock
// verifies the KALSHI-ACCESS-SIGNATURE against the user's public key (401 when it does not match).
import { signRequest } from '@kalshi-sdk/auth/web';
import { expect } from './expect.mjs';

/** GET /portfolio/balance signed by `signer`; checks the mock accepted it and a tampered copy is refused. */
export async function expectSignedBalance(ctx, apiKeyId, signer, what) {
  const url = `${ctx.restUrl}/portfolio/balance`;
  const headers = await signRequest({ signer, apiKeyId, method: 'GET', path: url, timestampMs: Date.now() });
  const ok = await fetch(url, { headers: { ...headers } });
  expect(ok.status, 200, `${what}: signed GET /portfolio/balance status`);
  const body = await ok.json();
  expect(typeof body.balance_dollars, 'string', `${what}: balance_dollars`);
  const signature = headers['KALSHI-ACCESS-SIGNATURE'];
  const tampered = { ...headers, 'KALSHI-ACCESS-SIGNATURE': (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1) };
  const refused = await fetch(url, { headers: tampered });
  await refused.arrayBuffer();
  expect(refused.status, 401, `${what}: tampered signature status`);
}
