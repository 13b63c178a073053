import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_CODES, KalshiCliError } from '../errors.js';
import type { RunWith } from '../program.js';

/**
 * `kalshi specs diff OLD NEW`: the repository's contract diff (`pnpm contract:diff`), bundled into
 * `dist/specs-diff.js` at build time and loaded only by this command. Prints the Markdown report
 * and the summary line, or with `--json` the full report. Returns 1 when any change is breaking,
 * else 0.
 * @throws KalshiCliError `CLI_BAD_INPUT` (exit 2) for a missing, unreadable or invalid spec file,
 * or two specs of different kinds.
 */
async function diff(ctx: CliContext, oldPath: string, newPath: string): Promise<number> {
  const { ContractDiffError, diffFiles, renderJson, renderMarkdown, summaryLine } = await import('../specs-diff.js');
  let report;
  try {
    report = await diffFiles(oldPath, newPath);
  } catch (error) {
    if (error instanceof ContractDiffError) throw new KalshiCliError('CLI_BAD_INPUT', `specs diff: ${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
  if (ctx.out.json) ctx.io.stdout.write(renderJson(report));
  else {
    ctx.out.line(renderMarkdown(report));
    ctx.out.line(summaryLine(report));
  }
  return report.summary.breaking > 0 ? EXIT_CODES.failure : EXIT_CODES.ok;
}

/** `kalshi specs diff OLD NEW`. */
export function registerSpecs(program: Command, run: RunWith): void {
  program
    .command('specs')
    .description("Kalshi's API specs")
    .command('diff')
    .description('semantic diff of two OpenAPI, AsyncAPI or FIX dictionary files: exit 1 if any change is breaking')
    .argument('<old>', 'the older spec file')
    .argument('<new>', 'the newer spec file')
    .action(run((ctx, oldPath: string, newPath: string) => diff(ctx, oldPath, newPath)));
}
