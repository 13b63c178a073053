/**
 * The slice of an AsyncAPI 3.0 document the generator reads, parsed from YAML as plain data,
 * and local `$ref` resolution over it.
 */

/** A JSON Schema object as parsed from YAML (booleans and `$ref` objects included). */
export type JsonSchema = Record<string, unknown>;

/** A message object, or a `$ref` to one. */
export interface AsyncApiMessage {
  readonly $ref?: string;
  readonly name?: string;
  readonly title?: string;
  readonly contentType?: string;
  readonly payload?: unknown;
  readonly headers?: unknown;
}

/** A channel: `address` is the channel name Kalshi uses in `subscribe`, or `/` for the connection. */
export interface AsyncApiChannel {
  readonly address?: string | null;
  readonly title?: string;
  readonly messages?: Record<string, AsyncApiMessage>;
}

/** An AsyncAPI 3.0 document, as far as code generation needs it. */
export interface AsyncApiDocument {
  readonly asyncapi: string;
  readonly info: { readonly version: string };
  readonly defaultContentType?: string;
  readonly channels?: Record<string, AsyncApiChannel>;
  operations?: Record<string, unknown>;
  readonly components?: {
    readonly schemas?: Record<string, unknown>;
    readonly messages?: Record<string, AsyncApiMessage>;
  };
}

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Follows local `$ref`s (`#/...`) from `value` until it reaches an object without one.
 * Throws when a reference is not local, points nowhere, or loops.
 */
export function resolveRef(doc: AsyncApiDocument, value: unknown): unknown {
  const seen = new Set<string>();
  let current = value;
  while (isRecord(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`asyncapi: only local $refs are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`asyncapi: $ref cycle through ${ref}`);
    seen.add(ref);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      target = isRecord(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`asyncapi: $ref ${ref} points nowhere`);
    current = target;
  }
  return current;
}

/** The key under `#/components/schemas/` that `ref` names, if it is exactly such a reference. */
export function componentSchemaKey(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match?.[1]?.replaceAll('~1', '/').replaceAll('~0', '~');
}
