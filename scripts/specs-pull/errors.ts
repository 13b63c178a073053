/** What a spec looked like: from the lock (expected) or from a source (actual). */
export interface SpecFacts {
  /** `info.version` for YAML; the dictionary comment / `<fix>` attributes for the FIX XML. */
  readonly version: string;
  /** Size in bytes. */
  readonly bytes: number;
  /** Lower-case hex sha256 of the raw bytes. */
  readonly sha256: string;
}

/**
 * Stable codes of {@link SpecsPullError}:
 * - `SPECS_LOCK_INVALID`: specs.lock.json is missing, not JSON, or an entry lacks a field.
 * - `SPEC_NETWORK`: the URL could not be fetched (DNS, refused, reset, timeout).
 * - `SPEC_HTTP_STATUS`: the URL answered with a non-2xx status (`status` is set).
 * - `SPEC_TRUNCATED`: the body ended before its Content-Length, or is shorter than the lock
 *   and does not parse.
 * - `SPEC_UNREADABLE`: a folder source has no such file, or it cannot be read.
 * - `SPEC_NOT_PARSEABLE`: the body is not YAML 1.2 with `info.version`, or not XML with a `<fix>` root.
 * - `SPEC_MISMATCH`: the body's sha256 differs from the lock (`expected` and `actual` are set).
 * - `SPEC_NO_SOURCE`: every source of a spec failed (`failures` holds one error per source).
 * - `SPEC_WRITE_FAILED`: the file or the lock could not be written under specs/.
 */
export type SpecsPullErrorCode =
  | 'SPECS_LOCK_INVALID'
  | 'SPEC_NETWORK'
  | 'SPEC_HTTP_STATUS'
  | 'SPEC_TRUNCATED'
  | 'SPEC_UNREADABLE'
  | 'SPEC_NOT_PARSEABLE'
  | 'SPEC_MISMATCH'
  | 'SPEC_NO_SOURCE'
  | 'SPEC_WRITE_FAILED';

interface SpecsPullErrorFacts {
  /** Spec file name, e.g. `openapi.yaml`. */
  readonly spec?: string;
  /** The URL or path the bytes came from, as written in the lock or `KALSHI_SPECS_SOURCE`. */
  readonly source?: string;
  /** HTTP status, for `SPEC_HTTP_STATUS`. */
  readonly status?: number;
  readonly expected?: SpecFacts;
  readonly actual?: SpecFacts;
  /** One error per source tried, for `SPEC_NO_SOURCE`. */
  readonly failures?: readonly SpecsPullError[];
}

/**
 * The one error type of `specs:pull`. `reason` is the short cause ("HTTP 500 Internal Server
 * Error"); `message` prefixes it with the spec and source.
 */
export class SpecsPullError extends Error {
  override readonly name = 'SpecsPullError';
  readonly code: SpecsPullErrorCode;
  readonly reason: string;
  readonly spec: string | undefined;
  readonly source: string | undefined;
  readonly status: number | undefined;
  readonly expected: SpecFacts | undefined;
  readonly actual: SpecFacts | undefined;
  readonly failures: readonly SpecsPullError[];

  constructor(code: SpecsPullErrorCode, reason: string, facts: SpecsPullErrorFacts = {}, options?: { cause?: unknown }) {
    const where = [facts.spec, facts.source && `from ${facts.source}`].filter(Boolean).join(' ');
    super(where ? `${where}: ${reason}` : reason, options);
    this.code = code;
    this.reason = reason;
    this.spec = facts.spec;
    this.source = facts.source;
    this.status = facts.status;
    this.expected = facts.expected;
    this.actual = facts.actual;
    this.failures = facts.failures ?? [];
  }
}

/** `version 3.31.0, 364280 bytes, sha256 dde1…` with the full hash. */
export function describeFacts(f: SpecFacts): string {
  return `version ${f.version}, ${f.bytes} bytes, sha256 ${f.sha256}`;
}
