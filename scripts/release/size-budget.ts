/**
 * The size budget of every publishable package, in `size-budget.json` beside this file: the
 * ceilings are the figures measured when the budget was set (install size and dependency count by
 * `release:verify`, the one-operation bundle by `size:check`), byte figures plus 1% rounded up to
 * a whole KiB. A figure above its ceiling fails
 * the command that measured it; a deliberate increase edits the JSON in the same commit.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReleaseError } from './errors.ts';
import { formatBytes } from './measure.ts';

export const BUDGET_FILE = join(dirname(fileURLToPath(import.meta.url)), 'size-budget.json');

/** The ceilings of one package. */
export interface PackageBudget {
  /** `node_modules` bytes after `npm install <package>` alone (measure.ts `directoryBytes`). */
  readonly installBytes: number;
  /** Packages installed besides it. */
  readonly dependencies: number;
  /** Minified ESM bytes of its one-operation app (bundles.ts). */
  readonly bundleBytes: number;
}

/** Budgets by package name. */
export type SizeBudget = Readonly<Record<string, PackageBudget>>;

/**
 * Reads and validates `size-budget.json`.
 * @throws {ReleaseError} `BUDGET_INVALID` when the file is unreadable or a figure is not a non-negative integer.
 */
export async function readBudget(file = BUDGET_FILE): Promise<SizeBudget> {
  let raw: unknown;
  try {
    raw = (JSON.parse(await readFile(file, 'utf8')) as { packages?: unknown }).packages;
  } catch (cause) {
    throw new ReleaseError('BUDGET_INVALID', `${file} cannot be read as JSON`, { value: file, cause });
  }
  if (typeof raw !== 'object' || raw === null) throw new ReleaseError('BUDGET_INVALID', `${file} has no "packages" object`, { value: file });
  for (const [name, b] of Object.entries(raw)) {
    for (const key of ['installBytes', 'dependencies', 'bundleBytes'] as const) {
      const v = (b as Record<string, unknown>)[key];
      if (!Number.isSafeInteger(v) || (v as number) < 0) throw new ReleaseError('BUDGET_INVALID', `${file}: ${name}.${key} is ${JSON.stringify(v)}, want a non-negative integer`, { value: `${name}.${key}` });
    }
  }
  return raw as SizeBudget;
}

/** One figure over its ceiling. */
export interface OverBudget {
  readonly name: string;
  readonly figure: keyof PackageBudget;
  readonly measured: number;
  readonly ceiling: number;
}

/**
 * The figures of `measured` above their ceiling in `budget`.
 * @throws {ReleaseError} `BUDGET_INVALID` when a measured package has no budget.
 */
export function overBudget(budget: SizeBudget, measured: Readonly<Record<string, Partial<PackageBudget>>>): OverBudget[] {
  const over: OverBudget[] = [];
  for (const [name, figures] of Object.entries(measured)) {
    const ceilings = budget[name];
    if (ceilings === undefined) throw new ReleaseError('BUDGET_INVALID', `${BUDGET_FILE} has no budget for ${name}`, { value: name });
    for (const [figure, value] of Object.entries(figures) as [keyof PackageBudget, number][]) {
      if (value > ceilings[figure]) over.push({ name, figure, measured: value, ceiling: ceilings[figure] });
    }
  }
  return over;
}

/** `@kalshi-sdk/rest installBytes 2.61 MB over its ceiling 2.60 MB`. */
export function describeOver(o: OverBudget): string {
  const show = (n: number) => (o.figure === 'dependencies' ? String(n) : `${formatBytes(n)} (${n} B)`);
  return `${o.name} ${o.figure} ${show(o.measured)} is over its ceiling ${show(o.ceiling)} in scripts/release/size-budget.json`;
}
