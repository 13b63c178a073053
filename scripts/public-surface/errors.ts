/**
 * Stable codes of {@link PublicSurfaceError}:
 * - `USAGE`: a bad command line (`value`: the arguments).
 * - `PACKAGE_UNKNOWN`: `--package` names no publishable package (`value`: the name).
 * - `PACKAGE_NOT_BUILT`: an exports-map entry's declaration file is missing; run `generate` and
 *   `build` first (`value`: the file).
 * - `ENTRY_UNTYPED`: an exports-map entry names no `types` file (`value`: the subpath).
 * - `SNAPSHOT_INVALID`: a committed snapshot is not JSON of the expected shape (`value`: its path).
 * - `CHANGESET_INVALID`: a `.changeset/*.md` file has no parseable frontmatter (`value`: its path).
 */
export type PublicSurfaceErrorCode =
  | 'USAGE'
  | 'PACKAGE_UNKNOWN'
  | 'PACKAGE_NOT_BUILT'
  | 'ENTRY_UNTYPED'
  | 'SNAPSHOT_INVALID'
  | 'CHANGESET_INVALID';

/** The one error class of `surface:check` / `surface:update`: a check that cannot run at all. */
export class PublicSurfaceError extends Error {
  override readonly name = 'PublicSurfaceError';
  readonly code: PublicSurfaceErrorCode;
  /** The offending value: a path, a subpath, a package name or the arguments. */
  readonly value: unknown;

  constructor(code: PublicSurfaceErrorCode, message: string, facts: { value?: unknown; cause?: unknown } = {}) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.value = facts.value;
  }
}
