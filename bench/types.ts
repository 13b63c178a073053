/** One measured case. `group` cases are measured in the same run so their ratios are fair. */
export interface BenchResult {
  readonly group: string;
  readonly name: string;
  readonly opsPerSec: number;
  /** Mean latency in nanoseconds. */
  readonly meanNs: number;
  readonly samples: number;
  /** A target stated as a ratio against another case of the same group, with its outcome. */
  readonly target?: { readonly against: string; readonly minRatio: number; readonly ratio: number; readonly met: boolean };
  /** An absolute target: at least `minOpsPerSec` (in the case's own unit), with its outcome. */
  readonly floor?: { readonly minOpsPerSec: number; readonly met: boolean };
  /**
   * The case's rate in each round of an interleaved group, in round order (bench/rounds.ts); used
   * for paired ratios and not written to the results file.
   */
  readonly roundRates?: readonly number[];
  /** What the figure covers (input sizes, method) or what was measured besides speed (memory). */
  readonly notes?: string;
}

/** A benchmark suite: `bench/<suite>.bench.ts` default-exports one of these. */
export type BenchSuite = () => Promise<readonly BenchResult[]>;
