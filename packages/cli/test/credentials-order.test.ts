import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../src/credentials.js';
import { KalshiCliError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'kalshi-cli-creds-'));
const rsaPath = join(dir, 'rsa.pem');
const edPath = join(dir, 'ed.pem');
writeFileSync(rsaPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
const edPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
writeFileSync(edPath, edPem);
const profile = { name: 'p', profile: { key_id: 'from-profile', private_key_path: rsaPath } };

describe('resolveCredentials: flags, then environment, then profile', () => {
  it('a flag beats the environment, which beats the profile, for each half on its own', () => {
    const env = { KALSHI_API_KEY_ID: 'from-env', KALSHI_PRIVATE_KEY_PATH: edPath };
    expect(resolveCredentials({ keyIdFlag: 'from-flag', privateKeyPathFlag: rsaPath, env, profile })).toMatchObject({
      apiKeyId: 'from-flag',
      algorithm: 'rsa-pss-sha256',
      modulusBits: 2048,
      from: { keyId: '--key-id', privateKey: '--private-key-path' },
    });
    expect(resolveCredentials({ env, profile })).toMatchObject({ apiKeyId: 'from-env', algorithm: 'ed25519', from: { keyId: 'KALSHI_API_KEY_ID', privateKey: 'KALSHI_PRIVATE_KEY_PATH' } });
    expect(resolveCredentials({ env: {}, profile })).toMatchObject({ apiKeyId: 'from-profile', from: { keyId: 'key_id of profile p', privateKey: 'private_key_path of profile p' } });
    expect(resolveCredentials({ env: { KALSHI_PRIVATE_KEY: edPem }, profile })).toMatchObject({ apiKeyId: 'from-profile', algorithm: 'ed25519', from: { privateKey: 'KALSHI_PRIVATE_KEY' } });
    expect(resolveCredentials({ env: {} })).toBeUndefined();
  });

  it('both KALSHI_PRIVATE_KEY and KALSHI_PRIVATE_KEY_PATH is refused; a half alone is refused naming what is missing', () => {
    const both = () => resolveCredentials({ env: { KALSHI_API_KEY_ID: 'k', KALSHI_PRIVATE_KEY: edPem, KALSHI_PRIVATE_KEY_PATH: edPath } });
    expect(both).toThrow(KalshiCliError);
    expect(both).toThrow('both KALSHI_PRIVATE_KEY and KALSHI_PRIVATE_KEY_PATH');
    expect(() => resolveCredentials({ env: { KALSHI_PRIVATE_KEY_PATH: edPath } })).toThrow('no API key id');
    expect(() => resolveCredentials({ env: { KALSHI_API_KEY_ID: 'k' } })).toThrow('no private key');
  });

  it('a key that does not load names its source and code, never its content', () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nTUlJQ2RnSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbUF3Z2dKY0FnRUFBb0dCQUx0\n-----END PRIVATE KEY-----\n';
    let message = '';
    try {
      resolveCredentials({ env: { KALSHI_API_KEY_ID: 'k', KALSHI_PRIVATE_KEY: garbage } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^cannot load the private key from KALSHI_PRIVATE_KEY: KEY_/);
    expect(message).not.toContain('TUlJQ2Rn');
  });
});
