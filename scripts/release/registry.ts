/**
 * A throwaway Verdaccio on 127.0.0.1: config from `verdaccio.yaml` beside this file with the
 * uplink filled in at run time, a fresh storage folder, and one user written straight into its
 * htpasswd file (sign-up is off). npm authenticates with `_auth` (HTTP Basic), which Verdaccio's
 * htpasswd plugin accepts, so no login round trip is needed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../packaging/run-command.ts';
import { ReleaseError } from './errors.ts';

const require = createRequire(import.meta.url);
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'verdaccio.yaml');
const UPLINK_PLACEHOLDER = 'UPLINK_URL';

/** A running registry. */
export interface Registry {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** `.npmrc` lines that authenticate the throwaway user against {@link url}. */
  readonly authLines: readonly string[];
  /** Stops Verdaccio and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The upstream registry of this machine, `npm config get registry`, read at run time.
 * @throws {ReleaseError} `UPLINK_UNKNOWN` when npm prints no http(s) URL.
 */
export async function upstreamRegistry(cwd: string): Promise<string> {
  const { output } = await runCommand('npm', ['config', 'get', 'registry'], { cwd });
  const url = output.trim().split('\n').pop() ?? '';
  if (!/^https?:\/\/\S+$/.test(url)) throw new ReleaseError('UPLINK_UNKNOWN', `npm config get registry printed ${JSON.stringify(url)}, not a URL`, { value: url });
  return url;
}

/**
 * The Verdaccio config text for `uplink`.
 * @throws {ReleaseError} `UPLINK_UNKNOWN` when `uplink` is not an http(s) URL (it goes into YAML).
 */
export function verdaccioConfig(template: string, uplink: string): string {
  if (!/^https?:\/\/[^\s'"#]+$/.test(uplink)) throw new ReleaseError('UPLINK_UNKNOWN', `the uplink ${JSON.stringify(uplink)} is not an http(s) URL`, { value: uplink });
  if (!template.includes(`url: ${UPLINK_PLACEHOLDER}`)) throw new ReleaseError('REGISTRY_FAILED', `${TEMPLATE} has no "url: ${UPLINK_PLACEHOLDER}" line`, { value: TEMPLATE });
  return template.replace(`url: ${UPLINK_PLACEHOLDER}`, `url: ${uplink}`);
}

/** An htpasswd line in the `{SHA}` form Verdaccio's htpasswd plugin verifies. */
export function htpasswdLine(user: string, password: string): string {
  return `${user}:{SHA}${createHash('sha1').update(password, 'utf8').digest('base64')}`;
}

/** `.npmrc` lines authenticating `user` on `url` with HTTP Basic (`_auth`, scoped to that registry). */
export function npmrcAuthLines(url: string, user: string, password: string): string[] {
  const scope = url.replace(/^https?:/, '');
  return [`${scope}:_auth=${Buffer.from(`${user}:${password}`).toString('base64')}`];
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Verdaccio with its config, storage and htpasswd in `dir` (an empty folder the caller
 * deletes), proxying third-party packages to `uplink`, and waits until it answers `/-/ping`.
 * @throws {ReleaseError} `REGISTRY_FAILED` when it exits or does not answer within `timeoutMs`.
 */
export async function startRegistry(options: { dir: string; uplink: string; timeoutMs?: number }): Promise<Registry> {
  const config = join(options.dir, 'config.yaml');
  await writeFile(config, verdaccioConfig(await readFile(TEMPLATE, 'utf8'), options.uplink));
  const user = 'release-verify';
  const password = randomBytes(18).toString('base64url');
  await writeFile(join(options.dir, 'htpasswd'), htpasswdLine(user, password) + '\n', { mode: 0o600 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const registry: Registry = { url, authLines: npmrcAuthLines(url, user, password), stop: () => stopChild(child) };
  try {
    await waitForPing(url, child, options.timeoutMs ?? 30_000);
  } catch (cause) {
    await registry.stop();
    throw new ReleaseError('REGISTRY_FAILED', `Verdaccio did not answer on ${url}: ${(cause as Error).message}`, { value: url, output: log, cause });
  }
  return registry;
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      if ((await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer to /-/ping within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
