import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { inject } from 'vitest';

// Checks each request the loopback server receives against specs/openapi.yaml, loaded and compiled
// at test time: the operation exists, path and query parameters match their schemas (no unknown
// query parameters), and the JSON body matches the request-body schema (no unknown fields).
// The spec is parsed once by test/helpers/global-setup.ts; each operation compiles on first use.

const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;
const API_ROOT = '/trade-api/v2';

type Node = Record<string, unknown>;

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: unknown;
}

interface Operation {
  readonly operationId: string;
  readonly template: string;
  readonly pathNames: readonly string[];
  readonly parameters: readonly Parameter[];
  readonly bodySchema: unknown;
  readonly bodyRequired: boolean;
  compiled?: { readonly params: ValidateFunction; readonly body: ValidateFunction | undefined };
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a union with null, vendor and
 * doc-only keywords go, and objects that list `properties` (without `allOf`) reject undeclared ones.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node as Node)) {
    if (key.startsWith('x-') || key === 'example' || key === 'examples' || key === 'nullable' || key === 'deprecated') continue;
    out[key] =
      key === 'properties' && typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value as Node).map(([k, v]) => [k, toJsonSchema(v)]))
        : toJsonSchema(value);
  }
  if (out['properties'] !== undefined && out['additionalProperties'] === undefined && out['allOf'] === undefined) out['additionalProperties'] = false;
  return (node as Node)['nullable'] === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Points `#/components/...` refs at the components registered as `openapi`. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema as Node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : rebase(v)]));
}

function newAjv(coerce: boolean): Ajv {
  // Parameters arrive as strings: coerce them to their schema's type (and a single value to an array).
  const ajv = new Ajv({ strict: false, allErrors: true, ...(coerce ? { coerceTypes: 'array' as const } : {}) });
  addFormats(ajv);
  for (const format of ['int64', 'int32', 'double', 'float']) ajv.addFormat(format, true);
  return ajv;
}

/** The request checks, compiled once per test file from the spec. */
export class SpecValidator {
  readonly #operations = new Map<string, Operation>();
  readonly #templates: { readonly template: string; readonly pattern: RegExp }[] = [];
  readonly #bodies = newAjv(false);
  readonly #params = newAjv(true);

  constructor(spec: Node = inject('openapiSpec')) {
    const components = spec['components'] as Node;
    const schemas = { $id: 'openapi', components: { schemas: toJsonSchema(components['schemas']) } };
    this.#bodies.addSchema(schemas);
    this.#params.addSchema(schemas);
    const sharedParams = (components['parameters'] ?? {}) as Record<string, Parameter>;
    const resolve = (p: Node): Parameter => (typeof p['$ref'] === 'string' ? sharedParams[p['$ref'].split('/').pop()!]! : (p as unknown as Parameter));

    for (const [template, item] of Object.entries(spec['paths'] as Record<string, Node>)) {
      const pathNames = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      this.#templates.push({ template, pattern });
      for (const [method, op] of Object.entries(item)) {
        const o = op as Node;
        if (typeof o['operationId'] !== 'string') continue;
        const requestBody = o['requestBody'] as Node | undefined;
        this.#operations.set(`${method.toUpperCase()} ${template}`, {
          operationId: o['operationId'],
          template,
          pathNames,
          parameters: ((o['parameters'] ?? []) as Node[]).map(resolve),
          bodySchema: ((requestBody?.['content'] as Node | undefined)?.['application/json'] as Node | undefined)?.['schema'],
          bodyRequired: requestBody?.['required'] === true,
        });
      }
    }
    // Literal paths win over templated ones (`/markets/trades` over `/markets/{ticker}`).
    this.#templates.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  }

  /**
   * Every way the request breaks the spec; empty when it conforms.
   * @param path The path Kalshi would see, `/trade-api/v2/...` (percent-encoded, no query).
   */
  check(input: { method: string; path: string; query: URLSearchParams; headers: Readonly<Record<string, string | string[] | undefined>>; body: string }): string[] {
    const where = `${input.method} ${input.path}`;
    if (!input.path.startsWith(`${API_ROOT}/`)) return [`${where}: not under ${API_ROOT}`];
    const path = input.path.slice(API_ROOT.length);
    for (const { template, pattern } of this.#templates) {
      const match = pattern.exec(path);
      if (!match) continue;
      const op = this.#operations.get(`${input.method} ${template}`);
      if (!op) return [`${where}: the spec has no ${input.method} operation at ${template}`];
      return this.#checkOperation(op, match.slice(1), input);
    }
    return [`${where}: no path of the spec matches`];
  }

  #compile(op: Operation): NonNullable<Operation['compiled']> {
    const params = {
      type: 'object',
      properties: Object.fromEntries(op.parameters.map((p) => [`${p.in}:${p.name}`, toJsonSchema(p.schema ?? {})])),
      required: op.parameters.filter((p) => p.required || p.in === 'path').map((p) => `${p.in}:${p.name}`),
      additionalProperties: false,
    };
    return (op.compiled ??= {
      params: this.#params.compile(rebase(params) as Node),
      body: op.bodySchema === undefined ? undefined : this.#bodies.compile(rebase(toJsonSchema(op.bodySchema)) as Node),
    });
  }

  #checkOperation(op: Operation, pathValues: readonly string[], input: Parameters<SpecValidator['check']>[0]): string[] {
    const validate = op.compiled ?? this.#compile(op);
    const problems: string[] = [];
    const params: Record<string, unknown> = {};
    op.pathNames.forEach((name, i) => (params[`path:${name}`] = decodeURIComponent(pathValues[i]!)));
    for (const key of new Set(input.query.keys())) {
      const values = input.query.getAll(key);
      params[`query:${key}`] = values.length === 1 ? values[0] : values;
    }
    if (!validate.params(params)) problems.push(`${op.operationId} parameters: ${this.#params.errorsText(validate.params.errors)}`);

    if (input.body === '') {
      if (op.bodyRequired) problems.push(`${op.operationId}: the request body is required`);
    } else if (!validate.body) {
      problems.push(`${op.operationId}: the spec takes no request body, got ${input.body.slice(0, 100)}`);
    } else if (!String(input.headers['content-type'] ?? '').startsWith('application/json')) {
      problems.push(`${op.operationId}: body sent as ${String(input.headers['content-type'])}, not application/json`);
    } else {
      let json: unknown;
      try {
        json = JSON.parse(input.body);
      } catch {
        return [...problems, `${op.operationId}: the body is not JSON: ${input.body.slice(0, 100)}`];
      }
      if (!validate.body(json)) problems.push(`${op.operationId} body: ${this.#bodies.errorsText(validate.body.errors)} in ${input.body.slice(0, 300)}`);
    }
    return problems;
  }
}
