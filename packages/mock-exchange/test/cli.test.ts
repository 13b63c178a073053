import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/cli/args.js';

const BIN = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('kalshi-mock arguments', () => {
  it('parses the serve options of the issue', () => {
    expect(parseArgs(['--port', '8080', '--fixtures', 'markets.json', '--seed', '7', '--fix', '--tier', 'basic', '--latency=20'])).toEqual({
      command: 'serve',
      port: 8080,
      fixtures: 'markets.json',
      seed: 7,
      fixPort: 0,
      tier: 'basic',
      latencyMs: 20,
      keysDir: undefined,
      balance: '100000',
      manualClock: false,
      control: true,
    });
    expect(parseArgs(['serve', '--fix-port', '9878', '--manual-clock', '--no-control'])).toMatchObject({ fixPort: 9878, manualClock: true, control: false });
    expect(parseArgs(['snapshot', '--env', 'demo', '--out', 'm.json'])).toEqual({ command: 'snapshot', env: 'demo', baseUrl: undefined, out: 'm.json', limit: 100, seriesTicker: undefined });
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535, got "70000"'],
    [['--tier', 'gold'], '--tier must be one of basic, advanced, premier, paragon, prime, got "gold"'],
    [['--latency', '-5'], '--latency must be an integer from 0 to 60000, got "-5"'],
    [['--balance', '10.123456'], '--balance must be dollars with at most 4 decimals, got "10.123456"'],
    [['--fixtures'], '--fixtures needs a value'],
    [['--fix=yes'], '--fix takes no value, got "yes"'],
    [['--prot', '1'], 'unknown option "--prot"'],
    [['--seed', '1', '--seed', '2'], '--seed is given twice'],
    [['snapshot', '--env', 'prod'], '--env must be demo or production, got "prod"'],
    [['snapshot', '--env', 'demo', '--base-url', 'http://127.0.0.1:1'], 'give --env or --base-url, not both'],
    [['snapshot', '--base-url', 'ftp://x'], '--base-url must be an http(s) URL, got "ftp://x"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('the bin exits 2 with the error and the usage on a bad argument, 1 naming the file on malformed fixtures', async () => {
    const bad = await run(['--tier', 'gold']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kalshi-mock: --tier must be one of .*, got "gold"\nUsage:/);
    const absent = await run(['--fixtures', '/nonexistent/markets.json']);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toBe('kalshi-mock: fixtures /nonexistent/markets.json: cannot be read (ENOENT)\n');
    const help = await run(['--help']);
    expect([help.code, help.stdout.startsWith('Usage:')]).toEqual([0, true]);
  });
});
