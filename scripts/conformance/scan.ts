/**
 * Reads the conformance tests (`packages/<p>/test/conformance/*.test.ts`) as text and lists their
 * rules: each `it`/`test` whose title starts with a documentation page path, with the
 * `// Quote: "…"`, `// Quote /other/page: "…"` and `// Undocumented: …` lines of its body.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** A sentence a rule quotes, and the page it says the sentence is on. */
export interface RuleQuote {
  readonly page: string;
  readonly text: string;
}

/** One documented rule and the test that enforces it. */
export interface ConformanceRule {
  /** The page path the title starts with, e.g. `/fix/authentication`. */
  readonly page: string;
  /** The rest of the title. */
  readonly rule: string;
  readonly packageName: string;
  /** Test file, relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly quotes: readonly RuleQuote[];
  /** Set when no page documents the behaviour: what was chosen, and why it is the safer one. */
  readonly undocumented: string | undefined;
}

const TEST_CALL = /^\s*(?:it|test)(?:\.\w+)?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/;
const QUOTE_LINE = /^\s*\/\/ Quote(?: (\/\S+))?: "(.*)"\s*$/;
const UNDOCUMENTED_LINE = /^\s*\/\/ Undocumented: (.+)$/;

/** Parses one test file's text. Titles that do not start with `/` are not rules. */
export function scanConformanceFile(text: string, file: string, packageName: string): ConformanceRule[] {
  const rules: Array<{ page: string; rule: string; line: number; quotes: RuleQuote[]; undocumented: string | undefined }> = [];
  let current: (typeof rules)[number] | undefined;
  text.split('\n').forEach((line, i) => {
    const call = TEST_CALL.exec(line);
    if (call) {
      const title = (call[2] ?? '').replace(/\\(.)/g, '$1');
      const m = /^(\/\S+?): (.+)$/.exec(title);
      current = m ? { page: m[1] ?? '', rule: m[2] ?? '', line: i + 1, quotes: [], undocumented: undefined } : undefined;
      if (current) rules.push(current);
      return;
    }
    if (!current) return;
    const quote = QUOTE_LINE.exec(line);
    if (quote) current.quotes.push({ page: quote[1] ?? current.page, text: quote[2] ?? '' });
    const undocumented = UNDOCUMENTED_LINE.exec(line);
    if (undocumented) current.undocumented = undocumented[1]?.trim();
  });
  return rules.map((r) => ({ ...r, packageName, file }));
}

/** Every rule of every package's `test/conformance/` folder, sorted by page then file. */
export function scanConformanceTests(root: string): ConformanceRule[] {
  const rules: ConformanceRule[] = [];
  for (const pkg of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', pkg, 'test', 'conformance');
    if (!existsSync(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as { name: string };
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()) {
      const file = `packages/${pkg}/test/conformance/${name}`;
      rules.push(...scanConformanceFile(readFileSync(join(root, file), 'utf8'), file, manifest.name));
    }
  }
  return rules.sort((a, b) => (a.page === b.page ? (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1) : a.page < b.page ? -1 : 1));
}
