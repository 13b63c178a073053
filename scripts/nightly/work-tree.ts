import { cp, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

/** Names never copied: VCS data, build output, caches and test reports. */
const SKIPPED = new Set(['.git', 'dist', '.turbo', '.vite', '.vite-temp', 'coverage', 'test-results.json']);

/**
 * Copies the repository at `root` into `dest` for a dry run that must leave the real tree alone:
 * sources, generated code, specs and the lock, with each workspace's `node_modules` links copied
 * as they are (pnpm writes relative links) and the root `node_modules` linked, so the copy runs
 * without an install. Build output and caches are left out, so the copy builds from scratch.
 * A `shared/` folder beside `root` (the spec mirror the lock and tests name as `../shared`) is
 * linked beside `dest` too, so `dest` should be a fresh folder's child.
 */
export async function copyWorkTree(root: string, dest: string): Promise<void> {
  await cp(root, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => {
      const rel = relative(root, src);
      return !SKIPPED.has(basename(src)) && rel !== 'node_modules' && !rel.startsWith(`node_modules${sep}`);
    },
  });
  await symlink(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  const shared = join(dirname(root), 'shared');
  if (await stat(shared).then((s) => s.isDirectory(), () => false)) {
    await symlink(shared, join(dirname(dest), 'shared'), 'dir');
  }
}
