// @kalshi-sdk/auth's node:crypto signer in this runtime (Node, Bun, Deno), then its WebCrypto one.
import { createNodeSigner, loadPrivateKey } from '@kalshi-sdk/auth';
import { checkAuthWeb } from './auth-web.mjs';
import { expect } from './expect.mjs';
import { expectSignedBalance } from './signed-fetch.mjs';

export async function checkAuth(ctx) {
  expect(loadPrivateKey(ctx.keys.rsa.pem).asymmetricKeyType, 'rsa', 'loadPrivateKey(RSA PKCS#1)');
  expect(loadPrivateKey(ctx.keys.ed25519.pem).asymmetricKeyType, 'ed25519', 'loadPrivateKey(Ed25519 PKCS#8)');
  await expectSignedBalance(ctx, ctx.keys.rsa.apiKeyId, createNodeSigner(ctx.keys.rsa.pem), 'node:crypto RSA');
  await expectSignedBalance(ctx, ctx.keys.ed25519.apiKeyId, createNodeSigner(ctx.keys.ed25519.pem), 'node:crypto Ed25519');
  await checkAuthWeb(ctx);
}
