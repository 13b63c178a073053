/**
 * Rewrites a private copy of the AsyncAPI document into what Modelina 5.10 turns into the
 * models we want. The spec file itself is never touched.
 *
 * Modelina reads the document through @asyncapi/parser 3, whose `anonymousNaming` step names
 * component schemas after their key and every other schema `<anonymous-schema-N>` unless it
 * already carries `x-parser-schema-id` (parser `custom-operations/anonymous-naming.js`);
 * Modelina then takes that id as the model name (`x-modelgen-inferred-name`). So every inline
 * schema gets an id from where it sits: `tickerPayload.msg` → `TickerPayloadMsg`.
 */
import { isRecord, pointerSegment, resolveRef, type AsyncApiDocument, type JsonSchema } from './document.ts';

/** Extension read by @asyncapi/parser as a schema's id, and by Modelina as its model name. */
export const SCHEMA_ID = 'x-parser-schema-id';

/** `market_ticker` → `MarketTicker`, `cfbenchmarksValue5Hz` → `CfbenchmarksValue5Hz`. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** Keywords holding one subschema, and the name segment a subschema there gets. */
const SINGLE_SCHEMA_KEYWORDS: Readonly<Record<string, string>> = {
  items: 'Item',
  additionalItems: 'AdditionalItem',
  additionalProperties: 'Value',
  contains: 'Contains',
  propertyNames: 'PropertyName',
  not: 'Not',
  if: 'If',
  then: 'Then',
  else: 'Else',
};
/** Keywords holding a list of subschemas. `items` as a list is a tuple. */
const LIST_KEYWORDS: Readonly<Record<string, string>> = { allOf: 'AllOf', anyOf: 'AnyOf', oneOf: 'OneOf', items: 'Item' };
/** Keywords holding a map of subschemas; the map key becomes the name segment. */
const MAP_KEYWORDS: Readonly<Record<string, string>> = {
  properties: '',
  patternProperties: 'Pattern',
  dependencies: 'Dependency',
  definitions: '',
  $defs: '',
};

/** Calls `visit` on every subschema directly under `schema`, with its name segment. */
function forEachChild(schema: JsonSchema, visit: (child: unknown, segment: string) => void): void {
  for (const [keyword, value] of Object.entries(schema)) {
    const single = SINGLE_SCHEMA_KEYWORDS[keyword];
    const list = LIST_KEYWORDS[keyword];
    const map = MAP_KEYWORDS[keyword];
    if (Array.isArray(value) && list !== undefined) value.forEach((child, i) => visit(child, `${list}${i + 1}`));
    else if (isRecord(value) && single !== undefined) visit(value, single);
    else if (isRecord(value) && map !== undefined) {
      for (const [key, child] of Object.entries(value)) visit(child, map + pascalCase(key));
    }
  }
}

/**
 * Every schema root of the document with the name its position gives it, in document order:
 * component schemas (named by the parser after their key), then message payloads and headers.
 */
function schemaRoots(doc: AsyncApiDocument): Array<{ schema: unknown; name: string; component: boolean }> {
  const roots: Array<{ schema: unknown; name: string; component: boolean }> = [];
  for (const [key, schema] of Object.entries(doc.components?.schemas ?? {})) {
    roots.push({ schema, name: pascalCase(key), component: true });
  }
  const addMessage = (message: unknown, name: string) => {
    if (!isRecord(message)) return;
    roots.push({ schema: message.payload, name: `${name}Payload`, component: false });
    roots.push({ schema: message.headers, name: `${name}Headers`, component: false });
  };
  for (const [key, message] of Object.entries(doc.components?.messages ?? {})) addMessage(message, pascalCase(key));
  for (const [channelKey, channel] of Object.entries(doc.channels ?? {})) {
    for (const [key, message] of Object.entries(channel.messages ?? {})) {
      addMessage(message, pascalCase(channelKey) + pascalCase(key));
    }
  }
  return roots;
}

/**
 * Walks every schema object in the document once (depth first, document order), skipping
 * `$ref` objects: their target is visited where it is defined.
 */
function walkSchemas(
  doc: AsyncApiDocument,
  visit: (schema: JsonSchema, name: string, component: boolean) => string,
): void {
  const seen = new WeakSet<object>();
  const walk = (schema: unknown, name: string, component: boolean) => {
    if (!isRecord(schema) || '$ref' in schema || seen.has(schema)) return;
    seen.add(schema);
    const own = visit(schema, name, component);
    forEachChild(schema, (child, segment) => walk(child, own + segment, false));
  };
  for (const root of schemaRoots(doc)) walk(root.schema, root.name, root.component);
}

/**
 * Sets `x-parser-schema-id` on every inline schema that lacks one. Names never collide with
 * each other or with a component schema: a taken name gets a numeric suffix (`…2`), in
 * document order, so the result depends only on the document.
 */
export function nameInlineSchemas(doc: AsyncApiDocument): void {
  const taken = new Set(Object.keys(doc.components?.schemas ?? {}).map(pascalCase));
  const claim = (base: string) => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
  walkSchemas(doc, (schema, name, component) => {
    if (component) return name;
    const existing = schema[SCHEMA_ID];
    if (typeof existing === 'string') {
      taken.add(existing);
      return existing;
    }
    const id = claim(name);
    schema[SCHEMA_ID] = id;
    return id;
  });
}

/**
 * Moves `null` out of `enum` into `type`. Modelina 5.10 renders a `null` enum member as the
 * string literal `'null'`; nullability in `type` becomes `| null` on every reference instead
 * (see the `Reference` type mapping in asyncapi.ts).
 */
export function moveNullOutOfEnums(doc: AsyncApiDocument): void {
  walkSchemas(doc, (schema, name) => {
    const values = schema.enum;
    if (Array.isArray(values) && values.includes(null)) {
      schema.enum = values.filter((value) => value !== null);
      const type = schema.type;
      if (typeof type === 'string') schema.type = [type, 'null'];
      else if (Array.isArray(type) && !type.includes('null')) schema.type = [...type, 'null'];
    }
    return name;
  });
}

/** True when a message's content type (or the document default) is JSON. */
export function isJsonMessage(doc: AsyncApiDocument, message: { readonly contentType?: string }): boolean {
  return /\bjson\b/i.test(message.contentType ?? doc.defaultContentType ?? 'application/json');
}

/**
 * Replaces `operations` with one operation per JSON message of every channel.
 * - Modelina only models messages reached through an operation, so a channel message no
 *   operation lists would otherwise get no type.
 * - Modelina turns an operation with several messages into a union named after the channel
 *   (`Root`, `MarketLifecycleV2`); channels.ts carries our own, named unions instead.
 * - Control frames (ping/pong, `application/octet-stream`) are not JSON and get no model.
 */
export function oneOperationPerMessage(doc: AsyncApiDocument): void {
  const operations: Record<string, unknown> = {};
  for (const [channelKey, channel] of Object.entries(doc.channels ?? {})) {
    for (const [messageKey, message] of Object.entries(channel.messages ?? {})) {
      const resolved = resolveRef(doc, message);
      if (!isRecord(resolved) || !isJsonMessage(doc, resolved)) continue;
      const channelRef = `#/channels/${pointerSegment(channelKey)}`;
      operations[`${channelKey}.${messageKey}`] = {
        action: 'send',
        channel: { $ref: channelRef },
        messages: [{ $ref: `${channelRef}/messages/${pointerSegment(messageKey)}` }],
      };
    }
  }
  doc.operations = operations;
}
