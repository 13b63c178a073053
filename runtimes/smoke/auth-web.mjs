// @kalshi-sdk/auth/web in this runtime: RSA and Ed25519 PEM keys imported with WebCrypto, signing
// requests the mock verifies.
import { createWebCryptoSigner } from '@kalshi-sdk/auth/web';
import { expect } from './expect.mjs';
import { expectSignedBalance } from './signed-fetch.mjs';

export async function checkAuthWeb(ctx) {
  const rsa = await createWebCryptoSigner(ctx.keys.rsa.pem);
  expect(rsa.algorithm, 'rsa-pss-sha256', 'WebCrypto signer algorithm for the RSA key');
  await expectSignedBalance(ctx, ctx.keys.rsa.apiKeyId, rsa, 'WebCrypto RSA');
  const ed = await createWebCryptoSigner(ctx.keys.ed25519.pem);
  expect(ed.algorithm, 'ed25519', 'WebCrypto signer algorithm for the Ed25519 key');
  await expectSignedBalance(ctx, ctx.keys.ed25519.apiKeyId, ed, 'WebCrypto Ed25519');
}
