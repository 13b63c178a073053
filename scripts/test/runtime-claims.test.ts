/**
 * Every runtime a package README names is backed by a pass cell of the runtime matrix
 * (docs/runtimes.md, written by `pnpm test:runtimes`): "works in Deno" in a README means the
 * package's Deno cell passed. Text in fenced code blocks and HTML comments is not a claim.
 * Packages the matrix has no row for (the CLI, the mock exchange) may name Node only: their own
 * unit suites are what runs them, on Node 20 (`pnpm test`) and on 22 and 24 (`pnpm test:node-versions`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/repo.ts';

/**
 * The runtime names looked for, and the matrix columns each needs a pass cell in. A name with no
 * column is one the matrix does not run, so a README may not name it at all.
 */
const RUNTIME_NAMES: readonly { readonly name: string; readonly pattern: RegExp; readonly columns: readonly string[] }[] = [
  { name: 'Node', pattern: /\bNode(?:\.js)?\b/, columns: ['Node 20', 'Node 22', 'Node 24'] },
  { name: 'Bun', pattern: /\bBun\b/, columns: ['Bun'] },
  { name: 'Deno', pattern: /\bDeno\b/, columns: ['Deno'] },
  { name: 'Cloudflare Workers', pattern: /\bCloudflare Workers?\b|\bworkerd\b|\bWorkers?\b(?! threads?)/, columns: ['workerd'] },
  { name: 'browser', pattern: /\bbrowsers?\b|\bChrom(?:e|ium)\b/i, columns: ['Chromium'] },
  { name: 'Firefox', pattern: /\bFirefox\b/, columns: [] },
  { name: 'Safari', pattern: /\bSafari\b/, columns: [] },
  { name: 'Vercel Edge', pattern: /\bVercel\b/, columns: [] },
  { name: 'edge runtimes', pattern: /\bedge runtimes?\b/i, columns: [] },
  { name: 'web workers', pattern: /\bweb workers?\b/i, columns: [] },
];

/** Packages with no matrix row: only these names are allowed in their READMEs (see the header). */
const UNIT_SUITE_RUNTIMES = ['Node'];

/** docs/runtimes.md's table: package name (`auth`) → column → `pass` / `fail` / `n/a`. */
function matrixCells(doc: string): Map<string, Map<string, string>> {
  const rows = doc.split('\n').filter((line) => line.startsWith('| '));
  const columns = rows[0]!.split('|').slice(2, -1).map((cell) => cell.trim());
  const cells = new Map<string, Map<string, string>>();
  for (const row of rows.slice(1)) {
    const [name, ...statuses] = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const pkg = /^`@kalshi-sdk\/(.+)`$/.exec(name!)?.[1];
    if (pkg) cells.set(pkg, new Map(statuses.map((status, i) => [columns[i]!, status])));
  }
  return cells;
}

/** The README's prose lines (not in fenced code or HTML comments), with their 1-based numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inFence = false;
  let inComment = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    else if (!inFence && !inComment && text.includes('<!--') && !text.includes('-->')) inComment = true;
    else if (inComment && text.includes('-->')) inComment = false;
    else if (!inFence && !inComment) out.push({ line: i + 1, text: text.replace(/<!--.*?-->/g, '') });
  });
  return out;
}

/** Each runtime name on a prose line of `readme` that `cells` (the package's matrix row, if any) does not back. */
function unbackedClaims(file: string, readme: string, cells: ReadonlyMap<string, string> | undefined): string[] {
  const problems: string[] = [];
  for (const { line, text } of proseLines(readme)) {
    for (const { name, pattern, columns } of RUNTIME_NAMES) {
      if (!pattern.test(text)) continue;
      if (cells === undefined) {
        if (!UNIT_SUITE_RUNTIMES.includes(name)) problems.push(`${file}:${line} names ${name}, but the runtime matrix has no row for this package`);
        continue;
      }
      if (columns.length === 0) {
        problems.push(`${file}:${line} names ${name}, which the runtime matrix does not run`);
        continue;
      }
      for (const column of columns) {
        const status = cells.get(column);
        if (status !== 'pass') problems.push(`${file}:${line} names ${name}, but the matrix's ${column} cell is ${status ?? 'missing'}`);
      }
    }
  }
  return problems;
}

describe('runtime claims in package READMEs', () => {
  it('every runtime a package README names has a pass cell in docs/runtimes.md', async () => {
    const cells = matrixCells(await readFile(join(repoRoot, 'docs/runtimes.md'), 'utf8'));
    expect(cells.size, 'docs/runtimes.md has package rows').toBeGreaterThan(0);
    const packages = await readdir(join(repoRoot, 'packages'));
    const problems: string[] = [];
    for (const pkg of packages) {
      const readme = await readFile(join(repoRoot, 'packages', pkg, 'README.md'), 'utf8').catch(() => undefined);
      if (readme !== undefined) problems.push(...unbackedClaims(`packages/${pkg}/README.md`, readme, cells.get(pkg)));
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ['Firefox, which the matrix does not run', 'Works in Firefox.', 'names Firefox, which the runtime matrix does not run'],
    ['a runtime whose cell is n/a', 'Runs in browsers.', "names browser, but the matrix's Chromium cell is n/a"],
    ['Bun for a package with no matrix row', 'Node 20+ or Bun.', 'names Bun, but the runtime matrix has no row for this package'],
  ])('flags %s', (_, prose, problem) => {
    const cells = new Map([
      ['Node 20', 'pass'],
      ['Node 22', 'pass'],
      ['Node 24', 'pass'],
      ['Chromium', 'n/a'],
    ]);
    const row = prose.startsWith('Node 20+') ? undefined : cells;
    expect(unbackedClaims('README.md', `# x\n\n${prose}\n`, row)).toEqual([`README.md:3 ${problem}`]);
  });

  it('does not count fenced code or HTML comments as claims', () => {
    const readme = '```ts\n// runs in Safari\n```\n<!-- prelude\ndeclare const env: unknown; // a Worker\n-->\nPlain prose.\n';
    expect(unbackedClaims('README.md', readme, new Map())).toEqual([]);
  });
});
