import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXOWNKEY');

it('/api-reference/api-keys/create-api-key: only Premier usage level and above may register their own public key, which then signs', async () => {
  // Quote: "This endpoint allows users with Premier or Market Maker API usage levels to create API keys by providing their own RSA public key."
  // Quote: "The platform will use this public key to verify signatures on API requests."
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  file.h.mock.exchange.faults.rest.setRateLimit('advanced');
  try {
    expect(await file.h.rest(0).post('/api_keys', { name: 'own', public_key: pem })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    file.h.mock.exchange.faults.rest.setRateLimit('premier');
    const made = await file.h.rest(0).post('/api_keys', { name: 'own', public_key: pem });
    expect(made.status).toBe(201);
    const key = { apiKeyId: made.body.api_key_id as string, privateKey, publicKeyPem: pem, signer: createNodeSigner(privateKey) };
    expect((await file.h.rest(key).get('/portfolio/balance')).status).toBe(200);
  } finally {
    file.h.mock.exchange.faults.rest.setRateLimit(undefined);
  }
});
