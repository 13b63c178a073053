/**
 * `pnpm lint:packages [--package <name>]…`: packs every publishable package (`pnpm pack`) and runs
 * publint and @arethetypeswrong/core on the tarball, then the trust checks of
 * scripts/packaging/metadata.ts (repository, homepage, bugs, keywords, engines, sideEffects,
 * publishConfig; README.md, CHANGELOG.md and LICENSE in the tarball; source maps whose sources are
 * shipped). Build first (`pnpm build`).
 * Exit codes: 0 clean (suggestions may be printed), 1 a publint error/warning, an attw problem or a trust problem,
 * 2 usage error, a package not built, or `pnpm pack` failing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/repo.ts';
import { PackagingError } from './packaging/errors.ts';
import { lintTarball, type LintFinding } from './packaging/lint.ts';
import { trustProblems } from './packaging/metadata.ts';
import { packPackage } from './packaging/pack.ts';
import { listPublishablePackages } from './packaging/workspace.ts';

async function main(argv: readonly string[]): Promise<number> {
  let only: string[];
  try {
    only = parseArgs({ args: [...argv], options: { package: { type: 'string', multiple: true } }, strict: true }).values.package ?? [];
  } catch (cause) {
    throw new PackagingError('USAGE', `${(cause as Error).message}\nusage: pnpm lint:packages [--package <name>]…`, { value: argv });
  }
  const packages = await listPublishablePackages(repoRoot, only);
  const dest = await mkdtemp(join(tmpdir(), 'kalshi-lint-'));
  let failed = 0;
  try {
    for (const pkg of packages) {
      const tarball = await packPackage(pkg, dest);
      const linted = await lintTarball(tarball);
      const trust = (await trustProblems(tarball, relative(repoRoot, pkg.dir))).map(
        (message): LintFinding => ({ tool: 'trust', level: 'error', code: 'METADATA', message }),
      );
      const findings = [...linted.findings, ...trust];
      const bad = linted.failed || trust.length > 0;
      console.log(`${bad ? 'FAIL' : 'ok  '} ${pkg.name}@${pkg.version}`);
      for (const f of findings) console.log(`     ${f.tool} ${f.level} ${f.code}: ${f.message}`);
      if (bad) failed++;
    }
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
  console.log(`lint:packages: ${packages.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'));
} catch (e) {
  if (!(e instanceof PackagingError)) throw e;
  console.error(`lint:packages: ${e.code}: ${e.message}${e.output ? `\n${e.output}` : ''}`);
  process.exitCode = 2;
}
