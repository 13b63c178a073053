/**
 * The copy of the repository that `release:verify` versions and publishes, so the real tree keeps
 * its 0.0.0 versions and pending changesets: the files git knows (tracked, plus untracked ones
 * that are not ignored), plus what a build made and git ignores but the tarballs ship —
 * each package's `dist/` and `src/generated/` — and each package's `node_modules`, whose relative
 * links pnpm wrote (copied as links: a sibling's link lands on the copy's sibling, whose version
 * `changeset version` changes, which is what `pnpm publish` writes for `workspace:*`). The root
 * `node_modules` is linked, so those links and the changesets CLI resolve without an install.
 */
import { cp, mkdir, readdir, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { mustRun } from '../packaging/run-command.ts';

/** Folders of each package that git ignores but publishing needs: build output and pnpm's links. */
export const UNTRACKED_FOLDERS = ['dist', 'src/generated', 'node_modules'] as const;

/** Tool caches inside `node_modules`, not copied. */
const CACHES = new Set(['.vite', '.vite-temp', '.cache']);

/** Paths (relative to `root`, `/`-separated) that git tracks or would track, and that exist. */
export async function repositoryFiles(root: string): Promise<string[]> {
  const out = await mustRun('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  const files = [...new Set(out.split('\0').filter((f) => f !== ''))];
  const exists = await Promise.all(files.map((f) => stat(join(root, f)).then((s) => s.isFile(), () => false)));
  return files.filter((_, i) => exists[i]).sort();
}

/**
 * Copies the repository at `root` into `dest` (created): {@link repositoryFiles}, then every
 * `packages/<name>/{dist,src/generated,node_modules}` that exists, then a link to the root `node_modules`.
 * @returns how many files were copied from git's list.
 */
export async function copyForRelease(root: string, dest: string): Promise<number> {
  const files = await repositoryFiles(root);
  const dirs = new Set(files.map((f) => dirname(f)));
  await Promise.all([...dirs].map((d) => mkdir(join(dest, d), { recursive: true })));
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map((f) => cp(join(root, f), join(dest, f), { preserveTimestamps: true })));
  }
  for (const name of await readdir(join(root, 'packages'))) {
    for (const folder of UNTRACKED_FOLDERS) {
      const from = join(root, 'packages', name, folder);
      if (await stat(from).then((s) => s.isDirectory(), () => false)) {
        await cp(from, join(dest, 'packages', name, folder), { recursive: true, verbatimSymlinks: true, filter: (src) => !CACHES.has(basename(src)) });
      }
    }
  }
  await symlink(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  return files.length;
}
