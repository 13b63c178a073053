import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { BUGS_URL, HOMEPAGE, metadataProblems, missingSources, REPOSITORY_URL, tarballProblems, trustProblems } from '../../packaging/metadata.ts';
import { packPackage } from '../../packaging/pack.ts';
import { listPublishablePackages } from '../../packaging/workspace.ts';

const good = {
  name: '@kalshi-sdk/x',
  license: 'MIT',
  repository: { type: 'git', url: REPOSITORY_URL, directory: 'packages/x' },
  homepage: HOMEPAGE,
  bugs: { url: BUGS_URL },
  keywords: ['kalshi', 'prediction-markets'],
  engines: { node: '>=20' },
  sideEffects: false,
  publishConfig: { access: 'public', provenance: true },
  files: ['dist', 'src', 'README.md', 'CHANGELOG.md', 'LICENSE'],
};

describe('metadataProblems', () => {
  it('accepts complete metadata', () => {
    expect(metadataProblems(good, 'packages/x')).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a repository without its folder', { repository: { type: 'git', url: REPOSITORY_URL } }, 'repository is'],
    ['publishConfig without provenance', { publishConfig: { access: 'public' } }, 'publishConfig is {"access":"public"}, want'],
    ['no keywords', { keywords: [] }, 'keywords is [], want'],
    ['files without the LICENSE', { files: ['dist', 'README.md', 'CHANGELOG.md'] }, 'files is'],
    ['a sideEffects string', { sideEffects: 'yes' }, 'sideEffects is "yes"'],
  ])('names the field and value of %s', (_name, change, want) => {
    const problems = metadataProblems({ ...good, ...change }, 'packages/x');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(want);
  });
});

describe('tarball contents', () => {
  const files = (paths: Record<string, string>) => ({ list: () => Object.keys(paths), read: (p: string) => paths[p]! });
  const map = (sources: string[], sourcesContent?: string[]) => JSON.stringify({ version: 3, sources, sourcesContent, mappings: '' });

  it('finds a source map naming an unshipped source, and accepts a shipped or inlined one', () => {
    const all = new Set(['dist/a.js.map', 'src/a.ts']);
    expect(missingSources('dist/a.js.map', map(['../src/a.ts']), all)).toEqual([]);
    expect(missingSources('dist/cjs/b.js.map', map(['../../src/b.ts']), all)).toEqual(['../../src/b.ts']);
    expect(missingSources('dist/cjs/b.js.map', map(['../../src/b.ts'], ['export {}']), all)).toEqual([]);
  });

  it('names each required file missing from the tarball', () => {
    expect(tarballProblems(files({ 'package.json': '{}', 'README.md': '' }))).toEqual(['CHANGELOG.md is not in the tarball', 'LICENSE is not in the tarball']);
  });
});

describe('every publishable package', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'release-metadata-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('packs with full metadata, README, CHANGELOG, LICENSE and source maps that resolve', async () => {
    const problems: Record<string, string[]> = {};
    for (const pkg of await listPublishablePackages(repoRoot)) {
      const found = await trustProblems(await packPackage(pkg, scratch), relative(repoRoot, pkg.dir));
      if (found.length > 0) problems[pkg.name] = found;
    }
    expect(problems).toEqual({});
  }, 120_000);
});
