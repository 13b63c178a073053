import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXGENKEY');

it('/api-reference/api-keys/generate-api-key: makes an RSA pair by default and hands out the private key once only', async () => {
  // Quote: "This endpoint generates both a public and private RSA key pair."
  // Quote: "The private key cannot be retrieved again."
  const made = await file.h.rest(0).post('/api_keys/generate', { name: 'once' });
  expect(made).toMatchObject({ status: 201, body: { key_type: 'rsa' } });
  expect(made.body.private_key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
  const listed = await file.h.rest(0).get('/api_keys');
  expect(listed.body.api_keys).toContainEqual({ api_key_id: made.body.api_key_id, name: 'once', scopes: ['read', 'write'] });
  expect(JSON.stringify(listed.body)).not.toContain('PRIVATE KEY');
});
