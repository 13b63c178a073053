/**
 * Prints one closing line for the whole monorepo after `turbo run test`:
 * `tests: N passed, N failed, N skipped`, summed from each workspace's vitest JSON report.
 * Exits 1 if any test failed or a workspace with a `test` script left no report.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/repo.ts';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const workspaces = [
  'scripts',
  ...['packages', 'examples'].flatMap((dir) => readdirSync(join(repoRoot, dir)).map((p) => `${dir}/${p}`)),
];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing: string[] = [];
for (const ws of workspaces) {
  const pkg = JSON.parse(readFileSync(join(repoRoot, ws, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.test) continue;
  const report = join(repoRoot, ws, 'test-results.json');
  if (!existsSync(report)) {
    missing.push(ws);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
  console.log(`${ws}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || missing.length > 0 || passed === 0) process.exit(1);
