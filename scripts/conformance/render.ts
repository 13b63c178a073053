/** Renders `docs/conformance.md`: page → rules tested → test file. */
import type { DocPage } from '../lib/kalshi-docs.ts';
import type { ConformanceRule } from './scan.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The report's Markdown. Deterministic: the same rules give the same bytes. */
export function renderConformanceReport(rules: readonly ConformanceRule[], docs: ReadonlyMap<string, DocPage>): string {
  const pages = [...new Set(rules.map((r) => r.page))];
  const undocumented = rules.filter((r) => r.undocumented !== undefined).length;
  const out = [
    '# Conformance to Kalshi\'s documentation',
    '',
    'Written by `pnpm conformance:report` from the tests in `packages/*/test/conformance/`; do not edit.',
    'Each rule is one test whose name starts with the page it enforces and whose body quotes the',
    'sentence it checks. Every quote was found on its page in `../shared/kalshi-docs` when this was',
    'written, and `scripts/test/conformance/conformance-report.test.ts` fails when a quote or this file goes stale.',
    '',
    `**${rules.length} rules on ${pages.length} pages** (${undocumented} of them choices where no page documents the behaviour).`,
    '',
    '| page | rules |',
    '|---|---:|',
    ...pages.map((p) => `| [${p}](#${anchor(p)}) | ${rules.filter((r) => r.page === p).length} |`),
  ];
  for (const page of pages) {
    const title = docs.get(page)?.title;
    out.push('', `## ${page}`, '', ...(title ? [`*${cell(title)}*`, ''] : []), '| rule | quote | package | test file |', '|---|---|---|---|');
    for (const r of rules.filter((x) => x.page === page)) {
      const quotes = r.quotes.map((q) => `${q.page === page ? '' : `${q.page}: `}"${cell(q.text)}"`);
      if (r.undocumented !== undefined) quotes.push(`undocumented: ${cell(r.undocumented)}`);
      out.push(`| ${cell(r.rule)} | ${quotes.join('<br>')} | ${r.packageName} | [${r.file.split('/').pop()}](../${r.file}) |`);
    }
  }
  return out.join('\n') + '\n';
}

/** GitHub's heading anchor for a page path heading. */
function anchor(page: string): string {
  return page.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}
