import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ContractDiffError } from './errors.ts';
import { parseFixDictionary, type FixDictionary } from './fix.ts';
import { isNode, type Node } from '../lib/refs.ts';
import type { SpecIdentity } from './types.ts';

/** A parsed spec, its kind detected from its content. */
export type LoadedSpec =
  | { readonly kind: 'openapi' | 'asyncapi'; readonly identity: SpecIdentity; readonly doc: Node }
  | { readonly kind: 'fix'; readonly identity: SpecIdentity; readonly doc: FixDictionary };

/**
 * Parses spec text and detects its kind: XML with a `<fix>` root is a FIX dictionary; YAML or
 * JSON with `openapi: 3.x` is OpenAPI, with `asyncapi: 2.x|3.x` AsyncAPI. YAML is read as YAML
 * 1.2, because older Kalshi files have unquoted `yes:`/`no:` keys that YAML 1.1 reads as booleans.
 * @param source path or label used in errors and in the report.
 * @throws ContractDiffError `SPEC_UNPARSABLE` or `SPEC_KIND_UNKNOWN`.
 */
export function parseSpec(text: string, source: string): LoadedSpec {
  const sha256 = createHash('sha256').update(text).digest('hex');
  if (text.trimStart().startsWith('<')) {
    const doc = parseFixDictionary(text, source);
    return { kind: 'fix', identity: { version: doc.version, sha256, source }, doc };
  }
  let doc: unknown;
  try {
    doc = parse(text, { version: '1.2' });
  } catch (cause) {
    throw new ContractDiffError('SPEC_UNPARSABLE', `${source}: not valid YAML or JSON`, { source, cause });
  }
  if (!isNode(doc)) throw new ContractDiffError('SPEC_KIND_UNKNOWN', `${source}: not an OpenAPI, AsyncAPI or FIX document`, { source });
  const info = isNode(doc['info']) ? doc['info'] : {};
  const version = info['version'] === undefined ? 'unknown' : String(info['version']);
  const identity = { version, sha256, source };
  if (typeof doc['openapi'] === 'string' && doc['openapi'].startsWith('3.')) return { kind: 'openapi', identity, doc };
  if (typeof doc['asyncapi'] === 'string' && /^[23]\./.test(doc['asyncapi'])) return { kind: 'asyncapi', identity, doc };
  throw new ContractDiffError('SPEC_KIND_UNKNOWN', `${source}: not an OpenAPI 3.x, AsyncAPI 2.x/3.x or FIX document`, { source });
}

/**
 * Reads and parses a spec file.
 * @throws ContractDiffError `SPEC_UNREADABLE`, `SPEC_UNPARSABLE` or `SPEC_KIND_UNKNOWN`.
 */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ContractDiffError('SPEC_UNREADABLE', `cannot read ${path}`, { source: path, cause });
  }
  return parseSpec(text, path);
}
