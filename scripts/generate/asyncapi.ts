/**
 * `generate` for @kalshi-sdk/ws: specs/asyncapi.yaml → packages/ws/src/generated/.
 * - models.ts: one interface per JSON message payload and nested object, one union type per
 *   enum, from @asyncapi/modelina; wire property names (`market_ticker`), names from where
 *   each schema sits (`OrderbookDeltaPayloadMsg`), never `AnonymousSchema_N`.
 * - channels.ts: every data channel with its messages and their `type` values, commands and
 *   replies, and type maps over models.ts (`ChannelMessageMap`, `DataMessageTypeMap`, ...).
 * - index.ts: re-exports both. summary.json: spec, version, sha256, counts.
 */
import { join } from 'node:path';
import type { OutputModel, TypeScriptGenerator } from '@asyncapi/modelina';
import { parse } from 'yaml';
import { writeGeneratedDir } from '../lib/generated-dir.ts';
import { readSpec, repoRoot } from '../lib/repo.ts';
import { describeChannels } from './asyncapi/channel-table.ts';
import { descriptionPreset } from './asyncapi/description-preset.ts';
import type { AsyncApiDocument } from './asyncapi/document.ts';
import { moveNullOutOfEnums, nameInlineSchemas, oneOperationPerMessage } from './asyncapi/prepare-input.ts';
import { renderChannels } from './asyncapi/render-channels.ts';
import { generatedHeader } from './header.ts';

/** What summary.json holds and generateAsyncApi returns. */
export interface AsyncApiSummary {
  readonly spec: string;
  readonly version: string;
  readonly sha256: string;
  /** channels: data channels; messages: distinct JSON messages sent on them. */
  readonly counts: { readonly channels: number; readonly messages: number };
}

// Modelina pulls in the AsyncAPI parser and Spectral (~190 MB, ~2 s to load): load it once, on first use.
let modelina: Promise<typeof import('@asyncapi/modelina')> | undefined;
const loadModelina = () => (modelina ??= import('@asyncapi/modelina'));

async function createGenerator(): Promise<TypeScriptGenerator> {
  const { TypeScriptGenerator } = await loadModelina();
  return new TypeScriptGenerator({
    modelType: 'interface',
    enumType: 'union',
    // A JSON object is a plain object, not a Map.
    mapType: 'record',
    // Keep wire names: `'market_ticker': string`, not `marketTicker`.
    rawPropertyNames: true,
    typeMapping: {
      Any: () => 'unknown',
      // Modelina only applies `| null` to primitives; `type: [string, "null"]` + `enum` reaches
      // the property as a reference to the enum's union type.
      Reference: ({ constrainedModel }) =>
        constrainedModel.options.isNullable === true ? `${constrainedModel.name} | null` : constrainedModel.name,
    },
    presets: [descriptionPreset],
    // JSON Schema leaves objects open; Modelina would then add an `additionalProperties` field to
    // every interface, which no frame carries.
    processorOptions: { interpreter: { ignoreAdditionalProperties: true, ignoreAdditionalItems: true } },
  });
}

/** Runs Modelina; returns the models sorted by name, each with the schema id it came from. */
async function generateModels(doc: AsyncApiDocument): Promise<Array<{ id: string | undefined; name: string; code: string }>> {
  const generator = await createGenerator();
  let output: OutputModel[];
  try {
    output = await generator.generate(doc as never);
  } catch (error) {
    const diagnostics = (error as { diagnostics?: Array<{ message: string; path: unknown[]; severity: number }> }).diagnostics;
    const errors = (diagnostics ?? []).filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    throw new Error(`asyncapi: Modelina could not read the document${errors.length > 0 ? `:\n${errors.join('\n')}` : ''}`, {
      cause: error,
    });
  }
  const models = output.map((m) => ({
    id: (m.model.originalInput as Record<string, unknown> | undefined)?.['x-modelgen-inferred-name'] as string | undefined,
    name: m.modelName,
    code: m.result,
  }));
  const names = models.map((m) => m.name);
  const clashes = names.filter((name, i) => names.indexOf(name) !== i);
  if (clashes.length > 0) throw new Error(`asyncapi: two schemas map to the same model name: ${[...new Set(clashes)].join(', ')}`);
  return models.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Adds `export` to the declaration that follows the model's doc comment. */
function exportModel(code: string): string {
  const exported = code.replace(/^(interface|type) /m, 'export $1 ');
  if (exported === code) throw new Error(`asyncapi: unexpected Modelina output:\n${code}`);
  return exported;
}

/**
 * Generates the ws package's models and channel table.
 * @param outDir - replaced as a whole (default packages/ws/src/generated).
 * @param specFile - a file under specs/ (default asyncapi.yaml) or an absolute path.
 * @throws when the spec is missing or not valid AsyncAPI, or a message has no typed payload.
 */
export async function generateAsyncApi(
  outDir = join(repoRoot, 'packages/ws/src/generated'),
  specFile = 'asyncapi.yaml',
): Promise<AsyncApiSummary> {
  const spec = await readSpec(specFile);
  // YAML 1.2: older Kalshi files have unquoted `yes:`/`no:` keys that YAML 1.1 reads as booleans.
  const doc = parse(spec.text, { version: '1.2' }) as AsyncApiDocument;
  if (typeof doc?.asyncapi !== 'string' || !doc.asyncapi.startsWith('3.')) {
    throw new Error(`asyncapi: ${spec.file} is not an AsyncAPI 3 document (asyncapi: ${String(doc?.asyncapi)})`);
  }
  nameInlineSchemas(doc);
  moveNullOutOfEnums(doc);
  const table = describeChannels(doc);
  const modelinaInput = structuredClone(doc);
  oneOperationPerMessage(modelinaInput);
  const models = await generateModels(modelinaInput);

  const byId = new Map(models.flatMap((m) => (m.id === undefined ? [] : [[m.id, m.name] as const])));
  const modelName = (payloadId: string) => {
    const name = byId.get(payloadId);
    if (name === undefined) throw new Error(`asyncapi: no model was generated for payload schema ${payloadId}`);
    return name;
  };
  const header = generatedHeader('@asyncapi/modelina via scripts/generate/asyncapi.ts', spec);
  const summary: AsyncApiSummary = {
    spec: spec.file,
    version: doc.info.version,
    sha256: spec.sha256,
    counts: { channels: table.dataChannels.length, messages: table.dataMessageCount },
  };
  const files = new Map([
    ['models.ts', `${header}/* eslint-disable */\n\n${models.map((m) => exportModel(m.code)).join('\n\n')}\n`],
    ['channels.ts', renderChannels({ header, specVersion: doc.info.version, table, modelName })],
    ['index.ts', `${header}export type * from './models.js';\nexport * from './channels.js';\n`],
    ['summary.json', `${JSON.stringify(summary, null, 2)}\n`],
  ]);
  await writeGeneratedDir(outDir, files);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const r = await generateAsyncApi();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`asyncapi ${r.version}: ${r.counts.channels} data channels, ${r.counts.messages} data messages (${seconds} s)`);
}
