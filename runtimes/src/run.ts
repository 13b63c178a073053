// pnpm test:runtimes: the runtime matrix. Builds the packages only if a dist is missing, starts the
// mock exchange, runs each runtime's smoke program in turn, prints the matrix, writes
// docs/runtimes.md and the README's support table, and fails when a cell fails that is not a
// known failure (known-failures.ts), or a known failure passes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIMES_DIR } from './binaries.js';
import { runBrowser } from './browser.js';
import { KNOWN_FAILURES } from './known-failures.js';
import { matrixConsole, matrixDocument, readmeRegion, replaceReadmeRegion } from './matrix.js';
import { startSmokeMock } from './mock.js';
import { type RuntimeColumn, SMOKE_PACKAGES } from './packages.js';
import { runServerRuntime, SERVER_RUNTIMES } from './server-runtimes.js';
import { runProgram } from './spawn.js';
import { runWorkerd } from './workerd.js';

const ROOT = join(RUNTIMES_DIR, '..');
const BUILT = [...SMOKE_PACKAGES, 'mock-exchange'].map((name) => join(ROOT, 'packages', name, 'dist', 'index.js'));

const started = Date.now();
if (BUILT.some((file) => !existsSync(file))) {
  console.log('runtimes: building the packages (a dist is missing)');
  const build = await runProgram('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@kalshi-sdk/runtimes^...', '--output-logs=errors-only'], {
    cwd: ROOT,
    deadlineMs: 600_000,
    env: { TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (build.code !== 0) {
    console.error(build.stdout, build.stderr);
    process.exit(1);
  }
}

const mock = await startSmokeMock();
const columns: RuntimeColumn[] = [];
try {
  for (const runtime of SERVER_RUNTIMES) {
    console.log(`runtimes: ${runtime.label} …`);
    columns.push(await runServerRuntime(runtime, mock.context));
  }
  console.log('runtimes: workerd …');
  columns.push(await runWorkerd(mock.context));
  console.log('runtimes: Chromium …');
  columns.push(await runBrowser(mock.context));
} finally {
  await mock.close();
}

for (const column of columns) {
  for (const name of SMOKE_PACKAGES) {
    const cell = column.cells[name];
    const known = KNOWN_FAILURES[`${column.label} × ${name}`];
    if (cell.status === 'fail' && known) cell.detail = `known, ${known}. What failed: ${cell.detail}`;
  }
}
writeFileSync(join(ROOT, 'docs', 'runtimes.md'), matrixDocument(columns));
const readmePath = join(ROOT, 'README.md');
writeFileSync(readmePath, replaceReadmeRegion(readFileSync(readmePath, 'utf8'), readmeRegion(columns)));

const failures = columns.flatMap((c) => SMOKE_PACKAGES.filter((name) => c.cells[name].status === 'fail').map((name) => `${c.label} × ${name}`));
const unexpected = failures.filter((cell) => !(cell in KNOWN_FAILURES));
const passing = new Set(columns.flatMap((c) => SMOKE_PACKAGES.filter((name) => c.cells[name].status === 'pass').map((name) => `${c.label} × ${name}`)));
const fixed = Object.keys(KNOWN_FAILURES).filter((cell) => passing.has(cell));
const cells = columns.flatMap((c) => Object.values(c.cells));
const count = (status: string) => cells.filter((cell) => cell.status === status).length;
console.log(`\n${matrixConsole(columns)}\nwrote docs/runtimes.md and the README support table in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const cell of failures.filter((f) => f in KNOWN_FAILURES)) console.log(`known failure, ${cell}: ${KNOWN_FAILURES[cell]}`);
for (const cell of unexpected) console.log(`FAILED, ${cell} (not a known failure)`);
for (const cell of fixed) console.log(`FIXED, ${cell} passes now: delete it from runtimes/src/known-failures.ts`);
console.log(`runtimes: ${count('pass')} passed, ${unexpected.length} failed, ${count('n/a')} skipped (${failures.length - unexpected.length} known failures)`);
process.exit(unexpected.length === 0 && fixed.length === 0 ? 0 : 1);
