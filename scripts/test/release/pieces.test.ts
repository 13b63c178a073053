import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { listPublishablePackages } from '../../packaging/workspace.ts';
import { ONE_OPERATION_APPS } from '../../release/bundles.ts';
import { Cleanup } from '../../release/cleanup.ts';
import { dependencyCount, directoryBytes, installTable } from '../../release/measure.ts';
import { npmEnv, withoutProvenance } from '../../release/publish.ts';
import { parseMockBanner } from '../../release/rest-call.ts';
import { overBudget, readBudget } from '../../release/size-budget.ts';
import { copyForRelease } from '../../release/work-copy.ts';

const execFileAsync = promisify(execFile);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'release-pieces-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('measure', () => {
  it('counts the packages a lockfile installs besides the package itself', () => {
    const lock = { lockfileVersion: 3, packages: { '': {}, 'node_modules/@kalshi-sdk/rest': {}, 'node_modules/openapi-fetch': {}, 'node_modules/a/node_modules/b': {} } };
    expect(dependencyCount(JSON.stringify(lock), '@kalshi-sdk/rest')).toBe(2);
  });

  it('sums file sizes without following links', async () => {
    const dir = join(scratch, 'sizes');
    await mkdir(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'a'), 'x'.repeat(100));
    await writeFile(join(dir, 'sub', 'b'), 'y'.repeat(23));
    await symlink(join(dir, 'a'), join(dir, 'link'));
    expect(await directoryBytes(dir)).toBe(123);
  });

  it('tabulates install time, dependencies and size', () => {
    expect(installTable([{ name: '@kalshi-sdk/auth', version: '0.1.0', installMs: 3210, dependencies: 0, installBytes: 359_834 }]).split('\n')[2]).toBe(
      '| `@kalshi-sdk/auth@0.1.0` | 3.2 s | 0 | 351.4 KB (359834 B) |',
    );
  });
});

describe('publish', () => {
  it('drops only provenance from publishConfig (there is no CI OIDC token to sign it with)', () => {
    const out = JSON.parse(withoutProvenance(JSON.stringify({ name: 'x', publishConfig: { access: 'public', provenance: true } })));
    expect(out).toEqual({ name: 'x', publishConfig: { access: 'public' } });
  });

  it('reads no npm config of this machine and no registry inherited from a parent script', () => {
    vi.stubEnv('npm_config_registry', 'http://elsewhere.invalid/');
    vi.stubEnv('npm_config_@kalshi-sdk:registry', 'http://elsewhere.invalid/');
    try {
      const env = npmEnv('/tmp/empty.npmrc');
      expect(env['npm_config_userconfig']).toBe('/tmp/empty.npmrc');
      expect(env['npm_config_globalconfig']).toBe('/tmp/empty.npmrc.global');
      expect(env['npm_config_registry']).toBeUndefined();
      expect(env['npm_config_@kalshi-sdk:registry']).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('parseMockBanner', () => {
  const banner = 'rest_url=http://127.0.0.1:8080/trade-api/v2\nws_url=ws://127.0.0.1:8080/trade-api/ws/v2\napi_key_id=k-1\nprivate_key_file=/tmp/k/private-key.pem\ncoverage=117/117\n';

  it('waits for ready, then reads the URL and key files', () => {
    expect(parseMockBanner(banner)).toBeUndefined();
    expect(parseMockBanner(`${banner}ready\n`)).toEqual({ restUrl: 'http://127.0.0.1:8080/trade-api/v2', apiKeyId: 'k-1', privateKeyFile: '/tmp/k/private-key.pem' });
  });

  it('names a line missing before ready', () => {
    expect(() => parseMockBanner('rest_url=http://x\nready\n')).toThrow('kalshi-mock printed no api_key_id= line before ready');
  });
});

describe('size budget', () => {
  it('has ceilings and a one-operation app for every publishable package', async () => {
    const budget = await readBudget();
    const names = (await listPublishablePackages(repoRoot)).map((p) => p.name);
    expect(Object.keys(budget).sort()).toEqual(names);
    expect(Object.keys(ONE_OPERATION_APPS).sort()).toEqual(names);
    for (const name of names) expect(budget[name]!.installBytes, name).toBeGreaterThan(0);
  });

  it('reports each figure above its ceiling, and only those', () => {
    const budget = { '@x/a': { installBytes: 100, dependencies: 2, bundleBytes: 50 } };
    expect(overBudget(budget, { '@x/a': { installBytes: 100, dependencies: 3 } })).toEqual([{ name: '@x/a', figure: 'dependencies', measured: 3, ceiling: 2 }]);
    expect(() => overBudget(budget, { '@x/b': { bundleBytes: 1 } })).toThrow(expect.objectContaining({ code: 'BUDGET_INVALID', value: '@x/b' }));
  });

  it('refuses a budget file with a figure that is not a byte count, naming it', async () => {
    const file = join(scratch, 'budget.json');
    await writeFile(file, JSON.stringify({ packages: { '@x/a': { installBytes: '1 MB', dependencies: 1, bundleBytes: 1 } } }));
    await expect(readBudget(file)).rejects.toMatchObject({ code: 'BUDGET_INVALID', value: '@x/a.installBytes' });
  });
});

describe('Cleanup', () => {
  it('runs every step once, last added first, past a failing step', async () => {
    const ran: string[] = [];
    const cleanup = new Cleanup();
    cleanup.add(async () => void ran.push('registry'));
    cleanup.add(async () => {
      ran.push('mock');
      throw new Error('already gone');
    });
    cleanup.add(async () => void ran.push('scratch'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await Promise.all([cleanup.run(), cleanup.run()]);
    errors.mockRestore();
    expect(ran).toEqual(['scratch', 'mock', 'registry']);
  });

  it('on SIGTERM cleans up, then exits 143', async () => {
    const cleanup = new Cleanup();
    let cleaned = false;
    cleanup.add(async () => void (cleaned = true));
    const exited = new Promise<number>((resolve) => {
      const off = cleanup.onSignals((code) => {
        off();
        resolve(code);
      });
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    process.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(143);
    errors.mockRestore();
    expect(cleaned).toBe(true);
  });
});

describe('copyForRelease', () => {
  it('copies what git knows plus dist/, src/generated/ and node_modules links, and nothing git ignores', async () => {
    const root = join(scratch, 'repo');
    const put = async (path: string, text = 'x') => {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    };
    await put('.gitignore', 'dist/\nnode_modules/\n**/src/generated/\n*.log\n');
    await put('package.json', '{}');
    await put('.changeset/first.md', '---\n"a": minor\n---\n\nFirst.\n');
    await put('packages/a/package.json', '{"name":"a","version":"0.0.0"}');
    await put('packages/a/src/index.ts');
    await put('packages/a/src/generated/types.ts');
    await put('packages/a/dist/index.js');
    await put('packages/a/debug.log');
    await put('node_modules/.keep');
    await mkdir(join(root, 'packages/a/node_modules'), { recursive: true });
    await symlink('../../../node_modules/.keep', join(root, 'packages/a/node_modules/dep'));
    await execFileAsync('git', ['init', '-q'], { cwd: root });
    await execFileAsync('git', ['add', '.gitignore', 'package.json', 'packages/a/package.json'], { cwd: root });

    const dest = join(scratch, 'copy');
    expect(await copyForRelease(root, dest)).toBe(5); // 3 tracked + 2 untracked, not ignored
    const copied = await listFiles(dest);
    expect(copied).toEqual(
      ['.changeset/first.md', '.gitignore', 'package.json', 'packages/a/dist/index.js', 'packages/a/package.json', 'packages/a/src/generated/types.ts', 'packages/a/src/index.ts'].sort(),
    );
    expect(await readlink(join(dest, 'packages/a/node_modules/dep'))).toBe('../../../node_modules/.keep');
    expect(await readlink(join(dest, 'node_modules'))).toBe(join(root, 'node_modules'));
  });
});

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}
