// Every README code block that matters is a region of an example, which test/examples.test.ts runs.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', dir), 'utf8');

/** The text between `// readme:start` and `// readme:end` lines of an example, dedented. */
function regionsOf(source: string): string[] {
  return [...source.matchAll(/^[ \t]*\/\/ readme:start\n([\s\S]*?)^[ \t]*\/\/ readme:end$/gm)].map((m) => {
    const lines = m[1]!.replace(/\n$/, '').split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    return lines.map((l) => l.slice(indent)).join('\n');
  });
}

/** The ```ts blocks under each `## heading` of the README. */
function blocksBySection(markdown: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const heading = part.slice(0, part.indexOf('\n')).trim();
    sections.set(heading, [...part.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!.replace(/\n$/, '')));
  }
  return sections;
}

const examples = readdirSync(new URL('examples/', dir)).filter((f) => f.endsWith('.ts'));
const sections = blocksBySection(readme);

describe('README snippets', () => {
  it.each([
    ['Public market data', 'public-markets.ts'],
    ['Authenticated portfolio', 'portfolio.ts'],
    ['Placing, amending and cancelling an order', 'orders.ts'],
    ['Pagination', 'pagination.ts'],
    ['Rate limits', 'rate-limits.ts'],
    ['Errors', 'errors.ts'],
    ['Logging, credentials from the environment, call checks', 'logging.ts'],
    ['Order lifecycle: outcome, decrease, cancel', 'order-lifecycle.ts'],
    ['Orders: bid/ask vs yes/no + buy/sell', 'order-vocabulary.ts'],
  ])('"%s" shows examples/%s verbatim', (heading, file) => {
    const regions = regionsOf(readFileSync(new URL(`examples/${file}`, dir), 'utf8'));
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) expect(sections.get(heading) ?? []).toContain(region);
  });

  it('covers every example', () => {
    expect(examples.sort()).toEqual(['errors.ts', 'logging.ts', 'order-lifecycle.ts', 'order-vocabulary.ts', 'orders.ts', 'pagination.ts', 'portfolio.ts', 'public-markets.ts', 'rate-limits.ts']);
  });
});
