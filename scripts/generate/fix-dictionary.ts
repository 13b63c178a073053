/**
 * `generate` for @kalshi-sdk/fix: specs/kalshi-fix-dictionary.xml → packages/fix/src/generated/.
 * The project's own generator (no FIX generator on npm speaks Kalshi's dialect): field tags and
 * types, enum values, message interfaces and the runtime dictionary with repeating-group layouts
 * the codec compiles. See fix-dictionary/emit.ts for the files written.
 */
import { join } from 'node:path';
import { writeGeneratedDir } from '../lib/generated-dir.ts';
import { readSpec, repoRoot } from '../lib/repo.ts';
import { generatedHeader } from './header.ts';
import { emitFiles } from './fix-dictionary/emit.ts';
import { buildModel } from './fix-dictionary/model.ts';
import { parseXml } from './fix-dictionary/xml.ts';

/** What `generateFixDictionary` wrote, as in `summary.json`. */
export interface FixDictionarySummary {
  readonly spec: string;
  readonly version: string;
  readonly sha256: string;
  readonly counts: { readonly messages: number; readonly fields: number; readonly components: number; readonly groups: number };
}

/**
 * Generates the FIX dictionary code into `outDir`. `specFile` is a file name under `specs/`, or an
 * absolute path (tests use synthetic dictionaries). Throws an Error naming the problem when the
 * dictionary is missing, not XML, or inconsistent.
 */
export async function generateFixDictionary(
  outDir = join(repoRoot, 'packages/fix/src/generated'),
  specFile = 'kalshi-fix-dictionary.xml',
): Promise<FixDictionarySummary> {
  const spec = await readSpec(specFile);
  const model = buildModel(parseXml(spec.text));
  const files = emitFiles({
    model,
    header: generatedHeader('@kalshi-sdk/scripts fix-dictionary', spec),
    spec: spec.file,
    sha256: spec.sha256,
  });
  const summary: FixDictionarySummary = {
    spec: spec.file,
    version: model.version,
    sha256: spec.sha256,
    counts: {
      messages: model.messages.length,
      fields: model.fields.length,
      components: model.components.length,
      groups: model.groups.length,
    },
  };
  files.set('summary.json', JSON.stringify(summary, null, 2) + '\n');
  await writeGeneratedDir(outDir, files);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await generateFixDictionary();
  console.log(
    `fix ${r.version}: ${r.counts.messages} messages, ${r.counts.fields} fields, ` +
      `${r.counts.components} components, ${r.counts.groups} groups`,
  );
}
