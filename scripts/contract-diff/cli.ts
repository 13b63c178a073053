import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { planChangeset, readPackageVersions, writeChangeset } from './changeset.ts';
import { diffFiles } from './diff.ts';
import { ContractDiffError } from './errors.ts';
import { renderJson, renderMarkdown, summaryLine } from './report.ts';

/** Usage text of `pnpm contract:diff`. */
export const usage = `usage: pnpm contract:diff <old> <new> [--json out.json] [--markdown out.md] [--allow-breaking] [--changeset]

Semantic diff of two OpenAPI, AsyncAPI or FIX dictionary files (kind detected from content).
Prints a summary line, and the Markdown report when neither --json nor --markdown is given.
  --json <file>       write the full report as JSON
  --markdown <file>   write the Markdown report (for a PR comment)
  --allow-breaking    exit 0 even when a change is breaking
  --changeset         write .changeset/<slug>.md bumping the packages fed by the spec
Exit codes: 0 no breaking change (or --allow-breaking), 1 breaking change, 2 usage or input error.`;

/** Where the CLI reads and writes; the real process by default, injectable for tests. */
export interface CliContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Base for relative paths. Default: `INIT_CWD` (where `pnpm` was invoked), else the process cwd. */
  readonly cwd?: string;
  /** Repository root holding `packages/*` and `.changeset/`. */
  readonly repoRoot: string;
}

/**
 * Runs `contract:diff` with `argv` (arguments after the script name).
 * @returns the exit code: 0 clean (or `--allow-breaking`), 1 breaking changes, 2 usage or input error.
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const cwd = ctx.cwd ?? process.env['INIT_CWD'] ?? process.cwd();
  try {
    const args = argv[0] === '--' ? argv.slice(1) : argv;
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args],
        allowPositionals: true,
        strict: true,
        options: {
          json: { type: 'string' },
          markdown: { type: 'string' },
          'allow-breaking': { type: 'boolean' },
          changeset: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (cause) {
      throw new ContractDiffError('USAGE', (cause as Error).message, { value: args.join(' '), cause });
    }
    const { values, positionals } = parsed;
    if (values.help) {
      ctx.stdout(usage + '\n');
      return 0;
    }
    const [oldPath, newPath, ...extra] = positionals;
    if (oldPath === undefined || newPath === undefined || extra.length > 0) {
      throw new ContractDiffError('USAGE', 'expected exactly two spec files: <old> <new>', { value: positionals });
    }
    const report = await diffFiles(resolve(cwd, oldPath), resolve(cwd, newPath));
    const relabeled = { ...report, old: { ...report.old, source: oldPath }, new: { ...report.new, source: newPath } };
    if (values.json !== undefined) await writeFile(resolve(cwd, values.json), renderJson(relabeled));
    if (values.markdown !== undefined) await writeFile(resolve(cwd, values.markdown), renderMarkdown(relabeled));
    if (values.json === undefined && values.markdown === undefined) ctx.stdout(renderMarkdown(relabeled) + '\n');
    ctx.stdout(summaryLine(relabeled) + '\n');
    if (values.changeset) {
      const plan = planChangeset(relabeled, await readPackageVersions(ctx.repoRoot));
      if (plan) ctx.stdout(`changeset: ${await writeChangeset(plan, join(ctx.repoRoot, '.changeset'))}\n`);
      else ctx.stdout('changeset: none (no changes)\n');
    }
    if (report.summary.breaking > 0 && !values['allow-breaking']) {
      ctx.stderr(`${report.summary.breaking} breaking change(s); pass --allow-breaking to accept them\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ContractDiffError)) throw e;
    ctx.stderr(`contract-diff: ${e.code}: ${e.message}\n`);
    if (e.code === 'USAGE') ctx.stderr(usage + '\n');
    return 2;
  }
}
