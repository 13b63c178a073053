import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import {
  bumpLevel,
  ContractDiffError,
  diffFiles,
  planChangeset,
  readPackageVersions,
  renderJson,
  renderMarkdown,
  specPackages,
  summaryLine,
  writeChangeset,
  type ChangesetPlan,
  type DiffReport,
  type SpecKind,
} from '../contract-diff/index.ts';
import { runCommand } from '../packaging/run-command.ts';
import { readGeneratedSummaries, type SummaryRow } from '../regen.ts';
import { readLock } from '../specs-pull/lock.ts';
import { pullSpecs } from '../specs-pull/pull-specs.ts';
import { formatReport } from '../specs-pull/report.ts';
import { sha256Hex } from '../specs-pull/spec-body.ts';
import { collectOldSpecs, readOldOverrides, specKindOf } from './old-specs.ts';
import { prTitle, renderPrBody } from './pr-body.ts';
import { copyWorkTree } from './work-tree.ts';

/** The package each spec's generator writes into. */
export const generatorPackages: Readonly<Record<SpecKind, string>> = {
  openapi: '@kalshi-sdk/rest',
  asyncapi: '@kalshi-sdk/ws',
  fix: '@kalshi-sdk/fix',
};

/** Options of {@link runNightly}. */
export interface NightlyOptions {
  /** The repository. A dry run copies it and leaves it untouched. */
  readonly repoRoot: string;
  /** Work in a copy of the repository; write changesets to `<outDir>/changesets`; open no PR. */
  readonly dryRun: boolean;
  /** Absolute paths of files to diff against instead of the locked specs (dry run only), one per kind. */
  readonly old: readonly string[];
  /** Where the PR title and body, diff reports, changesets (dry run) and step logs go. */
  readonly outDir: string;
  /** Regenerate but do not build, type-check and test. */
  readonly skipTests: boolean;
  /** `KALSHI_SPECS_SOURCE`: a folder or base URL replacing the lock's sources. */
  readonly source: string | undefined;
  /** Keep the dry run's copy of the repository (its path is logged). */
  readonly keepWorkTree?: boolean;
  readonly log: (line: string) => void;
}

/** The file versions a spec row compares. */
export interface SpecFacts {
  readonly version: string;
  readonly sha256: string;
}

/**
 * One spec of the lock:
 * - `unchanged`: the pulled file is the old one;
 * - `changed`: diffed (`report`); `changeset` is undefined when nothing semantic changed;
 * - `not-compared`: changed, but the old file was unavailable or the diff failed (`problem`);
 *   the changeset then assumes breaking changes;
 * - `pull-failed`: no source gave a readable file (`problem`).
 */
export interface SpecRow {
  readonly file: string;
  readonly kind: SpecKind | undefined;
  readonly status: 'unchanged' | 'changed' | 'not-compared' | 'pull-failed';
  readonly old: (SpecFacts & { readonly source: string }) | undefined;
  readonly new: SpecFacts | undefined;
  readonly report?: DiffReport;
  /** Repository-relative path of the changeset a real run commits. */
  readonly changeset?: string;
  readonly releases?: Readonly<Record<string, string>>;
  readonly problem?: string;
}

/** One step of the job. */
export interface StepResult {
  readonly name: 'pull' | 'diff' | 'generate' | 'test';
  /** `skipped` steps count as passed. */
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly detail: string;
  /** The step's full output, under `outDir`. */
  readonly logFile?: string;
}

/** Everything {@link runNightly} did. */
export interface NightlyResult {
  readonly specs: readonly SpecRow[];
  readonly steps: readonly StepResult[];
  /** True when the lock changed (or, in a dry run, an `--old` file differs): there is something to propose. */
  readonly changed: boolean;
  /** False when a step failed. */
  readonly ok: boolean;
  readonly title: string;
  readonly bodyFile: string;
  /** Repository-relative files a real run changes for the PR: the lock and the changesets. */
  readonly commitFiles: readonly string[];
  readonly generated: readonly SummaryRow[];
}

const TURBO_ENV = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

/**
 * The nightly job: record the locked specs as "old", `specs:pull --update`, contract-diff each
 * changed spec (report + changeset), regenerate the packages whose spec changed, build and test
 * everything, and write the pull request's title and body. A real run changes the repository's
 * lock and `.changeset/`; a dry run works in a copy and writes changesets under `outDir`.
 * Failed steps are recorded and the job goes on, so the PR shows what broke.
 * @throws {NightlyError} `OLD_SPEC_INVALID` for a bad `--old` file.
 */
export async function runNightly(o: NightlyOptions): Promise<NightlyResult> {
  await mkdir(o.outDir, { recursive: true });
  const overrides = await readOldOverrides(o.old);
  // A dry run works in <tmp>/<repo name>, with the spec mirror linked beside it as in a checkout.
  const workParent = o.dryRun ? await mkdtemp(join(tmpdir(), 'kalshi-nightly-tree-')) : undefined;
  const workRoot = workParent === undefined ? o.repoRoot : join(workParent, basename(o.repoRoot));
  try {
    if (o.dryRun) {
      await copyWorkTree(o.repoRoot, workRoot);
      o.log(`nightly: dry run in a copy of the repository: ${workRoot}`);
    }
    return await runIn(workRoot, o, overrides);
  } finally {
    if (workParent !== undefined && !o.keepWorkTree) await rm(workParent, { recursive: true, force: true });
  }
}

async function runIn(root: string, o: NightlyOptions, overrides: ReadonlyMap<SpecKind, string>): Promise<NightlyResult> {
  const steps: StepResult[] = [];
  const lockPath = join(root, 'specs', 'specs.lock.json');
  const lock = await readLock(lockPath);
  const source = o.source === undefined ? {} : { source: o.source };
  const olds = await collectOldSpecs({ root, lock, lockPath, dir: join(o.outDir, 'old'), rootDir: o.repoRoot, source: o.source });

  o.log('nightly: specs:pull --update');
  const pulled = await pullSpecs({ mode: 'update', lockPath, outDir: join(root, 'specs'), rootDir: o.repoRoot, ...source });
  const pullText = formatReport(pulled);
  o.log(pullText);
  steps.push({ name: 'pull', status: pulled.ok ? 'passed' : 'failed', detail: pulled.ok ? 'every spec pulled' : 'a spec could not be pulled (see the table)' });

  const versions = await readPackageVersions(root);
  const changesetDir = o.dryRun ? join(o.outDir, 'changesets') : join(root, '.changeset');
  const rows: SpecRow[] = [];
  for (const outcome of pulled.outcomes) {
    const file = outcome.spec.file;
    if (!outcome.ok) {
      rows.push({ file, kind: undefined, status: 'pull-failed', old: undefined, new: undefined, problem: outcome.error.reason });
      continue;
    }
    const newPath = join(root, 'specs', file);
    const kind = specKindOf(await readFile(newPath));
    const overridden = kind && overrides.get(kind);
    const oldPath = overridden || olds.paths.get(file);
    const neu = { version: outcome.facts.version, sha256: outcome.facts.sha256 };
    if (oldPath === undefined || kind === undefined) {
      const unchanged = outcome.facts.sha256 === outcome.spec.sha256;
      const problem = kind === undefined ? 'not a known spec kind' : `the locked file is unavailable (${olds.missing.get(file) ?? 'not found'})`;
      if (unchanged) rows.push({ file, kind, status: 'unchanged', old: undefined, new: neu });
      else rows.push(await notCompared({ file, kind, neu, problem, versions, changesetDir, root, log: o.log }));
      continue;
    }
    const oldSource = overridden ? relative(o.repoRoot, oldPath) : `${file} (locked)`;
    if (sha256Hex(await readFile(oldPath)) === neu.sha256) {
      const lockFacts = { version: outcome.spec.version, sha256: outcome.spec.sha256 };
      rows.push({ file, kind, status: 'unchanged', old: { ...(overridden ? neu : lockFacts), source: oldSource }, new: neu });
      continue;
    }
    let report: DiffReport;
    try {
      report = await diffFiles(oldPath, newPath);
    } catch (e) {
      if (!(e instanceof ContractDiffError)) throw e;
      rows.push(await notCompared({ file, kind, neu, problem: `contract diff failed: ${e.code}: ${e.message}`, versions, changesetDir, root, log: o.log }));
      continue;
    }
    const old = { version: report.old.version, sha256: report.old.sha256, source: oldSource };
    const labeled = { ...report, old: { ...report.old, source: old.source }, new: { ...report.new, source: `${file} (pulled)` } };
    o.log(`nightly: contract diff ${summaryLine(labeled)}`);
    await writeFile(join(o.outDir, `${kind}.diff.md`), renderMarkdown(labeled));
    await writeFile(join(o.outDir, `${kind}.diff.json`), renderJson(labeled));
    const plan = planChangeset(labeled, versions);
    if (plan) await writeChangeset(plan, changesetDir);
    rows.push({
      file,
      kind,
      status: 'changed',
      old,
      new: { version: report.new.version, sha256: report.new.sha256 },
      report: labeled,
      ...(plan ? { changeset: `.changeset/${plan.slug}.md`, releases: plan.releases } : {}),
    });
  }
  const notComparedCount = rows.filter((r) => r.status === 'not-compared').length;
  steps.push({
    name: 'diff',
    status: notComparedCount > 0 ? 'failed' : 'passed',
    detail: notComparedCount > 0 ? `${notComparedCount} changed spec(s) could not be compared` : `${rows.filter((r) => r.status === 'changed').length} spec(s) changed`,
  });

  const regenerate = rows.filter((r) => r.kind !== undefined && (r.status === 'changed' || r.status === 'not-compared')).map((r) => generatorPackages[r.kind as SpecKind]);
  let generated: SummaryRow[] = [];
  if (regenerate.length === 0) {
    steps.push({ name: 'generate', status: 'skipped', detail: 'no spec changed' });
  } else {
    const args = ['exec', 'turbo', 'run', 'generate', ...regenerate.map((p) => `--filter=${p}`), '--output-logs=errors-only'];
    o.log(`nightly: pnpm ${args.join(' ')}`);
    const run = await runCommand('pnpm', args, { cwd: root, env: TURBO_ENV });
    const logFile = join(o.outDir, 'generate.log');
    await writeFile(logFile, run.output);
    const pulledShas = new Map(pulled.outcomes.flatMap((p) => (p.ok ? [[p.spec.file, p.facts.sha256] as const] : [])));
    generated = (await readGeneratedSummaries(root, pulledShas)).filter((g) => regenerate.includes(`@kalshi-sdk/${g.pkg}`));
    const problems = generated.flatMap((g) => ('problem' in g ? [g.problem] : []));
    const ok = run.code === 0 && problems.length === 0;
    const detail = run.code !== 0 ? `turbo run generate exited ${run.code}` : problems.length > 0 ? problems.join('; ') : `regenerated ${regenerate.join(', ')}`;
    steps.push({ name: 'generate', status: ok ? 'passed' : 'failed', detail, logFile });
  }

  if (o.skipTests) {
    steps.push({ name: 'test', status: 'skipped', detail: '--skip-tests' });
  } else if (regenerate.length === 0) {
    steps.push({ name: 'test', status: 'skipped', detail: 'no spec changed' });
  } else {
    const args = ['exec', 'turbo', 'run', 'test', '--output-logs=errors-only'];
    o.log(`nightly: pnpm ${args.join(' ')}`);
    const run = await runCommand('pnpm', args, { cwd: root, env: TURBO_ENV });
    const logFile = join(o.outDir, 'test.log');
    await writeFile(logFile, run.output);
    steps.push({ name: 'test', status: run.code === 0 ? 'passed' : 'failed', detail: run.code === 0 ? 'build, typecheck and test passed' : `turbo run test exited ${run.code}`, logFile });
  }

  const commitFiles = [
    ...(pulled.lockWritten ? ['specs/specs.lock.json'] : []),
    ...rows.flatMap((r) => (r.changeset ? [r.changeset] : [])),
  ];
  const changed = rows.some((r) => r.status === 'changed' || r.status === 'not-compared');
  const title = prTitle(rows);
  const bodyFile = join(o.outDir, 'pr-body.md');
  const testLog = steps.find((s) => s.name === 'test' && s.status === 'failed')?.logFile;
  const body = renderPrBody({ rows, steps, generated, dryRun: o.dryRun, pullText, testLogTail: testLog ? tail(await readFile(testLog, 'utf8'), 60) : undefined });
  await writeFile(bodyFile, body);
  await writeFile(join(o.outDir, 'pr-title.txt'), title + '\n');
  const ok = steps.every((s) => s.status !== 'failed');
  const result: NightlyResult = { specs: rows, steps, changed, ok, title, bodyFile, commitFiles, generated };
  await writeFile(join(o.outDir, 'nightly.json'), JSON.stringify({ ...result, specs: rows.map(({ report: _, ...r }) => r) }, null, 2) + '\n');
  return result;
}

/** Last `n` lines of `text`. */
function tail(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * A changed spec that could not be diffed: its packages are released as if the change were
 * breaking (minor before 1.0), since nothing shows it is not.
 */
async function notCompared(input: {
  readonly file: string;
  readonly kind: SpecKind | undefined;
  readonly neu: SpecFacts;
  readonly problem: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly changesetDir: string;
  readonly root: string;
  readonly log: (line: string) => void;
}): Promise<SpecRow> {
  const { file, kind, neu, problem } = input;
  input.log(`nightly: ${file} changed but was not compared: ${problem}`);
  const base = { file, kind, status: 'not-compared' as const, old: undefined, new: neu, problem };
  if (kind === undefined) return base;
  const releases: Record<string, 'major' | 'minor' | 'patch'> = {};
  for (const name of specPackages[kind]) releases[name] = bumpLevel('breaking', input.versions[name] ?? '0.0.0');
  const plan: ChangesetPlan = {
    slug: `contract-${kind}-uncompared-to-${neu.version.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${neu.sha256.slice(0, 8)}`,
    releases,
    summary:
      `Kalshi ${file} updated to ${neu.version} (sha256 ${neu.sha256.slice(0, 12)}). ` +
      `The previous file could not be compared (${problem}), so this release assumes breaking changes.`,
  };
  await writeChangeset(plan, input.changesetDir);
  return { ...base, changeset: `.changeset/${plan.slug}.md`, releases };
}
