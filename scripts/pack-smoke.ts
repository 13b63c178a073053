/**
 * `pnpm pack:smoke [--package <name>]… [--skip-typecheck] [--keep]`: packs every publishable
 * package, installs the tarballs with npm in a scratch project, and imports each exports-map entry
 * as ESM and as CJS, running a real call (scripts/packaging/probes.ts) and type-checking a consumer
 * of each style. Build first (`pnpm build`).
 * Exit codes: 0 every entry works both ways, 1 a failure, 2 usage error, a package not built, or
 * `pnpm pack` / `npm install` failing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/repo.ts';
import { PackagingError } from './packaging/errors.ts';
import { packageProbes } from './packaging/probes.ts';
import { smokeTest, type LoadOutcome } from './packaging/smoke.ts';
import { listPublishablePackages, withWorkspaceDependencies } from './packaging/workspace.ts';

const USAGE = 'usage: pnpm pack:smoke [--package <name>]… [--skip-typecheck] [--keep]';

function describe(how: string, o: LoadOutcome | undefined): string {
  if (o === undefined) return `${how}: ESM-only`;
  return o.ok ? `${how}: ${o.names.length} exports, probe ${JSON.stringify(o.value)}` : `${how}: FAILED`;
}

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: { package: { type: 'string', multiple: true }, 'skip-typecheck': { type: 'boolean' }, keep: { type: 'boolean' } },
    }).values;
  } catch (cause) {
    throw new PackagingError('USAGE', `${(cause as Error).message}\n${USAGE}`, { value: argv });
  }
  const all = await listPublishablePackages(repoRoot);
  const packages = await listPublishablePackages(repoRoot, values.package ?? []);
  const workDir = await mkdtemp(join(tmpdir(), 'kalshi-pack-smoke-'));
  try {
    const dependencies = withWorkspaceDependencies(packages, all);
    const result = await smokeTest({ packages, dependencies, workDir, probes: packageProbes, typecheck: !values['skip-typecheck'] });
    for (const e of result.entries) {
      console.log(`${e.problems.length === 0 ? 'ok  ' : 'FAIL'} ${e.specifier}  (${describe('import', e.esm)}; ${describe('require', e.cjs)})`);
      for (const p of e.problems) console.log(`     ${p}`);
    }
    if (result.typecheck) {
      console.log(`${result.typecheck.ok ? 'ok  ' : 'FAIL'} tsc on consumer.mts (import) and consumer.cts (require), skipLibCheck off`);
      if (!result.typecheck.ok) console.log(result.typecheck.output.replace(/^/gm, '     '));
    }
    const failed = result.entries.filter((e) => e.problems.length > 0).length + (result.typecheck?.ok === false ? 1 : 0);
    console.log(`pack:smoke: ${result.entries.length + (result.typecheck ? 1 : 0) - failed} passed, ${failed} failed`);
    return result.ok ? 0 : 1;
  } finally {
    if (values.keep) console.log(`pack:smoke: scratch project kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'));
} catch (e) {
  if (!(e instanceof PackagingError)) throw e;
  console.error(`pack:smoke: ${e.code}: ${e.message}${e.output ? `\n${e.output}` : ''}`);
  process.exitCode = 2;
}
