import { readFile } from 'node:fs/promises';
import { checkPackage, createPackageFromTarballData, type Problem, type ProblemKind } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** The CommonJS build's own package.json, written by cjs-manifest.ts. */
const CJS_MANIFEST = 'dist/cjs/package.json';

/**
 * One finding of publint, attw (`@arethetypeswrong/core`) or this repository's trust checks
 * (`metadata.ts`: package.json fields, required files, source maps) on a packed tarball.
 */
export interface LintFinding {
  readonly tool: 'publint' | 'attw' | 'trust';
  /** `error` and `warning` fail `lint:packages`; a `suggestion` is printed only. attw and trust findings are all errors. */
  readonly level: 'error' | 'warning' | 'suggestion';
  /** publint's message code (`EXPORTS_TYPES_SHOULD_BE_FIRST`) or attw's problem kind (`FalseCJS`). */
  readonly code: string;
  readonly message: string;
}

/** What {@link lintTarball} found for one package. */
export interface LintResult {
  readonly findings: readonly LintFinding[];
  /** True when an `error` or `warning` was found. */
  readonly failed: boolean;
}

/**
 * An exports map without any `require` condition declares the package ESM-only: attw's "ESM
 * (dynamic import only)" finding is then the intended shape, not a problem.
 */
export function isEsmOnly(exportsField: unknown): boolean {
  return !JSON.stringify(exportsField ?? {}).includes('"require"');
}

/**
 * Runs publint and attw on a tarball made by `pnpm pack`, so both judge exactly what would be
 * published. attw checks every resolution it knows: node10, node16 CJS and ESM, and bundler.
 */
export async function lintTarball(tarball: string): Promise<LintResult> {
  const bytes = new Uint8Array(await readFile(tarball));
  const { messages, pkg } = await publint({ pack: { tarball: bytes.slice().buffer }, level: 'suggestion' });
  const findings: LintFinding[] = messages.map((m) => {
    const message = formatMessage(m, pkg, { color: false }) ?? m.code;
    // Node resolves `#name` imports against the nearest package.json (LOOKUP_PACKAGE_SCOPE), which
    // for the CJS build is dist/cjs/package.json: the copied map is what makes `require` work there.
    if (m.code === 'NESTED_PACKAGE_JSON_FIELD_IGNORED' && m.args.field === 'imports' && m.args.filePath.endsWith(CJS_MANIFEST)) {
      return { tool: 'publint', level: 'suggestion', code: m.code, message: `${message} (kept on purpose: see scripts/packaging/cjs-manifest.ts)` };
    }
    return { tool: 'publint', level: m.type, code: m.code, message };
  });

  const result = await checkPackage(createPackageFromTarballData(bytes));
  if (result.types === false) {
    findings.push({ tool: 'attw', level: 'error', code: 'NoTypes', message: 'the package ships no type declarations' });
  } else {
    const ignored = new Set<ProblemKind>(isEsmOnly(pkg['exports']) ? ['CJSResolvesToESM'] : []);
    for (const p of result.problems) {
      if (ignored.has(p.kind)) continue;
      findings.push({ tool: 'attw', level: 'error', code: p.kind, message: `${problemKindInfo[p.kind].title}: ${where(p)}` });
    }
  }
  return { findings, failed: findings.some((f) => f.level !== 'suggestion') };
}

/** Where an attw problem is, from the fields its kind carries. */
function where(p: Problem): string {
  switch (p.kind) {
    case 'NoResolution':
    case 'UntypedResolution':
    case 'CJSResolvesToESM':
    case 'FallbackCondition':
      return `"${p.entrypoint}" under ${p.resolutionKind} resolution`;
    case 'FalseESM':
    case 'FalseCJS':
    case 'FalseExportDefault':
    case 'MissingExportEquals':
      return `${p.typesFileName} types for ${p.implementationFileName}`;
    case 'NamedExports':
      return `${p.implementationFileName} (missing: ${p.isMissingAllNamed ? 'all named exports' : p.missing.join(', ')})`;
    case 'InternalResolutionError':
      return `${p.fileName} imports "${p.moduleSpecifier}", which does not resolve under ${p.resolutionOption}`;
    case 'UnexpectedModuleSyntax':
    case 'CJSOnlyExportsDefault':
      return p.fileName;
  }
}
