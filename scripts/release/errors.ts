/**
 * Stable codes of {@link ReleaseError}:
 * - `USAGE`: a bad command line (`value`: the arguments).
 * - `REGISTRY_FAILED`: Verdaccio did not start or did not answer (`value`: its URL or config path).
 * - `UPLINK_UNKNOWN`: `npm config get registry` gave no http(s) URL (`value`: what it printed).
 * - `PUBLISH_FAILED`: `changeset version` / `changeset publish` failed, or a package is missing
 *   from the registry afterwards (`value`: the package or command).
 * - `BUDGET_INVALID`: size-budget.json is unreadable or lacks a package (`value`: the package or path).
 */
export type ReleaseErrorCode = 'USAGE' | 'REGISTRY_FAILED' | 'UPLINK_UNKNOWN' | 'PUBLISH_FAILED' | 'BUDGET_INVALID';

/**
 * The one error class of `release:verify` and `size:check`, thrown when a step cannot run at all;
 * a consumer that fails or a size over budget is a result, reported in the table. Messages never
 * hold the throwaway registry user's password or token.
 */
export class ReleaseError extends Error {
  override readonly name = 'ReleaseError';
  readonly code: ReleaseErrorCode;
  /** The offending value: a package name, a URL, a path or a command line. */
  readonly value: unknown;
  /** Captured output of a failed command (its last 4,000 characters). */
  readonly output: string | undefined;

  constructor(code: ReleaseErrorCode, message: string, facts: { value?: unknown; output?: string; cause?: unknown } = {}) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.value = facts.value;
    this.output = facts.output;
  }
}
