import { MOCK_TIERS } from '../rest/tiers.js';
import type { RateLimitTier } from '../rest/rate-limit.js';

/** `kalshi-mock [serve]` options. */
export interface ServeArgs {
  readonly command: 'serve';
  readonly port: number;
  readonly fixtures: string | undefined;
  readonly seed: number | undefined;
  /** FIX port (0 = any) when `--fix` or `--fix-port` was given. */
  readonly fixPort: number | undefined;
  readonly tier: RateLimitTier | undefined;
  readonly latencyMs: number;
  /** Directory the API key id and private key PEM are written to; default a new temp dir. */
  readonly keysDir: string | undefined;
  /** Starting balance of the generated user, dollars. */
  readonly balance: string;
  readonly manualClock: boolean;
  readonly control: boolean;
}

/** `kalshi-mock snapshot` options. */
export interface SnapshotArgs {
  readonly command: 'snapshot';
  /** `demo` or `production`, unless `baseUrl` is given. */
  readonly env: 'demo' | 'production';
  readonly baseUrl: string | undefined;
  readonly out: string | undefined;
  readonly limit: number;
  readonly seriesTicker: string | undefined;
}

/** `--help`. */
export interface HelpArgs {
  readonly command: 'help';
}

/** Thrown for a bad command line: the message names the flag and the value; exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage:
  kalshi-mock [serve] [--port N] [--fixtures FILE] [--seed N] [--fix] [--fix-port N]
                      [--tier basic|advanced|premier|paragon|prime] [--latency MS]
                      [--keys-dir DIR] [--balance DOLLARS] [--manual-clock] [--no-control]
  kalshi-mock snapshot [--env demo|production | --base-url URL] [--out FILE] [--limit N] [--series TICKER]
  kalshi-mock --help`;

const SERVE_FLAGS = ['--port', '--fixtures', '--seed', '--fix', '--fix-port', '--tier', '--latency', '--keys-dir', '--balance', '--manual-clock', '--no-control'];
const SNAPSHOT_FLAGS = ['--env', '--base-url', '--out', '--limit', '--series'];
const BOOLEAN_FLAGS = new Set(['--fix', '--manual-clock', '--no-control']);

function integer(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function readFlags(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!known.includes(flag)) throw new UsageError(`unknown option ${JSON.stringify(arg)} (valid: ${known.join(' ')})`);
    if (flags.has(flag)) throw new UsageError(`${flag} is given twice`);
    if (BOOLEAN_FLAGS.has(flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value, got ${JSON.stringify(inline)}`);
      flags.set(flag, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  return flags;
}

const TIERS = Object.keys(MOCK_TIERS);

/**
 * Parses `kalshi-mock`'s arguments (without `node` and the script).
 * @throws UsageError naming the flag and the value.
 */
export function parseArgs(argv: readonly string[]): ServeArgs | SnapshotArgs | HelpArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const [first, ...rest] = argv;
  if (first === 'snapshot') {
    const f = readFlags(rest, SNAPSHOT_FLAGS);
    const env = f.get('--env') ?? 'demo';
    if (env !== 'demo' && env !== 'production') throw new UsageError(`--env must be demo or production, got ${JSON.stringify(env)}`);
    const baseUrl = f.get('--base-url');
    if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
    if (baseUrl !== undefined && f.has('--env')) throw new UsageError('give --env or --base-url, not both');
    return {
      command: 'snapshot',
      env,
      baseUrl,
      out: f.get('--out'),
      limit: f.has('--limit') ? integer('--limit', f.get('--limit')!, 1, 100_000) : 100,
      seriesTicker: f.get('--series'),
    };
  }
  const f = readFlags(first === 'serve' ? rest : argv, SERVE_FLAGS);
  const tier = f.get('--tier');
  if (tier !== undefined && !TIERS.includes(tier)) throw new UsageError(`--tier must be one of ${TIERS.join(', ')}, got ${JSON.stringify(tier)}`);
  const balance = f.get('--balance') ?? '100000';
  if (!/^\d+(\.\d{1,4})?$/.test(balance)) throw new UsageError(`--balance must be dollars with at most 4 decimals, got ${JSON.stringify(balance)}`);
  const fixPort = f.has('--fix-port') ? integer('--fix-port', f.get('--fix-port')!, 0, 65_535) : f.has('--fix') ? 0 : undefined;
  return {
    command: 'serve',
    port: f.has('--port') ? integer('--port', f.get('--port')!, 0, 65_535) : 0,
    fixtures: f.get('--fixtures'),
    seed: f.has('--seed') ? integer('--seed', f.get('--seed')!, 0, 2 ** 32 - 1) : undefined,
    fixPort,
    tier: tier as RateLimitTier | undefined,
    latencyMs: f.has('--latency') ? integer('--latency', f.get('--latency')!, 0, 60_000) : 0,
    keysDir: f.get('--keys-dir'),
    balance,
    manualClock: f.has('--manual-clock'),
    control: !f.has('--no-control'),
  };
}
