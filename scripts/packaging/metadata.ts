/**
 * What users check before they trust a package, checked by `lint:packages` on every tarball: the
 * package.json fields npm shows (repository with its folder, homepage, bugs, keywords, engines,
 * sideEffects, publishConfig), the files every tarball must hold, and source maps whose sources
 * are in the tarball (or inlined), so a stack trace maps to a `.ts` line the user can open.
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { createPackageFromTarballData } from '@arethetypeswrong/core';

/** The repository's public URL, as npm wants it in `repository.url`. */
export const REPOSITORY_URL = 'git+https://github.com/kalshi-sdk/kalshi-sdk.git';
/** The API reference and guides (`pnpm docs`). */
export const HOMEPAGE = 'https://kalshi-sdk.github.io/kalshi-sdk/';
/** Where issues are filed. */
export const BUGS_URL = 'https://github.com/kalshi-sdk/kalshi-sdk/issues';
/** Files every tarball holds, at its root. */
export const REQUIRED_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'] as const;
/** The Node versions every package supports (the repository's own `engines`). */
export const NODE_ENGINES = '>=20';

/**
 * Problems with the trust metadata of a package.json, one sentence each naming the field and the
 * value found; empty when every field is right.
 * @param folder the package's folder inside the repository, `packages/rest`.
 */
export function metadataProblems(pkg: Readonly<Record<string, unknown>>, folder: string): string[] {
  const problems: string[] = [];
  const want = (field: string, ok: boolean, expected: string) => {
    if (!ok) problems.push(`${field} is ${JSON.stringify(pkg[field.split('.')[0]!])}, want ${expected}`);
  };
  const repo = record(pkg['repository']);
  want('repository', repo?.['type'] === 'git' && repo['url'] === REPOSITORY_URL && repo['directory'] === folder, `{ type: "git", url: "${REPOSITORY_URL}", directory: "${folder}" }`);
  want('homepage', pkg['homepage'] === HOMEPAGE, JSON.stringify(HOMEPAGE));
  want('bugs', record(pkg['bugs'])?.['url'] === BUGS_URL, `{ url: "${BUGS_URL}" }`);
  const keywords = pkg['keywords'];
  want('keywords', Array.isArray(keywords) && keywords.includes('kalshi') && keywords.every((k) => typeof k === 'string' && k.length > 0), 'a list of words including "kalshi"');
  want('engines', record(pkg['engines'])?.['node'] === NODE_ENGINES, `{ node: "${NODE_ENGINES}" }`);
  const sideEffects = pkg['sideEffects'];
  want('sideEffects', sideEffects === false || (Array.isArray(sideEffects) && sideEffects.every((s) => typeof s === 'string')), 'false or a list of files');
  const publish = record(pkg['publishConfig']);
  want('publishConfig', publish?.['access'] === 'public' && publish['provenance'] === true, '{ access: "public", provenance: true }');
  want('license', pkg['license'] === 'MIT', '"MIT"');
  const files = pkg['files'];
  want('files', Array.isArray(files) && REQUIRED_FILES.every((f) => f === 'package.json' || files.includes(f)), `a list naming ${REQUIRED_FILES.slice(1).join(', ')}`);
  return problems;
}

/** A tarball's files by path relative to the package root (`dist/index.js`), as text. */
export interface TarballFiles {
  list(): readonly string[];
  read(path: string): string;
}

/**
 * Problems with a tarball's contents: a required file missing, or a source map (`.js.map`,
 * `.d.ts.map`) naming a source that is neither in the tarball nor inlined in `sourcesContent`.
 */
export function tarballProblems(files: TarballFiles): string[] {
  const all = new Set(files.list());
  const problems = REQUIRED_FILES.filter((f) => !all.has(f)).map((f) => `${f} is not in the tarball`);
  const unresolved = new Map<string, string[]>();
  for (const map of [...all].filter((f) => f.endsWith('.map'))) {
    for (const source of missingSources(map, files.read(map), all)) {
      unresolved.set(map, [...(unresolved.get(map) ?? []), source]);
    }
  }
  const shown = [...unresolved].slice(0, 3).map(([map, sources]) => `${map} → ${sources.join(', ')}`);
  if (unresolved.size > 0) {
    problems.push(`${unresolved.size} source map(s) name sources that are not in the tarball nor in sourcesContent: ${shown.join('; ')}${unresolved.size > 3 ? '; …' : ''}`);
  }
  return problems;
}

/** The sources of one source map that resolve to no file of the tarball and are not inlined. */
export function missingSources(mapPath: string, mapText: string, files: ReadonlySet<string>): string[] {
  let map: { sources?: unknown; sourcesContent?: unknown; sourceRoot?: unknown };
  try {
    map = JSON.parse(mapText) as typeof map;
  } catch {
    return [`(${mapPath} is not JSON)`];
  }
  const sources = Array.isArray(map.sources) ? (map.sources as unknown[]) : [];
  const contents = Array.isArray(map.sourcesContent) ? (map.sourcesContent as unknown[]) : [];
  const root = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
  return sources
    .map((s, i) => ({ s: String(s), inlined: typeof contents[i] === 'string' }))
    .filter(({ s, inlined }) => !inlined && !files.has(posix.normalize(posix.join(posix.dirname(mapPath), root, s))))
    .map(({ s }) => s);
}

/**
 * The trust checks of one packed tarball: {@link metadataProblems} on its package.json (as packed,
 * so `publishConfig` and `files` are what npm will see) and {@link tarballProblems} on its files.
 * @param folder the package's folder inside the repository, `packages/rest`.
 */
export async function trustProblems(tarball: string, folder: string): Promise<string[]> {
  const pkg = createPackageFromTarballData(new Uint8Array(await readFile(tarball)));
  const prefix = `/node_modules/${pkg.packageName}/`;
  const files: TarballFiles = {
    list: () => pkg.listFiles().map((f) => f.slice(prefix.length)),
    read: (path) => pkg.readFile(prefix + path),
  };
  const manifest = JSON.parse(files.read('package.json')) as Record<string, unknown>;
  return [...metadataProblems(manifest, folder), ...tarballProblems(files)];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
