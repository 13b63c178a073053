/**
 * Checks each conformance rule against Kalshi's documentation: its page exists, it quotes at
 * least one sentence or says it is undocumented, and every quote is on the page it names.
 */
import { foldText, type DocPage } from '../lib/kalshi-docs.ts';
import type { ConformanceRule } from './scan.ts';

/** One thing wrong with a rule, located by file and line. */
export interface RuleProblem {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

/** Every problem with `rules`, or none. */
export function verifyRules(rules: readonly ConformanceRule[], docs: ReadonlyMap<string, DocPage>): RuleProblem[] {
  const folded = new Map<string, string>();
  const pageText = (path: string) => {
    const page = docs.get(path);
    if (!page) return undefined;
    if (!folded.has(path)) folded.set(path, foldText(page.text));
    return folded.get(path);
  };
  const problems: RuleProblem[] = [];
  for (const r of rules) {
    const at = { file: r.file, line: r.line };
    if (!docs.has(r.page)) problems.push({ ...at, problem: `no documentation page ${r.page} (see INDEX.md)` });
    if (r.quotes.length === 0 && r.undocumented === undefined) {
      problems.push({ ...at, problem: 'quotes nothing: add a `// Quote: "…"` line, or `// Undocumented: …`' });
    }
    if (r.undocumented !== undefined && !/\bundocumented\b/i.test(r.rule)) {
      problems.push({ ...at, problem: 'has an `// Undocumented:` line but its title does not say "undocumented"' });
    }
    for (const q of r.quotes) {
      const text = pageText(q.page);
      if (text === undefined) problems.push({ ...at, problem: `quotes page ${q.page}, which does not exist` });
      else if (foldText(q.text) === '') problems.push({ ...at, problem: 'has an empty quote' });
      else if (!text.includes(foldText(q.text))) problems.push({ ...at, problem: `quote not found on ${q.page}: "${q.text}"` });
    }
  }
  return problems;
}
