import { driftExceptions } from './exceptions.ts';
import type { DriftCheck, DriftException, DriftProblem } from './types.ts';

/** What is left of a check's problems after its exceptions: both lists must be empty. */
export interface DriftVerdict {
  /** Problems no exception covers. */
  readonly problems: readonly DriftProblem[];
  /** Exceptions that match no problem any more: the drift they excused is gone, so remove them. */
  readonly stale: readonly DriftException[];
}

/** Sets a check's `problems` against its `exceptions` (matched by exact `subject`). */
export function applyExceptions(problems: readonly DriftProblem[], exceptions: readonly DriftException[]): DriftVerdict {
  const excused = new Set(exceptions.map((e) => e.subject));
  const seen = new Set(problems.map((p) => p.subject));
  return {
    problems: problems.filter((p) => !excused.has(p.subject)),
    stale: exceptions.filter((e) => !seen.has(e.subject)),
  };
}

/**
 * One line per unexcused problem (`<subject>: <message>`) and per stale exception
 * (`stale exception <subject>: no longer applies (<reason>)`), for a test failure that names them.
 */
export function verdictLines(verdict: DriftVerdict): string[] {
  return [
    ...verdict.problems.map((p) => `${p.subject}: ${p.message}`),
    ...verdict.stale.map((e) => `stale exception ${e.subject}: no longer applies (${e.reason})`),
  ];
}

/** {@link verdictLines} of `problems` against the committed exceptions of `check`. */
export function driftFailures(check: DriftCheck, problems: readonly DriftProblem[]): string[] {
  return verdictLines(applyExceptions(problems, driftExceptions[check]));
}
