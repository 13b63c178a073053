import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type TestUser } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const userOf = (apiKeyId: string, privateKeyPem: string): TestUser => {
  const privateKey = createPrivateKey(privateKeyPem);
  return { apiKeyId, privateKey, publicKeyPem: '', signer: createNodeSigner(privateKey) };
};

describe('generated keys', () => {
  it('a generated RSA key signs at once for its owner, is listed, and is refused once deleted', async () => {
    const made = await h.rest(0).post('/api_keys/generate', { name: 'bot' });
    expect(made).toMatchObject({ status: 201, body: { key_type: 'rsa' } });
    expect(made.body.private_key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const key = userOf(made.body.api_key_id, made.body.private_key);
    const balance = await h.rest(key).get('/portfolio/balance');
    expect(balance).toMatchObject({ status: 200, body: { balance_dollars: '10000.0000' } });
    expect(h.mock.exchange.userId(key.apiKeyId)).toBe(h.mock.exchange.userId(h.users[0]!.apiKeyId));

    const listed = (await h.rest(0).get('/api_keys')).body.api_keys;
    expect(listed).toContainEqual({ api_key_id: key.apiKeyId, name: 'bot', scopes: ['read', 'write'] });
    expect((await h.rest(1).get('/api_keys')).body.api_keys.map((k: { api_key_id: string }) => k.api_key_id)).toEqual([h.users[1]!.apiKeyId]);

    expect((await h.rest(0).delete(`/api_keys/${key.apiKeyId}`)).status).toBe(204);
    expect(await h.rest(key).get('/portfolio/balance')).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    await expect(h.ws(key)).rejects.toThrow(/401/);
  });

  it('an Ed25519 key comes as PKCS#8 and signs too', async () => {
    const made = await h.rest(1).post('/api_keys/generate', { name: 'ed', key_type: 'ed25519', scopes: ['read'] });
    expect(made.body.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await h.rest(userOf(made.body.api_key_id, made.body.private_key)).get('/portfolio/balance')).status).toBe(200);
    expect((await h.rest(1).get('/api_keys')).body.api_keys).toContainEqual({ api_key_id: made.body.api_key_id, name: 'ed', scopes: ['read'] });
  });

  it('refuses deleting another user\'s key, a write scope without read, and a missing name', async () => {
    expect(await h.rest(1).delete(`/api_keys/${h.users[0]!.apiKeyId}`)).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await h.rest(0).get('/portfolio/balance')).status).toBe(200);
    const writeOnly = await h.rest(0).post('/api_keys/generate', { name: 'w', scopes: ['write'] });
    expect(writeOnly).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
    expect(writeOnly.body.details).toContain('read');
    expect(await h.rest(0).post('/api_keys/generate', {})).toMatchObject({ status: 400, body: { code: 'missing_parameters' } });
  });
});

describe('keys from the user\'s own public key', () => {
  it('refuses a user below Premier with 403, and never echoes the key', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const refused = await h.rest(0).post('/api_keys', { name: 'own', public_key: pem });
    expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(JSON.stringify(refused.body)).not.toContain('BEGIN');
  });

  it('at Premier, registers the key, which signs at once; a bad PEM is a 400 naming public_key', async () => {
    h.mock.exchange.faults.rest.setRateLimit('premier');
    try {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const made = await h.rest(0).post('/api_keys', { name: 'own', public_key: pem });
      expect(made.status).toBe(201);
      const key: TestUser = { apiKeyId: made.body.api_key_id, privateKey, publicKeyPem: pem, signer: createNodeSigner(privateKey) };
      expect((await h.rest(key).get('/portfolio/balance')).status).toBe(200);
      const bad = await h.rest(0).post('/api_keys', { name: 'bad', public_key: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' });
      expect(bad).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
      expect(bad.body.details).toContain('public_key');
      expect(bad.body.details).not.toContain('nope');
    } finally {
      h.mock.exchange.faults.rest.setRateLimit(undefined);
    }
  });
});
