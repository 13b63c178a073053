// The TypeScript code blocks of the repository's READMEs and guides, as the snippet test reads them.
// The rules (what `run` and `fragment` mean, how a prelude is declared) are in docs/guides/README.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a block is tested: `compile` as a module of its own, `run` compiled and executed, `fragment` compiled after its prelude. */
export type SnippetMode = 'compile' | 'run' | 'fragment';

export interface Snippet {
  /** Markdown file, relative to the repository root, with `/` separators. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly mode: SnippetMode;
  readonly code: string;
  /** Code compiled before a fragment, from the `<!-- prelude … -->` comment right above its fence. */
  readonly prelude?: string;
}

/** Thrown for a block whose markers the test cannot honour; the message names file and line. */
export class SnippetMarkupError extends Error {
  override readonly name = 'SnippetMarkupError';
}

const TS_LANGS = new Set(['ts', 'typescript']);
const MODES = new Set<string>(['run', 'fragment']);

/** Every README (root, packages/*, examples/*) and every guide (docs/guides/*.md), repository-relative. */
export function documentationFiles(root: string): string[] {
  const files = ['README.md'];
  for (const dir of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (existsSync(join(root, dir, name, 'README.md'))) files.push(`${dir}/${name}/README.md`);
    }
  }
  const guides = join(root, 'docs/guides');
  if (existsSync(guides)) {
    for (const name of readdirSync(guides).sort()) if (name.endsWith('.md')) files.push(`docs/guides/${name}`);
  }
  return files;
}

/** The ```ts / ```typescript blocks of one markdown file, in order. */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const [lang = '', ...words] = open[3]!.trim().split(/\s+/);
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[end]!)) end++;
    if (TS_LANGS.has(lang.toLowerCase())) {
      const code = lines.slice(i + 1, end).join('\n');
      snippets.push(snippet(file, i + 1, words, code, preludeAbove(lines, i)));
    }
    i = end;
  }
  return snippets;
}

function snippet(file: string, line: number, words: string[], code: string, prelude: string | undefined): Snippet {
  const unknown = words.filter((w) => !MODES.has(w));
  if (unknown.length > 0 || words.length > 1) {
    throw new SnippetMarkupError(`${file}:${line}: info string words ${JSON.stringify(words)}; allowed: one of run, fragment`);
  }
  const mode: SnippetMode = words[0] === 'run' ? 'run' : words[0] === 'fragment' ? 'fragment' : 'compile';
  if (mode === 'fragment' && prelude === undefined) {
    throw new SnippetMarkupError(`${file}:${line}: a ts fragment needs a <!-- prelude … --> comment right above its fence`);
  }
  if (mode !== 'fragment' && prelude !== undefined) {
    throw new SnippetMarkupError(`${file}:${line}: a prelude belongs to a ts fragment only (mark the block \`ts fragment\`)`);
  }
  return prelude === undefined ? { file, line, mode, code } : { file, line, mode, code, prelude };
}

/** The body of a `<!-- prelude … -->` comment ending on the line just above the fence at `fenceIndex`. */
function preludeAbove(lines: readonly string[], fenceIndex: number): string | undefined {
  const close = fenceIndex - 1;
  if (close < 0 || lines[close]!.trim() !== '-->') return undefined;
  let start = close - 1;
  while (start >= 0 && !lines[start]!.startsWith('<!--')) start--;
  if (start < 0 || lines[start]!.trim() !== '<!-- prelude') return undefined;
  return lines.slice(start + 1, close).join('\n');
}
