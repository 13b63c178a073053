/**
 * Stable codes of {@link PackagingError}:
 * - `USAGE`: a bad command line (`value`: the arguments).
 * - `PACKAGE_UNKNOWN`: `--package` names no publishable workspace package (`value`: the name).
 * - `PACKAGE_NOT_BUILT`: a package has no `dist/`; run `pnpm build` first (`value`: the package).
 * - `COMMAND_FAILED`: `pnpm pack`, `npm install` or `tsc` exited non-zero (`value`: the command line).
 */
export type PackagingErrorCode = 'USAGE' | 'PACKAGE_UNKNOWN' | 'PACKAGE_NOT_BUILT' | 'COMMAND_FAILED';

/**
 * The one error class of `lint:packages` and `pack:smoke`. Lint findings and smoke-test failures are
 * results, not errors: this is thrown only when a check cannot run at all.
 */
export class PackagingError extends Error {
  override readonly name = 'PackagingError';
  readonly code: PackagingErrorCode;
  /** The offending value: a package name, an argument list or a command line. */
  readonly value: unknown;
  /** Captured output of a failed command (its last 4,000 characters), for `COMMAND_FAILED`. */
  readonly output: string | undefined;

  constructor(code: PackagingErrorCode, message: string, facts: { value?: unknown; output?: string; cause?: unknown } = {}) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.value = facts.value;
    this.output = facts.output;
  }
}
