// The client packages the matrix covers, in its row order, and a runtime's column of cells.

export const SMOKE_PACKAGES = ['auth', 'fixed-point', 'rest', 'ws', 'fix'] as const;
export type SmokePackage = (typeof SMOKE_PACKAGES)[number];

/** One cell of the matrix. `detail`: why a package failed, or why it does not apply. */
export interface Cell {
  status: 'pass' | 'fail' | 'n/a';
  detail?: string;
}

/** One column of the matrix: a runtime, the version that ran, and a cell per package. */
export interface RuntimeColumn {
  label: string;
  version: string;
  cells: Record<SmokePackage, Cell>;
  ms: number;
}

/** The `SMOKE-RESULT {json}` lines of a smoke program's output. */
export function parseResults(stdout: string): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('SMOKE-RESULT ')) continue;
    const result = JSON.parse(line.slice('SMOKE-RESULT '.length)) as { package: string; status: 'pass' | 'fail'; error?: string };
    cells.set(result.package, result.status === 'pass' ? { status: 'pass' } : { status: 'fail', detail: result.error?.split('\n')[0] ?? 'failed' });
  }
  return cells;
}

/** A column whose every cell is `cell`. */
export function uniformColumn(label: string, version: string, cell: Cell, started: number): RuntimeColumn {
  const cells = Object.fromEntries(SMOKE_PACKAGES.map((name) => [name, { ...cell }])) as Record<SmokePackage, Cell>;
  return { label, version, cells, ms: Date.now() - started };
}

/** A column whose every cell failed for one reason (the runtime could not be installed, started or bundled for). */
export function allFailed(label: string, version: string, detail: string, started: number): RuntimeColumn {
  return uniformColumn(label, version, { status: 'fail', detail }, started);
}
