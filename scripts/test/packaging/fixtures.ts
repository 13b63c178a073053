/**
 * Small publishable packages written straight to disk (no build) for the packaging tests: a
 * correct dual ESM/CJS package and variants with one defect each.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cjsManifest } from '../../packaging/cjs-manifest.ts';
import type { WorkspacePackage } from '../../packaging/workspace.ts';

const esm = "export function double(n) {\n  return n * 2;\n}\nexport const NAME = 'dual';\n";
const cjs = [
  '"use strict";',
  'Object.defineProperty(exports, "__esModule", { value: true });',
  'exports.NAME = exports.double = void 0;',
  'function double(n) {',
  '  return n * 2;',
  '}',
  'exports.double = double;',
  "exports.NAME = 'dual';",
  '',
].join('\n');
const dts = 'export declare function double(n: number): number;\nexport declare const NAME = "dual";\n';

const dualExports = {
  '.': {
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
  },
  './package.json': './package.json',
};

/** The defect a fixture carries. */
export type FixtureVariant =
  /** Correct: ESM and CJS with types for both, like this repository's packages. */
  | 'dual'
  /** ESM only (no `require` condition), on purpose. */
  | 'esm-only'
  /** `types` listed after the conditions, and no top-level `main`/`types` for node10. */
  | 'types-last'
  /** One `types` for both conditions: ESM declarations describing the CJS build. */
  | 'cjs-types-are-esm'
  /** The CJS build lacks the `NAME` export. */
  | 'cjs-missing-export'
  /** Loads its implementation through a `#impl` subpath import, with dist/cjs/package.json from cjsManifest. */
  | 'hash-imports';

function files(variant: FixtureVariant, name: string): Record<string, string> {
  const manifest = (exportsMap: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ name, version: '1.0.0', license: 'MIT', type: 'module', exports: exportsMap, files: ['dist'], ...extra }, null, 2);
  const dual = {
    'dist/index.js': esm,
    'dist/index.d.ts': dts,
    'dist/cjs/package.json': '{"type":"commonjs"}',
    'dist/cjs/index.js': cjs,
    'dist/cjs/index.d.ts': dts,
  };
  switch (variant) {
    case 'dual':
      return { 'package.json': manifest(dualExports, { main: './dist/cjs/index.js', module: './dist/index.js', types: './dist/cjs/index.d.ts' }), ...dual };
    case 'esm-only':
      return {
        'package.json': manifest({ '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' }, { types: './dist/index.d.ts' }),
        'dist/index.js': esm,
        'dist/index.d.ts': dts,
      };
    case 'types-last':
      return {
        'package.json': manifest({ '.': { import: './dist/index.js', require: './dist/cjs/index.js', types: './dist/index.d.ts' } }),
        ...dual,
      };
    case 'cjs-types-are-esm':
      return {
        'package.json': manifest(
          { '.': { types: './dist/index.d.ts', import: './dist/index.js', require: './dist/cjs/index.js' } },
          { main: './dist/cjs/index.js', types: './dist/index.d.ts' },
        ),
        ...dual,
      };
    case 'hash-imports': {
      const imports = { '#impl': { import: './dist/impl.js', require: './dist/cjs/impl.js' } };
      return {
        'package.json': manifest(dualExports, { main: './dist/cjs/index.js', types: './dist/cjs/index.d.ts', imports }),
        'dist/impl.js': esm,
        'dist/index.js': "export * from '#impl';\n",
        'dist/index.d.ts': dts,
        'dist/cjs/package.json': JSON.stringify(cjsManifest({ imports })),
        'dist/cjs/impl.js': cjs,
        'dist/cjs/index.js': '"use strict";\nmodule.exports = require("#impl");\n',
        'dist/cjs/index.d.ts': dts,
      };
    }
    case 'cjs-missing-export':
      return {
        'package.json': manifest(dualExports, { main: './dist/cjs/index.js', types: './dist/cjs/index.d.ts' }),
        ...dual,
        'dist/cjs/index.js': cjs.replace('exports.NAME = exports.double', 'exports.double').replace("exports.NAME = 'dual';\n", ''),
      };
  }
}

/** Writes the fixture package `name` (default `@fixture/<variant>`) to `<dir>/<unscoped name>`. */
export async function writeFixturePackage(dir: string, variant: FixtureVariant, name = `@fixture/${variant}`): Promise<WorkspacePackage> {
  const root = join(dir, name.replace(/^@[^/]+\//, ''));
  for (const [file, text] of Object.entries(files(variant, name))) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }
  return { name, version: '1.0.0', dir: root, entries: ['.'] };
}
