/**
 * `generate` for @kalshi-sdk/rest: specs/openapi.yaml → packages/rest/src/generated/.
 * - openapi.ts: openapi-typescript's `paths`, `components` and `operations`.
 * - operations.ts: one row per operation (operationId, method, path, cursor pagination),
 *   which the hand-written layer uses instead of per-endpoint code.
 */
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { generatedHeader, readSpec, repoRoot, writeGeneratedDir } from './header.ts';
import { describeOperations, type OpenApiDocument } from './openapi/operations.ts';

export async function generateOpenApi(outDir = join(repoRoot, 'packages/rest/src/generated')) {
  const spec = await readSpec('openapi.yaml');
  // YAML 1.2: older Kalshi files have unquoted `yes:`/`no:` keys that YAML 1.1 reads as booleans.
  const doc = parse(spec.text, { version: '1.2' }) as OpenApiDocument;
  const ast = await openapiTS(doc as never, { alphabetize: false });
  const header = generatedHeader('openapi-typescript', spec);
  const operations = describeOperations(doc);
  const files = new Map([
    ['openapi.ts', header + '/* eslint-disable */\n' + astToString(ast)],
    [
      'operations.ts',
      header +
        `import type { paths } from './openapi.js';\n\n` +
        `/** Spec version (info.version) this code was generated from. */\n` +
        `export const specVersion = ${JSON.stringify(doc.info.version)};\n\n` +
        `/** One row per operation in the spec. */\n` +
        `export interface OperationInfo {\n  readonly operationId: string;\n  readonly method: 'get' | 'put' | 'post' | 'delete' | 'patch';\n  readonly path: keyof paths;\n  /** True when the operation takes a \`cursor\` query parameter and returns a \`cursor\`. */\n  readonly cursorPaginated: boolean;\n}\n\n` +
        `export const operationIndex = ${JSON.stringify(operations, null, 2)} as const satisfies readonly OperationInfo[];\n`,
    ],
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
