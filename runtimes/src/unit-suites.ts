// pnpm test:node-versions [package …]: each package's own vitest suite (not the scripts') run on the
// pinned Node 22 and Node 24, beside the Node 20 of pnpm test. Each package's test-results.json (which
// pnpm test's summary reads) is put back as it was after its run here.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinnedBinary, RUNTIMES_DIR } from './binaries.js';
import { runProgram } from './spawn.js';

const PACKAGES = ['auth', 'fixed-point', 'rest', 'ws', 'fix', 'mock-exchange', 'cli'];
const NODES = [
  { label: 'Node 22', pin: 'node22' },
  { label: 'Node 24', pin: 'node24' },
];
const DEADLINE_MS = 20 * 60_000;

interface Counts {
  numPassedTests: number;
  numFailedTests: number;
}

const chosen = process.argv.length > 2 ? process.argv.slice(2) : PACKAGES;
const unknown = chosen.filter((name) => !PACKAGES.includes(name));
if (unknown.length) throw new Error(`unknown package(s) ${unknown.join(', ')}; choose from ${PACKAGES.join(', ')}`);

let passed = 0;
let failed = 0;
const started = Date.now();
for (const node of NODES) {
  const binary = pinnedBinary(node.pin, 'bin/node');
  for (const name of chosen) {
    const cwd = join(RUNTIMES_DIR, '..', 'packages', name);
    const report = join(cwd, 'test-results.json');
    const before = existsSync(report) ? readFileSync(report) : undefined;
    rmSync(report, { force: true });
    const run = await runProgram(binary, [join(cwd, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd, deadlineMs: DEADLINE_MS });
    // Without a report the run itself failed: counted as one failure.
    const counts: Counts = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as Counts) : { numPassedTests: 0, numFailedTests: 1 };
    if (before) writeFileSync(report, before);
    else rmSync(report, { force: true });
    const ok = run.code === 0 && counts.numFailedTests === 0;
    passed += counts.numPassedTests;
    failed += ok ? counts.numFailedTests : Math.max(1, counts.numFailedTests);
    console.log(`${node.label} ${name}: ${ok ? 'ok' : 'FAILED'}, ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${(run.ms / 1000).toFixed(1)} s`);
    if (!ok) console.log(`${run.stdout}${run.stderr}`.split('\n').filter((line) => /FAIL|Error|×/.test(line)).slice(0, 20).join('\n'), run.timedOut ? '(deadline passed)' : '');
  }
}
console.log(`node-versions: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(failed === 0 ? 0 : 1);
