import { createPrivateKey } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXDELKEY');

it('/api-reference/api-keys/delete-api-key: a deleted key is refused on REST and WebSocket from the next request', async () => {
  // Quote: "Once deleted, the key can no longer be used for authentication."
  const made = (await file.h.rest(0).post('/api_keys/generate', { name: 'short-lived' })).body;
  const privateKey = createPrivateKey(made.private_key as string);
  const key = { apiKeyId: made.api_key_id as string, privateKey, publicKeyPem: '', signer: createNodeSigner(privateKey) };
  expect((await file.h.rest(key).get('/portfolio/balance')).status).toBe(200);
  expect((await file.h.rest(0).delete(`/api_keys/${key.apiKeyId}`)).status).toBe(204);
  expect((await file.h.rest(key).get('/portfolio/balance')).status).toBe(401);
  await expect(file.h.ws(key)).rejects.toThrow(/401/);
  expect((await file.h.rest(0).delete(`/api_keys/${key.apiKeyId}`)).status).toBe(404);
});
