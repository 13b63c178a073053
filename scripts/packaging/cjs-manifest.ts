/**
 * `tsx ../../scripts/packaging/cjs-manifest.ts`, the last step of each package's `build`: writes
 * `dist/cjs/package.json` for the CommonJS build (see README.md, "Dual ESM/CJS build").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CJS_DIR = './dist/cjs/';

/** A package.json `imports` map (or one of its condition values). */
type ImportsValue = string | null | { readonly [key: string]: ImportsValue } | readonly ImportsValue[];

/**
 * Keeps the targets under `./dist/cjs/`, rewritten relative to that folder, and drops every
 * condition left without one (such as `import`, or a source-only condition).
 */
function prune(value: ImportsValue): ImportsValue | undefined {
  if (typeof value === 'string') return value.startsWith(CJS_DIR) ? `./${value.slice(CJS_DIR.length)}` : undefined;
  if (value === null || Array.isArray(value)) return undefined;
  const kept = Object.entries(value as Record<string, ImportsValue>).flatMap(([k, v]) => {
    const p = prune(v);
    return p === undefined ? [] : [[k, p] as const];
  });
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/**
 * The `dist/cjs/package.json` of a package: `"type": "commonjs"`, so Node and TypeScript read
 * that folder as CommonJS, plus the package's `imports` map pruned to the CJS build's targets.
 * Node resolves a `#name` import against the nearest package.json, which for the CJS files is
 * this one, so without the map `require('#name')` would fail.
 */
export function cjsManifest(pkg: { readonly imports?: Readonly<Record<string, ImportsValue>> }): { type: 'commonjs'; imports?: Record<string, ImportsValue> } {
  const imports = Object.entries(pkg.imports ?? {}).flatMap(([name, target]) => {
    const p = prune(target);
    return p === undefined ? [] : [[name, p] as const];
  });
  return imports.length === 0 ? { type: 'commonjs' } : { type: 'commonjs', imports: Object.fromEntries(imports) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Parameters<typeof cjsManifest>[0];
  writeFileSync('dist/cjs/package.json', JSON.stringify(cjsManifest(pkg), null, 2) + '\n');
}
