import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsumers } from '../../release/consumers.ts';
import { writeFixturePackage, type FixtureVariant } from '../packaging/fixtures.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'release-consumers-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A consumer folder with the fixture package "installed" in its node_modules. */
async function consume(variant: FixtureVariant) {
  const dir = join(scratch, variant);
  const pkg = await writeFixturePackage(join(dir, 'node_modules', '@fixture'), variant);
  const outcomes = await runConsumers(pkg, dir, { [pkg.name]: { expression: 'String(m.double(21)) + m.NAME', want: '42dual' } });
  return Object.fromEntries(outcomes.map((o) => [o.style, o.problems]));
}

describe('runConsumers', () => {
  it('passes a dual package through import, require and strict TypeScript under node16 and bundler', async () => {
    expect(await consume('dual')).toEqual({ esm: [], cjs: [], 'ts node16': [], 'ts bundler': [] });
  }, 60_000);

  it('fails require when the CJS build lacks an export the probe uses, and only require', async () => {
    const got = await consume('cjs-missing-export');
    expect(got['esm']).toEqual([]);
    expect(got['cjs']).toEqual(['@fixture/cjs-missing-export: require: `String(m.double(21)) + m.NAME` gave "42undefined", want "42dual"']);
  }, 60_000);

  it('fails TypeScript under node16 when the CJS build is typed with ESM declarations', async () => {
    const got = await consume('cjs-types-are-esm');
    expect(got['ts node16']).toHaveLength(1);
    expect(got['ts node16']![0]).toContain('consumer.cts');
  }, 60_000);
});
