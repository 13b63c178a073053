/**
 * `pnpm size:check`: bundles the one-operation app of every publishable package (bundles.ts)
 * from the built packages and fails when one is larger than its `bundleBytes` ceiling in
 * scripts/release/size-budget.json. The install-size and dependency-count ceilings of the same
 * file are checked by `pnpm release:verify`, which installs each package from a registry.
 * Build first (`pnpm build`).
 * Exit codes: 0 every bundle within budget, 1 one over budget, 2 a bundle cannot be built or the
 * budget file is invalid.
 */
import { relative } from 'node:path';
import { repoRoot } from '../lib/repo.ts';
import { listPublishablePackages } from '../packaging/workspace.ts';
import { bundleBytes, ONE_OPERATION_APPS } from './bundles.ts';
import { ReleaseError } from './errors.ts';
import { formatBytes } from './measure.ts';
import { BUDGET_FILE, describeOver, overBudget, readBudget } from './size-budget.ts';

async function main(): Promise<number> {
  const budget = await readBudget();
  const measured: Record<string, { bundleBytes: number }> = {};
  console.log('| package | platform | one-operation bundle (min) | ceiling |\n|---|---|---:|---:|');
  for (const pkg of await listPublishablePackages(repoRoot)) {
    const app = ONE_OPERATION_APPS[pkg.name];
    if (app === undefined) throw new ReleaseError('BUDGET_INVALID', `scripts/release/bundles.ts has no one-operation app for ${pkg.name}`, { value: pkg.name });
    let bytes: number;
    try {
      bytes = await bundleBytes(app);
    } catch (cause) {
      throw new ReleaseError('BUDGET_INVALID', `the one-operation app of ${pkg.name} does not bundle (build the packages first): ${(cause as Error).message}`, { value: pkg.name, cause });
    }
    measured[pkg.name] = { bundleBytes: bytes };
    const ceiling = budget[pkg.name]?.bundleBytes;
    console.log(`| \`${pkg.name}\` | ${app.platform} | ${formatBytes(bytes)} (${bytes} B) | ${ceiling === undefined ? '—' : `${formatBytes(ceiling)} (${ceiling} B)`} |`);
  }
  const over = overBudget(budget, measured);
  for (const o of over) console.log(`OVER ${describeOver(o)}`);
  console.log(`size:check: ${Object.keys(measured).length - over.length} within budget, ${over.length} over (${relative(repoRoot, BUDGET_FILE)})`);
  return over.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (e) {
  if (!(e instanceof ReleaseError)) throw e;
  console.error(`size:check: ${e.code}: ${e.message}`);
  process.exitCode = 2;
}
