import { mustRun } from './run-command.ts';
import { PackagingError } from './errors.ts';
import { assertBuilt, type WorkspacePackage } from './workspace.ts';

/**
 * Packs `pkg` with `pnpm pack` into `destDir`, exactly as `pnpm publish` would: `files`, and
 * `workspace:`/`catalog:` versions replaced by real ones. Lifecycle scripts do not rebuild it.
 * @returns the tarball's absolute path.
 * @throws {PackagingError} `PACKAGE_NOT_BUILT` without `dist/`; `COMMAND_FAILED` when `pnpm pack` fails.
 */
export async function packPackage(pkg: WorkspacePackage, destDir: string): Promise<string> {
  await assertBuilt(pkg);
  const output = await mustRun('pnpm', ['pack', '--pack-destination', destDir, '--json'], { cwd: pkg.dir });
  // pnpm may print warnings before the JSON object.
  const json = output.slice(output.indexOf('{'));
  let filename: unknown;
  try {
    filename = (JSON.parse(json) as { filename?: unknown }).filename;
  } catch {
    filename = undefined;
  }
  if (typeof filename !== 'string') {
    throw new PackagingError('COMMAND_FAILED', `pnpm pack printed no tarball name for ${pkg.name}`, { value: 'pnpm pack', output: output.slice(-4000) });
  }
  return filename;
}
