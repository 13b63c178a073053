import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finished, runCli, spawnCli, until } from './support/cli.js';

const home = mkdtempSync(join(tmpdir(), 'kalshi-cli-mock-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('kalshi mock', () => {
  it("starts kalshi-mock's exchange, which the other commands then use, and stops on SIGINT", async () => {
    const keysDir = join(home, 'keys');
    const child = spawnCli(['mock', '--keys-dir', keysDir, '--seed', '7'], home);
    const result = finished(child);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    await until(() => stdout.includes('\nready\n'), 'the mock to be ready');
    const restUrl = /^rest_url=(.+)$/m.exec(stdout)![1]!;
    expect(stdout).toMatch(/^ws_url=ws:\/\/127\.0\.0\.1:\d+\/trade-api\/ws\/v2$/m);

    const markets = await runCli(['markets', '--json', '--base-url', restUrl], home);
    expect((JSON.parse(markets.stdout) as Array<{ ticker: string }>).map((m) => m.ticker)).toContain('KXMOCK-26DEC31-A');
    const keyId = readFileSync(join(keysDir, 'api-key-id'), 'utf8').trim();
    const check = await runCli(['keys', 'check', '--json', '--base-url', restUrl, '--key-id', keyId, '--private-key-path', join(keysDir, 'private-key.pem')], home);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ tier: 'basic' });

    child.kill('SIGINT');
    const end = await result;
    expect(end.code).toBe(0);
    expect(end.stderr).toContain('kalshi-mock: stopped');
  });

  it('passes usage errors of kalshi-mock through with its exit status 2', async () => {
    const r = await runCli(['mock', '--port', 'x'], home);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be an integer');
  });
});
