/**
 * `pnpm bench`: runs every `bench/*.bench.ts` suite (or those named on the command line),
 * writes `bench/results/<suite>.json` and the table `bench/results/README.md`.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult, BenchSuite } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((s) => wanted.length === 0 || wanted.includes(s))
  .sort();

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
const all: Record<string, readonly BenchResult[]> = {};
for (const suite of suites) {
  const run = (await import(join(here, `${suite}.bench.ts`))) as { default: BenchSuite };
  console.log(`bench ${suite} …`);
  const results = await run.default();
  all[suite] = results;
  await writeFile(
    join(here, 'results', `${suite}.json`),
    JSON.stringify({ suite, machine, date: new Date().toISOString(), results }, null, 2) + '\n',
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines = [
  '# Benchmark results',
  '',
  `Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}).`,
  '',
  '| suite | group | case | ops/s | mean | target |',
  '|---|---|---|---:|---:|---|',
];
let missed = 0;
for (const [suite, results] of Object.entries(all)) {
  for (const r of results) {
    const target = r.target
      ? `${(r.target.ratio * 100).toFixed(1)}% of ${r.target.against} (≥ ${(r.target.minRatio * 100).toFixed(0)}%: ${r.target.met ? 'met' : 'MISSED'})`
      : '';
    if (r.target && !r.target.met) missed++;
    lines.push(`| ${suite} | ${r.group} | ${r.name} | ${fmt(r.opsPerSec)} | ${fmt(r.meanNs)} ns | ${target} |`);
  }
}
await writeFile(join(here, 'results', 'README.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
if (missed > 0) console.log(`${missed} target(s) missed`);
