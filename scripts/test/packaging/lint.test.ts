import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEsmOnly, lintTarball } from '../../packaging/lint.ts';
import { packPackage } from '../../packaging/pack.ts';
import { PackagingError } from '../../packaging/errors.ts';
import { writeFixturePackage, type FixtureVariant } from './fixtures.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lint-packages-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function lint(variant: FixtureVariant) {
  const pkg = await writeFixturePackage(scratch, variant);
  return lintTarball(await packPackage(pkg, scratch));
}

describe('lintTarball', () => {
  it.each<[string, { given: FixtureVariant; want: { failed: boolean; codes: string[] } }]>([
    ['passes a dual package with types for both', { given: 'dual', want: { failed: false, codes: [] } }],
    ['passes `#` imports copied into the CJS build\'s package.json', { given: 'hash-imports', want: { failed: false, codes: [] } }],
    ['passes a package that is ESM-only on purpose', { given: 'esm-only', want: { failed: false, codes: [] } }],
    ['fails types listed after the conditions and a root node10 cannot resolve', { given: 'types-last', want: { failed: true, codes: ['EXPORTS_TYPES_SHOULD_BE_FIRST', 'NoResolution'] } }],
    ['fails ESM declarations describing the CJS build', { given: 'cjs-types-are-esm', want: { failed: true, codes: ['EXPORTS_TYPES_INVALID_FORMAT', 'FalseESM'] } }],
  ])('%s', async (_name, { given, want }) => {
    const result = await lint(given);
    const failing = result.findings.filter((f) => f.level !== 'suggestion').map((f) => f.code);
    expect(result.failed).toBe(want.failed);
    expect(failing.sort()).toEqual(want.codes);
  });

  it.each([
    ['no require condition', { given: { '.': { types: './a.d.ts', default: './a.js' } }, want: true }],
    ['a nested require condition', { given: { '.': { import: './a.js', require: { default: './a.cjs' } } }, want: false }],
  ])('isEsmOnly: %s', (_name, { given, want }) => {
    expect(isEsmOnly(given)).toBe(want);
  });

  it('refuses to pack a package that was not built', async () => {
    const pkg = { name: '@fixture/none', version: '1.0.0', dir: join(scratch, 'none'), entries: ['.'] };
    await expect(packPackage(pkg, scratch)).rejects.toMatchObject({ code: 'PACKAGE_NOT_BUILT', value: '@fixture/none' } satisfies Partial<PackagingError>);
  });
});
