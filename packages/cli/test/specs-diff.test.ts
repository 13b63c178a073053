import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { badInputLine, BIN, runCli } from './support/cli.js';

const home = mkdtempSync(join(tmpdir(), 'kalshi-cli-specs-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A minimal OpenAPI 3.0 document (JSON is YAML): a market read, and an order cancel unless `withCancel` is false. */
function openApi(version: string, opts: { withCancel: boolean; priceType: 'string' | 'integer' }): string {
  const paths: Record<string, unknown> = {
    '/markets/{ticker}': {
      get: {
        operationId: 'GetMarket',
        parameters: [{ name: 'ticker', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Market' } } } } },
      },
    },
  };
  if (opts.withCancel) {
    paths['/portfolio/orders/{order_id}'] = {
      delete: {
        operationId: 'CancelOrder',
        parameters: [{ name: 'order_id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    };
  }
  return JSON.stringify({
    openapi: '3.0.0',
    info: { title: 'test', version },
    paths,
    components: {
      schemas: {
        Market: { type: 'object', required: ['ticker', 'last_price'], properties: { ticker: { type: 'string' }, last_price: { type: opts.priceType } } },
      },
    },
  });
}

function write(name: string, text: string): string {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
}

const oldSpec = write('old.yaml', openApi('1.0.0', { withCancel: true, priceType: 'string' }));
const newSpec = write('new.yaml', openApi('1.1.0', { withCancel: false, priceType: 'integer' }));
const sameSpec = write('same.yaml', openApi('1.0.0', { withCancel: true, priceType: 'string' }));

interface Report {
  kind: string;
  old: { version: string; source: string };
  new: { version: string; source: string };
  changes: Array<{ kind: string; severity: string; subject: string; pointer: string }>;
  summary: { breaking: number };
}

describe('kalshi specs diff', () => {
  it('names a removed operation and a changed field, and exits 1 for breaking changes', async () => {
    const r = await runCli(['specs', 'diff', oldSpec, newSpec], home);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('CancelOrder');
    expect(r.stdout).toMatch(/operation removed/);
    expect(r.stdout).toContain('last_price');
    expect(r.stdout).toMatch(/^openapi 1\.0\.0 → 1\.1\.0: operations \+0 −1; [1-9]\d* breaking/m);
  });

  it('--json prints the full report: the removed operation and the changed field are breaking changes', async () => {
    const r = await runCli(['--json', 'specs', 'diff', oldSpec, newSpec], home);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.kind).toBe('openapi');
    expect([report.old.version, report.new.version]).toEqual(['1.0.0', '1.1.0']);
    const breaking = report.changes.filter((c) => c.severity === 'breaking');
    expect(breaking.some((c) => c.kind === 'operation-removed' && c.subject.includes('CancelOrder'))).toBe(true);
    expect(breaking.some((c) => c.pointer.includes('last_price'))).toBe(true);
    expect(report.summary.breaking).toBe(breaking.length);
  });

  it('two equal specs: no changes, exit 0', async () => {
    const r = await runCli(['specs', 'diff', oldSpec, sameSpec], home);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 breaking, 0 non-breaking, 0 docs-only/);
  });

  it('a missing, unparsable or non-spec file, or two kinds, is one stderr line and exit 2', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [join(home, 'missing.yaml'), newSpec, /SPEC_UNREADABLE: cannot read .*missing\.yaml/],
      [write('broken.yaml', 'openapi: [3.0.0\n  : :'), newSpec, /SPEC_UNPARSABLE: .*broken\.yaml/],
      [write('other.yaml', 'title: not a spec\n'), newSpec, /SPEC_KIND_UNKNOWN: .*other\.yaml/],
      [write('async.yaml', JSON.stringify({ asyncapi: '3.0.0', info: { title: 't', version: '1' }, channels: {} })), newSpec, /SPEC_KIND_MISMATCH/],
    ];
    for (const [a, b, message] of cases) {
      const line = badInputLine(await runCli(['specs', 'diff', a, b], home));
      expect(line).toMatch(message);
    }
    expect(badInputLine(await runCli(['specs', 'diff', oldSpec], home))).toMatch(/missing required argument 'new'/);
  });

  it('runs from the CommonJS build too (dist/cjs/specs-diff.js)', () => {
    const cjs = join(dirname(BIN), 'cjs', 'index.js');
    const script = `require(${JSON.stringify(cjs)}).run(['--json', 'specs', 'diff', ${JSON.stringify(oldSpec)}, ${JSON.stringify(newSpec)}]).then((c) => { process.exitCode = c === 1 ? 0 : 3; });`;
    const stdout = execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '', HOME: home }, encoding: 'utf8' });
    expect((JSON.parse(stdout) as Report).summary.breaking).toBeGreaterThan(0);
  });

  it('every package the bundle imports is a dependency of @kalshi-sdk/cli', () => {
    const pkg = JSON.parse(readFileSync(join(dirname(BIN), '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const file of ['specs-diff.js', join('cjs', 'specs-diff.js')]) {
      const text = readFileSync(join(dirname(BIN), file), 'utf8');
      const bare = [...text.matchAll(/(?:from |require\()"([^"]+)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('node:'));
      expect(bare.length, file).toBeGreaterThan(0);
      for (const name of bare) expect(pkg.dependencies, `${file} imports ${name}`).toHaveProperty([name]);
    }
  });
});
