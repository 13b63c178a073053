/**
 * The README's runtime support table is generated from docs/runtimes.md (written by
 * `pnpm test:runtimes`): the two tables must be the same, cell for cell.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/repo.ts';

const BEGIN = '<!-- runtimes:begin (generated from docs/runtimes.md by pnpm test:runtimes) -->';
const END = '<!-- runtimes:end -->';

/** The markdown table that starts with `| package |` in `text`, as its lines. */
function matrixTable(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| package |'));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The README lines between the generated region's markers, or undefined without the markers. */
function readmeRegion(readme: string): string[] | undefined {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(begin + BEGIN.length, end).trim().split('\n');
}

describe('README runtime support table', () => {
  it('is the table of docs/runtimes.md, cell for cell', async () => {
    const doc = matrixTable(await readFile(join(repoRoot, 'docs/runtimes.md'), 'utf8'));
    const region = readmeRegion(await readFile(join(repoRoot, 'README.md'), 'utf8'));
    expect(doc.length, 'docs/runtimes.md has a package × runtime table').toBeGreaterThan(2);
    expect(region, 'README.md has the runtimes:begin … runtimes:end region (run pnpm test:runtimes)').toEqual(doc);
  });

  it('every cell is pass, fail or n/a, and every n/a or fail has its reason in docs/runtimes.md', async () => {
    const text = await readFile(join(repoRoot, 'docs/runtimes.md'), 'utf8');
    const [header, , ...rows] = matrixTable(text);
    const runtimes = header!.split('|').slice(2, -1).map((cell) => cell.trim());
    for (const row of rows) {
      const [name, ...cells] = row.split('|').slice(1, -1).map((cell) => cell.trim());
      cells.forEach((cell, i) => {
        expect(['pass', 'fail', 'n/a'], `${name} × ${runtimes[i]}`).toContain(cell);
        const pkg = name!.replace(/`@kalshi-sdk\/(.*)`/, '$1');
        if (cell !== 'pass') expect(text, `reason for ${runtimes[i]} × ${pkg}`).toContain(`**${runtimes[i]} × ${pkg}** (${cell}):`);
      });
    }
  });
});
