import type { Change, DiffReport, Severity, SpecKind } from './types.ts';

const titles: Readonly<Record<SpecKind, string>> = { openapi: 'OpenAPI (REST)', asyncapi: 'AsyncAPI (WebSocket)', fix: 'FIX dictionary' };
const groups: ReadonlyArray<readonly [Severity, string]> = [
  ['breaking', 'Breaking'],
  ['non-breaking', 'Non-breaking'],
  ['docs-only', 'Docs-only'],
];

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /**
   * Size budget in characters. GitHub caps a comment at 65,536 characters, so rows are added
   * breaking first, then non-breaking, then docs-only, and whatever does not fit is summarized
   * as "… and N more" (the JSON report always holds everything). Default 60,000.
   */
  readonly maxChars?: number;
}

/** `+37 −9 operations` style counts: `operations +37 −9, channels +4 −1`. */
function unitText(report: DiffReport): string {
  return Object.entries(report.summary.units)
    .map(([name, u]) => `${name} +${u.added} −${u.removed}`)
    .join(', ');
}

/**
 * One line for logs and CI output:
 * `openapi 3.13.0 → 3.31.0: operations +37 −9; 35 breaking, 142 non-breaking, 119 docs-only`.
 */
export function summaryLine(report: DiffReport): string {
  const s = report.summary;
  return `${report.kind} ${versionLabel(report)}: ${unitText(report)}; ${s.breaking} breaking, ${s.nonBreaking} non-breaking, ${s.docsOnly} docs-only`;
}

/** `3.13.0 → 3.31.0`, with short sha256s when the versions are equal (Kalshi edits files without bumping them). */
export function versionLabel(report: DiffReport): string {
  const { old: o, new: n } = report;
  return o.version === n.version ? `${o.version} (${o.sha256.slice(0, 8)}) → ${n.version} (${n.sha256.slice(0, 8)})` : `${o.version} → ${n.version}`;
}

/** `property removed`. */
export function kindLabel(change: Change): string {
  return change.kind.replace(/-/g, ' ');
}

/** `components/schemas/Market /tick_size` as Markdown code spans. */
export function whereText(change: Change): string {
  return change.pointer === '' ? `\`${change.subject}\`` : `\`${change.subject}\` \`${change.pointer}\``;
}

/** Before/after values and, for shared schemas and FIX fields, who uses them. */
export function detailText(change: Change, maxUsers = 5): string {
  const parts: string[] = [];
  if (change.before !== undefined && change.after !== undefined) parts.push(`\`${change.before}\` → \`${change.after}\``);
  else if (change.after !== undefined) parts.push(`+ \`${change.after}\``);
  else if (change.before !== undefined) parts.push(change.before === 'required' ? 'was required' : `− \`${change.before}\``);
  const own = change.usedBy.length === 1 && change.subject.includes(change.usedBy[0] ?? '');
  if (change.usedBy.length > 0 && !own) {
    const shown = change.usedBy.slice(0, maxUsers).join(', ');
    const more = change.usedBy.length - maxUsers;
    parts.push(`used by ${shown}${more > 0 ? ` (+${more} more)` : ''}`);
  }
  return parts.join('; ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const tableHead = ['| change | where | direction | details |', '|---|---|---|---|'];

/** A table of as many rows as fit in `budget.left` characters (which it decreases by what it adds). */
function table(changes: readonly Change[], budget: { left: number }): string {
  const lines = [...tableHead];
  let shown = 0;
  for (const c of changes) {
    const row = `| ${cell(kindLabel(c))} | ${cell(whereText(c))} | ${c.direction} | ${cell(detailText(c))} |`;
    if (row.length + 1 > budget.left) break;
    budget.left -= row.length + 1;
    lines.push(row);
    shown++;
  }
  if (shown < changes.length) lines.push('', `… and ${changes.length - shown} more (see the JSON report).`);
  return lines.join('\n');
}

/**
 * Markdown fit for a pull-request comment: a heading naming both versions, summary counts,
 * then one table per severity (docs-only folded in `<details>`).
 */
export function renderMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const s = report.summary;
  const short = (sha: string) => sha.slice(0, 12);
  const lines = [
    `## Contract diff: ${titles[report.kind]} ${versionLabel(report)}`,
    '',
    `\`${report.old.source}\` (sha256 \`${short(report.old.sha256)}\`) → \`${report.new.source}\` (sha256 \`${short(report.new.sha256)}\`)`,
    '',
    '| breaking | non-breaking | docs-only | ' + Object.keys(s.units).join(' | ') + ' |',
    '|---:|---:|---:|' + Object.keys(s.units).map(() => '---:|').join(''),
    `| ${s.breaking} | ${s.nonBreaking} | ${s.docsOnly} | ` + Object.values(s.units).map((u) => `+${u.added} −${u.removed}`).join(' | ') + ' |',
  ];
  if (report.changes.length === 0) lines.push('', 'No contract changes.');
  const present = groups.filter(([severity]) => report.changes.some((c) => c.severity === severity));
  // What every table costs besides its rows: heading or <details>, head, "… and N more" note.
  const overhead = present.length * (tableHead.join('\n').length + 120);
  const budget = { left: (options.maxChars ?? 60_000) - lines.join('\n').length - overhead };
  for (const [severity, title] of present) {
    const changes = report.changes.filter((c) => c.severity === severity);
    if (severity === 'docs-only') {
      lines.push('', `<details><summary>${title} (${changes.length})</summary>`, '', table(changes, budget), '', '</details>');
    } else {
      lines.push('', `### ${title} (${changes.length})`, '', table(changes, budget));
    }
  }
  return lines.join('\n') + '\n';
}

/** The report as pretty JSON (`--json`): the {@link DiffReport} itself. */
export function renderJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
