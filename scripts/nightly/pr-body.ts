import { renderMarkdown } from '../contract-diff/index.ts';
import type { SummaryRow } from '../regen.ts';
import type { SpecRow, StepResult } from './run-nightly.ts';

/** GitHub refuses a pull-request body over 65,536 characters; keep clear of it. */
export const PR_BODY_MAX_CHARS = 60_000;

function facts(f: { version: string; sha256: string } | undefined): string {
  return f === undefined ? '—' : `${f.version} (\`${f.sha256.slice(0, 8)}\`)`;
}

function changesText(r: SpecRow): string {
  if (r.status === 'unchanged') return 'unchanged';
  if (r.status === 'pull-failed') return `pull failed: ${r.problem ?? ''}`;
  if (r.status === 'not-compared') return `not compared: ${r.problem ?? ''}`;
  const s = r.report?.summary;
  return s === undefined ? 'changed' : s.breaking + s.nonBreaking + s.docsOnly === 0 ? 'no contract change' : `${s.breaking} breaking, ${s.nonBreaking} non-breaking, ${s.docsOnly} docs-only`;
}

/**
 * `chore(specs): Kalshi spec update (openapi 3.13.0 → 3.31.0, breaking)`: the changed specs, and
 * whether any change breaks clients.
 */
export function prTitle(rows: readonly SpecRow[]): string {
  const changed = rows.filter((r) => r.status === 'changed' || r.status === 'not-compared');
  if (changed.length === 0) return 'chore(specs): Kalshi specs unchanged';
  const parts = changed.map((r) => {
    const name = r.kind ?? r.file;
    const from = r.old?.version ?? '?';
    const to = r.new?.version ?? '?';
    return from === to ? `${name} ${to} (${r.new?.sha256.slice(0, 8) ?? ''})` : `${name} ${from} → ${to}`;
  });
  const breaking = changed.some((r) => r.status === 'not-compared' || (r.report?.summary.breaking ?? 0) > 0);
  return `chore(specs): Kalshi spec update (${parts.join(', ')}${breaking ? ', breaking' : ''})`;
}

const stepIcons: Readonly<Record<StepResult['status'], string>> = { passed: '✅', failed: '❌', skipped: '⏭️' };
const stepNames: Readonly<Record<StepResult['name'], string>> = {
  pull: '`specs:pull --update`',
  diff: 'contract diff',
  generate: 'regenerate',
  test: 'build, typecheck, test',
};

/** Inputs of {@link renderPrBody}. */
export interface PrBodyInput {
  readonly rows: readonly SpecRow[];
  readonly steps: readonly StepResult[];
  readonly generated: readonly SummaryRow[];
  readonly dryRun: boolean;
  /** `specs:pull` table, shown folded. */
  readonly pullText: string;
  /** The end of the test log when tests failed. */
  readonly testLogTail: string | undefined;
  readonly maxChars?: number;
}

/**
 * The pull request body: a table of specs (old → new, change counts), the changesets and the
 * bumps they make, each step's outcome, the generated counts, then each contract-diff report,
 * sharing what is left of the size budget.
 */
export function renderPrBody(input: PrBodyInput): string {
  const lines = [
    input.dryRun ? '> Dry run of `pnpm nightly`: nothing was committed.' : 'Opened by the nightly spec job (`pnpm nightly`).',
    '',
    '## Kalshi specs',
    '',
    '| spec | locked | pulled | changes |',
    '|---|---|---|---|',
    ...input.rows.map((r) => `| \`${r.file}\` | ${facts(r.old)} | ${facts(r.new)} | ${changesText(r)} |`),
    '',
    '## Release',
    '',
  ];
  const withChangeset = input.rows.filter((r) => r.changeset !== undefined);
  if (withChangeset.length === 0) lines.push('No changeset: no contract change.');
  for (const r of withChangeset) {
    const bumps = Object.entries(r.releases ?? {}).map(([name, level]) => `\`${name}\` ${level}`).join(', ');
    lines.push(`- \`${r.changeset}\`: ${bumps}`);
  }
  lines.push('', '## Checks', '', ...input.steps.map((s) => `- ${stepIcons[s.status]} ${stepNames[s.name]}: ${s.detail}`));
  const generated = input.generated.flatMap((g) => ('summary' in g ? [g] : []));
  if (generated.length > 0) {
    lines.push('', '## Generated', '');
    for (const g of generated) {
      const counts = Object.entries(g.summary.counts).map(([k, n]) => `${n} ${k}`).join(', ');
      lines.push(`- \`@kalshi-sdk/${g.pkg}\` from \`${g.summary.spec}\` ${g.summary.version}: ${counts}`);
    }
  }
  if (input.testLogTail !== undefined) lines.push('', '<details><summary>End of the test log</summary>', '', '```', input.testLogTail, '```', '', '</details>');
  lines.push('', '<details><summary>specs:pull</summary>', '', '```', input.pullText, '```', '', '</details>');
  const reports = input.rows.flatMap((r) => (r.report && r.report.changes.length > 0 ? [r.report] : []));
  const head = lines.join('\n');
  const share = Math.floor(((input.maxChars ?? PR_BODY_MAX_CHARS) - head.length - 200) / Math.max(reports.length, 1));
  const bodies = reports.map((report) => renderMarkdown(report, { maxChars: share }).trimEnd());
  return [head, ...bodies.map((b) => `\n${b}`)].join('\n') + '\n';
}
