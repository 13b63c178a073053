import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bumpLevel,
  classifyKind,
  diffSpecs,
  parseSpec,
  planChangeset,
  readPackageVersions,
  renderChangeset,
  renderJson,
  renderMarkdown,
  rules,
  runCli,
  summaryLine,
  writeChangeset,
  type DiffReport,
} from '../../contract-diff/index.ts';

type Json = Record<string, unknown>;
const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** v1 → v2: one operation removed (breaking), one added, a field added, a description changed. */
const v1: Json = {
  openapi: '3.0.0',
  info: { title: 't', version: '1.0.0' },
  paths: {
    '/a|b': { get: { operationId: 'GetPipe', responses: {} } },
    '/markets': {
      get: {
        operationId: 'GetMarkets',
        description: 'old words',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ticker: { type: 'string' } } } } } } },
      },
    },
  },
};
const v2: Json = {
  ...v1,
  info: { title: 't', version: '1.1.0' },
  paths: {
    '/events': { get: { operationId: 'GetEvents', responses: {} } },
    '/markets': {
      get: {
        operationId: 'GetMarkets',
        description: 'new words',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ticker: { type: 'string' }, title: { type: 'string' } } } } } } },
      },
    },
  },
};

const report = (a: Json, b: Json): DiffReport => diffSpecs(parseSpec(JSON.stringify(a), 'v1.json'), parseSpec(JSON.stringify(b), 'v2.json'));

describe('reports', () => {
  const r = report(v1, v2);

  it('summarizes counts in one line', () => {
    expect(summaryLine(r)).toBe('openapi 1.0.0 → 1.1.0: operations +1 −1; 1 breaking, 2 non-breaking, 1 docs-only');
  });

  it('names both sha256s when the version did not change', () => {
    const same = report(v1, { ...v2, info: v1['info'] });
    expect(summaryLine(same)).toMatch(/^openapi 1\.0\.0 \([0-9a-f]{8}\) → 1\.0\.0 \([0-9a-f]{8}\): /);
  });

  it('renders Markdown grouped breaking → non-breaking → docs-only, cells escaped', () => {
    const md = renderMarkdown(r);
    expect(md).toContain('| 1 | 2 | 1 | +1 −1 |');
    expect(md).toContain('| operation removed | `GET /a\\|b (GetPipe)` | both |  |');
    const order = ['### Breaking (1)', '### Non-breaking (2)', '<details><summary>Docs-only (1)</summary>'].map((h) => md.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('stays inside a size budget, breaking rows first', () => {
    const md = renderMarkdown(r, { maxChars: 900 });
    expect(md).toContain('`GET /a\\|b (GetPipe)`');
    expect(md).toContain('more (see the JSON report).');
    expect(md.length).toBeLessThanOrEqual(900);
  });

  it('says so when nothing changed', () => {
    expect(renderMarkdown(report(v1, v1))).toContain('No contract changes.');
  });

  it('renders the report itself as JSON', () => {
    expect(JSON.parse(renderJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});

describe('classification', () => {
  it('README.md documents exactly the rules the code applies', async () => {
    const readme = await readFile(join(scriptsDir, 'contract-diff', 'README.md'), 'utf8');
    const documented = Object.fromEntries([...readme.matchAll(/^\| `([a-z-]+)` \| ([a-z-]+) \| ([a-z-]+) \|$/gm)].map((m) => [m[1], { sent: m[2], received: m[3] }]));
    expect(documented).toEqual(rules);
  });

  it.each<[string, { given: Parameters<typeof classifyKind>; want: string }]>([
    ['`both` takes the stricter side', { given: ['enum-value-added', 'both'], want: 'breaking' }],
    ['sent', { given: ['enum-value-added', 'sent'], want: 'non-breaking' }],
    ['received', { given: ['enum-value-added', 'received'], want: 'breaking' }],
    ['docs stay docs', { given: ['description-changed', 'both'], want: 'docs-only' }],
  ])('%s', (_, { given, want }) => {
    expect(classifyKind(...given)).toBe(want);
  });
});

describe('changesets', () => {
  const versions = { '@kalshi-sdk/rest': '0.3.1', '@kalshi-sdk/mock-exchange': '1.2.0', '@kalshi-sdk/ws': '0.1.0', '@kalshi-sdk/fix': '0.1.0' };

  it.each<[string, { given: Parameters<typeof bumpLevel>; want: string }]>([
    ['breaking before 1.0', { given: ['breaking', '0.3.1'], want: 'minor' }],
    ['non-breaking before 1.0', { given: ['non-breaking', '0.3.1'], want: 'patch' }],
    ['docs-only before 1.0', { given: ['docs-only', '0.0.0'], want: 'patch' }],
    ['breaking from 1.0', { given: ['breaking', '1.2.0'], want: 'major' }],
    ['non-breaking from 1.0', { given: ['non-breaking', '1.2.0'], want: 'minor' }],
    ['docs-only from 1.0', { given: ['docs-only', '2.0.0'], want: 'patch' }],
  ])('bump: %s', (_, { given, want }) => {
    expect(bumpLevel(...given)).toBe(want);
  });

  it('bumps the packages the spec feeds, each by its own version', () => {
    const plan = planChangeset(report(v1, v2), versions);
    expect(plan?.releases).toEqual({ '@kalshi-sdk/rest': 'minor', '@kalshi-sdk/mock-exchange': 'major' });
    expect(plan?.slug).toMatch(/^contract-openapi-1-0-0-to-1-1-0-[0-9a-f]{8}$/);
    const text = renderChangeset(plan!);
    expect(text.split('\n').slice(0, 5)).toEqual(['---', '"@kalshi-sdk/rest": minor', '"@kalshi-sdk/mock-exchange": major', '---', '']);
    expect(text).toContain('1 operations added, 1 removed; 1 breaking, 2 non-breaking and 1 docs-only changes.');
    expect(text).toContain('- operation removed: `GET /a|b (GetPipe)`');
    expect(text).toContain('- operation added: `GET /events (GetEvents)`');
  });

  it('plans nothing for an empty diff and refuses unknown packages', () => {
    expect(planChangeset(report(v1, v1), versions)).toBeUndefined();
    expect(() => planChangeset(report(v1, v2), {})).toThrowError(expect.objectContaining({ code: 'PACKAGE_UNKNOWN', value: '@kalshi-sdk/rest' }));
  });

  it('writes .changeset/<slug>.md', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'changeset-'));
    const plan = planChangeset(report(v1, v2), versions)!;
    const path = await writeChangeset(plan, join(dir, '.changeset'));
    expect(path).toBe(join(dir, '.changeset', `${plan.slug}.md`));
    expect(await readFile(path, 'utf8')).toBe(renderChangeset(plan));
  });
});

describe('CLI', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'contract-diff-'));
    for (const [dir, name, version] of [['rest', '@kalshi-sdk/rest', '0.2.0'], ['mock-exchange', '@kalshi-sdk/mock-exchange', '0.2.0'], ['notes', '', '']] as const) {
      await mkdir(join(root, 'packages', dir), { recursive: true });
      if (name) await writeFile(join(root, 'packages', dir, 'package.json'), JSON.stringify({ name, version }));
    }
    await writeFile(join(root, 'v1.json'), JSON.stringify(v1));
    await writeFile(join(root, 'v2.json'), JSON.stringify(v2));
  });

  async function run(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root, repoRoot: root });
    return { code, stdout, stderr };
  }

  it.each<[string, { given: string[]; want: { code: number; stderr: RegExp } }]>([
    ['breaking → 1', { given: ['v1.json', 'v2.json'], want: { code: 1, stderr: /^1 breaking change\(s\)/ } }],
    ['--allow-breaking → 0', { given: ['v1.json', 'v2.json', '--allow-breaking'], want: { code: 0, stderr: /^$/ } }],
    ['no breaking → 0', { given: ['v2.json', 'v2.json'], want: { code: 0, stderr: /^$/ } }],
    ['a leading -- is ignored', { given: ['--', 'v2.json', 'v2.json'], want: { code: 0, stderr: /^$/ } }],
    ['one file → 2', { given: ['v1.json'], want: { code: 2, stderr: /^contract-diff: USAGE: / } }],
    ['unknown flag → 2', { given: ['v1.json', 'v2.json', '--nope'], want: { code: 2, stderr: /^contract-diff: USAGE: / } }],
    ['missing file → 2', { given: ['v1.json', 'v9.json'], want: { code: 2, stderr: /^contract-diff: SPEC_UNREADABLE: / } }],
  ])('%s', async (_, { given, want }) => {
    const r = await run(...given);
    expect(r.code).toBe(want.code);
    expect(r.stderr).toMatch(want.stderr);
  });

  it('prints Markdown and the summary when no output file is given', async () => {
    const r = await run('v1.json', 'v2.json');
    expect(r.stdout).toMatch(/^## Contract diff: OpenAPI \(REST\) 1\.0\.0 → 1\.1\.0\n/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('openapi 1.0.0 → 1.1.0: operations +1 −1; 1 breaking, 2 non-breaking, 1 docs-only');
  });

  it('writes --json, --markdown and --changeset', async () => {
    const r = await run('v1.json', 'v2.json', '--json', 'out.json', '--markdown', 'out.md', '--changeset', '--allow-breaking');
    expect(r.code).toBe(0);
    const json = JSON.parse(await readFile(join(root, 'out.json'), 'utf8')) as DiffReport;
    expect(json.summary).toEqual({ breaking: 1, nonBreaking: 2, docsOnly: 1, units: { operations: { added: 1, removed: 1 } } });
    expect(json.old.source).toBe('v1.json');
    expect(await readFile(join(root, 'out.md'), 'utf8')).toContain('### Breaking (1)');
    const files = await readdir(join(root, '.changeset'));
    expect(files).toHaveLength(1);
    expect(await readFile(join(root, '.changeset', files[0] ?? ''), 'utf8')).toMatch(/^---\n"@kalshi-sdk\/rest": minor\n"@kalshi-sdk\/mock-exchange": minor\n---\n/);
    expect(r.stdout).toContain(`changeset: ${join(root, '.changeset', files[0] ?? '')}`);
    expect(await readPackageVersions(root)).toEqual({ '@kalshi-sdk/rest': '0.2.0', '@kalshi-sdk/mock-exchange': '0.2.0' });
  });

  it('runs as `tsx scripts/contract-diff.ts` with the exit code', () => {
    const r = spawnSync(join(scriptsDir, 'node_modules', '.bin', 'tsx'), [join(scriptsDir, 'contract-diff.ts'), 'v1.json', 'v2.json', '--json', 'spawned.json'], {
      cwd: root,
      env: { ...process.env, INIT_CWD: root },
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(/^1 breaking change\(s\)/);
    expect(r.stdout).toBe('openapi 1.0.0 → 1.1.0: operations +1 −1; 1 breaking, 2 non-breaking, 1 docs-only\n');
    expect(r.status).toBe(1);
  });
});
