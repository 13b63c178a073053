import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOutput, badInputLine, runCli, startFixture, type Fixture } from './support/cli.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

function writeConfig(text: string): void {
  const dir = join(f.home, '.config', 'kalshi');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.toml'), text);
}

describe('credentials and configuration', () => {
  it('keys check signs a request and reports the key type, the clock skew and the tier', async () => {
    const r = await runCli(['keys', 'check', '--json', ...f.auth], f.home);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { key_type: string; clock_skew_ms: number; tier: string; read: { refill_rate: number }; key_id: string; environment: string };
    expect(report).toMatchObject({ key_type: 'RSA-2048 (RSA-PSS, SHA-256)', tier: 'basic', read: { refill_rate: 200 }, key_id: 'cli-user…', environment: 'demo' });
    // Same machine, HTTP Date has whole seconds: the skew is under a second plus the round trip.
    expect(Math.abs(report.clock_skew_ms)).toBeLessThan(2000);
    const text = await runCli(['keys', 'check', ...f.auth], f.home);
    expect(text.stdout).toMatch(/clock skew\s+│ [+-]\d+ ms/);
    expect(text.stdout).not.toContain(f.keyId);
  });

  it('a missing key is one line on stderr and exit 2', async () => {
    expect(badInputLine(await runCli(['portfolio', 'balance', ...f.where], f.home))).toContain('this command needs an API key');
    expect(badInputLine(await runCli(['portfolio', 'balance', ...f.where, '--key-id', f.keyId], f.home))).toContain('no private key');
    expect(badInputLine(await runCli(['portfolio', 'balance', ...f.where, '--key-id', f.keyId, '--private-key-path', join(f.home, 'nope.pem')], f.home))).toContain(
      'cannot load the private key from',
    );
  });

  it('a key the exchange does not know (or an expired session) is one line and exit 2', async () => {
    const line = badInputLine(await runCli(['portfolio', 'balance', ...f.where, '--key-id', 'unknown-key', '--private-key-path', f.keyPath], f.home));
    expect(line).toMatch(/^kalshi: Kalshi refused the credentials \(401/);
  });

  it('KALSHI_API_KEY_ID with the PEM text in KALSHI_PRIVATE_KEY works, and the key is never printed', async () => {
    const r = await runCli(['portfolio', 'balance', '--json', ...f.where], f.home, { KALSHI_API_KEY_ID: f.keyId, KALSHI_PRIVATE_KEY: f.pem });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ balance_dollars: '100000.0000' });
    const bad = badInputLine(await runCli(['portfolio', 'balance', ...f.where], f.home, { KALSHI_API_KEY_ID: f.keyId, KALSHI_PRIVATE_KEY: f.pem.replace(/[A-Za-z]{20}/, 'x') }));
    expect(bad).toContain('KALSHI_PRIVATE_KEY');
    const path = await runCli(['portfolio', 'balance', ...f.where], f.home, { KALSHI_API_KEY_ID: f.keyId, KALSHI_PRIVATE_KEY_PATH: f.keyPath });
    expect(path.code, path.stderr).toBe(0);
  });

  it('profiles in ~/.config/kalshi/config.toml: the default one, --profile, and KALSHI_PROFILE', async () => {
    writeConfig(
      [
        'profile = "mock"',
        '[profiles.mock]',
        'env = "demo"',
        `key_id = "${f.keyId}"`,
        'private_key_path = "~/keys/kalshi.pem"',
        `base_url = "${f.mock.restUrl}"`,
        '[profiles.prod]',
        'env = "production"',
        `key_id = "${f.keyId}"`,
        'private_key_path = "~/keys/kalshi.pem"',
        `base_url = "${f.mock.restUrl}"`,
      ].join('\n'),
    );
    const r = await runCli(['keys', 'check', '--json'], f.home);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ key_id_from: 'key_id of profile mock', private_key_from: 'private_key_path of profile mock', environment: 'demo' });
    const prod = await runCli(['--profile', 'prod', 'keys', 'check', '--json'], f.home);
    expect(JSON.parse(prod.stdout)).toMatchObject({ environment: 'production' });
    const viaEnv = await runCli(['keys', 'check', '--json'], f.home, { KALSHI_PROFILE: 'prod' });
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({ environment: 'production' });
    // The profile's production env means writes need --yes.
    expect(badInputLine(await runCli(['--profile', 'prod', 'order', 'cancel', 'x'], f.home))).toContain('on production without confirmation');
    expect(badInputLine(await runCli(['--profile', 'nope', 'markets'], f.home))).toContain('no profile "nope"');
  });

  it('a malformed config file is one line naming the file', async () => {
    writeConfig('[profiles.mock]\nkey = "x"\n');
    expect(badInputLine(await runCli(['markets'], f.home))).toContain('unknown key "key"');
    writeConfig('[profiles.mock\n');
    expect(badInputLine(await runCli(['markets'], f.home))).toMatch(/config\.toml: not valid TOML at line 1/);
    writeConfig('');
  });

  it('no run above printed the private key (its PEM body) on stdout or stderr', () => {
    expect(allOutput.length).toBeGreaterThan(20);
    for (const text of allOutput) {
      for (let i = 0; i + 40 <= f.pemBody.length; i += 40) expect(text).not.toContain(f.pemBody.slice(i, i + 40));
      expect(text).not.toContain('PRIVATE KEY');
    }
  });
});
