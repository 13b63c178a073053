// What a bundler for a browser or a Worker pulls in from @kalshi-sdk/ws: every module reachable from
// src/index.ts (transpiled, so type-only imports do not count), with package.json `imports` (#key-signer, #recording-file) read under the given
// conditions, as esbuild, Vite or wrangler read them. A browser bundle must reach no `node:` module
// and not the Node-only main entry of @kalshi-sdk/auth (node:crypto, node:fs).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { imports } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { imports: Record<string, unknown> };

/** The target of a package.json `imports` entry under `conditions` (the first matching key wins, in the map's order). */
function pick(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  for (const [condition, value] of Object.entries(target as Record<string, unknown>)) {
    if (condition === 'default' || conditions.includes(condition)) return pick(value, conditions);
  }
  return undefined;
}

/** Modules reachable from src/index.ts: ws's own files (relative to the package) and the bare specifiers they import. */
function reachable(conditions: readonly string[]): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    // Transpiled first, as a bundler sees the code: type-only imports are gone.
    const { outputText } = ts.transpileModule(readFileSync(join(packageDir, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const { importedFiles } = ts.preProcessFile(outputText, true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier).replace(/\.js$/, '.ts'));
      else if (specifier.startsWith('#')) {
        const target = pick(imports[specifier], conditions);
        if (target === undefined) throw new Error(`${specifier} has no target for ${conditions.join(', ')}`);
        visit(relative(packageDir, join(packageDir, target.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts'))));
      } else external.add(specifier);
    }
  };
  visit('src/index.ts');
  return { files, external };
}

const isNodeOnly = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier === '@kalshi-sdk/auth';

describe('the modules a bundle of @kalshi-sdk/ws reaches', () => {
  it.each([
    ['a browser page', ['browser', 'import']],
    ['a Worker (wrangler: workerd, worker, browser)', ['workerd', 'worker', 'browser', 'import']],
  ])('for %s: no node: module and not the Node entry of @kalshi-sdk/auth; the web key signer and recording file', (_, conditions) => {
    const { files, external } = reachable(conditions);
    expect([...external].filter(isNodeOnly)).toEqual([]);
    expect(files).toContain('src/key-signer-web.ts');
    expect(files).toContain('src/recording-file-web.ts');
    expect([...files].filter((f) => f.endsWith('-node.ts'))).toEqual([]);
  });

  it('for Node: the node:crypto key signer (file paths, KeyObjects) and the node:fs recording file', () => {
    const { files, external } = reachable(['node', 'import']);
    expect(files).toContain('src/key-signer-node.ts');
    expect(files).toContain('src/recording-file-node.ts');
    expect(external).toContain('@kalshi-sdk/auth');
    expect(external).toContain('node:fs');
  });
});
