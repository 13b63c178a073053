import { ChangeLog } from './change-log.ts';
import { classify, severityRank } from './classify.ts';
import { diffAsyncApi } from './asyncapi.ts';
import { ContractDiffError } from './errors.ts';
import { diffFix } from './fix.ts';
import { loadSpec, type LoadedSpec } from './load.ts';
import { diffOpenApi } from './openapi.ts';
import type { Change, ChangeKind, DiffReport, SpecKind, UnitCounts } from './types.ts';

/** The top-level units counted in each report's summary, by spec kind. */
const units: Readonly<Record<SpecKind, Readonly<Record<string, readonly [ChangeKind, ChangeKind]>>>> = {
  openapi: { operations: ['operation-added', 'operation-removed'] },
  asyncapi: { channels: ['channel-added', 'channel-removed'], messages: ['message-added', 'message-removed'] },
  fix: { messages: ['message-added', 'message-removed'], fields: ['field-definition-added', 'field-definition-removed'] },
};

/** Kinds that add or remove a whole unit (operation, channel, message): listed first within a severity. */
const unitKinds = new Set<ChangeKind>(Object.values(units).flatMap((u) => Object.values(u).flat()));

function compare(a: Change, b: Change): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    Number(!unitKinds.has(a.kind)) - Number(!unitKinds.has(b.kind)) ||
    (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) ||
    (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    ((a.after ?? a.before ?? '') < (b.after ?? b.before ?? '') ? -1 : 1)
  );
}

/**
 * Semantic diff of two specs of the same kind, every change classified by direction.
 * @throws ContractDiffError `SPEC_KIND_MISMATCH` when the kinds differ, `REF_UNRESOLVED` for a dangling `$ref`.
 */
export function diffSpecs(oldSpec: LoadedSpec, newSpec: LoadedSpec): DiffReport {
  const log = new ChangeLog();
  const labels = { old: oldSpec.identity.source, new: newSpec.identity.source };
  if (oldSpec.kind === 'fix' && newSpec.kind === 'fix') diffFix(oldSpec.doc, newSpec.doc, log);
  else if (oldSpec.kind === 'openapi' && newSpec.kind === 'openapi') diffOpenApi(oldSpec.doc, newSpec.doc, log, labels);
  else if (oldSpec.kind === 'asyncapi' && newSpec.kind === 'asyncapi') diffAsyncApi(oldSpec.doc, newSpec.doc, log, labels);
  else {
    throw new ContractDiffError('SPEC_KIND_MISMATCH', `cannot diff ${oldSpec.kind} (${labels.old}) against ${newSpec.kind} (${labels.new})`, {
      value: [oldSpec.kind, newSpec.kind],
    });
  }
  const changes = log.list().map(classify).sort(compare);
  const count = (kind: ChangeKind) => changes.filter((c) => c.kind === kind).length;
  const unitCounts: Record<string, UnitCounts> = {};
  for (const [name, [added, removed]] of Object.entries(units[oldSpec.kind])) unitCounts[name] = { added: count(added), removed: count(removed) };
  return {
    kind: oldSpec.kind,
    old: oldSpec.identity,
    new: newSpec.identity,
    changes,
    summary: {
      breaking: changes.filter((c) => c.severity === 'breaking').length,
      nonBreaking: changes.filter((c) => c.severity === 'non-breaking').length,
      docsOnly: changes.filter((c) => c.severity === 'docs-only').length,
      units: unitCounts,
    },
  };
}

/**
 * Reads two spec files and diffs them ({@link diffSpecs}).
 * @throws ContractDiffError `SPEC_UNREADABLE`, `SPEC_UNPARSABLE`, `SPEC_KIND_UNKNOWN`, `SPEC_KIND_MISMATCH`, `REF_UNRESOLVED`.
 */
export async function diffFiles(oldPath: string, newPath: string): Promise<DiffReport> {
  const [o, n] = await Promise.all([loadSpec(oldPath), loadSpec(newPath)]);
  return diffSpecs(o, n);
}
