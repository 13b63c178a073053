/**
 * `pnpm bench`: runs every `bench/*.bench.ts` suite (or those named on the command line),
 * writes `bench/results/<suite>.json` and the table `bench/results/README.md`. Several suites run
 * one after another, each in a process of its own: a suite's heap must not tax the next one's GC
 * (after the mock exchange's suite, whose engines keep every order, the rest suite's client fell
 * from ~95% to 67% of raw fetch in one shared process).
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
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

interface SuiteFile {
  suite: string;
  machine: string;
  date: string;
  results: readonly BenchResult[];
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
for (const suite of suites) {
  if (suites.length > 1) {
    const env = { ...process.env, BENCH_SUITE_ONLY: '1' };
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), suite], { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (child.status !== 0) throw new Error(`bench ${suite}: exited with ${child.status ?? child.signal}`);
    continue;
  }
  const run = (await import(join(here, `${suite}.bench.ts`))) as { default: BenchSuite };
  console.log(`bench ${suite} …`);
  // Per-round rates serve the suite's paired ratios; the file keeps the results.
  const results = (await run.default()).map(({ roundRates: _, ...result }) => result);
  const file: SuiteFile = { suite, machine, date: new Date().toISOString(), results };
  await writeFile(join(here, 'results', `${suite}.json`), JSON.stringify(file, null, 2) + '\n');
}

// A suite run for a parent `pnpm bench` leaves the table to the parent.
if (process.env['BENCH_SUITE_ONLY']) process.exit(0);

// The table covers every recorded suite, so running one suite keeps the others' rows.
const recorded = (await readdir(join(here, 'results'))).filter((f) => f.endsWith('.json')).sort();
const all = await Promise.all(
  recorded.map(async (f) => JSON.parse(await readFile(join(here, 'results', f), 'utf8')) as SuiteFile),
);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines = [
  '# Benchmark results',
  '',
  'Written by `pnpm bench`; each suite\'s machine and date are in its JSON file.',
  '',
  '| suite | date | group | case | ops/s | mean | target | notes |',
  '|---|---|---|---|---:|---:|---|---|',
];
let missed = 0;
for (const { suite, date, results } of all) {
  for (const r of results) {
    const targets: string[] = [];
    if (r.target) {
      targets.push(`${(r.target.ratio * 100).toFixed(1)}% of ${r.target.against} (≥ ${(r.target.minRatio * 100).toFixed(0)}%: ${r.target.met ? 'met' : 'MISSED'})`);
      if (!r.target.met) missed++;
    }
    if (r.floor) {
      targets.push(`≥ ${fmt(r.floor.minOpsPerSec)} ops/s: ${r.floor.met ? 'met' : 'MISSED'}`);
      if (!r.floor.met) missed++;
    }
    lines.push(
      `| ${suite} | ${date.slice(0, 10)} | ${r.group} | ${r.name} | ${fmt(r.opsPerSec)} | ${fmt(r.meanNs)} ns | ${targets.join('; ')} | ${r.notes ?? ''} |`,
    );
  }
}
await writeFile(join(here, 'results', 'README.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
if (missed > 0) console.log(`${missed} target(s) missed`);
