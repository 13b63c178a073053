// What a bundler for a Cloudflare Worker (wrangler: conditions workerd, worker, browser) pulls in
// from @kalshi-sdk/fix: every module reachable from src/index.ts (transpiled, so type-only imports
// do not count), with package.json `imports` (#key-signer) read under the given conditions. fix's
// transport imports node:net and node:tls (nodejs_compat provides them); the key signer must not
// reach node:crypto there, since workerd's node:crypto cannot sign RSA-PSS: no module may import
// the Node entry of @kalshi-sdk/auth (node:crypto, node:fs), and the modules that resolve
// credentials and sign the Logon reach no `node:` module at all.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { imports = {} } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { imports?: Record<string, unknown> };

/** The target of a package.json `imports` entry under `conditions` (the first matching key wins, in the map's order). */
function pick(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  for (const [condition, value] of Object.entries(target as Record<string, unknown>)) {
    if (condition === 'default' || conditions.includes(condition)) return pick(value, conditions);
  }
  return undefined;
}

/** Modules reachable from `entries`: fix's own files (relative to the package) and the bare specifiers each imports. */
function reachable(entries: readonly string[], conditions: readonly string[]): { files: Set<string>; external: Map<string, string[]> } {
  const files = new Set<string>();
  const external = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    // Transpiled first, as a bundler sees the code: type-only imports are gone.
    const { outputText } = ts.transpileModule(readFileSync(join(packageDir, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    for (const { fileName: specifier } of ts.preProcessFile(outputText, true, true).importedFiles) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier).replace(/\.js$/, '.ts'));
      else if (specifier.startsWith('#')) {
        const target = pick(imports[specifier], conditions);
        if (target === undefined) throw new Error(`${specifier} has no target for ${conditions.join(', ')}`);
        visit(relative(packageDir, join(packageDir, target.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts'))));
      } else external.set(specifier, [...(external.get(specifier) ?? []), file]);
    }
  };
  for (const entry of entries) visit(entry);
  return { files, external };
}

const isNodeOnly = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier === '@kalshi-sdk/auth';
const WORKER = ['workerd', 'worker', 'browser', 'import'];
/** Where credentials become a signer and where the Logon is signed. */
const SIGNER_PATH = ['src/app/client-options.ts', 'src/session/kalshi-logon.ts'];

describe('the modules a Worker bundle of @kalshi-sdk/fix reaches', () => {
  it('import @kalshi-sdk/auth/web, never its Node entry (node:crypto), and the WebCrypto key signer', () => {
    const { files, external } = reachable(['src/index.ts'], WORKER);
    expect(external.get('@kalshi-sdk/auth')).toBeUndefined();
    expect(external.has('@kalshi-sdk/auth/web')).toBe(true);
    expect(files).toContain('src/app/key-signer-web.ts');
    expect([...files].filter((f) => f.endsWith('-node.ts'))).toEqual([]);
  });

  it('reach no node: module from where credentials are resolved and the Logon is signed', () => {
    const { files, external } = reachable(SIGNER_PATH, WORKER);
    expect(files).toContain('src/app/key-signer-web.ts');
    expect([...external.keys()].filter(isNodeOnly)).toEqual([]);
  });
});

describe('the modules a Node bundle of @kalshi-sdk/fix reaches', () => {
  it('the node:crypto key signer (file paths, KeyObjects, passphrases) through the Node entry of @kalshi-sdk/auth', () => {
    const { files, external } = reachable(SIGNER_PATH, ['node', 'import']);
    expect(files).toContain('src/app/key-signer-node.ts');
    expect(files).not.toContain('src/app/key-signer-web.ts');
    expect(external.get('@kalshi-sdk/auth')).toEqual(['src/app/key-signer-node.ts']);
  });
});
