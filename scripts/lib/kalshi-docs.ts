/**
 * Kalshi's documentation as text, from the offline copy `../shared/kalshi-docs/` beside the
 * repository (one file per page; `INDEX.md` maps each page path to its file). Used to check that
 * a rule the code cites is really on the page it names.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './repo.ts';

/** Where the documentation copy lives, unless `KALSHI_DOCS_DIR` names another folder. */
export const kalshiDocsDir = resolve(process.env['KALSHI_DOCS_DIR'] ?? join(repoRoot, '..', 'shared', 'kalshi-docs'));

/** One documentation page: its path (`/fix/authentication`), title and text. */
export interface DocPage {
  readonly path: string;
  readonly title: string;
  readonly file: string;
  readonly text: string;
}

/**
 * Reads `INDEX.md` and every page it lists.
 * @throws Error naming the folder when the documentation copy is missing.
 */
export function loadKalshiDocs(dir: string = kalshiDocsDir): ReadonlyMap<string, DocPage> {
  let index: string;
  try {
    index = readFileSync(join(dir, 'INDEX.md'), 'utf8');
  } catch {
    throw new Error(`Kalshi's documentation is missing: expected ${join(dir, 'INDEX.md')} (set KALSHI_DOCS_DIR to its folder)`);
  }
  const pages = new Map<string, DocPage>();
  for (const line of index.split('\n')) {
    const m = /^\| (\/\S*) \| (.*?) \| (pages\/\S+\.txt) \|/.exec(line);
    if (!m) continue;
    const [, path, title, file] = m as unknown as [string, string, string, string];
    pages.set(path, { path, title, file, text: readFileSync(join(dir, file), 'utf8') });
  }
  return pages;
}

/**
 * Text folded for comparing a quote with a page: typographic quotes and dashes as ASCII, every
 * run of white space as one space. Words and punctuation are otherwise kept exactly.
 */
export function foldText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
