import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { BumpLevel } from '../contract-diff/changeset.ts';
import { PublicSurfaceError } from './errors.ts';

const rank: Readonly<Record<BumpLevel, number>> = { patch: 1, minor: 2, major: 3 };

/** True when `level` is at least `required` (patch < minor < major). */
export function bumpCovers(level: BumpLevel | undefined, required: BumpLevel): boolean {
  return level !== undefined && rank[level] >= rank[required];
}

/** The largest bump pending for one package, and the changeset files that ask for bumps of it. */
export interface PendingBump {
  readonly level: BumpLevel;
  readonly files: readonly string[];
}

/**
 * Reads every pending `<dir>/*.md` changeset (not README.md) and returns, per package, the largest
 * bump they ask for. A `none` bump counts as no bump. A missing folder means no changesets.
 * @throws {PublicSurfaceError} `CHANGESET_INVALID` for a file without `---` frontmatter mapping
 * package names to `major`, `minor`, `patch` or `none`.
 */
export async function readPendingBumps(dir: string): Promise<Map<string, PendingBump>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  const out = new Map<string, PendingBump>();
  for (const name of names) {
    const path = join(dir, name);
    for (const [pkg, level] of Object.entries(frontmatter(await readFile(path, 'utf8'), path))) {
      if (level === 'none') continue;
      const had = out.get(pkg);
      const top = had && rank[had.level] >= rank[level] ? had.level : level;
      out.set(pkg, { level: top, files: [...(had?.files ?? []), name] });
    }
  }
  return out;
}

function frontmatter(text: string, path: string): Record<string, BumpLevel | 'none'> {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text.trimStart());
  const bad = (why: string) => new PublicSurfaceError('CHANGESET_INVALID', `${path}: ${why}`, { value: path });
  if (!match) throw bad('no --- frontmatter');
  let parsed: unknown;
  try {
    parsed = parse(match[1] ?? '') ?? {};
  } catch (cause) {
    throw new PublicSurfaceError('CHANGESET_INVALID', `${path}: frontmatter is not YAML`, { value: path, cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('frontmatter is not a mapping of package names to bumps');
  for (const [pkg, level] of Object.entries(parsed)) {
    if (level !== 'major' && level !== 'minor' && level !== 'patch' && level !== 'none') throw bad(`"${pkg}" has bump ${JSON.stringify(level)}, not major, minor, patch or none`);
  }
  return parsed as Record<string, BumpLevel | 'none'>;
}
