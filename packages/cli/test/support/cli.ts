import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockExchange, type MockExchangeOptions, type RunningMockExchange } from '@kalshi-sdk/mock-exchange';

/** The built bin the tests run, as a user would. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin.js');

/** What one `kalshi` run printed and its exit status. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every output of every run, to check that no key ever shows. */
export const allOutput: string[] = [];

/** A mock exchange with a CLI user (key file on disk) and a counterparty, and a temp HOME. */
export interface Fixture {
  readonly mock: RunningMockExchange;
  readonly keyId: string;
  readonly keyPath: string;
  readonly pem: string;
  /** The PEM's base64 body (what must never be printed). */
  readonly pemBody: string;
  readonly home: string;
  /** `--base-url URL --key-id ID --private-key-path PATH`. */
  readonly auth: string[];
  /** `--base-url URL` only. */
  readonly where: string[];
  readonly counterpartyId: string;
  close(): Promise<void>;
}

/** Starts the mock with a CLI user and a counterparty (both $100,000). */
export async function startFixture(options: MockExchangeOptions = {}): Promise<Fixture> {
  const home = mkdtempSync(join(tmpdir(), 'kalshi-cli-test-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyPath = join(home, 'keys', 'kalshi.pem');
  mkdirSync(dirname(keyPath), { recursive: true });
  writeFileSync(keyPath, pem, { mode: 0o600 });
  const keyId = 'cli-user-0001';
  const mock = await startMockExchange({
    pingIntervalMs: 0,
    ...options,
    users: [
      { apiKeyId: keyId, publicKeyPem, balanceDollars: '100000' },
      { apiKeyId: 'counterparty', publicKeyPem, balanceDollars: '100000' },
    ],
  });
  const where = ['--base-url', mock.restUrl];
  return {
    mock,
    keyId,
    keyPath,
    pem,
    pemBody: pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join(''),
    home,
    where,
    auth: [...where, '--key-id', keyId, '--private-key-path', keyPath],
    counterpartyId: mock.exchange.userId('counterparty'),
    async close() {
      await mock.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A clean environment for the child: the temp HOME, no KALSHI_* from the test runner, no colour. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '', HOME: home, NO_COLOR: '1', ...extra };
  return env;
}

/** Starts `kalshi ARGS` without waiting. */
export function spawnCli(args: readonly string[], home: string, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: cliEnv(home, extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects a child's output and exit status. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      allOutput.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `kalshi ARGS` to the end. */
export function runCli(args: readonly string[], home: string, extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return finished(spawnCli(args, home, extraEnv));
}

/** Resolves once `check()` is true, polling every 20 ms; rejects after `timeoutMs` with `what`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Asserts the run failed with exit 2 and exactly one `kalshi: …` line on stderr; returns that line. */
export function badInputLine(result: CliResult): string {
  if (result.code !== 2) throw new Error(`expected exit 2, got ${result.code}: ${result.stderr}${result.stdout}`);
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1 || !lines[0]!.startsWith('kalshi: ')) throw new Error(`expected one stderr line, got ${JSON.stringify(result.stderr)}`);
  return lines[0]!;
}
