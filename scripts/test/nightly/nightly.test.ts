/**
 * `pnpm nightly`: a dry run end to end on the repository and the offline mirror (with history
 * 3.13.0 playing the locked OpenAPI spec, tests skipped), and the fallback when the locked spec
 * cannot be had, on a minimal fake repository.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { runNightlyCli } from '../../nightly/cli.ts';
import { specKindOf } from '../../nightly/old-specs.ts';
import { prTitle } from '../../nightly/pr-body.ts';
import type { SpecRow } from '../../nightly/run-nightly.ts';

const mirror = join(repoRoot, '..', 'shared', 'kalshi-specs');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'nightly-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runNightlyCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    repoRoot,
    cwd: repoRoot,
    env,
  });
  return { code, stdout, stderr };
}

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('pnpm nightly --dry-run', () => {
  it('pulls, diffs against the old spec, writes the changeset and PR body, regenerates, and leaves the repository alone', async () => {
    const out = join(scratch, 'out');
    const lock = join(repoRoot, 'specs', 'specs.lock.json');
    const before = { lock: await sha(lock), changesets: (await readdir(join(repoRoot, '.changeset'))).sort(), generated: (await stat(join(repoRoot, 'packages/rest/src/generated'))).mtimeMs };

    const { code, stdout, stderr } = await cli(['--dry-run', '--old', '../shared/kalshi-specs/history/openapi-3.13.0.yaml', '--skip-tests', '--out', out], { KALSHI_SPECS_SOURCE: mirror });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const slug = 'contract-openapi-3-13-0-to-3-31-0-dde10593';
    expect(stdout).toContain('nightly: contract diff openapi 3.13.0 → 3.31.0: operations +37 −9; 35 breaking, 142 non-breaking, 119 docs-only');
    expect(stdout).toContain(`nightly: would commit .changeset/${slug}.md\n`);
    expect(stdout).toContain(`nightly: would open pull request "chore(specs): Kalshi spec update (openapi 3.13.0 → 3.31.0, breaking)" with body ${join(out, 'pr-body.md')}`);

    expect(await readFile(join(out, 'changesets', `${slug}.md`), 'utf8')).toMatch(/^---\n"@kalshi-sdk\/rest": minor\n"@kalshi-sdk\/mock-exchange": minor\n---\n\nKalshi OpenAPI spec 3\.13\.0 → 3\.31\.0: /);
    const body = await readFile(join(out, 'pr-body.md'), 'utf8');
    expect(body).toContain('| `openapi.yaml` | 3.13.0 (`cc8c1df5`) | 3.31.0 (`dde10593`) | 35 breaking, 142 non-breaking, 119 docs-only |');
    expect(body).toContain('| `asyncapi.yaml` | 2.0.0 (`902d9a36`) | 2.0.0 (`902d9a36`) | unchanged |');
    expect(body).toContain(`- \`.changeset/${slug}.md\`: \`@kalshi-sdk/rest\` minor, \`@kalshi-sdk/mock-exchange\` minor`);
    expect(body).toContain('## Contract diff: OpenAPI (REST) 3.13.0 → 3.31.0');
    expect(body.length).toBeLessThanOrEqual(60_000);
    const summary = JSON.parse(await readFile(join(out, 'nightly.json'), 'utf8')) as { steps: { name: string; status: string }[]; changed: boolean };
    expect(summary.steps.map((s) => `${s.name} ${s.status}`)).toEqual(['pull passed', 'diff passed', 'generate passed', 'test skipped']);
    expect(body).toMatch(/- `@kalshi-sdk\/rest` from `openapi.yaml` 3\.31\.0: \d+ operations/);

    expect(await sha(lock)).toBe(before.lock);
    expect((await readdir(join(repoRoot, '.changeset'))).sort()).toEqual(before.changesets);
    expect((await stat(join(repoRoot, 'packages/rest/src/generated'))).mtimeMs).toBe(before.generated);
  }, 120_000);

  /** A repository whose lock pins bytes no source serves any more; its one source serves the mirror's dictionary. */
  async function fakeRepo(name: string) {
    const root = join(scratch, name);
    const served = join(scratch, `${name}-served`);
    await mkdir(join(root, 'specs'), { recursive: true });
    await mkdir(join(root, 'packages', 'fix'), { recursive: true });
    await mkdir(served, { recursive: true });
    const dictionary = await readFile(join(mirror, 'kalshi-fix-dictionary.xml'));
    await writeFile(join(served, 'kalshi-fix-dictionary.xml'), dictionary);
    await writeFile(join(root, 'packages/fix/package.json'), JSON.stringify({ name: '@kalshi-sdk/fix', version: '0.2.0' }));
    const source = join(served, 'kalshi-fix-dictionary.xml');
    const entry = { name: 'fix-dictionary', file: 'kalshi-fix-dictionary.xml', kind: 'xml', url: source, version: 'v1.02', bytes: 10, sha256: 'f'.repeat(64), sources: [source] };
    await writeFile(join(root, 'specs/specs.lock.json'), JSON.stringify({ specs: [entry] }));
    const newSha = createHash('sha256').update(dictionary).digest('hex');
    return { root, entry, newSha, slug: `contract-fix-uncompared-to-v1-03-fixt-1-1-${newSha.slice(0, 8)}` };
  }

  async function runIn(root: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = '';
    const code = await runNightlyCli(argv, { stdout: (t) => (stdout += t), stderr: () => undefined, repoRoot: root, cwd: root, env });
    return { code, stdout };
  }

  it('assumes a breaking change, and fails the diff step, when the locked spec is nowhere to be had', async () => {
    const { root, entry, slug } = await fakeRepo('fake-dry');
    const out = join(scratch, 'fake-dry-out');
    const { code, stdout } = await runIn(root, ['--dry-run', '--skip-tests', '--out', out]);

    expect(code).toBe(1);
    expect(stdout).toContain(`nightly: would commit specs/specs.lock.json, .changeset/${slug}.md\n`);
    expect(stdout).toContain('nightly: failed  diff: 1 changed spec(s) could not be compared');
    expect(await readFile(join(out, 'changesets', `${slug}.md`), 'utf8')).toMatch(/^---\n"@kalshi-sdk\/fix": minor\n---\n\nKalshi kalshi-fix-dictionary\.xml updated to v1\.03 \(FIXT\.1\.1\) .* assumes breaking changes\.\n$/s);
    // The dry run changed only its copy.
    expect(JSON.parse(await readFile(join(root, 'specs/specs.lock.json'), 'utf8'))).toEqual({ specs: [entry] });
  }, 60_000);

  it('without --dry-run, updates the lock and .changeset/ and hands the workflow its outputs', async () => {
    const { root, newSha, slug } = await fakeRepo('fake-real');
    const out = join(scratch, 'fake-real-out');
    const githubOutput = join(scratch, 'github-output');
    const { code } = await runIn(root, ['--skip-tests', '--out', out], { GITHUB_OUTPUT: githubOutput });

    expect(code).toBe(1);
    expect(JSON.parse(await readFile(join(root, 'specs/specs.lock.json'), 'utf8'))).toMatchObject({ specs: [{ version: 'v1.03 (FIXT.1.1)', sha256: newSha }] });
    expect(await readdir(join(root, '.changeset'))).toEqual([`${slug}.md`]);
    expect((await readFile(githubOutput, 'utf8')).split('\n')).toEqual([
      'changed=true',
      'ok=false',
      'title=chore(specs): Kalshi spec update (fix ? → v1.03 (FIXT.1.1), breaking)',
      `body-path=${join(out, 'pr-body.md')}`,
      '',
    ]);
  }, 60_000);

  it.each([
    ['--old without --dry-run', ['--old', 'x.yaml'], 'nightly: USAGE: --old is for --dry-run only'],
    ['an unknown option', ['--dry-run', '--fast'], "nightly: USAGE: Unknown option '--fast'"],
    ['an --old file that is no spec', ['--dry-run', '--old', 'package.json'], 'nightly: OLD_SPEC_INVALID: --old'],
  ])('exits 2 on %s', async (_name, argv, want) => {
    const { code, stderr } = await cli([...argv, '--out', join(scratch, 'unused')]);
    expect(code).toBe(2);
    expect(stderr).toContain(want);
  });
});

describe('helpers', () => {
  it.each([
    ['OpenAPI YAML', { given: '# comment\nopenapi: 3.0.0\ninfo: {}\n', want: 'openapi' }],
    ['AsyncAPI YAML', { given: 'asyncapi: 3.0.0\n', want: 'asyncapi' }],
    ['OpenAPI JSON', { given: '{\n  "openapi": "3.1.0"\n}', want: 'openapi' }],
    ['a FIX dictionary', { given: '<?xml version="1.0"?>\n<fix major="5"></fix>', want: 'fix' }],
    ['anything else', { given: 'swagger: "2.0"\n', want: undefined }],
  ])('specKindOf reads %s', (_name, { given, want }) => {
    expect(specKindOf(new TextEncoder().encode(given))).toBe(want);
  });

  const row = (r: Partial<SpecRow>): SpecRow => ({ file: 'openapi.yaml', kind: 'openapi', status: 'changed', old: undefined, new: undefined, ...r });
  it.each<[string, { given: SpecRow[]; want: string }]>([
    ['nothing changed', { given: [row({ status: 'unchanged' })], want: 'chore(specs): Kalshi specs unchanged' }],
    [
      'a file edited without a version bump',
      { given: [row({ old: { version: '3.31.0', sha256: 'a'.repeat(64), source: 'x' }, new: { version: '3.31.0', sha256: 'b'.repeat(64) } })], want: 'chore(specs): Kalshi spec update (openapi 3.31.0 (bbbbbbbb))' },
    ],
    ['a spec that could not be compared', { given: [row({ kind: 'fix', status: 'not-compared', new: { version: 'v1.04', sha256: 'c'.repeat(64) } })], want: 'chore(specs): Kalshi spec update (fix ? → v1.04, breaking)' }],
  ])('prTitle for %s', (_name, { given, want }) => {
    expect(prTitle(given)).toBe(want);
  });
});
