// Node, Bun and Deno: each runs smoke/server.mjs, which imports the built packages by name through
// runtimes/node_modules (workspace links), as a user's program does.
import { join } from 'node:path';
import { pinnedBinary, RUNTIMES_DIR } from './binaries.js';
import type { SmokeContext } from './mock.js';
import { allFailed, type Cell, parseResults, type RuntimeColumn, SMOKE_PACKAGES, type SmokePackage } from './packages.js';
import { runProgram } from './spawn.js';

const DEADLINE_MS = 60_000;

interface ServerRuntime {
  label: string;
  /** The binary, or a throw naming the package it should come from. */
  binary(): string;
  args(entry: string): string[];
  env?: Record<string, string>;
}

export const SERVER_RUNTIMES: ServerRuntime[] = [
  { label: `Node ${process.versions.node.split('.')[0]}`, binary: () => process.execPath, args: (entry) => [entry] },
  { label: 'Node 22', binary: () => pinnedBinary('node22', 'bin/node'), args: (entry) => [entry] },
  { label: 'Node 24', binary: () => pinnedBinary('node24', 'bin/node'), args: (entry) => [entry] },
  { label: 'Bun', binary: () => pinnedBinary('@oven/bun-linux-x64', 'bin/bun'), args: (entry) => [entry] },
  {
    label: 'Deno',
    binary: () => pinnedBinary('@deno/linux-x64-glibc', 'deno'),
    // byonm: Deno resolves the packages from runtimes/node_modules, as Node does.
    args: (entry) => ['run', '--no-lock', '--no-prompt', '--node-modules-dir=manual', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', entry],
    env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  },
];

/** Runs the server smoke program in `runtime`; every package gets a cell, failing ones say why. */
export async function runServerRuntime(runtime: ServerRuntime, context: SmokeContext): Promise<RuntimeColumn> {
  const started = Date.now();
  let binary: string;
  try {
    binary = runtime.binary();
  } catch (error) {
    return allFailed(runtime.label, 'not installed', (error as Error).message, started);
  }
  const versionRun = await runProgram(binary, ['--version'], { cwd: RUNTIMES_DIR, deadlineMs: 15_000, env: runtime.env });
  const version = versionRun.stdout.split('\n')[0]!.trim();
  if (versionRun.code !== 0) return allFailed(runtime.label, 'unknown', `${binary} --version failed: ${versionRun.stderr.trim()}`, started);

  const run = await runProgram(binary, runtime.args(join(RUNTIMES_DIR, 'smoke', 'server.mjs')), {
    cwd: RUNTIMES_DIR,
    deadlineMs: DEADLINE_MS,
    env: { ...runtime.env, KALSHI_SDK_SMOKE: JSON.stringify(context) },
  });
  const reported = parseResults(run.stdout);
  const missing = run.timedOut
    ? `no result within the ${DEADLINE_MS / 1000} s deadline`
    : `no result (exit ${run.code ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`;
  const cells = Object.fromEntries(SMOKE_PACKAGES.map((name) => [name, reported.get(name) ?? { status: 'fail', detail: missing }])) as Record<SmokePackage, Cell>;
  return { label: runtime.label, version, cells, ms: Date.now() - started };
}
