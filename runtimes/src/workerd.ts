// Cloudflare workerd, driven directly with a config file: two Workers bundled with esbuild for the
// workerd/worker/browser export conditions (as wrangler bundles a Worker), served on loopback, each
// run by one request that carries the smoke context. smoke/worker.mjs (auth, fixed-point, rest) runs
// without nodejs_compat; smoke/worker-node-compat.mjs (ws and fix, whose bundles import node:
// modules) with it, as wrangler leaves node: imports to the runtime when the flag is on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedBinary, RUNTIMES_DIR } from './binaries.js';
import { bundleSmoke } from './bundle.js';
import type { SmokeContext } from './mock.js';
import { allFailed, type Cell, parseResults, type RuntimeColumn, SMOKE_PACKAGES, type SmokePackage } from './packages.js';
import { runProgram, startProgram } from './spawn.js';

const DEADLINE_MS = 60_000;
const LABEL = 'workerd';
const CONDITIONS = ['workerd', 'worker', 'browser'];

export async function runWorkerd(context: SmokeContext): Promise<RuntimeColumn> {
  const started = Date.now();
  let binary: string;
  try {
    binary = pinnedBinary('@cloudflare/workerd-linux-64', 'bin/workerd');
  } catch (error) {
    return allFailed(LABEL, 'not installed', (error as Error).message, started);
  }
  const version = (await runProgram(binary, ['--version'], { cwd: RUNTIMES_DIR, deadlineMs: 15_000 })).stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-sdk-workerd-'));
  let server: ReturnType<typeof startProgram> | undefined;
  try {
    await bundleSmoke('worker.mjs', join(dir, 'worker.js'), 'neutral', CONDITIONS);
    await bundleSmoke('worker-node-compat.mjs', join(dir, 'worker-node-compat.js'), 'neutral', CONDITIONS, ['node:*']);
    const ports = [await freePort(), await freePort()] as const;
    writeFileSync(join(dir, 'config.capnp'), workerdConfig(ports));
    server = startProgram(binary, ['serve', 'config.capnp'], dir);
    const answer = `${await callWorker(`http://127.0.0.1:${ports[0]}/`, context, server)}\n${await callWorker(`http://127.0.0.1:${ports[1]}/`, context, server)}`;
    const reported = parseResults(answer);
    const cells = Object.fromEntries(
      SMOKE_PACKAGES.map((name): [SmokePackage, Cell] => [name, reported.get(name) ?? { status: 'fail', detail: `no result from the Worker: ${answer.slice(0, 300)}` }]),
    ) as Record<SmokePackage, Cell>;
    return { label: LABEL, version, cells, ms: Date.now() - started };
  } catch (error) {
    const output = server ? ` (workerd: ${server.output().trim().split('\n').slice(-3).join(' ')})` : '';
    return allFailed(LABEL, version, `${(error as Error).message}${output}`, started);
  } finally {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** workerd's config: the two Workers on 127.0.0.1 (`ports`), whose fetch() may reach loopback (the mock). */
function workerdConfig(ports: readonly [number, number]): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "smoke", worker = .smokeWorker),
    (name = "smokeNodeCompat", worker = .smokeNodeCompatWorker),
    (name = "loopback", network = (allow = ["private", "local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:${ports[0]}", http = (), service = "smoke"),
    (name = "httpNodeCompat", address = "127.0.0.1:${ports[1]}", http = (), service = "smokeNodeCompat"),
  ],
);

const smokeWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "loopback",
);

const smokeNodeCompatWorker :Workerd.Worker = (
  modules = [ (name = "worker-node-compat.js", esModule = embed "worker-node-compat.js") ],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["nodejs_compat"],
  globalOutbound = "loopback",
);
`;
}

/** POSTs the context to the Worker once it listens (workerd takes a moment to start). */
async function callWorker(url: string, context: SmokeContext, server: ReturnType<typeof startProgram>): Promise<string> {
  const deadline = Date.now() + DEADLINE_MS;
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error('workerd exited before answering');
    try {
      const response = await fetch(url, { method: 'POST', body: JSON.stringify(context), signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      return await response.text();
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`no answer from workerd within ${DEADLINE_MS / 1000} s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
