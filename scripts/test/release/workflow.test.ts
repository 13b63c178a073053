import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../lib/repo.ts';

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
}

describe('.github/workflows/release.yml', async () => {
  const workflow = parse(await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8')) as {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const at = (run: string) => steps.findIndex((s) => s.run === run);
  const publishAt = steps.findIndex((s) => s.uses?.startsWith('changesets/action@'));

  it('rehearses the release on loopback and checks the size budget before changesets/action publishes', () => {
    expect(publishAt).toBeGreaterThan(-1);
    for (const run of ['pnpm build', 'pnpm lint:packages', 'pnpm size:check', 'pnpm release:verify']) {
      expect(at(run), run).toBeGreaterThan(-1);
      expect(at(run), run).toBeLessThan(publishAt);
    }
    expect(at('pnpm release:verify')).toBeGreaterThan(at('pnpm build'));
  });

  it('publishes to npm with the NPM_TOKEN secret and a provenance attestation from the OIDC token', () => {
    expect(workflow.permissions['id-token']).toBe('write');
    const action = steps[publishAt]!;
    // changesets/action writes the .npmrc from NPM_TOKEN; the workflow names no registry host.
    expect(action.env).toMatchObject({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}', NPM_CONFIG_PROVENANCE: 'true' });
    expect(steps.some((s) => s.with?.['registry-url'] !== undefined)).toBe(false);
    expect(action.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm changeset publish' });
  });
});
