/**
 * `generate` for @kalshi-sdk/rest: specs/openapi.yaml → packages/rest/src/generated/.
 * - openapi.ts: openapi-typescript's `paths`, `components` and `operations`.
 * - operations.ts: one row per operation (operationId, method, path, cursor pagination, rate-limit
 *   bucket and cost, idempotency key), which the hand-written layer uses instead of per-endpoint
 *   code, plus the same facts compacted for the client's run time (`operationRoutes`,
 *   `operationFactExceptions`); rendered by openapi/render-operations.ts.
 * - schemas.ts: a named type per schema (`Market` = `components['schemas']['Market']`), rendered by
 *   openapi/render-schemas.ts (which says how a name that is not an identifier is exported).
 * - summary.json: spec, version, sha256, counts.
 */
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { writeGeneratedDir } from '../lib/generated-dir.ts';
import { readSpec, repoRoot } from '../lib/repo.ts';
import { generatedHeader } from './header.ts';
import { describeOperations, type OpenApiDocument } from './openapi/operations.ts';
import { renderOperations } from './openapi/render-operations.ts';
import { renderSchemas } from './openapi/render-schemas.ts';

/**
 * Generates the rest package's types and operation table.
 * @param outDir - replaced as a whole (default packages/rest/src/generated).
 * @param specFile - a file under specs/ (default openapi.yaml) or an absolute path (test fixtures).
 * @throws Error when the spec is missing, an operation has no operationId, or a path or
 *   operationId cannot go in the route table.
 */
export async function generateOpenApi(outDir = join(repoRoot, 'packages/rest/src/generated'), specFile = 'openapi.yaml') {
  const spec = await readSpec(specFile);
  // YAML 1.2: older Kalshi files have unquoted `yes:`/`no:` keys that YAML 1.1 reads as booleans.
  const doc = parse(spec.text, { version: '1.2' }) as OpenApiDocument;
  const ast = await openapiTS(doc as never, { alphabetize: false });
  const header = generatedHeader('openapi-typescript', spec);
  const operations = describeOperations(doc);
  const files = new Map([
    ['openapi.ts', header + '/* eslint-disable */\n' + astToString(ast)],
    ['operations.ts', renderOperations({ header, specVersion: doc.info.version, operations })],
    ['schemas.ts', renderSchemas({ header, names: Object.keys(doc.components?.schemas ?? {}) })],
  ]);
  const summary = {
    spec: spec.file,
    version: doc.info.version,
    sha256: spec.sha256,
    counts: { operations: operations.length, schemas: Object.keys(doc.components?.schemas ?? {}).length },
  };
  files.set('summary.json', JSON.stringify(summary, null, 2) + '\n');
  await writeGeneratedDir(outDir, files);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await generateOpenApi();
  console.log(`openapi ${r.version}: ${r.counts.operations} operations, ${r.counts.schemas} schemas`);
}
