/** The parts of an OpenAPI 3.0 document the generators read. */
export interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, unknown>; parameters?: Record<string, ParameterObject> };
}

interface ParameterObject {
  name?: string;
  in?: string;
  $ref?: string;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  responses?: Record<string, { content?: Record<string, { schema?: SchemaRef }>; $ref?: string }>;
}

interface SchemaRef {
  $ref?: string;
  properties?: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Row per operation, in spec order. */
export interface OperationRow {
  operationId: string;
  method: (typeof METHODS)[number];
  path: string;
  cursorPaginated: boolean;
}

function resolveParam(doc: OpenApiDocument, p: ParameterObject): ParameterObject {
  if (p.$ref?.startsWith('#/components/parameters/')) {
    return doc.components?.parameters?.[p.$ref.slice('#/components/parameters/'.length)] ?? p;
  }
  return p;
}

function responseHasCursor(doc: OpenApiDocument, op: OperationObject): boolean {
  const ok = op.responses?.['200'] ?? op.responses?.['201'];
  const schema = ok?.content?.['application/json']?.schema;
  const resolved = schema?.$ref?.startsWith('#/components/schemas/')
    ? (doc.components?.schemas?.[schema.$ref.slice('#/components/schemas/'.length)] as SchemaRef | undefined)
    : schema;
  return Boolean(resolved?.properties && 'cursor' in resolved.properties);
}

/** Lists every operation; throws if one has no operationId (the client keys errors by it). */
export function describeOperations(doc: OpenApiDocument): OperationRow[] {
  const rows: OperationRow[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const takesCursor = (op.parameters ?? []).some((p) => {
        const r = resolveParam(doc, p);
        return r.in === 'query' && r.name === 'cursor';
      });
      rows.push({ operationId: op.operationId, method, path, cursorPaginated: takesCursor && responseHasCursor(doc, op) });
    }
  }
  return rows;
}
