/** Stable codes of every {@link ContractDiffError}. */
export type ContractDiffErrorCode =
  /** A spec file could not be read (`path`). */
  | 'SPEC_UNREADABLE'
  /** A spec is not valid YAML/JSON/XML (`source`). */
  | 'SPEC_UNPARSABLE'
  /** A spec is neither OpenAPI 3.x, AsyncAPI 2.x/3.x nor a FIX dictionary (`source`). */
  | 'SPEC_KIND_UNKNOWN'
  /** The two specs given are of different kinds (`value`: `[oldKind, newKind]`). */
  | 'SPEC_KIND_MISMATCH'
  /** A `$ref` is external, dangling, or a pure ref loop (`value`: the ref). */
  | 'REF_UNRESOLVED'
  /** A FIX message references a field or component the dictionary does not define (`value`: its name). */
  | 'FIX_UNDEFINED'
  /** A package a changeset must bump has no known version (`value`: the package name). */
  | 'PACKAGE_UNKNOWN'
  /** The command line is wrong (`value`: the offending argument). */
  | 'USAGE';

/**
 * The one error class of the contract-diff tool. Carries a stable `code` and the facts
 * (which spec, which ref, which argument); it never carries spec text beyond names.
 */
export class ContractDiffError extends Error {
  readonly code: ContractDiffErrorCode;
  /** File path or label of the spec concerned, when there is one. */
  readonly source: string | undefined;
  /** The offending value (a `$ref`, an argument, a pair of kinds). */
  readonly value: unknown;

  constructor(code: ContractDiffErrorCode, message: string, facts: { source?: string; value?: unknown; cause?: unknown } = {}) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = 'ContractDiffError';
    this.code = code;
    this.source = facts.source;
    this.value = facts.value;
  }
}
