/**
 * Types of `dist/specs-diff.js`, the contract-diff library bundled at build time from the
 * repository's scripts/contract-diff/ (entry: bundle/specs-diff.ts). Only what `kalshi specs diff`
 * uses is declared; the full types are scripts/contract-diff/types.ts.
 */

/** A spec's identity in a report: `info.version`, the file's sha256 and the path given. */
export interface SpecIdentity {
  readonly version: string;
  readonly sha256: string;
  readonly source: string;
}

/** The diff of two specs of one kind (OpenAPI, AsyncAPI or FIX dictionary), every change classified. */
export interface DiffReport {
  readonly kind: 'openapi' | 'asyncapi' | 'fix';
  readonly old: SpecIdentity;
  readonly new: SpecIdentity;
  readonly changes: readonly unknown[];
  readonly summary: { readonly breaking: number; readonly nonBreaking: number; readonly docsOnly: number };
}

/**
 * Reads and diffs two spec files; the kind is detected from each file's content.
 * @throws ContractDiffError `SPEC_UNREADABLE`, `SPEC_UNPARSABLE`, `SPEC_KIND_UNKNOWN`, `SPEC_KIND_MISMATCH`, `REF_UNRESOLVED`, `FIX_UNDEFINED`.
 */
export function diffFiles(oldPath: string, newPath: string): Promise<DiffReport>;

/** The contract diff's one error class, with a stable `code`. */
export class ContractDiffError extends Error {
  readonly code: string;
  readonly source: string | undefined;
}

/** The report as Markdown: a table per severity, breaking first. */
export function renderMarkdown(report: DiffReport): string;
/** The full report as pretty JSON, newline-terminated. */
export function renderJson(report: DiffReport): string;
/** `openapi 3.13.0 → 3.31.0: operations +37 −9; 35 breaking, 142 non-breaking, 119 docs-only`. */
export function summaryLine(report: DiffReport): string;
