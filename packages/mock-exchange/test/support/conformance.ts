import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { EmittedMessage } from '../../src/index.js';

// Validates everything the simulator emits against Kalshi's own specs, loaded at test time:
// REST responses against openapi.yaml response schemas, WS frames against asyncapi.yaml payloads.

const specsDir = new URL('../../../../specs/', import.meta.url);
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

type Node = Record<string, unknown>;

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a union with null, vendor and
 * doc-only keywords go, and objects that list `properties` reject undeclared ones (so a typo'd
 * field name fails instead of passing silently).
 */
function toJsonSchema(node: unknown, closeObjects: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, closeObjects));
  if (typeof node !== 'object' || node === null) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node as Node)) {
    if (key.startsWith('x-') || key === 'example' || key === 'nullable' || key === 'deprecated' || key === 'examples') continue;
    // Property maps hold names, not keywords: convert their values only.
    out[key] =
      key === 'properties' && typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value as Node).map(([k, v]) => [k, toJsonSchema(v, closeObjects)]))
        : toJsonSchema(value, closeObjects);
  }
  if (closeObjects && out['properties'] !== undefined && out['additionalProperties'] === undefined && out['allOf'] === undefined) {
    out['additionalProperties'] = false;
  }
  return (node as Node)['nullable'] === true ? { anyOf: [out, { type: 'null' }] } : out;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int64', 'int32', 'double', 'float']) ajv.addFormat(format, true);
  return ajv;
}

interface OpenApiOperation {
  readonly responses: Record<string, Node>;
}

class OpenApiValidators {
  private readonly ajv = newAjv();
  private readonly operations = new Map<string, OpenApiOperation>();
  private readonly cache = new Map<string, ValidateFunction | null>();
  readonly spec: Node;

  constructor() {
    this.spec = parse(readFileSync(new URL('openapi.yaml', specsDir), 'utf8')) as Node;
    const components = this.spec['components'] as Node;
    this.ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchema(components['schemas'], true) } });
    for (const item of Object.values(this.spec['paths'] as Record<string, Node>)) {
      for (const op of Object.values(item)) {
        const o = op as Node;
        if (typeof o['operationId'] === 'string') this.operations.set(o['operationId'], o as unknown as OpenApiOperation);
      }
    }
  }

  /** The operation `method path` of the spec (path relative to the API root), if any. */
  operationAt(method: string, path: string): string | undefined {
    const item = (this.spec['paths'] as Record<string, Node>)[path];
    const op = item?.[method.toLowerCase()] as Node | undefined;
    return op?.['operationId'] as string | undefined;
  }

  private responseSchema(operationId: string, status: number): { declared: boolean; schema: unknown } {
    const op = this.operations.get(operationId);
    if (op === undefined) return { declared: false, schema: undefined };
    let response = op.responses[String(status)];
    // Kalshi may answer any authenticated call 401 and any call 429; the spec does not list them everywhere.
    if (response === undefined && status === 401) response = { $ref: '#/components/responses/UnauthorizedError' };
    if (response === undefined && status === 429) response = { $ref: '#/components/responses/RateLimitError' };
    if (response === undefined) return { declared: false, schema: undefined };
    const ref = response['$ref'];
    if (typeof ref === 'string') response = ((this.spec['components'] as Node)['responses'] as Node)[ref.split('/').pop()!] as Node;
    const content = response['content'] as Node | undefined;
    const json = content?.['application/json'] as Node | undefined;
    return { declared: true, schema: json?.['schema'] };
  }

  validate(operationId: string, status: number, body: unknown): string[] {
    // /getting_started/rate_limits documents the 429 body as {"error": "too many requests"}, not the spec's ErrorResponse.
    if (status === 429 && JSON.stringify(body) === '{"error":"too many requests"}') return [];
    const key = `${operationId} ${status}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      const { declared, schema } = this.responseSchema(operationId, status);
      if (!declared) return [`${operationId} answered ${status}, a status the spec does not declare`];
      // Error statuses listed without content (some 400s and 404s) still carry Kalshi's ErrorResponse.
      const effective = schema ?? (status >= 400 ? { $ref: '#/components/schemas/ErrorResponse' } : undefined);
      validate = effective === undefined ? null : this.ajv.compile(rebase(toJsonSchema(effective, true)) as Node);
      this.cache.set(key, validate);
    }
    if (validate === null) return body === undefined ? [] : [`${operationId} ${status} has a body but the spec declares none`];
    return validate(body) ? [] : [`${operationId} ${status}: ${this.ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 400)}`];
  }
}

/** Points local `#/components/...` refs at the schema registered as `openapi` / `asyncapi`. */
function rebase(schema: unknown, id = 'openapi'): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, id));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Node = {};
  for (const [k, v] of Object.entries(schema as Node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : rebase(v, id);
  }
  return out;
}

class AsyncApiValidators {
  private readonly ajv = newAjv();
  /** Message `type` → names of every payload schema with that `type` const. */
  private readonly byType = new Map<string, string[]>();
  /** Payload schemas compile on first use: most test files see a few message types only. */
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const spec = parse(readFileSync(new URL('asyncapi.yaml', specsDir), 'utf8')) as Node;
    const components = spec['components'] as Node;
    const schemas = components['schemas'] as Record<string, Node>;
    this.ajv.addSchema({ $id: 'asyncapi', components: { schemas: toJsonSchema(schemas, true) } });
    for (const message of Object.values(components['messages'] as Record<string, Node>)) {
      const ref = (message['payload'] as Node | undefined)?.['$ref'];
      if (typeof ref !== 'string') continue;
      const name = ref.split('/').pop()!;
      const type = ((schemas[name]?.['properties'] as Node | undefined)?.['type'] as Node | undefined)?.['const'];
      if (typeof type !== 'string') continue;
      const list = this.byType.get(type) ?? [];
      if (!list.includes(name)) list.push(name);
      this.byType.set(type, list);
    }
  }

  validate(frame: unknown): string[] {
    const type = (frame as Node | undefined)?.['type'];
    const candidates = typeof type === 'string' ? this.byType.get(type) : undefined;
    if (candidates === undefined) return [`WS frame of unknown type ${String(type)}: ${JSON.stringify(frame).slice(0, 200)}`];
    const errors: string[] = [];
    for (const name of candidates) {
      let validate = this.compiled.get(name);
      if (validate === undefined) {
        validate = this.ajv.compile({ $ref: `asyncapi#/components/schemas/${name}` });
        this.compiled.set(name, validate);
      }
      if (validate(frame)) return [];
      errors.push(`${name}: ${this.ajv.errorsText(validate.errors)}`);
    }
    return [`WS ${type} frame matches no payload schema (${errors.join(' | ')}) in ${JSON.stringify(frame).slice(0, 400)}`];
  }
}

let openApi: OpenApiValidators | undefined;
let asyncApi: AsyncApiValidators | undefined;

/** The spec's operationId at `method path` (path relative to `/trade-api/v2`). */
export function specOperationAt(method: string, path: string): string | undefined {
  openApi ??= new OpenApiValidators();
  return openApi.operationAt(method, path);
}

/** Collects spec violations of emitted messages; the test harness fails a test that leaves any. */
export class Conformance {
  private violations: string[] = [];
  readonly counts = { rest: 0, ws: 0, malformed: 0 };

  constructor() {
    openApi ??= new OpenApiValidators();
    asyncApi ??= new AsyncApiValidators();
  }

  /** The `onEmit` hook. */
  readonly check = (message: EmittedMessage): void => {
    if (message.kind === 'rest') {
      if (message.operationId === undefined) {
        this.violations.push(`unrouted ${message.method} ${message.path}`);
        return;
      }
      this.counts.rest++;
      this.violations.push(...openApi!.validate(message.operationId, message.status, message.body));
      const details = (message.body as Node | undefined)?.['details'];
      // GetExchangeStatus's 500 is typed as an ExchangeStatus (no `details`): the schema check above
      // already refuses a crash's error body there.
      if (message.status === 500 && details !== 'injected fault' && message.operationId !== 'GetExchangeStatus') {
        this.violations.push(`${message.operationId} answered ${message.status}: ${JSON.stringify(message.body)}`);
      }
      return;
    }
    if (message.malformed) {
      this.counts.malformed++;
      return;
    }
    this.counts.ws++;
    this.violations.push(...asyncApi!.validate(message.frame));
  };

  /** Violations since the last call. */
  take(): string[] {
    const taken = this.violations;
    this.violations = [];
    return taken;
  }
}
