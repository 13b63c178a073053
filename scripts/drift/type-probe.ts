import { join } from 'node:path';
import ts from 'typescript';

/**
 * Asks the TypeScript compiler what the SDK's public types accept, the way a user's code would
 * meet them: each statement is compiled after a prelude that imports the packages.
 */
export interface TypeProbe {
  /** Compiles each one-line statement; gives its first error (flattened), or undefined when it compiles. */
  check(statements: readonly string[]): (string | undefined)[];
  /** The members of a union of string literals, e.g. `PaginatedPath` → `['/markets', …]`. */
  stringLiterals(typeExpression: string): string[];
}

/** Options of {@link createTypeProbe}. */
export interface TypeProbeOptions {
  /** Imports and helper declarations every statement can use. */
  readonly prelude: string;
  /** Folder the virtual probe file lives in: package imports resolve from here. */
  readonly dir: string;
  /** tsconfig.json whose compiler options the probe uses. */
  readonly tsconfig: string;
}

/**
 * A probe compiling against the built packages' declarations. The first compile takes a few
 * seconds; later ones reuse the parsed files and take a fraction of a second.
 * @throws Error when the tsconfig cannot be read, or (from its methods) when the prelude itself
 *   does not compile: the SDK no longer exports what the drift checks read.
 */
export function createTypeProbe(options: TypeProbeOptions): TypeProbe {
  const config = ts.readConfigFile(options.tsconfig, (f) => ts.sys.readFile(f));
  if (config.error) throw new Error(`type probe: ${ts.flattenDiagnosticMessageText(config.error.messageText, ' ')}`);
  const compilerOptions: ts.CompilerOptions = {
    ...ts.parseJsonConfigFileContent(config.config, ts.sys, join(options.tsconfig, '..')).options,
    noEmit: true,
    skipLibCheck: true,
  };
  const probeFile = join(options.dir, '__drift_probe__.ts');
  const host = ts.createCompilerHost(compilerOptions);
  const read = host.getSourceFile.bind(host);
  const exists = host.fileExists.bind(host);
  const cache = new Map<string, ts.SourceFile | undefined>();
  let text = '';
  let previous: ts.Program | undefined;
  host.fileExists = (f) => f === probeFile || exists(f);
  host.getSourceFile = (f, language, ...rest) => {
    if (f === probeFile) return ts.createSourceFile(f, text, language);
    if (!cache.has(f)) cache.set(f, read(f, language, ...rest));
    return cache.get(f);
  };
  const preludeLines = options.prelude.split('\n').length;

  const compile = (statements: readonly string[]): { program: ts.Program; file: ts.SourceFile; errors: Map<number, string> } => {
    text = `${options.prelude}\n${statements.map((s) => s.replace(/\n/g, ' ')).join('\n')}\n`;
    const program = ts.createProgram([probeFile], compilerOptions, host, previous);
    previous = program;
    const file = program.getSourceFile(probeFile);
    if (!file) throw new Error('type probe: the probe file was not loaded');
    const errors = new Map<number, string>();
    for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      const line = d.start === undefined ? 0 : file.getLineAndCharacterOfPosition(d.start).line;
      if (line < preludeLines) throw new Error(`type probe: the prelude does not compile: ${message}`);
      if (!errors.has(line - preludeLines)) errors.set(line - preludeLines, message);
    }
    return { program, file, errors };
  };

  return {
    check(statements) {
      if (statements.length === 0) return [];
      const { errors } = compile(statements);
      return statements.map((_, i) => errors.get(i));
    },
    stringLiterals(typeExpression) {
      const { program, file, errors } = compile([`export type DriftProbeUnion = ${typeExpression};`]);
      if (errors.size > 0) throw new Error(`type probe: ${typeExpression}: ${[...errors.values()].join('; ')}`);
      const checker = program.getTypeChecker();
      const moduleSymbol = checker.getSymbolAtLocation(file);
      const alias = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'DriftProbeUnion');
      if (!alias) throw new Error('type probe: the probe type was not found');
      const type = checker.getDeclaredTypeOfSymbol(alias);
      const members = type.isUnion() ? type.types : [type];
      return members.map((t) => {
        if (!t.isStringLiteral()) throw new Error(`type probe: ${typeExpression} has a member that is not a string literal: ${checker.typeToString(t)}`);
        return t.value;
      });
    },
  };
}
