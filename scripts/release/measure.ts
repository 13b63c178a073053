/** What an install costs a user: bytes on disk, packages pulled in, and the table that shows it. */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One package installed on its own from the registry. */
export interface InstallFigures {
  readonly name: string;
  readonly version: string;
  /** Wall-clock time of `npm install`, ms. */
  readonly installMs: number;
  /** Packages installed besides the package itself (npm's lockfile, every depth). */
  readonly dependencies: number;
  /** Sum of the sizes of every file under `node_modules` (links not followed), bytes. */
  readonly installBytes: number;
}

/** Sum of the sizes of every regular file under `dir`, not following symbolic links. */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(path);
    else if (entry.isFile()) total += (await lstat(path)).size;
  }
  return total;
}

/**
 * How many packages an npm lockfile (v2/v3) installs besides `name`: the keys of `packages`,
 * less the root (`""`) and `node_modules/<name>` itself.
 */
export function dependencyCount(lockfileText: string, name: string): number {
  const lock = JSON.parse(lockfileText) as { packages?: Record<string, unknown> };
  return Object.keys(lock.packages ?? {}).filter((k) => k !== '' && k !== `node_modules/${name}`).length;
}

/** `12.3 KB` / `1.20 MB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** A Markdown table of the install figures, one row per package. */
export function installTable(rows: readonly InstallFigures[]): string {
  return [
    '| package | install time | dependencies | installed size |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| \`${r.name}@${r.version}\` | ${(r.installMs / 1000).toFixed(1)} s | ${r.dependencies} | ${formatBytes(r.installBytes)} (${r.installBytes} B) |`),
  ].join('\n');
}
