import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { PublicSurfaceError } from './errors.ts';
import type { EntryKind, Surface, SurfaceEntry } from './types.ts';

/** The parts of a package.json the extractor reads. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly exports?: unknown;
  readonly types?: unknown;
}

/**
 * The declaration file of one exports-map subpath, as an `import` of it sees it: the `types` of
 * its `import` condition, else its top-level `types`; for `.` without an exports map, `types`.
 * @returns undefined when the entry names no types.
 */
export function entryTypesFile(manifest: PackageManifest, subpath: string): string | undefined {
  const exportsField = manifest.exports;
  if (exportsField === undefined) return subpath === '.' && typeof manifest.types === 'string' ? manifest.types : undefined;
  const target = typeof exportsField === 'string' ? (subpath === '.' ? exportsField : undefined) : (exportsField as Record<string, unknown>)[subpath];
  return typesOf(target);
}

function typesOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : target.replace(/\.js$/, '.d.ts');
  if (typeof target !== 'object' || target === null) return undefined;
  const t = target as Record<string, unknown>;
  if (typeof t['types'] === 'string') return t['types'];
  return typesOf(t['import']) ?? typesOf(t['default']);
}

/**
 * Subpaths of the exports map that are modules (not `./package.json`), in map order; `['.']`
 * without a map.
 */
export function moduleEntries(manifest: PackageManifest): string[] {
  const e = manifest.exports;
  if (typeof e !== 'object' || e === null) return ['.'];
  return Object.keys(e).filter((k) => k !== './package.json' && !k.endsWith('.json'));
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/**
 * Node's resolution, as a consumer importing the package sees it. No DOM lib: the surface is
 * printed from the declarations' own text, so an unresolved global only means it is not "own".
 */
const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** A compiler host that parses TypeScript's own lib files once per process, not once per package. */
const cachingHost: ts.CompilerHost = (() => {
  const host = ts.createCompilerHost(compilerOptions);
  const libDir = dirname(host.getDefaultLibFileName(compilerOptions));
  const cache = new Map<string, ts.SourceFile | undefined>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (dirname(fileName) !== libDir) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (!cache.has(fileName)) cache.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return cache.get(fileName);
  };
  return host;
})();

/**
 * Reads the public API of the built package in `pkgDir` from the declaration files its exports
 * map names (after `generate` and `build`): every export of every subpath, every non-private
 * member of exported classes, interfaces, object types and enums, and the package's own
 * declarations that they mention without exporting. Declarations under `generated/` are recorded
 * by presence only, and declarations of other packages by their package name.
 * @throws {PublicSurfaceError} `ENTRY_UNTYPED` or `PACKAGE_NOT_BUILT`.
 */
export function extractSurface(pkgDir: string): Surface {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as PackageManifest;
  const entries = moduleEntries(manifest).map((subpath) => {
    const file = entryTypesFile(manifest, subpath);
    if (file === undefined) throw new PublicSurfaceError('ENTRY_UNTYPED', `${manifest.name}: exports entry "${subpath}" names no types`, { value: subpath });
    const path = join(pkgDir, file);
    if (!existsSync(path)) {
      throw new PublicSurfaceError('PACKAGE_NOT_BUILT', `${manifest.name}: ${file} is missing; run \`pnpm generate\` and \`pnpm build\` first`, { value: path });
    }
    return { subpath, path };
  });
  const program = ts.createProgram({ rootNames: entries.map((e) => e.path), options: compilerOptions, host: cachingHost });
  return new Extractor(program, realpathSync(pkgDir), manifest).run(entries);
}

class Extractor {
  readonly #checker: ts.TypeChecker;
  readonly #out: Record<string, SurfaceEntry> = {};
  /** Exported symbols, so a mention of one is not listed again as internal. */
  readonly #exported = new Set<ts.Symbol>();
  /** Own unexported declarations mentioned by the surface, in discovery order. */
  readonly #internal = new Map<ts.Symbol, string>();

  constructor(
    readonly program: ts.Program,
    readonly pkgDir: string,
    readonly manifest: PackageManifest,
  ) {
    this.#checker = program.getTypeChecker();
  }

  run(entries: readonly { subpath: string; path: string }[]): Surface {
    const exportsBySubpath = entries.map(({ subpath, path }) => {
      const sf = this.program.getSourceFile(path);
      const moduleSymbol = sf && this.#checker.getSymbolAtLocation(sf);
      const exports = moduleSymbol ? this.#checker.getExportsOfModule(moduleSymbol) : [];
      return { subpath, exports: exports.map((s) => ({ name: s.name, target: this.#resolve(s) })) };
    });
    for (const { exports } of exportsBySubpath) for (const e of exports) this.#exported.add(e.target);
    for (const { subpath, exports } of exportsBySubpath) {
      for (const e of [...exports].sort((a, b) => compare(a.name, b.name))) this.#symbol(`${subpath}:${e.name}`, e.target);
    }
    // Describing an internal declaration can reveal more of them.
    const done = new Set<ts.Symbol>();
    for (let next = this.#nextInternal(done); next; next = this.#nextInternal(done)) {
      done.add(next[0]);
      this.#symbol(next[1], next[0]);
    }
    const sorted = Object.fromEntries(Object.entries(this.#shortInternalKeys()).sort(([a], [b]) => compare(a, b)));
    return { package: this.manifest.name, version: this.manifest.version, entries: sorted };
  }

  /** `(internal):Name@dist/file.d.ts` keys become `(internal):Name` where the name is unique. */
  #shortInternalKeys(): Record<string, SurfaceEntry> {
    const counts = new Map<string, number>();
    const shortOf = (key: string) => key.slice(0, key.lastIndexOf('@'));
    for (const key of this.#internal.values()) counts.set(shortOf(key), (counts.get(shortOf(key)) ?? 0) + 1);
    const rename = new Map<string, string>();
    for (const key of this.#internal.values()) if (counts.get(shortOf(key)) === 1) rename.set(key, shortOf(key));
    const renamed = (key: string): string => {
      for (const [long, short] of rename) {
        if (key === long || key.startsWith(`${long}.`) || key.startsWith(`${long}#`)) return short + key.slice(long.length);
      }
      return key;
    };
    return Object.fromEntries(
      Object.entries(this.#out).map(([key, entry]) => [renamed(key), entry.parent === undefined ? entry : { ...entry, parent: renamed(entry.parent) }]),
    );
  }

  #nextInternal(done: ReadonlySet<ts.Symbol>): [ts.Symbol, string] | undefined {
    for (const entry of this.#internal) if (!done.has(entry[0])) return entry;
    return undefined;
  }

  #resolve(symbol: ts.Symbol): ts.Symbol {
    return symbol.flags & ts.SymbolFlags.Alias ? this.#checker.getAliasedSymbol(symbol) : symbol;
  }

  #add(key: string, entry: SurfaceEntry): void {
    const previous = this.#out[key];
    // Overloads and merged declarations share a key: keep every text, in declaration order.
    this.#out[key] = previous === undefined ? entry : { ...previous, text: `${previous.text}\n${entry.text}` };
  }

  /** Where a declaration lives: this package's own code, its generated code, or another package. */
  #origin(node: ts.Node): { kind: 'own' } | { kind: 'generated' } | { kind: 'foreign'; name: string } {
    const file = node.getSourceFile().fileName;
    const rel = relative(this.pkgDir, file);
    if (rel.startsWith('..') || rel.split(/[\\/]/).includes('node_modules')) return { kind: 'foreign', name: packageNameOf(file) };
    return rel.split(/[\\/]/).includes('generated') ? { kind: 'generated' } : { kind: 'own' };
  }

  #symbol(key: string, symbol: ts.Symbol): void {
    const decls = symbol.declarations ?? [];
    const first = decls[0];
    if (first === undefined) {
      this.#add(key, { kind: 'variable', text: this.#checker.typeToString(this.#checker.getTypeOfSymbol(symbol)) });
      return;
    }
    const origin = this.#origin(first);
    if (origin.kind === 'generated') return this.#add(key, { kind: 'generated', text: 'generated' });
    if (origin.kind === 'foreign') return this.#add(key, { kind: 're-export', text: `from ${origin.name}` });
    for (const decl of decls) this.#declaration(key, symbol, decl);
  }

  #declaration(key: string, symbol: ts.Symbol, decl: ts.Declaration): void {
    if (ts.isSourceFile(decl) || ts.isModuleDeclaration(decl)) {
      this.#add(key, { kind: 'namespace', text: ts.isSourceFile(decl) ? 'namespace (module)' : `namespace ${symbol.name}` });
      for (const member of this.#checker.getExportsOfModule(symbol)) {
        const target = this.#resolve(member);
        this.#exported.add(target);
        this.#symbol(`${key}.${member.name}`, target);
      }
    } else if (ts.isClassDeclaration(decl)) {
      const abstract = hasModifier(decl, ts.SyntaxKind.AbstractKeyword) ? 'abstract ' : '';
      this.#add(key, { kind: 'class', text: `${abstract}class ${symbol.name}${this.#header(decl)}` });
      for (const m of decl.members) this.#classMember(key, m);
    } else if (ts.isInterfaceDeclaration(decl)) {
      this.#add(key, { kind: 'interface', text: `interface ${symbol.name}${this.#header(decl)}` });
      for (const m of decl.members) this.#typeMember(key, m);
    } else if (ts.isTypeAliasDeclaration(decl) && ts.isTypeLiteralNode(decl.type)) {
      this.#add(key, { kind: 'type', text: `type ${symbol.name}${this.#header(decl)} = {}` });
      for (const m of decl.type.members) this.#typeMember(key, m);
    } else if (ts.isEnumDeclaration(decl)) {
      const isConst = hasModifier(decl, ts.SyntaxKind.ConstKeyword) ? 'const ' : '';
      this.#add(key, { kind: 'enum', text: `${isConst}enum ${symbol.name}` });
      for (const m of decl.members) this.#add(`${key}.${this.#print(m.name)}`, { kind: 'enum-member', text: this.#print(m), parent: key });
    } else if (ts.isVariableDeclaration(decl)) {
      const list = decl.parent;
      const word = ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? 'const' : 'let';
      this.#add(key, { kind: 'variable', text: `${word} ${this.#print(decl)}` });
    } else {
      const kind: EntryKind = ts.isFunctionDeclaration(decl) ? 'function' : ts.isTypeAliasDeclaration(decl) ? 'type' : 'variable';
      this.#add(key, { kind, text: stripModifiers(this.#print(decl)) });
    }
  }

  /** Type parameters and heritage clauses of a class, interface or type alias. */
  #header(decl: ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string {
    const params = decl.typeParameters ? `<${decl.typeParameters.map((p) => this.#print(p)).join(', ')}>` : '';
    const heritage = ts.isTypeAliasDeclaration(decl) ? [] : (decl.heritageClauses ?? []).map((h) => this.#print(h));
    return [params, ...heritage.map((h) => ` ${h}`)].join('');
  }

  #classMember(parent: string, m: ts.ClassElement): void {
    if (m.name && ts.isPrivateIdentifier(m.name)) return;
    if (hasModifier(m, ts.SyntaxKind.PrivateKeyword) && !ts.isConstructorDeclaration(m)) return;
    const isStatic = hasModifier(m, ts.SyntaxKind.StaticKeyword);
    const name = ts.isConstructorDeclaration(m) ? 'constructor' : ts.isIndexSignatureDeclaration(m) ? '[index]' : m.name ? this.#print(m.name) : '?';
    const kind: EntryKind = ts.isConstructorDeclaration(m)
      ? 'constructor'
      : ts.isMethodDeclaration(m)
        ? 'method'
        : ts.isGetAccessor(m) || ts.isSetAccessor(m)
          ? 'accessor'
          : ts.isIndexSignatureDeclaration(m)
            ? 'signature'
            : 'property';
    const sep = isStatic || kind === 'constructor' ? '.' : '#';
    this.#add(`${parent}${sep}${name}`, { kind, text: this.#print(m), parent });
  }

  #typeMember(parent: string, m: ts.TypeElement): void {
    let name: string;
    let kind: EntryKind;
    if (ts.isCallSignatureDeclaration(m)) [name, kind] = ['()', 'signature'];
    else if (ts.isConstructSignatureDeclaration(m)) [name, kind] = ['new()', 'signature'];
    else if (ts.isIndexSignatureDeclaration(m)) [name, kind] = ['[index]', 'signature'];
    else [name, kind] = [m.name ? this.#print(m.name) : '?', ts.isMethodSignature(m) ? 'method' : ts.isGetAccessor(m) || ts.isSetAccessor(m) ? 'accessor' : 'property'];
    const required = (kind === 'property' || kind === 'method') && m.questionToken === undefined;
    this.#add(`${parent}.${name}`, { kind, text: this.#print(m), parent, ...(required ? { required } : {}) });
  }

  /** Prints `node` on one line without comments, and notes the own unexported declarations it names. */
  #print(node: ts.Node): string {
    this.#collectMentions(node);
    return printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile()).replace(/\s+/g, ' ').trim();
  }

  #collectMentions(node: ts.Node): void {
    const visit = (n: ts.Node): void => {
      const name = ts.isTypeReferenceNode(n)
        ? n.typeName
        : ts.isExpressionWithTypeArguments(n)
          ? n.expression
          : ts.isTypeQueryNode(n)
            ? n.exprName
            : undefined;
      if (name) this.#mention(name);
      ts.forEachChild(n, visit);
    };
    visit(node);
  }

  #mention(name: ts.Node): void {
    const symbol = this.#checker.getSymbolAtLocation(name);
    if (!symbol) return;
    const target = this.#resolve(symbol);
    const decl = target.declarations?.[0];
    if (!decl || this.#exported.has(target) || this.#internal.has(target)) return;
    if (target.flags & ts.SymbolFlags.TypeParameter) return;
    // Only top-level declarations have a name of their own; members are covered by their parent.
    if (!ts.isSourceFile(decl.parent) && !(ts.isVariableDeclarationList(decl.parent) && ts.isSourceFile(decl.parent.parent.parent))) return;
    if (this.#origin(decl).kind !== 'own') return;
    // The file is dropped again at the end unless two internal declarations share the name.
    const key = `(internal):${target.name}@${relative(this.pkgDir, decl.getSourceFile().fileName).split(sep).join('/')}`;
    this.#internal.set(target, key);
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function stripModifiers(text: string): string {
  return text.replace(/^(export\s+)?(default\s+)?(declare\s+)?/, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Name in the nearest package.json above `file` (what a re-export is re-exported from). */
function packageNameOf(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'an unknown package';
}
