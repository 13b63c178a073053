import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRegenSummary, readGeneratedSummaries } from '../regen.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const pulled = new Map([
  ['openapi.yaml', A],
  ['asyncapi.yaml', A],
  ['kalshi-fix-dictionary.xml', A],
]);
const summary = (spec: string, counts: Record<string, number>, sha256 = A) => JSON.stringify({ spec, version: '1.0.0', sha256, counts });
const good = {
  rest: summary('openapi.yaml', { operations: 117, schemas: 151 }),
  ws: summary('asyncapi.yaml', { channels: 12, messages: 30 }),
  fix: summary('kalshi-fix-dictionary.xml', { messages: 34, fields: 200 }),
};

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'regen-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let n = 0;
async function root(files: Partial<Record<'rest' | 'ws' | 'fix', string>>): Promise<string> {
  const dir = join(scratch, `case-${++n}`);
  for (const [pkg, text] of Object.entries(files)) {
    const path = join(dir, 'packages', pkg, 'src/generated/summary.json');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  return dir;
}

describe('readGeneratedSummaries', () => {
  it('reads every package summary and prints versions, counts and time', async () => {
    const rows = await readGeneratedSummaries(await root(good), pulled);
    expect(rows.map((r) => 'summary' in r && r.summary.counts)).toEqual([
      { operations: 117, schemas: 151 },
      { channels: 12, messages: 30 },
      { messages: 34, fields: 200 },
    ]);
    expect(formatRegenSummary(rows, { totalMs: 61_234, pullMs: 1_000, turboMs: 60_000 }).split('\n')).toEqual([
      'regen summary:',
      '  @kalshi-sdk/rest  openapi.yaml               1.0.0  117 operations, 151 schemas',
      '  @kalshi-sdk/ws    asyncapi.yaml              1.0.0  12 channels, 30 messages',
      '  @kalshi-sdk/fix   kalshi-fix-dictionary.xml  1.0.0  34 messages, 200 fields',
      'time: 61.2 s (specs:pull 1.0 s, turbo 60.0 s)',
    ]);
  });

  it.each([
    ['missing', { files: { rest: good.rest, fix: good.fix }, want: 'packages/ws/src/generated/summary.json is missing: the @kalshi-sdk/ws generator did not write it' }],
    ['not JSON', { files: { ...good, ws: '{' }, want: 'packages/ws/src/generated/summary.json is not { spec, version, sha256, counts }' }],
    ['without counts', { files: { ...good, ws: JSON.stringify({ spec: 'asyncapi.yaml', version: '1', sha256: A }) }, want: 'packages/ws/src/generated/summary.json is not { spec, version, sha256, counts }' }],
    ['stale', { files: { ...good, ws: summary('asyncapi.yaml', { channels: 1 }, B) }, want: `packages/ws/src/generated/summary.json was generated from asyncapi.yaml sha256 ${B}, but specs/asyncapi.yaml is sha256 ${A} (stale output)` }],
    ['for an unknown spec', { files: { ...good, ws: summary('other.yaml', { channels: 1 }) }, want: 'packages/ws/src/generated/summary.json names spec other.yaml, which specs:pull did not pull' }],
  ])('names the ws summary when it is %s', async (_name, { files, want }) => {
    const rows = await readGeneratedSummaries(await root(files), pulled);
    expect(rows.map((r) => ('problem' in r ? r.problem : r.pkg))).toEqual(['rest', want, 'fix']);
    expect(formatRegenSummary(rows, { totalMs: 1, pullMs: 0, turboMs: 1 })).toContain(`  @kalshi-sdk/ws    ${want}`);
  });
});
