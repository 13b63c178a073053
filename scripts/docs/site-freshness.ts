/**
 * Whether the built docs site is older than what it is built from: typedoc.json (root and per
 * package), the root README, the guides, and each package of typedoc.json's entry points: its
 * README, package.json and src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files the site is built from, under `repoRoot` (those that exist). */
export function siteInputs(repoRoot: string): string[] {
  const files = [join(repoRoot, 'typedoc.json'), join(repoRoot, 'README.md'), ...walk(join(repoRoot, 'docs/guides'))];
  for (const entry of sitePackages(repoRoot)) {
    const dir = join(repoRoot, entry);
    files.push(join(dir, 'typedoc.json'), join(dir, 'README.md'), join(dir, 'package.json'), ...walk(join(dir, 'src')));
  }
  return files.filter((f) => mtime(f) !== undefined);
}

/** True when `siteDir`/index.html is missing or older than any of {@link siteInputs}. */
export function siteIsStale(repoRoot: string, siteDir: string): boolean {
  const built = mtime(join(siteDir, 'index.html'));
  return built === undefined || siteInputs(repoRoot).some((f) => (mtime(f) ?? 0) > built);
}

/** typedoc.json's entry points: the package folders on the site. */
function sitePackages(repoRoot: string): string[] {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'typedoc.json'), 'utf8')) as { entryPoints?: string[] }).entryPoints ?? [];
  } catch {
    return [];
  }
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
