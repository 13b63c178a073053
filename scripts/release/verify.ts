/**
 * `pnpm release:verify [--keep]`: the first release, for real, on this machine. Starts Verdaccio on
 * 127.0.0.1 (registry.ts), versions and publishes a copy of the repository to it with changesets
 * (work-copy.ts, publish.ts), installs each package alone from it with plain npm in a folder
 * outside the repository and runs its consumers (consumers.ts; for rest, a signed call against the
 * mock exchange installed from the registry, rest-call.ts), then prints install time, dependency
 * count and installed size per package, writes them to bench/results/release.md, and checks them
 * against scripts/release/size-budget.json. Build first (`pnpm build`).
 *
 * Everything it makes lives in one scratch folder under the OS temp dir — registry storage, the
 * copy, the consumers, npm caches — and is removed at the end, also on failure or a signal
 * (`--keep` keeps it and prints where). Each run publishes into a fresh, empty storage, so a run
 * never sees a previous run's packages and a failed publish leaves nothing behind.
 * Exit codes: 0 every package installed and every consumer passed within budget, 1 a consumer
 * failed or a figure is over budget, 2 a step could not run (ReleaseError / PackagingError).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/repo.ts';
import { PackagingError } from '../packaging/errors.ts';
import { mustRun } from '../packaging/run-command.ts';
import type { WorkspacePackage } from '../packaging/workspace.ts';
import { Cleanup } from './cleanup.ts';
import { installAlone, runConsumers, type ConsumerOutcome } from './consumers.ts';
import { ReleaseError } from './errors.ts';
import { installTable, type InstallFigures } from './measure.ts';
import { npmEnv, versionAndPublish } from './publish.ts';
import { startRegistry, upstreamRegistry } from './registry.ts';
import { signedCall, startInstalledMock } from './rest-call.ts';
import { describeOver, overBudget, readBudget } from './size-budget.ts';
import { copyForRelease } from './work-copy.ts';

const RESULTS = join(repoRoot, 'bench', 'results', 'release.md');
const short = (name: string) => name.slice(name.indexOf('/') + 1);
const t0 = performance.now();
const step = (text: string) => console.log(`release:verify [${((performance.now() - t0) / 1000).toFixed(1)} s]: ${text}`);

async function main(argv: readonly string[], cleanup: Cleanup): Promise<number> {
  let keep: boolean;
  try {
    keep = parseArgs({ args: [...argv], options: { keep: { type: 'boolean' } }, strict: true }).values.keep ?? false;
  } catch (cause) {
    throw new ReleaseError('USAGE', `${(cause as Error).message}\nusage: pnpm release:verify [--keep]`, { value: argv });
  }
  const started = performance.now();
  const budget = await readBudget();
  const scratch = await mkdtemp(join(tmpdir(), 'kalshi-release-verify-'));
  cleanup.add(async () => (keep ? console.log(`release:verify: scratch folder kept in ${scratch}`) : rm(scratch, { recursive: true, force: true })));
  const emptyConfig = join(scratch, 'empty.npmrc');
  await writeFile(emptyConfig, '');
  const env = npmEnv(emptyConfig);

  const uplink = await upstreamRegistry(scratch);
  await mkdir(join(scratch, 'registry'));
  const registry = await startRegistry({ dir: join(scratch, 'registry'), uplink });
  cleanup.add(() => registry.stop());
  step(`Verdaccio on ${registry.url} (uplink: npm config get registry)`);

  const copied = await copyForRelease(repoRoot, join(scratch, 'repo'));
  step(`copied ${copied} repository files and the built dist/ to a scratch copy; changeset version + changeset publish`);
  const packages = await versionAndPublish({ copy: join(scratch, 'repo'), registry: registry.url, authLines: registry.authLines, emptyConfig });
  step(`published ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`);

  step('warm-up install of every package');
  // One install of everything first, so the registry holds every third-party tarball: each timed
  // install below then reads the loopback registry only, with an empty npm cache of its own.
  const consumers = join(scratch, 'consumers');
  await mkdir(join(consumers, 'warm-up'), { recursive: true });
  await writeFile(join(consumers, 'warm-up', '.npmrc'), `registry=${registry.url}\n`);
  await writeFile(join(consumers, 'warm-up', 'package.json'), '{ "private": true }\n');
  await mustRun('npm', ['install', ...packages.map((p) => `${p.name}@${p.version}`), '--no-audit', '--no-fund', '--cache', join(scratch, 'npm-cache', 'warm-up')], { cwd: join(consumers, 'warm-up'), env });

  step('warm-up done');
  const figures: InstallFigures[] = [];
  const outcomes = new Map<string, ConsumerOutcome[]>();
  for (const pkg of packages) {
    const dir = join(consumers, short(pkg.name));
    figures.push(await installAlone(pkg, dir, { registry: registry.url, cache: join(scratch, 'npm-cache', short(pkg.name)), env }));
    outcomes.set(pkg.name, await runConsumers(pkg, dir));
    step(`${pkg.name}: installed alone, ${describeOutcomes(outcomes.get(pkg.name)!)}`);
  }
  outcomes.get('@kalshi-sdk/rest')?.push(await restSignedCall(packages, consumers, scratch, cleanup));

  const table = installTable(figures);
  const failures = [...outcomes].flatMap(([name, list]) => list.flatMap((o) => o.problems.map((p) => `${name} (${o.style}): ${p}`)));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  await writeFile(RESULTS, resultsPage(table, packages, outcomes, seconds));
  console.log(`\n${table}\n`);
  for (const f of failures) console.log(`FAIL ${f}`);
  const over = overBudget(budget, Object.fromEntries(figures.map((f) => [f.name, { installBytes: f.installBytes, dependencies: f.dependencies }])));
  for (const o of over) console.log(`OVER ${describeOver(o)}`);
  step(`${failures.length === 0 && over.length === 0 ? 'ok' : 'FAILED'} in ${seconds} s; table written to bench/results/release.md`);
  return failures.length === 0 && over.length === 0 ? 0 : 1;
}

/** Starts the mock exchange installed from the registry and makes rest's signed call against it. */
async function restSignedCall(packages: readonly WorkspacePackage[], consumers: string, scratch: string, cleanup: Cleanup): Promise<ConsumerOutcome> {
  const style = 'signed call' as const;
  if (!packages.some((p) => p.name === '@kalshi-sdk/mock-exchange')) return { style, problems: ['@kalshi-sdk/mock-exchange was not published'] };
  const keys = join(scratch, 'mock-keys');
  await mkdir(keys);
  const mock = await startInstalledMock(join(consumers, 'mock-exchange'), keys);
  cleanup.add(() => mock.stop());
  try {
    const result = await signedCall(join(consumers, 'rest'), mock);
    step(`@kalshi-sdk/rest: signed GET /portfolio/balance against kalshi-mock from the registry: ${result.problems.length === 0 ? result.output : 'FAILED'}`);
    return { style, problems: result.problems };
  } finally {
    await mock.stop();
  }
}

function describeOutcomes(list: readonly ConsumerOutcome[]): string {
  return list.map((o) => `${o.style} ${o.problems.length === 0 ? 'ok' : 'FAILED'}`).join(', ');
}

function resultsPage(table: string, packages: readonly WorkspacePackage[], outcomes: ReadonlyMap<string, ConsumerOutcome[]>, seconds: string): string {
  const rows = packages.map((p) => `| \`${p.name}\` | ${(outcomes.get(p.name) ?? []).map((o) => `${o.style}: ${o.problems.length === 0 ? 'pass' : 'FAIL'}`).join(', ')} |`);
  return [
    '# Release check: each package installed alone from a loopback registry',
    '',
    `Written by \`pnpm release:verify\` (scripts/release/verify.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, in ${seconds} s.`,
    'Each package was published by `changeset version` + `changeset publish` to Verdaccio on 127.0.0.1, then installed',
    'on its own with `npm install <name>@<version>` in an empty folder whose `.npmrc` names only that registry, with an',
    'empty npm cache (the registry already held the third-party tarballs, so the time is a local install).',
    '"dependencies" counts the packages installed besides it; "installed size" sums the files under `node_modules`',
    '(KB = 1024 bytes). Ceilings: scripts/release/size-budget.json.',
    '',
    table,
    '',
    '| package | consumers |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}

const cleanup = new Cleanup();
const removeHandlers = cleanup.onSignals();
try {
  process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'), cleanup);
} catch (e) {
  if (!(e instanceof ReleaseError) && !(e instanceof PackagingError)) throw e;
  console.error(`release:verify: ${e.code}: ${e.message}${e.output ? `\n${e.output}` : ''}`);
  process.exitCode = 2;
} finally {
  await cleanup.run();
  removeHandlers();
}
