import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isEsmOnly } from './lint.ts';
import { packPackage } from './pack.ts';
import type { SmokeProbe } from './probes.ts';
import { mustRun, runCommand } from './run-command.ts';
import { entrySpecifier, type WorkspacePackage } from './workspace.ts';

const require = createRequire(import.meta.url);

/** Options of {@link smokeTest}. */
export interface SmokeOptions {
  readonly packages: readonly WorkspacePackage[];
  /** Packed and installed too, but not checked: the workspace dependencies of `packages`. */
  readonly dependencies?: readonly WorkspacePackage[];
  /** An empty folder: tarballs go to `<workDir>/tarballs`, the scratch project to `<workDir>/app`. */
  readonly workDir: string;
  /** Probes by import specifier; an entry without one is only imported and its export names compared. */
  readonly probes: Readonly<Record<string, SmokeProbe>>;
  /**
   * Type-check a consumer `.mts` (import) and `.cts` (require) against the installed packages with
   * `skipLibCheck: false`, with `@types/node` installed at this repository's version. Default true.
   */
  readonly typecheck?: boolean;
}

/** How one import style of one entry went. */
export type LoadOutcome =
  | { readonly ok: true; readonly names: readonly string[]; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/** One exports-map entry, loaded with `import` and (unless the package is ESM-only) with `require`. */
export interface EntryResult {
  readonly specifier: string;
  readonly esm: LoadOutcome;
  /** Undefined for an ESM-only package (no `require` condition in its exports). */
  readonly cjs: LoadOutcome | undefined;
  /** What is wrong: a load error, a wrong probe value, or export names that differ between ESM and CJS. */
  readonly problems: readonly string[];
}

/** What {@link smokeTest} found. */
export interface SmokeResult {
  readonly entries: readonly EntryResult[];
  /** `tsc` output for the consumer files; undefined when not type-checked. */
  readonly typecheck: { readonly ok: boolean; readonly output: string } | undefined;
  readonly ok: boolean;
}

/**
 * Packs `packages` with `pnpm pack`, installs the tarballs with npm into a scratch project (their
 * third-party dependencies come from the registry), then imports every exports-map entry in a
 * fresh Node process as ESM (`import`) and as CJS (`require`), runs its probe, and type-checks a
 * consumer of each style.
 * @throws {PackagingError} `PACKAGE_NOT_BUILT`, or `COMMAND_FAILED` when packing or `npm install` fails.
 */
export async function smokeTest(options: SmokeOptions): Promise<SmokeResult> {
  const tarballs = join(options.workDir, 'tarballs');
  const app = join(options.workDir, 'app');
  await mkdir(tarballs, { recursive: true });
  await mkdir(app, { recursive: true });
  const install = [...new Set([...options.packages, ...(options.dependencies ?? [])])];
  const packed = await Promise.all(install.map(async (pkg) => [pkg.name, `file:${await packPackage(pkg, tarballs)}`] as const));
  const local: Record<string, string> = Object.fromEntries(packed);
  const typecheck = options.typecheck ?? true;
  const manifest = {
    name: 'kalshi-sdk-pack-smoke',
    private: true,
    dependencies: { ...local, ...(typecheck ? { '@types/node': await installedVersion('@types/node') } : {}) },
    // Tarballs depend on each other by version; point those at the local tarballs too.
    overrides: local,
  };
  await writeFile(join(app, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--no-package-lock'], { cwd: app });

  const checks: Check[] = [];
  for (const pkg of options.packages) {
    const installed = JSON.parse(await readFile(join(app, 'node_modules', pkg.name, 'package.json'), 'utf8')) as { exports?: unknown };
    const esmOnly = isEsmOnly(installed.exports);
    for (const entry of pkg.entries) {
      const specifier = entrySpecifier(pkg, entry);
      checks.push({ specifier, esmOnly, probe: options.probes[specifier] });
    }
  }
  const cjsChecks = checks.filter((c) => !c.esmOnly);
  await writeFile(join(app, 'check.mjs'), checkScript('esm', checks));
  await writeFile(join(app, 'check.cjs'), checkScript('cjs', cjsChecks));
  const esm = await loadAll(app, 'check.mjs');
  const cjs = await loadAll(app, 'check.cjs');

  const results: EntryResult[] = checks.map(({ specifier, esmOnly, probe }) => {
    const e = esm[specifier] ?? { ok: false, error: 'not reported by check.mjs' };
    const c = esmOnly ? undefined : (cjs[specifier] ?? { ok: false, error: 'not reported by check.cjs' });
    return { specifier, esm: e, cjs: c, problems: problemsOf(e, c, probe) };
  });

  let tsc: SmokeResult['typecheck'];
  if (typecheck) {
    await writeFile(join(app, 'consumer.mts'), consumerSource('esm', checks));
    await writeFile(join(app, 'consumer.cts'), consumerSource('cjs', cjsChecks));
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify(consumerTsconfig, null, 2) + '\n');
    const { code, output } = await runCommand(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
    tsc = { ok: code === 0, output: output.trim() };
  }
  return { entries: results, typecheck: tsc, ok: results.every((r) => r.problems.length === 0) && (tsc?.ok ?? true) };
}

/** A strict consumer on Node's own module resolution, checking the packages' `.d.ts` files too. */
const consumerTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  },
  files: ['consumer.mts', 'consumer.cts'],
};

async function installedVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

/** One exports-map entry to load, and its probe. */
export interface Check {
  readonly specifier: string;
  readonly esmOnly: boolean;
  readonly probe: SmokeProbe | undefined;
}

/**
 * A Node program that loads each entry (`import` or `require`), runs its probe and prints
 * `{ [specifier]: LoadOutcome }` as JSON. Also used by release:verify's consumers.
 */
export function checkScript(style: 'esm' | 'cjs', checks: readonly Check[]): string {
  const load = style === 'esm' ? 'await import(specifier)' : 'require(specifier)';
  const rows = checks.map((c) => `  [${JSON.stringify(c.specifier)}, ${c.probe ? `(m) => ${c.probe.expression}` : 'undefined'}],`);
  const body = [
    'const checks = [',
    ...rows,
    '];',
    'const out = {};',
    'for (const [specifier, probe] of checks) {',
    '  try {',
    `    const m = ${load};`,
    "    const names = Object.keys(m).filter((k) => k !== '__esModule').sort();",
    '    out[specifier] = { ok: true, names, value: probe === undefined ? null : await probe(m) };',
    '  } catch (e) {',
    '    out[specifier] = { ok: false, error: String(e instanceof Error ? e.message : e) };',
    '  }',
    '}',
    'process.stdout.write(JSON.stringify(out));',
  ];
  return style === 'esm' ? body.join('\n') + '\n' : ['(async () => {', ...body.map((l) => `  ${l}`), '})();', ''].join('\n');
}

/** A TypeScript consumer that imports (`esm`) or requires (`cjs`) each entry and types its probe. */
export function consumerSource(style: 'esm' | 'cjs', checks: readonly Check[]): string {
  return checks
    .map((c, i) => {
      const imp = style === 'esm' ? `import * as m${i} from ${JSON.stringify(c.specifier)};` : `import m${i} = require(${JSON.stringify(c.specifier)});`;
      return c.probe ? `${imp}\n{\n  const m = m${i};\n  void (${c.probe.expression});\n}` : `${imp}\nvoid m${i};`;
    })
    .join('\n') + '\nexport {};\n';
}

async function loadAll(app: string, script: string): Promise<Record<string, LoadOutcome>> {
  const { code, output } = await runCommand(process.execPath, [script], { cwd: app });
  try {
    return JSON.parse(output) as Record<string, LoadOutcome>;
  } catch {
    return Object.fromEntries([[script, { ok: false, error: `node ${script} exited ${code}: ${output.slice(-2000)}` }]]);
  }
}

/** What is wrong with one entry loaded one way: a load error, no exports, or a wrong probe value. */
export function outcomeProblems(how: 'import' | 'require', outcome: LoadOutcome, probe: SmokeProbe | undefined): string[] {
  if (!outcome.ok) return [`${how} failed: ${outcome.error}`];
  const problems: string[] = [];
  if (outcome.names.length === 0) problems.push(`${how} gave a module with no exports`);
  if (probe && JSON.stringify(outcome.value) !== JSON.stringify(probe.want)) {
    problems.push(`${how}: \`${probe.expression}\` gave ${JSON.stringify(outcome.value)}, want ${JSON.stringify(probe.want)}`);
  }
  return problems;
}

/** What is wrong with one entry's outcomes: load errors, wrong probe values, export names that differ. */
function problemsOf(esm: LoadOutcome, cjs: LoadOutcome | undefined, probe: SmokeProbe | undefined): string[] {
  const problems = [...outcomeProblems('import', esm, probe), ...(cjs === undefined ? [] : outcomeProblems('require', cjs, probe))];
  if (esm.ok && cjs?.ok) {
    const onlyEsm = esm.names.filter((n) => !cjs.names.includes(n));
    const onlyCjs = cjs.names.filter((n) => !esm.names.includes(n));
    if (onlyEsm.length > 0) problems.push(`exported by import only: ${onlyEsm.join(', ')}`);
    if (onlyCjs.length > 0) problems.push(`exported by require only: ${onlyCjs.join(', ')}`);
  }
  return problems;
}
