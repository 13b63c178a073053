import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PackagingError } from './errors.ts';

/** A publishable package under `packages/`. */
export interface WorkspacePackage {
  /** `@kalshi-sdk/auth`. */
  readonly name: string;
  readonly version: string;
  /** Absolute path of the package folder. */
  readonly dir: string;
  /** Subpaths of the `exports` map that are modules (`.`, `./web`; not `./package.json`), in map order. */
  readonly entries: readonly string[];
  /** Names in `dependencies` (runtime), workspace packages or not. */
  readonly dependencies?: readonly string[];
}

interface PackageJson {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly private?: unknown;
  readonly exports?: unknown;
  readonly dependencies?: unknown;
}

/**
 * Every package under `<root>/packages/*` that is not `private`, sorted by name; only those named
 * in `only` when it is given (`@kalshi-sdk/auth` or the short `auth`).
 * @throws {PackagingError} `PACKAGE_UNKNOWN` when a name in `only` matches no package.
 */
export async function listPublishablePackages(root: string, only: readonly string[] = []): Promise<WorkspacePackage[]> {
  const found: WorkspacePackage[] = [];
  for (const entry of await readdir(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, 'packages', entry.name);
    let pkg: PackageJson;
    try {
      pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    if (pkg.private === true || typeof pkg.name !== 'string' || typeof pkg.version !== 'string') continue;
    const exportsMap = typeof pkg.exports === 'object' && pkg.exports !== null ? Object.keys(pkg.exports) : ['.'];
    const dependencies = typeof pkg.dependencies === 'object' && pkg.dependencies !== null ? Object.keys(pkg.dependencies) : [];
    found.push({ name: pkg.name, version: pkg.version, dir, entries: exportsMap.filter((k) => k !== './package.json'), dependencies });
  }
  found.sort((a, b) => (a.name < b.name ? -1 : 1));
  if (only.length === 0) return found;
  const picked = only.map((n) => ({ n, pkg: found.find((p) => p.name === n || p.name.endsWith(`/${n}`)) }));
  const unknown = picked.filter((x) => x.pkg === undefined).map((x) => x.n);
  if (unknown.length > 0) {
    throw new PackagingError('PACKAGE_UNKNOWN', `no publishable package named ${unknown.join(', ')} (have ${found.map((p) => p.name).join(', ')})`, { value: unknown });
  }
  return found.filter((p) => picked.some((x) => x.pkg === p));
}

/**
 * `selected` plus every package of `all` they depend on at run time, transitively: what must be
 * installed together, since a packed package names its workspace dependencies by version.
 */
export function withWorkspaceDependencies(selected: readonly WorkspacePackage[], all: readonly WorkspacePackage[]): WorkspacePackage[] {
  const out = new Set(selected);
  for (const pkg of out) {
    for (const dep of pkg.dependencies ?? []) {
      const found = all.find((p) => p.name === dep);
      if (found) out.add(found);
    }
  }
  return [...out];
}

/**
 * The import specifier of an exports-map entry: `@kalshi-sdk/auth` for `.`, `@kalshi-sdk/auth/web` for `./web`.
 */
export function entrySpecifier(pkg: Pick<WorkspacePackage, 'name'>, entry: string): string {
  return entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
}

/**
 * Checks that `pkg` has been built.
 * @throws {PackagingError} `PACKAGE_NOT_BUILT` when `dist/` is missing.
 */
export async function assertBuilt(pkg: WorkspacePackage): Promise<void> {
  try {
    await access(join(pkg.dir, 'dist'));
  } catch {
    throw new PackagingError('PACKAGE_NOT_BUILT', `${pkg.name} has no dist/: run \`pnpm --filter ${pkg.name} build\` first`, { value: pkg.name });
  }
}
