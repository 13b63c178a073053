import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entrySpecifier, listPublishablePackages, withWorkspaceDependencies } from '../../packaging/workspace.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'workspace-'));
  const pkgs: Record<string, object> = {
    auth: { name: '@k/auth', version: '0.1.0', exports: { '.': './dist/index.js', './web': './dist/web.js', './package.json': './package.json' } },
    money: { name: '@k/money', version: '0.2.0', dependencies: { 'big.js': '7.0.1' } },
    rest: { name: '@k/rest', version: '0.3.0', dependencies: { '@k/auth': 'workspace:*', '@k/money': 'workspace:*' } },
    mock: { name: '@k/mock', version: '0.4.0', dependencies: { '@k/rest': 'workspace:*' } },
    tools: { name: '@k/tools', version: '0.0.0', private: true },
  };
  for (const [dir, manifest] of Object.entries(pkgs)) {
    await mkdir(join(root, 'packages', dir), { recursive: true });
    await writeFile(join(root, 'packages', dir, 'package.json'), JSON.stringify(manifest));
  }
  await mkdir(join(root, 'packages', 'notes'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('listPublishablePackages', () => {
  it('lists public packages by name, with their module entries', async () => {
    const all = await listPublishablePackages(root);
    expect(all.map((p) => [p.name, p.entries])).toEqual([
      ['@k/auth', ['.', './web']],
      ['@k/mock', ['.']],
      ['@k/money', ['.']],
      ['@k/rest', ['.']],
    ]);
    expect(entrySpecifier({ name: '@k/auth' }, './web')).toBe('@k/auth/web');
  });

  it('selects by full or short name, and refuses an unknown one', async () => {
    expect((await listPublishablePackages(root, ['rest', '@k/auth'])).map((p) => p.name)).toEqual(['@k/auth', '@k/rest']);
    await expect(listPublishablePackages(root, ['rest', 'tools'])).rejects.toMatchObject({ code: 'PACKAGE_UNKNOWN', value: ['tools'] });
  });

  it.each([
    ['a leaf', { given: ['money'], want: ['@k/money'] }],
    ['transitive workspace dependencies', { given: ['mock'], want: ['@k/mock', '@k/rest', '@k/auth', '@k/money'] }],
  ])('withWorkspaceDependencies adds %s', async (_name, { given, want }) => {
    const all = await listPublishablePackages(root);
    expect(withWorkspaceDependencies(await listPublishablePackages(root, given), all).map((p) => p.name)).toEqual(want);
  });
});
