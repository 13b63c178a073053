import type { Severity } from '../contract-diff/types.ts';
import type { Surface, SurfaceEntry } from './types.ts';

/**
 * - `removed`: an export or member is gone (breaking).
 * - `changed`: its declaration changed: a signature, a type, a modifier (breaking).
 * - `overload-added`: a function or method gained an overload and kept every old one (non-breaking).
 * - `added`: a new export or member (non-breaking).
 * - `required-member-added`: a new non-optional property or method of an interface or object
 *   type that existed before: a value written against the old type no longer satisfies it (breaking).
 */
export type SurfaceChangeKind = 'removed' | 'changed' | 'overload-added' | 'added' | 'required-member-added';

/** One difference between two surfaces. */
export interface SurfaceChange {
  readonly key: string;
  readonly kind: SurfaceChangeKind;
  readonly severity: Extract<Severity, 'breaking' | 'non-breaking'>;
  readonly before?: SurfaceEntry;
  readonly after?: SurfaceEntry;
  /** For a removed export: how many of its members went with it (not listed separately). */
  readonly membersRemoved?: number;
}

/**
 * Compares a package's surface with its last snapshot, breaking changes first, then by key.
 * Nothing is breaking when `old` is undefined (a package never released).
 */
export function compareSurfaces(old: Surface | undefined, now: Surface): SurfaceChange[] {
  const before = old?.entries ?? {};
  const after = now.entries;
  const changes: SurfaceChange[] = [];
  const removed = new Set(Object.keys(before).filter((k) => !(k in after)));
  for (const key of removed) {
    const entry = before[key] as SurfaceEntry;
    // A member of a removed export is reported with its parent.
    if (entry.parent !== undefined && removed.has(entry.parent)) continue;
    const membersRemoved = [...removed].filter((k) => before[k]?.parent === key).length;
    changes.push({ key, kind: 'removed', severity: 'breaking', before: entry, ...(membersRemoved > 0 ? { membersRemoved } : {}) });
  }
  for (const [key, entry] of Object.entries(after)) {
    const was = before[key];
    if (was === undefined) {
      const parentExisted = entry.parent !== undefined && entry.parent in before;
      const kind = entry.required && parentExisted ? 'required-member-added' : 'added';
      changes.push({ key, kind, severity: kind === 'added' ? 'non-breaking' : 'breaking', after: entry });
    } else if (was.text !== entry.text || was.kind !== entry.kind || Boolean(was.required) !== Boolean(entry.required)) {
      const oldLines = was.text.split('\n');
      const newLines = new Set(entry.text.split('\n'));
      const overloadAdded = was.kind === entry.kind && (entry.kind === 'function' || entry.kind === 'method') && oldLines.every((l) => newLines.has(l));
      changes.push({ key, kind: overloadAdded ? 'overload-added' : 'changed', severity: overloadAdded ? 'non-breaking' : 'breaking', before: was, after: entry });
    }
  }
  const rank = (c: SurfaceChange) => (c.severity === 'breaking' ? 0 : 1);
  return changes.sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
