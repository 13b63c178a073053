import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { expect } from 'vitest';

type Json = Record<string, unknown>;

/** The package's control-api.yaml, parsed. */
export const controlDoc = parse(readFileSync(new URL('../../control-api.yaml', import.meta.url), 'utf8')) as Json;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ ...controlDoc, $id: 'control' });
const pointer = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** The documented path `path` is served under: itself, or a template whose `{param}` segments match. */
function documentedPath(path: string): string {
  const parts = path.split('/');
  const templates = Object.keys(controlDoc['paths'] as Json).filter((t) => t.includes('{'));
  return templates.find((t) => t.split('/').length === parts.length && t.split('/').every((p, i) => (p.startsWith('{') ? parts[i] !== '' : p === parts[i]))) ?? path;
}

/** A `$ref` to the documented body schema of `method path` at `status` (unknown commands: the BadRequest response). */
function responseSchema(method: string, path: string, status: number): object {
  path = documentedPath(path);
  const op = ((controlDoc['paths'] as Json)[path] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  const response = (op === undefined ? (status === 400 ? { $ref: '#/components/responses/BadRequest' } : undefined) : (op['responses'] as Json)[String(status)]) as Json | undefined;
  if (response === undefined) throw new Error(`control-api.yaml documents no ${status} for ${method} ${path}`);
  const at = typeof response['$ref'] === 'string' ? `control${response['$ref']}` : `control#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${status}`;
  return { $ref: `${at}/content/application~1json/schema` };
}

/** A control API answer. */
export interface ControlAnswer {
  readonly status: number;
  readonly body: Json;
}

/**
 * Calls `METHOD /__mock/<name>` on the simulator at `port` with `body` (an object is sent as JSON,
 * a string as is) and fails the test unless the answer matches control-api.yaml.
 */
export async function callControl(port: number, method: string, name: string, body?: unknown): Promise<ControlAnswer> {
  const path = `/__mock/${name}`;
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const answer = { status: response.status, body: (await response.json()) as Json };
  const validate = ajv.compile(responseSchema(method, path.split('?')[0]!, answer.status));
  expect(validate(answer.body), `${method} ${path} ${answer.status} ${JSON.stringify(answer.body)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return answer;
}
