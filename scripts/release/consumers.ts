/**
 * A user's first minutes with one package, in a folder outside the repository whose `.npmrc`
 * names only the loopback registry: `npm install <name>@<version>` (so its dependencies, our
 * other packages included, come from the registry), then consumers of every exports-map entry:
 * ESM (`import`), CJS (`require`), and TypeScript `--strict` under `module node16` (with
 * `skipLibCheck: false`, so the shipped declarations are checked too) and under
 * `moduleResolution bundler`; and each bin the package declares, with `--help`. Probes:
 * scripts/packaging/probes.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isEsmOnly } from '../packaging/lint.ts';
import { packageProbes, type SmokeProbe } from '../packaging/probes.ts';
import { mustRun, runCommand } from '../packaging/run-command.ts';
import { checkScript, consumerSource, outcomeProblems, type Check, type LoadOutcome } from '../packaging/smoke.ts';
import { entrySpecifier, type WorkspacePackage } from '../packaging/workspace.ts';
import { dependencyCount, directoryBytes, type InstallFigures } from './measure.ts';

const require = createRequire(import.meta.url);

/**
 * Installs `pkg` alone into `dir` (created) with an empty npm cache at `cache`, and measures it.
 * @throws {PackagingError} `COMMAND_FAILED` when `npm install` fails.
 */
export async function installAlone(pkg: Pick<WorkspacePackage, 'name' | 'version'>, dir: string, options: { registry: string; cache: string; env: NodeJS.ProcessEnv }): Promise<InstallFigures> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.npmrc'), `registry=${options.registry}\n`);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'release-verify-consumer', version: '0.0.0', private: true }, null, 2) + '\n');
  const started = performance.now();
  await mustRun('npm', ['install', `${pkg.name}@${pkg.version}`, '--no-audit', '--no-fund', '--cache', options.cache], { cwd: dir, env: options.env });
  const installMs = performance.now() - started;
  return {
    name: pkg.name,
    version: pkg.version,
    installMs,
    dependencies: dependencyCount(await readFile(join(dir, 'package-lock.json'), 'utf8'), pkg.name),
    installBytes: await directoryBytes(join(dir, 'node_modules')),
  };
}

/** How one consumer style went: `ok`, or what failed. */
export interface ConsumerOutcome {
  readonly style: 'esm' | 'cjs' | 'ts node16' | 'ts bundler' | 'bin' | 'signed call';
  readonly problems: readonly string[];
}

/** The compiler options shared by both TypeScript consumers: strict, declarations checked unless `extra` says otherwise. */
function strictOptions(extra: Record<string, unknown>): Record<string, unknown> {
  const types = dirname(dirname(require.resolve('@types/node/package.json')));
  return { target: 'ES2022', lib: ['ES2023'], strict: true, skipLibCheck: false, noEmit: true, types: ['node'], typeRoots: [types], ...extra };
}

/**
 * Runs the consumers of `pkg`, installed in `dir` by {@link installAlone}, with `probes` (by
 * import specifier; default: this repository's).
 * @returns one outcome per style; empty `problems` means it worked.
 */
export async function runConsumers(pkg: WorkspacePackage, dir: string, probes: Readonly<Record<string, SmokeProbe>> = packageProbes): Promise<ConsumerOutcome[]> {
  const installed = JSON.parse(await readFile(join(dir, 'node_modules', pkg.name, 'package.json'), 'utf8')) as { exports?: unknown; bin?: unknown };
  const esmOnly = isEsmOnly(installed.exports);
  const checks: Check[] = pkg.entries.map((entry) => {
    const specifier = entrySpecifier(pkg, entry);
    return { specifier, esmOnly, probe: probes[specifier] };
  });
  await writeFile(join(dir, 'check.mjs'), checkScript('esm', checks));
  await writeFile(join(dir, 'check.cjs'), checkScript('cjs', esmOnly ? [] : checks));
  const loadProblems = (outcomes: Record<string, LoadOutcome>, how: 'esm' | 'cjs') => [
    // loadAll reports a script that printed no JSON (it crashed) under the script's name.
    ...Object.entries(outcomes).flatMap(([key, o]) => (key.startsWith('check.') && !o.ok ? [o.error] : [])),
    ...checks.flatMap((c) => {
      const o = outcomes[c.specifier] ?? { ok: false as const, error: `not reported by check.${how === 'esm' ? 'mjs' : 'cjs'}` };
      return outcomeProblems(how === 'esm' ? 'import' : 'require', o, c.probe).map((p) => `${c.specifier}: ${p}`);
    }),
  ];

  await writeFile(join(dir, 'consumer.mts'), consumerSource('esm', checks));
  await writeFile(join(dir, 'consumer.cts'), consumerSource('cjs', esmOnly ? [] : checks));
  await writeFile(join(dir, 'consumer-bundler.ts'), consumerSource('esm', checks));
  const node16 = { compilerOptions: strictOptions({ module: 'node16', moduleResolution: 'node16' }), files: ['consumer.mts', ...(esmOnly ? [] : ['consumer.cts'])] };
  // The declarations themselves are checked once, under node16 (skipLibCheck off); under bundler
  // the consumer is checked against them (attw in lint:packages resolves every entry both ways).
  const bundler = { compilerOptions: strictOptions({ module: 'esnext', moduleResolution: 'bundler', skipLibCheck: true }), files: ['consumer-bundler.ts'] };
  await writeFile(join(dir, 'tsconfig.node16.json'), JSON.stringify(node16, null, 2) + '\n');
  await writeFile(join(dir, 'tsconfig.bundler.json'), JSON.stringify(bundler, null, 2) + '\n');
  // Four independent processes: run together.
  const bins = typeof installed.bin === 'object' && installed.bin !== null ? Object.keys(installed.bin) : [];
  const [esm, cjs, node16Problems, bundlerProblems, binProblems] = await Promise.all([
    loadAll(dir, 'check.mjs'),
    esmOnly ? undefined : loadAll(dir, 'check.cjs'),
    tsc(dir, 'tsconfig.node16.json'),
    tsc(dir, 'tsconfig.bundler.json'),
    Promise.all(bins.map((bin) => binHelp(dir, bin))).then((lists) => lists.flat()),
  ]);
  return [
    { style: 'esm', problems: loadProblems(esm, 'esm') },
    { style: 'cjs', problems: cjs === undefined ? [] : loadProblems(cjs, 'cjs') },
    { style: 'ts node16', problems: node16Problems },
    { style: 'ts bundler', problems: bundlerProblems },
    ...(bins.length > 0 ? [{ style: 'bin' as const, problems: binProblems }] : []),
  ];
}

/** Runs an installed bin (`node_modules/.bin/<name> --help`), as `npx <name>` would: it must exit 0 and print its usage. */
async function binHelp(dir: string, bin: string): Promise<string[]> {
  const { code, output } = await runCommand(join(dir, 'node_modules', '.bin', bin), ['--help'], { cwd: dir });
  return code === 0 && /usage/i.test(output) ? [] : [`${bin} --help exited ${code}: ${output.slice(-1000)}`];
}

async function tsc(dir: string, project: string): Promise<string[]> {
  const { code, output } = await runCommand(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: dir });
  return code === 0 ? [] : [`tsc -p ${project} exited ${code}:\n${output.trim()}`];
}

async function loadAll(dir: string, script: string): Promise<Record<string, LoadOutcome>> {
  const { code, output } = await runCommand(process.execPath, [script], { cwd: dir });
  try {
    return JSON.parse(output) as Record<string, LoadOutcome>;
  } catch {
    return { [script]: { ok: false, error: `node ${script} exited ${code}: ${output.slice(-2000)}` } };
  }
}
