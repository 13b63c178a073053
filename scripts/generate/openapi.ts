/**
 * `generate` for @kalshi-sdk/rest: specs/openapi.yaml → packages/rest/src/generated/.
 * - openapi.ts: openapi-typescript's `paths`, `components` and `operations`.
 * - operations.ts: one row per operation (operationId, method, path, cursor pagination, rate-limit
 *   bucket and cost, idempotency key), which the hand-written layer uses instead of per-endpoint
 *   code, plus the same facts compacted for the client's run time (`operationRoutes`,
 *   `operationFactExceptions`).
 */
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { generatedHeader, readSpec, repoRoot, writeGeneratedDir } from './header.ts';
import { describeOperations, encodeRoutes, factExceptions, type OpenApiDocument } from './openapi/operations.ts';

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
        `export interface OperationInfo {\n` +
        `  readonly operationId: string;\n` +
        `  readonly method: 'get' | 'put' | 'post' | 'delete' | 'patch';\n` +
        `  readonly path: keyof paths;\n` +
        `  /** True when the operation takes a \`cursor\` query parameter and returns a \`cursor\`. */\n` +
        `  readonly cursorPaginated: boolean;\n` +
        `  /** Kalshi rate-limit bucket (getting_started/rate_limits): writes are orders, order groups and the RFQ quote flow. */\n` +
        `  readonly bucket: 'read' | 'write';\n` +
        `  /** Token cost stated in the operation's docs, when it differs from the default; per item when \`batchItems\` is set. */\n` +
        `  readonly cost?: number;\n` +
        `  /** Request-body array whose items are billed one by one (batch endpoints). */\n` +
        `  readonly batchItems?: string;\n` +
        `  /** Body field (in every batch item, for batches) that makes this create idempotent when present. */\n` +
        `  readonly idempotencyKey?: string;\n` +
        `}\n\n` +
        `export const operationIndex = ${JSON.stringify(operations, null, 2)} as const satisfies readonly OperationInfo[];\n\n` +
        `/**\n * Method + path template → operationId of every operation, for the client at run time (this\n` +
        ` * string is in every bundle): paths sorted, each entry \`<shared><rest>:<op>,<op>\`, where the\n` +
        ` * character <shared> (code 48 + n) says how many leading characters the path shares with the\n` +
        ` * previous entry's, and <op> is a method letter (G get, P post, U put, D delete, A patch) and the\n` +
        ` * operationId. Entries are separated by spaces. See scripts/generate/openapi/operations.ts.\n */\n` +
        `export const operationRoutes = ${JSON.stringify(encodeRoutes(operations))};\n\n` +
        `/**\n * Operations whose rate-limit or retry facts differ from the defaults (read bucket, default cost,\n` +
        ` * no batch, not idempotent): operationId → [write bucket (1) or read (0), documented cost or 0,\n` +
        ` * batch items field or '', idempotency key or ''], trailing defaults dropped.\n */\n` +
        `export const operationFactExceptions: { readonly [operationId: string]: readonly (string | number)[] } = ${JSON.stringify(factExceptions(operations))};\n\n` +
        `/** Every operationId in the spec. */\n` +
        `export type OperationId = (typeof operationIndex)[number]['operationId'];\n`,
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
