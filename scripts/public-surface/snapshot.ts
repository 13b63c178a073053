import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PublicSurfaceError } from './errors.ts';
import type { Surface, SurfaceEntry } from './types.ts';

/** `packages/<dir>/api/<dir>.api.json`: the committed surface of the package in `pkgDir`. */
export function snapshotPath(pkgDir: string): string {
  return join(pkgDir, 'api', `${basename(pkgDir)}.api.json`);
}

/**
 * The snapshot text: JSON with one entry per line, so a pull request's diff shows each changed
 * declaration on its own line.
 */
export function renderSnapshot(surface: Surface): string {
  const rows = Object.entries(surface.entries).map(([key, entry]) => `    ${JSON.stringify(key)}: ${JSON.stringify(entry)}`);
  return [
    '{',
    `  "package": ${JSON.stringify(surface.package)},`,
    `  "version": ${JSON.stringify(surface.version)},`,
    '  "entries": {',
    rows.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Writes the snapshot of `surface` for the package in `pkgDir`; returns the path written. */
export async function writeSnapshot(pkgDir: string, surface: Surface): Promise<string> {
  const path = snapshotPath(pkgDir);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderSnapshot(surface));
  return path;
}

/**
 * Reads the committed snapshot of the package in `pkgDir`.
 * @returns undefined when there is none (a package never released).
 * @throws {PublicSurfaceError} `SNAPSHOT_INVALID` when it is not a surface.
 */
export async function readSnapshot(pkgDir: string): Promise<Surface | undefined> {
  const path = snapshotPath(pkgDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new PublicSurfaceError('SNAPSHOT_INVALID', `${path} is not JSON`, { value: path, cause });
  }
  if (!isSurface(parsed)) throw new PublicSurfaceError('SNAPSHOT_INVALID', `${path} is not { package, version, entries: { key: { kind, text } } }`, { value: path });
  return parsed;
}

function isSurface(v: unknown): v is Surface {
  const s = v as Partial<Surface> | null;
  return (
    typeof s?.package === 'string' &&
    typeof s.version === 'string' &&
    typeof s.entries === 'object' &&
    s.entries !== null &&
    Object.values(s.entries).every((e: Partial<SurfaceEntry>) => typeof e.kind === 'string' && typeof e.text === 'string')
  );
}
