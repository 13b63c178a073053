/**
 * The GitHub workflows cannot run here, so they may only call what runs and is tested locally:
 * every `pnpm <script>` they run is a root script, pnpm is the pinned version, and the nightly
 * job reads only outputs that `pnpm nightly` writes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../lib/repo.ts';
import { workflowOutputs } from '../nightly/cli.ts';

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}
interface Workflow {
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, { readonly steps: readonly Step[]; readonly needs?: string }>;
}

const names = ['ci', 'nightly', 'release', 'pages'] as const;
const workflows = Object.fromEntries(
  await Promise.all(names.map(async (n) => [n, parse(await readFile(join(repoRoot, '.github/workflows', `${n}.yml`), 'utf8')) as Workflow] as const)),
) as Record<(typeof names)[number], Workflow>;
const root = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string; scripts: Record<string, string> };
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const builtIn = new Set(['install', 'exec']);

describe.each(names)('%s.yml', (name) => {
  const w = workflows[name];

  it('runs only root package scripts', () => {
    const called = steps(w).flatMap((s) => [...`${s.run ?? ''} ${String(s.with?.['version'] ?? '')} ${String(s.with?.['publish'] ?? '')}`.matchAll(/\bpnpm (?:run )?([a-z][\w:-]*)/g)].map((m) => m[1] ?? ''));
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) if (!builtIn.has(script)) expect(root.scripts, `pnpm ${script}`).toHaveProperty([script]);
  });

  it('installs the pinned pnpm from the lockfile', () => {
    const setup = steps(w).find((s) => s.uses?.startsWith('pnpm/action-setup@'));
    expect(`pnpm@${String(setup?.with?.['version'])}`).toBe(root.packageManager);
    expect(steps(w).some((s) => s.run === 'pnpm install --frozen-lockfile')).toBe(true);
  });
});

describe('specific jobs', () => {
  it('ci runs the spec, test, surface, packaging, release, runtime and docs checks', () => {
    const runs = steps(workflows.ci).map((s) => s.run ?? '');
    for (const want of ['pnpm specs:pull --check', 'pnpm generate', 'pnpm build', 'pnpm test', 'pnpm surface:check', 'pnpm lint:packages', 'pnpm pack:smoke', 'pnpm size:check', 'pnpm release:verify', 'pnpm test:runtimes', 'pnpm test:node-versions', 'pnpm docs:check']) expect(runs).toContain(want);
  });

  it('nightly reads only the outputs pnpm nightly writes', () => {
    const text = JSON.stringify(workflows.nightly);
    const read = [...text.matchAll(/steps\.nightly\.outputs\.([\w-]+)/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const key of read) expect(workflowOutputs).toContain(key);
  });

  it('release publishes with npm provenance through OIDC', () => {
    expect(workflows.release.permissions?.['id-token']).toBe('write');
    const action = steps(workflows.release).find((s) => s.uses?.startsWith('changesets/action@'));
    expect(action?.env?.['NPM_CONFIG_PROVENANCE']).toBe('true');
    expect(action?.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm changeset publish' });
  });

  it('pages builds the site with pnpm run docs and deploys what it wrote to GitHub Pages', async () => {
    const { out } = JSON.parse(await readFile(join(repoRoot, 'typedoc.json'), 'utf8')) as { out: string };
    const { build, deploy } = workflows.pages.jobs;
    expect(workflows.pages.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const runs = build?.steps.map((s) => s.run ?? '') ?? [];
    expect(runs.indexOf('pnpm build')).toBeGreaterThan(-1);
    // `pnpm docs` alone is pnpm's own command (npm docs), never the script.
    expect(runs.indexOf('pnpm run docs')).toBeGreaterThan(runs.indexOf('pnpm build'));
    const upload = build?.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.['path']).toBe(out);
    expect(deploy?.needs).toBe('build');
    expect(deploy?.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });
});
