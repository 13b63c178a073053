/**
 * `pnpm conformance:report [--check]` lists every conformance rule (one test per documented rule,
 * in `packages/<p>/test/conformance/`), checks each quote against Kalshi's documentation in
 * `../shared/kalshi-docs`, and writes `docs/conformance.md`. With `--check` it writes nothing and
 * fails when the file is stale. Exit codes: 0 ok, 1 a bad quote or a stale report.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderConformanceReport } from './conformance/render.ts';
import { scanConformanceTests } from './conformance/scan.ts';
import { verifyRules } from './conformance/verify.ts';
import { repoRoot } from './lib/repo.ts';
import { loadKalshiDocs } from './lib/kalshi-docs.ts';

const check = process.argv.includes('--check');
const docs = loadKalshiDocs();
const rules = scanConformanceTests(repoRoot);
const problems = verifyRules(rules, docs);
for (const p of problems) console.error(`${p.file}:${p.line}: ${p.problem}`);
const report = renderConformanceReport(rules, docs);
const target = join(repoRoot, 'docs', 'conformance.md');
const current = await readFile(target, 'utf8').catch(() => '');
if (check) {
  if (current !== report) console.error('docs/conformance.md is stale: run `pnpm conformance:report`');
  process.exitCode = problems.length > 0 || current !== report ? 1 : 0;
} else {
  if (current !== report) await writeFile(target, report);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
const pages = new Set(rules.map((r) => r.page)).size;
console.log(`conformance: ${rules.length} rules on ${pages} pages, ${problems.length} problems${check ? '' : ' → docs/conformance.md'}`);
