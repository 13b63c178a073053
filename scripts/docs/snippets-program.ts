// Compiles every snippet in one TypeScript program against the built packages, and emits the runnable ones.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { Snippet } from './snippets.ts';

/** The SDK packages a snippet may import, resolved to their built `dist/` through their package.json. */
const SDK_PACKAGES = ['auth', 'fixed-point', 'rest', 'ws', 'fix', 'mock-exchange'] as const;

/**
 * Third-party modules a snippet may import, and the workspace package whose dependency provides them
 * (`ws` is what `@kalshi-sdk/ws` connects with). Anything else must be declared in snippets-ambient.d.ts.
 */
const THIRD_PARTY: Record<string, string> = {
  ws: 'packages/ws/node_modules/ws',
  '@types/ws': 'packages/ws/node_modules/@types/ws',
  '@types/node': 'scripts/node_modules/@types/node',
};

/** Compiler options: the repository's own strictness (tsconfig.base.json), ESM on Node. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  skipLibCheck: true,
};

export interface CompiledSnippet {
  readonly snippet: Snippet;
  /** `file:line: message` per error, the line being the markdown line. */
  readonly errors: readonly string[];
  /** The emitted program, for `run` snippets that compiled. */
  readonly jsFile?: string;
}

export interface SnippetWorkspace {
  /** A scratch folder with node_modules links to the built packages; snippets run with it as their root. */
  readonly dir: string;
  remove(): void;
}

/** A scratch folder outside the repository whose node_modules links to the workspace's built packages. */
export function createSnippetWorkspace(root: string, ambientDeclarations: string): SnippetWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-snippets-'));
  const link = (name: string, target: string): void => {
    const at = join(dir, 'node_modules', name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(realpathSync(join(root, target)), at, 'dir');
  };
  for (const pkg of SDK_PACKAGES) link(`@kalshi-sdk/${pkg}`, `packages/${pkg}`);
  for (const [name, target] of Object.entries(THIRD_PARTY)) link(name, target);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'snippets', private: true, type: 'module' }));
  writeFileSync(join(dir, 'ambient.d.ts'), ambientDeclarations);
  mkdirSync(join(dir, 'src'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A file name for the snippet at `file:line`: `packages-auth-README-L43.ts`. */
function fileNameOf(snippet: Snippet): string {
  return `${snippet.file.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-L${snippet.line}.ts`;
}

/** Compiles all snippets in one program (errors per snippet, in markdown lines) and emits the `run` ones. */
export function compileSnippets(workspace: SnippetWorkspace, snippets: readonly Snippet[]): CompiledSnippet[] {
  const byPath = new Map<string, { snippet: Snippet; preludeLines: number }>();
  for (const snippet of snippets) {
    const path = join(workspace.dir, 'src', fileNameOf(snippet));
    const prelude = snippet.prelude === undefined ? '' : `${snippet.prelude}\n`;
    // `export {}` keeps a snippet without imports a module, as it is in a project with "type": "module".
    writeFileSync(path, `${prelude}${snippet.code}\nexport {};\n`);
    byPath.set(path, { snippet, preludeLines: prelude === '' ? 0 : prelude.split('\n').length - 1 });
  }
  const program = ts.createProgram({
    rootNames: [join(workspace.dir, 'ambient.d.ts'), ...byPath.keys()],
    options: { ...OPTIONS, outDir: join(workspace.dir, 'out'), rootDir: workspace.dir },
  });
  const errors = new Map<string, string[]>([...byPath.keys()].map((p) => [p, []]));
  const global: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const entry = d.file ? byPath.get(d.file.fileName) : undefined;
    if (!d.file || !entry) {
      global.push(`${d.file?.fileName ?? 'program'}: TS${d.code} ${message}`);
      continue;
    }
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line;
    const where =
      line < entry.preludeLines
        ? `${entry.snippet.file}:${entry.snippet.line} (prelude line ${line + 1})`
        : `${entry.snippet.file}:${entry.snippet.line + 1 + line - entry.preludeLines}`;
    errors.get(d.file.fileName)!.push(`${where}: TS${d.code} ${message}`);
  }
  if (global.length > 0) throw new Error(`the snippet program itself does not compile:\n${global.join('\n')}`);
  return [...byPath].map(([path, { snippet }]) => {
    const own = errors.get(path)!;
    if (snippet.mode !== 'run' || own.length > 0) return { snippet, errors: own };
    const emitted = program.emit(program.getSourceFile(path));
    if (emitted.emitSkipped) return { snippet, errors: [`${snippet.file}:${snippet.line}: emit skipped`] };
    return { snippet, errors: own, jsFile: join(workspace.dir, 'out', 'src', fileNameOf(snippet).replace(/\.ts$/, '.js')) };
  });
}
