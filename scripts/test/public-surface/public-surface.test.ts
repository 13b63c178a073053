import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPendingBumps } from '../../public-surface/changesets.ts';
import { checkSurfaces, renderSurfaceReport, updateSurfaces, type SurfacePackage } from '../../public-surface/check.ts';
import { compareSurfaces } from '../../public-surface/compare.ts';
import { entryTypesFile, extractSurface } from '../../public-surface/extract.ts';
import { readSnapshot, renderSnapshot } from '../../public-surface/snapshot.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'public-surface-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const manifest = (name: string, version = '0.3.0') =>
  JSON.stringify({
    name,
    version,
    type: 'module',
    exports: {
      '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' }, require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' } },
      './package.json': './package.json',
    },
  });

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await rm(join(dir, 'dist'), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

let n = 0;
/** A built package whose dist/index.d.ts is `index` (plus `extra` files under dist/). */
async function builtPackage(index: string, extra: Record<string, string> = {}, dir = join(scratch, `pkg-${++n}`)): Promise<string> {
  await writeFiles(dir, { 'package.json': manifest('@fixture/demo'), 'dist/index.d.ts': index, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`dist/${k}`, v])) });
  return dir;
}

async function changesBetween(before: string, after: string, extra: { before?: Record<string, string>; after?: Record<string, string> } = {}) {
  const old = extractSurface(await builtPackage(before, extra.before));
  const now = extractSurface(await builtPackage(after, extra.after));
  return compareSurfaces(old, now).map((c) => [c.severity, c.kind, c.key]);
}

describe('extractSurface', () => {
  it('lists exports, members, internal types they mention, and generated and foreign ones by presence', async () => {
    const dir = await builtPackage(
      [
        "import type { Options } from './options.js';",
        '/** Doc comments are not part of the surface. */',
        'export declare function open(options: Options): Promise<Handle>;',
        'export declare class Handle {',
        '    #private;',
        '    private secret;',
        '    static readonly DEFAULT: Handle;',
        '    constructor(name: string);',
        '    close(): void;',
        '}',
        'export interface Event { readonly at: number; readonly note?: string; }',
        "export declare const LIMIT = 5;",
        "export type { paths } from './generated/openapi.js';",
        "export { Dollars } from '@other/money';",
      ].join('\n'),
      {
        'options.d.ts': 'export interface Options { readonly timeoutMs?: number; }\n',
        'generated/openapi.d.ts': 'export interface paths { "/markets": { get: unknown } }\n',
      },
    );
    await writeFiles(join(dir, 'node_modules/@other/money'), {
      'package.json': JSON.stringify({ name: '@other/money', version: '1.0.0', types: './index.d.ts' }),
      'index.d.ts': 'export declare class Dollars { toWire(): string; }\n',
    });
    expect(extractSurface(dir)).toEqual({
      package: '@fixture/demo',
      version: '0.3.0',
      entries: {
        '(internal):Options': { kind: 'interface', text: 'interface Options' },
        '(internal):Options.timeoutMs': { kind: 'property', text: 'readonly timeoutMs?: number;', parent: '(internal):Options' },
        '.:Dollars': { kind: 're-export', text: 'from @other/money' },
        '.:Event': { kind: 'interface', text: 'interface Event' },
        '.:Event.at': { kind: 'property', text: 'readonly at: number;', parent: '.:Event', required: true },
        '.:Event.note': { kind: 'property', text: 'readonly note?: string;', parent: '.:Event' },
        '.:Handle': { kind: 'class', text: 'class Handle' },
        '.:Handle#close': { kind: 'method', text: 'close(): void;', parent: '.:Handle' },
        '.:Handle.DEFAULT': { kind: 'property', text: 'static readonly DEFAULT: Handle;', parent: '.:Handle' },
        '.:Handle.constructor': { kind: 'constructor', text: 'constructor(name: string);', parent: '.:Handle' },
        '.:LIMIT': { kind: 'variable', text: 'const LIMIT = 5' },
        '.:open': { kind: 'function', text: 'function open(options: Options): Promise<Handle>;' },
        '.:paths': { kind: 'generated', text: 'generated' },
      },
    });
  });

  it('names two unexported declarations of one name by their files', async () => {
    const index = "import type { Opts } from './a.js';\nimport type { Opts as Other } from './b.js';\nexport declare function f(a: Opts, b: Other): void;";
    const dir = await builtPackage(index, { 'a.d.ts': 'export type Opts = string;', 'b.d.ts': 'export type Opts = number;' });
    expect(Object.keys(extractSurface(dir).entries)).toEqual(['(internal):Opts@dist/a.d.ts', '(internal):Opts@dist/b.d.ts', '.:f']);
  });

  it.each([
    ['the import types of a conditional entry', { given: { exports: { '.': { import: { types: './a.d.ts' }, require: { types: './c.d.ts' } } } }, want: './a.d.ts' }],
    ['a plain string entry', { given: { exports: { '.': './dist/x.js' } }, want: './dist/x.d.ts' }],
    ['top-level types without an exports map', { given: { types: './t.d.ts' }, want: './t.d.ts' }],
    ['nothing for an entry without types', { given: { exports: { '.': { import: { default: 5 } } } }, want: undefined }],
  ])('entryTypesFile reads %s', (_name, { given, want }) => {
    expect(entryTypesFile({ name: 'x', version: '1.0.0', ...given }, '.')).toBe(want);
  });

  it('throws PACKAGE_NOT_BUILT when a declaration file is missing', async () => {
    const dir = join(scratch, 'unbuilt');
    await writeFiles(dir, { 'package.json': manifest('@fixture/unbuilt') });
    expect(() => extractSurface(dir)).toThrow(expect.objectContaining({ code: 'PACKAGE_NOT_BUILT' }));
  });
});

describe('compareSurfaces', () => {
  it.each<[string, { before: string; after: string; want: string[][] }]>([
    ['a removed function is breaking', { before: 'export declare function a(): void;\nexport declare function b(): void;', after: 'export declare function a(): void;', want: [['breaking', 'removed', '.:b']] }],
    ['a changed signature is breaking', { before: 'export declare function a(x: number): string;', after: 'export declare function a(x: string): string;', want: [['breaking', 'changed', '.:a']] }],
    [
      'an added overload keeping the old one is not',
      { before: 'export declare function a(x: number): string;', after: 'export declare function a(x: number): string;\nexport declare function a(x: string): string;', want: [['non-breaking', 'overload-added', '.:a']] },
    ],
    ['an added export is not', { before: 'export declare const A = 1;', after: 'export declare const A = 1;\nexport declare const B = 2;', want: [['non-breaking', 'added', '.:B']] }],
    ['an optional interface member is not', { before: 'export interface I { a: string; }', after: 'export interface I { a: string; b?: number; }', want: [['non-breaking', 'added', '.:I.b']] }],
    ['a required interface member is', { before: 'export interface I { a: string; }', after: 'export interface I { a: string; b: number; }', want: [['breaking', 'required-member-added', '.:I.b']] }],
    ['a member becoming optional is', { before: 'export interface I { a: string; }', after: 'export interface I { a?: string; }', want: [['breaking', 'changed', '.:I.a']] }],
    [
      'a new class method is not, a removed one is',
      { before: 'export declare class C { a(): void; }', after: 'export declare class C { b(): void; }', want: [['breaking', 'removed', '.:C#a'], ['non-breaking', 'added', '.:C#b']] },
    ],
    ['a removed class is one row', { before: 'export declare class C { a(): void; b(): void; }', after: 'export {};', want: [['breaking', 'removed', '.:C']] }],
    ['private members and comments do not count', { before: 'export declare class C { a(): void; }', after: 'export declare class C {\n  private x;\n  #private;\n  /** new docs */\n  a(): void;\n}', want: [] }],
    ['an added enum member is not', { before: 'export declare enum E { A = 0 }', after: 'export declare enum E { A = 0, B = 1 }', want: [['non-breaking', 'added', '.:E.B']] }],
  ])('%s', async (_name, { before, after, want }) => {
    expect(await changesBetween(before, after)).toEqual(want);
  });

  it('sees a change to an unexported type that an export uses', async () => {
    const index = "import type { Opts } from './opts.js';\nexport declare function f(o: Opts): void;";
    const want = [['breaking', 'changed', '(internal):Opts.retries']];
    expect(await changesBetween(index, index, { before: { 'opts.d.ts': 'export interface Opts { retries?: number; }' }, after: { 'opts.d.ts': 'export interface Opts { retries?: string; }' } })).toEqual(want);
  });

  it('leaves changes inside generated declarations to the contract diff', async () => {
    const index = "export type { paths } from './generated/openapi.js';";
    const gen = (t: string) => ({ 'generated/openapi.d.ts': `export interface paths { "/a": ${t} }` });
    expect(await changesBetween(index, index, { before: gen('string'), after: gen('number') })).toEqual([]);
  });

  it('treats a package without a snapshot as all new', async () => {
    const now = extractSurface(await builtPackage('export declare const A = 1;'));
    expect(compareSurfaces(undefined, now)).toEqual([{ key: '.:A', kind: 'added', severity: 'non-breaking', after: { kind: 'variable', text: 'const A = 1' } }]);
  });
});

describe('readPendingBumps', () => {
  it('keeps the largest bump per package and skips README.md and none', async () => {
    const dir = join(scratch, 'changesets');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'README.md'), '# not a changeset\n');
    await writeFile(join(dir, 'a.md'), '---\n"@k/x": patch\n"@k/y": none\n---\n\nA.\n');
    await writeFile(join(dir, 'b.md'), "---\n'@k/x': minor\n---\n\nB.\n");
    const bumps = await readPendingBumps(dir);
    expect(Object.fromEntries(bumps)).toEqual({ '@k/x': { level: 'minor', files: ['a.md', 'b.md'] } });
  });

  it.each([
    ['no frontmatter', 'just text\n'],
    ['an unknown bump', '---\n"@k/x": huge\n---\n'],
  ])('throws CHANGESET_INVALID for %s', async (name, text) => {
    const dir = join(scratch, `bad-${name.length}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'x.md'), text);
    await expect(readPendingBumps(dir)).rejects.toMatchObject({ code: 'CHANGESET_INVALID' });
  });
});

describe('checkSurfaces', () => {
  async function repo(name: string, version: string, changeset: string | undefined) {
    const root = join(scratch, `repo-${++n}`);
    const dir = join(root, 'packages', name);
    await writeFiles(dir, { 'package.json': manifest(`@k/${name}`, version), 'dist/index.d.ts': 'export declare function a(x: number): string;\nexport declare function b(): void;' });
    const pkg: SurfacePackage = { name: `@k/${name}`, version, dir };
    await updateSurfaces([pkg]);
    await writeFile(join(dir, 'dist/index.d.ts'), 'export declare function a(x: string): string;\nexport declare function b(): void;\nexport declare function c(): void;');
    if (changeset !== undefined) {
      await mkdir(join(root, '.changeset'), { recursive: true });
      await writeFile(join(root, '.changeset', 'change.md'), changeset);
    }
    return { root, pkg };
  }

  it.each([
    ['fails without a changeset', { version: '0.3.0', changeset: undefined, want: { ok: false, required: 'minor', pending: undefined } }],
    ['fails with too small a bump (0.x: breaking needs minor)', { version: '0.3.0', changeset: '---\n"@k/demo": patch\n---\n\nx\n', want: { ok: false, required: 'minor' } }],
    ['passes with a minor bump before 1.0', { version: '0.3.0', changeset: '---\n"@k/demo": minor\n---\n\nx\n', want: { ok: true, required: 'minor' } }],
    ['needs major from 1.0', { version: '1.2.0', changeset: '---\n"@k/demo": minor\n---\n\nx\n', want: { ok: false, required: 'major' } }],
    ['ignores a changeset for another package', { version: '0.3.0', changeset: '---\n"@k/other": minor\n---\n\nx\n', want: { ok: false, required: 'minor' } }],
  ])('a breaking change %s', async (_name, { version, changeset, want }) => {
    const { root, pkg } = await repo('demo', version, changeset);
    const [result] = await checkSurfaces(root, [pkg]);
    expect(result).toMatchObject({ ...want, hasSnapshot: true, snapshot: 'packages/demo/api/demo.api.json' });
    expect(result?.changes.map((c) => [c.severity, c.key])).toEqual([['breaking', '.:a'], ['non-breaking', '.:c']]);
    const report = renderSurfaceReport(result ? [result] : []);
    expect(report.split('\n')[0]).toMatch(want.ok ? /^ok {3}@k\/demo@/ : new RegExp(`^FAIL @k/demo@${version}: 1 breaking, 1 non-breaking .* needs a changeset with "@k/demo": ${want.required}`));
    expect(report).toContain("BREAKING changed `.:a`: `function a(x: number): string;` → `function a(x: string): string;`");
  });

  it('writes one entry per line and reads the snapshot back', async () => {
    const dir = await builtPackage('export interface I { a: string; }');
    const [path] = await updateSurfaces([{ name: '@fixture/demo', version: '0.3.0', dir }]);
    const text = await readFile(path ?? '', 'utf8');
    expect(text).toBe(renderSnapshot(extractSurface(dir)));
    expect(text.split('\n')).toContain('    ".:I.a": {"kind":"property","text":"a: string;","parent":".:I","required":true}');
    expect(await readSnapshot(dir)).toEqual(extractSurface(dir));
  });
});
