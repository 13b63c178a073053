import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { specsSourceFromEnv } from '../specs-pull/read-source.ts';
import { NightlyError } from './errors.ts';
import { runNightly, type NightlyResult } from './run-nightly.ts';

/** Usage text of `pnpm nightly`. */
export const usage = `usage: pnpm nightly [--dry-run [--old <spec file>]…] [--out <dir>] [--skip-tests] [--keep-work-tree]

The nightly spec job: specs:pull --update, contract diff against the locked specs, changesets,
regenerate, build and test, and the pull request's title and body.
  --dry-run          work in a copy of the repository; changesets go to <out>/changesets
  --old <file>       (dry run) diff against this file instead of the locked spec of its kind
  --out <dir>        where pr-title.txt, pr-body.md, diffs, changesets and logs go (default: a temp dir)
  --skip-tests       regenerate, but do not build, type-check and test
  --keep-work-tree   keep the dry run's copy of the repository
Env: KALSHI_SPECS_SOURCE (a folder or base URL replacing the lock's sources); GITHUB_OUTPUT
(outputs changed, ok, title, body-path for the workflow).
Exit codes: 0 every step passed (or nothing changed), 1 a step failed, 2 usage or input error.`;

/** The step outputs a real run appends to `$GITHUB_OUTPUT` for nightly.yml. */
export const workflowOutputs = ['changed', 'ok', 'title', 'body-path'] as const;

/** Where the CLI reads and writes; the real process by default, injectable for tests. */
export interface NightlyCliContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly repoRoot: string;
  /** Base for relative paths. Default: `INIT_CWD` (where `pnpm` was invoked), else the process cwd. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** What a real run would do next (the workflow does it), or what a dry run would have done. */
function plan(result: NightlyResult, dryRun: boolean): string[] {
  const would = dryRun ? 'would ' : '';
  if (!result.changed) return [`nightly: no spec changed: ${dryRun ? 'would open' : 'opens'} no pull request`];
  return [
    `nightly: ${would}commit ${result.commitFiles.length > 0 ? result.commitFiles.join(', ') : '(nothing: lock unchanged)'}`,
    `nightly: ${would}open pull request "${result.title}" with body ${result.bodyFile}`,
  ];
}

/**
 * Runs `pnpm nightly` with `argv` (arguments after the script name).
 * @returns the exit code: 0 every step passed, 1 a step failed, 2 usage or input error.
 */
export async function runNightlyCli(argv: readonly string[], ctx: NightlyCliContext): Promise<number> {
  const env = ctx.env ?? process.env;
  const cwd = ctx.cwd ?? env['INIT_CWD'] ?? process.cwd();
  try {
    const args = argv.filter((a) => a !== '--');
    let values;
    try {
      values = parseArgs({
        args,
        strict: true,
        options: {
          'dry-run': { type: 'boolean' },
          old: { type: 'string', multiple: true },
          out: { type: 'string' },
          'skip-tests': { type: 'boolean' },
          'keep-work-tree': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values;
    } catch (cause) {
      throw new NightlyError('USAGE', (cause as Error).message, { value: args, cause });
    }
    if (values.help) {
      ctx.stdout(usage + '\n');
      return 0;
    }
    const dryRun = values['dry-run'] ?? false;
    if (!dryRun && (values.old ?? []).length > 0) throw new NightlyError('USAGE', '--old is for --dry-run only: a real run diffs against the lock', { value: args });
    const outDir = values.out === undefined ? await mkdtemp(join(tmpdir(), 'kalshi-nightly-')) : resolve(cwd, values.out);
    const result = await runNightly({
      repoRoot: ctx.repoRoot,
      dryRun,
      old: (values.old ?? []).map((p) => resolve(cwd, p)),
      outDir,
      skipTests: values['skip-tests'] ?? false,
      source: specsSourceFromEnv(env, cwd),
      keepWorkTree: values['keep-work-tree'] ?? false,
      log: (line) => ctx.stdout(line + '\n'),
    });
    for (const s of result.steps) ctx.stdout(`nightly: ${s.status.padEnd(7)} ${s.name}: ${s.detail}${s.logFile ? ` (log: ${s.logFile})` : ''}\n`);
    for (const line of plan(result, dryRun)) ctx.stdout(line + '\n');
    ctx.stdout(`nightly: outputs in ${outDir}\n`);
    const githubOutput = env['GITHUB_OUTPUT'];
    if (!dryRun && githubOutput) {
      const values: Record<(typeof workflowOutputs)[number], string> = { changed: String(result.changed), ok: String(result.ok), title: result.title, 'body-path': result.bodyFile };
      await appendFile(githubOutput, workflowOutputs.map((k) => `${k}=${values[k]}\n`).join(''));
    }
    return result.ok ? 0 : 1;
  } catch (e) {
    if (!(e instanceof NightlyError)) throw e;
    ctx.stderr(`nightly: ${e.code}: ${e.message}\n`);
    if (e.code === 'USAGE') ctx.stderr(usage + '\n');
    return 2;
  }
}
