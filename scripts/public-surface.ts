/**
 * `pnpm surface:check [--package <name>]…` compares each publishable package's public API, read
 * from its built declarations, with its committed snapshot `packages/<p>/api/<p>.api.json` (the
 * surface of the last release) and fails on a breaking change that no pending changeset covers.
 * `pnpm surface:update [--package <name>]…` rewrites the snapshots (run on release, after
 * `changeset version`). Run `pnpm generate` and `pnpm build` first. See public-surface/README.md.
 * Exit codes: 0 ok, 1 an uncovered breaking change, 2 usage error, a package not built, or an
 * invalid snapshot or changeset.
 */
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/repo.ts';
import { PackagingError } from './packaging/errors.ts';
import { listPublishablePackages } from './packaging/workspace.ts';
import { checkSurfaces, renderSurfaceReport, updateSurfaces } from './public-surface/check.ts';
import { PublicSurfaceError } from './public-surface/errors.ts';

const USAGE = 'usage: tsx scripts/public-surface.ts check|update [--package <name>]…';

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { package: { type: 'string', multiple: true } } });
  } catch (cause) {
    throw new PublicSurfaceError('USAGE', `${(cause as Error).message}\n${USAGE}`, { value: argv });
  }
  const [command, ...extra] = parsed.positionals;
  if ((command !== 'check' && command !== 'update') || extra.length > 0) throw new PublicSurfaceError('USAGE', USAGE, { value: argv });
  let packages;
  try {
    packages = await listPublishablePackages(repoRoot, parsed.values.package ?? []);
  } catch (e) {
    if (e instanceof PackagingError) throw new PublicSurfaceError('PACKAGE_UNKNOWN', e.message, { value: e.value });
    throw e;
  }
  if (command === 'update') {
    for (const path of await updateSurfaces(packages)) console.log(`surface:update: wrote ${path.slice(repoRoot.length + 1)}`);
    return 0;
  }
  const results = await checkSurfaces(repoRoot, packages);
  console.log(renderSurfaceReport(results));
  return results.every((r) => r.ok) ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'));
} catch (e) {
  if (!(e instanceof PublicSurfaceError)) throw e;
  console.error(`public-surface: ${e.code}: ${e.message}`);
  process.exitCode = 2;
}
