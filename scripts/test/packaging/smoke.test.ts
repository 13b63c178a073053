import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeTest, type SmokeResult } from '../../packaging/smoke.ts';
import { writeFixturePackage, type FixtureVariant } from './fixtures.ts';

const double = { expression: 'm.double(21)', want: 42 };
const cases: ReadonlyArray<[string, { variant: FixtureVariant; probe: { expression: string; want: unknown }; want: unknown }]> = [
  [
    '@fixture/dual',
    {
      variant: 'dual',
      probe: double,
      want: { esm: { ok: true, names: ['NAME', 'double'], value: 42 }, cjs: { ok: true, names: ['NAME', 'double'], value: 42 }, problems: [] },
    },
  ],
  [
    '@fixture/hash-imports',
    {
      variant: 'hash-imports',
      probe: double,
      want: { esm: { ok: true, names: ['NAME', 'double'], value: 42 }, cjs: { ok: true, names: ['NAME', 'double'], value: 42 }, problems: [] },
    },
  ],
  ['@fixture/cjs-missing-export', { variant: 'cjs-missing-export', probe: double, want: { problems: ['exported by import only: NAME'] } }],
  ['@fixture/esm-only', { variant: 'esm-only', probe: double, want: { esm: { ok: true, value: 42 }, cjs: undefined, problems: [] } }],
  [
    '@fixture/wrong-value',
    { variant: 'dual', probe: { expression: 'm.double(2)', want: 5 }, want: { problems: ['import: `m.double(2)` gave 4, want 5', 'require: `m.double(2)` gave 4, want 5'] } },
  ],
  [
    '@fixture/throws',
    { variant: 'dual', probe: { expression: 'm.triple(2)', want: 6 }, want: { problems: ['import failed: m.triple is not a function', 'require failed: m.triple is not a function'] } },
  ],
];

let scratch: string;
let result: SmokeResult;
// One scratch project for every case: packing, npm install and tsc are the slow parts.
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'pack-smoke-'));
  const packages = await Promise.all(cases.map(([name, c]) => writeFixturePackage(join(scratch, 'src'), c.variant, name)));
  const probes = Object.fromEntries(cases.map(([name, c]) => [name, c.probe]));
  result = await smokeTest({ packages, workDir: join(scratch, 'work'), probes, typecheck: true });
}, 90_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('smokeTest on packed and npm-installed fixtures', () => {
  it.each(cases)('%s', (name, { want }) => {
    expect(result.entries.find((e) => e.specifier === name)).toMatchObject(want as object);
  });

  it('type-checks the import and require consumers against the installed declarations', () => {
    const errors = (result.typecheck?.output ?? '').split('\n').filter((l) => l.includes('error TS'));
    // Only the probe that calls an undeclared function fails, once per consumer.
    expect(errors.map((l) => l.slice(0, l.indexOf('('))).sort()).toEqual(['consumer.cts', 'consumer.mts']);
    expect(errors.every((l) => l.includes("error TS2339: Property 'triple' does not exist"))).toBe(true);
    expect(result.typecheck?.ok).toBe(false);
    expect(result.ok).toBe(false);
  });
});
