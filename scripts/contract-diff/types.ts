/** Which contract a spec describes. */
export type SpecKind = 'openapi' | 'asyncapi' | 'fix';

/**
 * Which way the changed thing travels, seen from an SDK user's client:
 * - `sent`: the client writes it (REST parameters and request bodies, WS commands, FIX orders);
 * - `received`: the client reads it (REST responses, WS server messages, FIX execution reports);
 * - `both`: it travels both ways (FIX session messages and header fields, shared WS messages).
 */
export type Direction = 'sent' | 'received' | 'both';

/** How a change affects a client built against the old spec. See README.md "Classification". */
export type Severity = 'breaking' | 'non-breaking' | 'docs-only';

/** Every kind of change the diff engines report. Classification is a pure function of kind and direction. */
export const changeKinds = [
  // REST operations
  'operation-added',
  'operation-removed',
  'operation-id-changed',
  // REST parameters (query, path, header, cookie) and request bodies
  'parameter-added-required',
  'parameter-added-optional',
  'parameter-removed',
  'parameter-became-required',
  'parameter-became-optional',
  'request-body-added-required',
  'request-body-added-optional',
  'request-body-removed',
  'request-body-became-required',
  'request-body-became-optional',
  // REST responses
  'response-status-added',
  'success-response-removed',
  'error-response-removed',
  'media-type-added',
  'media-type-removed',
  // WS channels and messages, FIX messages
  'channel-added',
  'channel-removed',
  'channel-address-changed',
  'message-added',
  'message-removed',
  'message-renamed',
  // schemas (JSON Schema properties, FIX message fields and groups)
  'property-added-required',
  'property-added-optional',
  'property-removed',
  'property-became-required',
  'property-became-optional',
  'type-widened',
  'type-narrowed',
  'type-changed',
  'nullable-added',
  'nullable-removed',
  'format-added',
  'format-removed',
  'format-changed',
  'enum-constraint-added',
  'enum-constraint-removed',
  'enum-value-added',
  'enum-value-removed',
  'variant-added',
  'variant-removed',
  // FIX field definitions
  'field-definition-added',
  'field-definition-removed',
  'tag-changed',
  // documentation
  'description-changed',
  'deprecated-added',
  'deprecated-removed',
] as const;

/** One of {@link changeKinds}. */
export type ChangeKind = (typeof changeKinds)[number];

/** A change as an engine finds it, before classification. */
export interface RawChange {
  readonly kind: ChangeKind;
  readonly direction: Direction;
  /**
   * What changed: an operation (`POST /portfolio/orders (CreateOrder)`), a shared schema
   * (`components/schemas/Market`), a WS message (`orderbookDelta @ orderbook_delta`), a FIX
   * message (`NewOrderSingle (35=D)`) or a FIX field (`field ExecInst (18)`).
   */
  readonly subject: string;
  /**
   * Where inside the subject, JSON-pointer-like: a section (`query.limit`, `request`,
   * `response.200`) then the data path (`/order/side`); `[]` is an array item, `*` a map value,
   * `~1` escapes `/`. FIX groups nest the same way (`/NoPartyIDs/PartyID`). Empty for the subject itself.
   */
  readonly pointer: string;
  /** The old value, when short and factual (a type, an enum value, a tag); never description text. */
  readonly before?: string;
  /** The new value, same rules as `before`. */
  readonly after?: string;
  /**
   * Operations or messages that reach this change (filled for changes inside shared schemas,
   * which are reported once per schema and direction instead of once per operation).
   */
  readonly usedBy: readonly string[];
}

/** A classified change. */
export interface Change extends RawChange {
  readonly severity: Severity;
}

/** Identity of one side of a diff. */
export interface SpecIdentity {
  /** `info.version` (OpenAPI/AsyncAPI) or the dictionary's version comment (FIX); `unknown` if absent. */
  readonly version: string;
  /** sha256 of the file's text, hex: Kalshi changes files without bumping `info.version`. */
  readonly sha256: string;
  /** The path or label the spec was read from. */
  readonly source: string;
}

/** Added/removed counts of the top-level units of a spec (operations; channels and messages; FIX messages and fields). */
export interface UnitCounts {
  readonly added: number;
  readonly removed: number;
}

/** The result of diffing two specs of the same kind. Serializable as is (`--json`). */
export interface DiffReport {
  readonly kind: SpecKind;
  readonly old: SpecIdentity;
  readonly new: SpecIdentity;
  /** Sorted by severity (breaking first), then subject, pointer and kind. */
  readonly changes: readonly Change[];
  readonly summary: {
    readonly breaking: number;
    readonly nonBreaking: number;
    readonly docsOnly: number;
    /** Per unit name (`operations`, `channels`, `messages`, `fields`). */
    readonly units: Readonly<Record<string, UnitCounts>>;
  };
}
