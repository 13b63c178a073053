/**
 * Stable codes of {@link NightlyError}:
 * - `USAGE`: a bad command line (`value`: the arguments), or `--old` without `--dry-run`.
 * - `OLD_SPEC_INVALID`: an `--old` file cannot be read, is no Kalshi spec kind, or repeats a
 *   kind (`value`: its path).
 */
export type NightlyErrorCode = 'USAGE' | 'OLD_SPEC_INVALID';

/**
 * The one error class of `pnpm nightly`: a run that cannot start. A step that fails (pull, diff,
 * generate, test) is a result in the report, not an error.
 */
export class NightlyError extends Error {
  override readonly name = 'NightlyError';
  readonly code: NightlyErrorCode;
  readonly value: unknown;

  constructor(code: NightlyErrorCode, message: string, facts: { value?: unknown; cause?: unknown } = {}) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.value = facts.value;
  }
}
