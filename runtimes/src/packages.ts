// The client packages the matrix covers, in its row order.

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
