import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, htpasswdLine, npmrcAuthLines, startRegistry, verdaccioConfig, type Registry } from '../../release/registry.ts';

const template = 'uplinks:\n  upstream:\n    url: UPLINK_URL\n';

describe('verdaccioConfig', () => {
  it('fills in the uplink read at run time', () => {
    expect(verdaccioConfig(template, 'http://10.0.0.1:4873/')).toBe('uplinks:\n  upstream:\n    url: http://10.0.0.1:4873/\n');
  });

  it('refuses an uplink that is not an http(s) URL, naming it', () => {
    expect(() => verdaccioConfig(template, 'undefined')).toThrow(expect.objectContaining({ code: 'UPLINK_UNKNOWN', value: 'undefined' }));
    expect(() => verdaccioConfig(template, 'http://x/ # comment')).toThrow(expect.objectContaining({ code: 'UPLINK_UNKNOWN' }));
  });

  it('the checked-in config proxies third-party packages only, and our scope never', async () => {
    const text = await readFile(join(import.meta.dirname, '../../release/verdaccio.yaml'), 'utf8');
    expect(text).toMatch(/'@kalshi-sdk\/\*':\n(?: {4}.*\n)*?/);
    const scope = text.slice(text.indexOf("'@kalshi-sdk/*':"), text.indexOf("'**':"));
    expect(scope).not.toContain('proxy:');
    expect(text.slice(text.indexOf("'**':"))).toContain('proxy: upstream');
    expect(text).toContain('max_users: -1');
  });
});

describe('credentials', () => {
  it('writes the {SHA} htpasswd line of the password', () => {
    // sha1('secret') in base64
    expect(htpasswdLine('u', 'secret')).toBe('u:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=');
  });

  it('scopes the Basic credentials to the loopback registry', () => {
    expect(npmrcAuthLines('http://127.0.0.1:4873/', 'u', 'p')).toEqual([`//127.0.0.1:4873/:_auth=${Buffer.from('u:p').toString('base64')}`]);
  });
});

describe('startRegistry', () => {
  let dir: string;
  let registry: Registry;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'release-registry-'));
    // An uplink nothing listens on: this test needs no network.
    registry = await startRegistry({ dir, uplink: `http://127.0.0.1:${await freePort()}/` });
  }, 60_000);
  afterAll(async () => {
    await registry.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and knows the throwaway user by the .npmrc credentials only', async () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const auth = registry.authLines[0]!.slice(registry.authLines[0]!.indexOf('_auth=') + 6);
    const whoami = await fetch(new URL('-/whoami', registry.url), { headers: { authorization: `Basic ${auth}` } });
    expect(await whoami.json()).toEqual({ username: 'release-verify' });
    const wrong = await fetch(new URL('-/whoami', registry.url), { headers: { authorization: `Basic ${Buffer.from('release-verify:wrong').toString('base64')}` } });
    expect(await wrong.json()).not.toHaveProperty('username');
  });

  it('refuses sign-up of any other user', async () => {
    const res = await fetch(new URL('-/user/org.couchdb.user:someone', registry.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'someone', password: 'pw123456' }),
    });
    expect(res.ok).toBe(false);
  });

  it('stops: the port refuses connections afterwards', async () => {
    const other = await startRegistry({ dir: await mkdtemp(join(dir, 'second-')), uplink: 'http://127.0.0.1:1/' });
    await other.stop();
    await expect(fetch(new URL('-/ping', other.url))).rejects.toThrow();
    await other.stop(); // a second stop is a no-op
  }, 60_000);
});
