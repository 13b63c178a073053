import { parse } from 'yaml';
import { isNode, type Node } from '../lib/refs.ts';
import { readSpec } from '../lib/repo.ts';

/** The three pulled specs, parsed: what the drift checks read the assumptions from. */
export interface DriftSpecs {
  readonly openapi: Node;
  readonly asyncapi: Node;
  /** The FIX dictionary's XML text (QuickFIX layout); see `parseFixSpec`. */
  readonly fixXml: string;
}

/** Parses YAML 1.2 (Kalshi's older files have unquoted `yes:` keys that YAML 1.1 reads as booleans). */
export function parseYamlSpec(text: string, file: string): Node {
  const doc: unknown = parse(text, { version: '1.2' });
  if (!isNode(doc)) throw new Error(`specs/${file} is not a YAML mapping`);
  return doc;
}

/** Reads `specs/openapi.yaml`, `specs/asyncapi.yaml` and `specs/kalshi-fix-dictionary.xml` (run `pnpm specs:pull` first). */
export async function loadDriftSpecs(): Promise<DriftSpecs> {
  const [openapi, asyncapi, fix] = await Promise.all([readSpec('openapi.yaml'), readSpec('asyncapi.yaml'), readSpec('kalshi-fix-dictionary.xml')]);
  return { openapi: parseYamlSpec(openapi.text, openapi.file), asyncapi: parseYamlSpec(asyncapi.text, asyncapi.file), fixXml: fix.text };
}

