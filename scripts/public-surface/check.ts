import { join } from 'node:path';
import { bumpLevel, type BumpLevel } from '../contract-diff/changeset.ts';
import { bumpCovers, readPendingBumps, type PendingBump } from './changesets.ts';
import { compareSurfaces, type SurfaceChange } from './compare.ts';
import { extractSurface } from './extract.ts';
import { readSnapshot, snapshotPath, writeSnapshot } from './snapshot.ts';

/** A package to check: its folder (built) and its name. */
export interface SurfacePackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

/** The verdict for one package. */
export interface SurfaceResult {
  readonly name: string;
  readonly version: string;
  /** Repository-relative snapshot path. */
  readonly snapshot: string;
  /** False when no snapshot is committed yet (a package never released: nothing can break). */
  readonly hasSnapshot: boolean;
  readonly changes: readonly SurfaceChange[];
  /** The bump the worst change needs under the pre-1.0 policy (contract-diff's `bumpLevel`); undefined without changes. */
  readonly required: BumpLevel | undefined;
  /** The largest bump pending in `.changeset/` for this package. */
  readonly pending: PendingBump | undefined;
  /** False only for a breaking change that no pending changeset covers. */
  readonly ok: boolean;
}

/**
 * Extracts each package's surface from its built declarations, compares it with the committed
 * snapshot (the surface of the last release) and with the pending changesets: a breaking change
 * needs a changeset naming the package with at least `bumpLevel('breaking', version)`, i.e.
 * minor before 1.0 and major after. Non-breaking changes never fail; they report the patch
 * (minor from 1.0) they call for.
 * @throws {PublicSurfaceError} when a package is not built, a snapshot or a changeset is invalid.
 */
export async function checkSurfaces(root: string, packages: readonly SurfacePackage[]): Promise<SurfaceResult[]> {
  const pending = await readPendingBumps(join(root, '.changeset'));
  const results: SurfaceResult[] = [];
  for (const pkg of packages) {
    const old = await readSnapshot(pkg.dir);
    const changes = compareSurfaces(old, extractSurface(pkg.dir));
    const worst = changes[0]?.severity;
    const required = worst === undefined ? undefined : bumpLevel(worst, pkg.version);
    const bump = pending.get(pkg.name);
    const ok = worst !== 'breaking' || bumpCovers(bump?.level, required as BumpLevel);
    results.push({
      name: pkg.name,
      version: pkg.version,
      snapshot: snapshotPath(pkg.dir).slice(root.length + 1),
      hasSnapshot: old !== undefined,
      changes,
      required,
      pending: bump,
      ok,
    });
  }
  return results;
}

/** Rewrites every package's snapshot from its built declarations; returns the paths written. */
export async function updateSurfaces(packages: readonly SurfacePackage[]): Promise<string[]> {
  const written: string[] = [];
  for (const pkg of packages) written.push(await writeSnapshot(pkg.dir, extractSurface(pkg.dir)));
  return written;
}

const changeWords: Readonly<Record<SurfaceChange['kind'], string>> = {
  removed: 'removed',
  changed: 'changed',
  'overload-added': 'overload added',
  added: 'added',
  'required-member-added': 'required member added',
};

function changeLine(c: SurfaceChange): string {
  const more = c.membersRemoved ? ` (with ${c.membersRemoved} members)` : '';
  const detail = c.kind === 'changed' ? `: \`${c.before?.text}\` → \`${c.after?.text}\`` : c.kind === 'removed' ? '' : `: \`${c.after?.text}\``;
  return `  - ${c.severity === 'breaking' ? 'BREAKING ' : ''}${changeWords[c.kind]} \`${c.key}\`${more}${detail}`.replace(/\n/g, ' | ');
}

/** The report `surface:check` prints: one line per package, then its changes (at most `maxChanges` each). */
export function renderSurfaceReport(results: readonly SurfaceResult[], maxChanges = 40): string {
  const lines: string[] = [];
  for (const r of results) {
    const head = `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}@${r.version}`;
    const breaking = r.changes.filter((c) => c.severity === 'breaking').length;
    const pending = r.pending ? `pending changeset: ${r.pending.level} (${r.pending.files.join(', ')})` : 'no pending changeset';
    if (!r.hasSnapshot) {
      lines.push(`${head}: no snapshot yet (a package never released): ${r.changes.length} entries; \`pnpm surface:update\` creates ${r.snapshot}`);
      continue;
    }
    if (r.changes.length === 0) {
      lines.push(`${head}: surface unchanged`);
      continue;
    }
    const counts = `${breaking} breaking, ${r.changes.length - breaking} non-breaking change(s) since ${r.snapshot}`;
    const verdict = r.ok
      ? `calls for a ${r.required} bump; ${pending}`
      : `needs a changeset with "${r.name}": ${r.required} (breaking change, version ${r.version}); ${pending}`;
    lines.push(`${head}: ${counts}; ${verdict}`);
    lines.push(...r.changes.slice(0, maxChanges).map(changeLine));
    if (r.changes.length > maxChanges) lines.push(`  - … and ${r.changes.length - maxChanges} more`);
  }
  const failed = results.filter((r) => !r.ok).length;
  lines.push(`surface:check: ${results.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}
