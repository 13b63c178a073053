import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { SpecsPullError } from '../../specs-pull/errors.ts';
import { readLock, writeLock, type LockedSpec, type SpecKind } from '../../specs-pull/lock.ts';
import { pullSpecs, type PullSpecsOptions } from '../../specs-pull/pull-specs.ts';
import { formatReport } from '../../specs-pull/report.ts';
import { readSpecVersion } from '../../specs-pull/spec-body.ts';

// Small synthetic specs. Each ends inside a quoted string or element, so cutting off its tail
// leaves a body that no longer parses.
const yamlSpec = (head: string, version: string) =>
  `${head}\ninfo:\n  title: Synthetic spec\n  version: ${version}\n  description: "made by the specs-pull tests,\n    not Kalshi's text"\n`;
const xmlSpec = (version: string) =>
  `<?xml version='1.0' encoding='UTF-8'?>\n<!-- Kalshi FIX Dictionary ${version} -->\n<fix type='FIXT' major='1' minor='1' servicepack='0'>\n  <header/>\n</fix>\n`;

const KINDS: Record<string, SpecKind> = { 'openapi.yaml': 'yaml', 'asyncapi.yaml': 'yaml', 'kalshi-fix-dictionary.xml': 'xml' };
const FILES = Object.keys(KINDS);
const VARIANTS: Record<'good' | 'other', Record<string, Buffer>> = {
  good: {
    'openapi.yaml': Buffer.from(yamlSpec('openapi: 3.0.0', '1.0.0')),
    'asyncapi.yaml': Buffer.from(yamlSpec('asyncapi: 3.0.0', '1.0.0')),
    'kalshi-fix-dictionary.xml': Buffer.from(xmlSpec('v1.00')),
  },
  other: {
    'openapi.yaml': Buffer.from(yamlSpec('openapi: 3.0.0', '1.1.0')),
    'asyncapi.yaml': Buffer.from(yamlSpec('asyncapi: 3.0.0', '1.1.0')),
    'kalshi-fix-dictionary.xml': Buffer.from(xmlSpec('v1.01')),
  },
};
const PREVIOUS = Buffer.from('previous: file\n');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const good = (file: string) => VARIANTS.good[file] as Buffer;

function lockEntry(file: string, sources: readonly string[], body = good(file)): LockedSpec {
  const kind = KINDS[file] as SpecKind;
  const version = kind === 'xml' ? 'v1.00 (FIXT.1.1)' : '1.0.0';
  return { name: file.split('.')[0] as string, file, kind, url: `https://example.invalid/${file}`, version, bytes: body.byteLength, sha256: sha(body), sources };
}

// Routes: /<variant>/<file>.
function handle(variant: string, file: string, res: import('node:http').ServerResponse): void {
  const body = good(file);
  switch (variant) {
    case 'good':
    case 'other':
      res.writeHead(200, { 'content-type': 'text/plain' }).end(VARIANTS[variant][file]);
      return;
    case 'status500':
      res.writeHead(500).end('boom');
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html>\n<html><body>Maintenance: back soon</body></html>\n');
      return;
    case 'truncated':
      // Promise the whole body, send half, then drop the connection.
      res.writeHead(200, { 'content-length': String(body.byteLength) });
      res.write(body.subarray(0, body.byteLength >> 1), () => res.socket?.destroy());
      return;
    case 'short':
      // A complete response that is simply missing the file's tail.
      res.writeHead(200).end(body.subarray(0, body.byteLength - 5));
      return;
    case 'hang':
      return;
    case 'stall':
      // Headers and half the body, then nothing more.
      res.writeHead(200, { 'content-length': String(body.byteLength) }).write(body.subarray(0, body.byteLength >> 1));
      return;
    default:
      res.writeHead(404).end();
  }
}

let server: Server;
let base: string;
let deadBase: string;
let scratch: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const [, variant = '', file = ''] = (req.url ?? '').split('/');
    handle(variant, file, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just freed: connections to it are refused.
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  deadBase = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
  await new Promise((r) => dead.close(r));
  scratch = await mkdtemp(join(tmpdir(), 'specs-pull-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(scratch, { recursive: true, force: true });
});

let n = 0;
/** A fresh repo-like folder: mirror/ with the good files, specs/ (outDir) with the lock. */
async function setup(options: { sources?: (file: string) => string[]; previous?: boolean } = {}) {
  const root = join(scratch, `case-${++n}`);
  const mirror = join(root, 'mirror');
  const outDir = join(root, 'specs');
  await mkdir(mirror, { recursive: true });
  await mkdir(outDir, { recursive: true });
  for (const file of FILES) await writeFile(join(mirror, file), good(file));
  if (options.previous) for (const file of FILES) await writeFile(join(outDir, file), PREVIOUS);
  const sources = options.sources ?? ((file: string) => [`https://example.invalid/${file}`]);
  const lockPath = join(outDir, 'specs.lock.json');
  await writeLock(lockPath, { specs: FILES.map((f) => lockEntry(f, sources(f))) });
  const lockBytes = await readFile(lockPath);
  const pull = (o: Omit<PullSpecsOptions, 'lockPath' | 'outDir' | 'rootDir'> = {}) =>
    pullSpecs({ lockPath, outDir, rootDir: root, timeoutMs: 2_000, ...o });
  return { root, mirror, outDir, lockPath, lockBytes, pull };
}

const listing = async (dir: string) => (await readdir(dir)).sort();

describe('pullSpecs', () => {
  it('writes every spec from a base URL, byte for byte, with no temp files left', async () => {
    const { outDir, pull } = await setup();
    const report = await pull({ source: `${base}/good/` });
    expect(report.ok).toBe(true);
    expect(report.outcomes.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    for (const file of FILES) expect(await readFile(join(outDir, file))).toEqual(good(file));
    expect(await listing(outDir)).toEqual([...FILES, 'specs.lock.json'].sort());
  });

  it('leaves a spec that already matches the lock alone, without fetching', async () => {
    const { pull } = await setup();
    await pull({ source: `${base}/good` });
    const again = await pull({ source: deadBase });
    expect(again.outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(formatReport(again).split('\n')).toHaveLength(3);
  });

  it('reads a folder source', async () => {
    const { mirror, outDir, pull } = await setup({ previous: true });
    const report = await pull({ source: mirror });
    expect(report.outcomes.map((o) => [o.status, o.ok && o.source])).toEqual(FILES.map((f) => ['written', join(mirror, f)]));
    for (const file of FILES) expect(await readFile(join(outDir, file))).toEqual(good(file));
  });

  it('falls back from a dead URL to the mirror path of the lock, relative to the root', async () => {
    const { outDir, pull } = await setup({ sources: (f) => [`${deadBase}/${f}`, `mirror/${f}`] });
    const report = await pull();
    for (const o of report.outcomes) {
      expect(o.ok && [o.status, o.source, o.skipped.map((s) => s.code)]).toEqual(['written', `mirror/${o.spec.file}`, ['SPEC_NETWORK']]);
    }
    for (const file of FILES) expect(await readFile(join(outDir, file))).toEqual(good(file));
    expect(formatReport(report)).toMatch(/written from mirror\/openapi\.yaml; skipped http:\/\/127\.0\.0\.1:\d+\/openapi\.yaml: network error: connect ECONNREFUSED/);
  });

  it('skips a source whose bytes differ from the lock and takes the next one', async () => {
    const { pull } = await setup({ sources: (f) => [`${base}/other/${f}`, `${base}/good/${f}`] });
    const report = await pull();
    for (const o of report.outcomes) {
      expect(o.ok && [o.status, o.source, o.skipped.map((s) => s.code)]).toEqual(['written', `${base}/good/${o.spec.file}`, ['SPEC_MISMATCH']]);
    }
  });

  it.each([
    ['HTTP 500', { variant: 'status500', code: 'SPEC_HTTP_STATUS', reason: /^HTTP 500 Internal Server Error$/ }],
    ['body cut off before its Content-Length', { variant: 'truncated', code: 'SPEC_TRUNCATED', reason: /^connection lost after \d+ of \d+ \(Content-Length\) bytes/ }],
    ['complete body shorter than the lock', { variant: 'short', code: 'SPEC_TRUNCATED', updateCode: 'SPEC_NOT_PARSEABLE', reason: /^truncated: \d+ of the locked \d+ bytes, and not (YAML|XML)/ }],
    ['HTML page instead of the spec', { variant: 'html', code: 'SPEC_NOT_PARSEABLE', reason: /^not (YAML|a FIX dictionary).*body starts "<!DOCTYPE html>/ }],
    ['different spec', { variant: 'other', code: 'SPEC_MISMATCH', reason: /^sha256 mismatch: expected version/ }],
    ['nothing listening', { variant: 'dead', code: 'SPEC_NETWORK', reason: /^network error: connect ECONNREFUSED 127\.0\.0\.1:\d+$/ }],
    ['missing folder', { variant: 'no-such-folder', code: 'SPEC_UNREADABLE', reason: /^no such file / }],
  ] as const)('%s: fails with its code and leaves the previous files byte-identical', async (_name, c) => {
    const { variant, reason } = c;
    const { root, outDir, lockPath, lockBytes, pull } = await setup({ previous: true });
    const source = variant === 'dead' ? deadBase : variant === 'no-such-folder' ? join(root, variant) : `${base}/${variant}`;
    // --update accepts a different spec (tested below); every other failure fails in every mode.
    for (const mode of variant === 'other' ? (['pull', 'check'] as const) : (['pull', 'check', 'update'] as const)) {
      const report = await pull({ source, mode });
      expect(report.ok).toBe(false);
      for (const o of report.outcomes) {
        expect(o.ok).toBe(false);
        if (o.ok) continue;
        // In --update mode there is no lock size to compare with, so a short body is just unparseable.
        const code = mode === 'update' && 'updateCode' in c ? c.updateCode : c.code;
        expect([o.error.code, o.error.spec, o.error.source]).toEqual([code, o.spec.file, `${source}/${o.spec.file}`]);
        if (code === c.code) expect(o.error.reason).toMatch(reason);
      }
      for (const file of FILES) expect(await readFile(join(outDir, file))).toEqual(PREVIOUS);
      expect(await listing(outDir)).toEqual([...FILES, 'specs.lock.json'].sort());
      expect(await readFile(lockPath)).toEqual(lockBytes);
    }
  });

  it('names the spec, both sha256s and both versions on a mismatch', async () => {
    const { pull } = await setup();
    const [first] = (await pull({ source: `${base}/other` })).outcomes;
    const other = VARIANTS.other['openapi.yaml'] as Buffer;
    expect(first?.ok).toBe(false);
    if (first?.ok !== false) return;
    const e = first.error;
    expect([e.code, e.expected, e.actual]).toEqual([
      'SPEC_MISMATCH',
      { version: '1.0.0', bytes: good('openapi.yaml').byteLength, sha256: sha(good('openapi.yaml')) },
      { version: '1.1.0', bytes: other.byteLength, sha256: sha(other) },
    ]);
    for (const part of ['openapi.yaml', sha(good('openapi.yaml')), sha(other), 'version 1.0.0', 'version 1.1.0']) expect(e.message).toContain(part);
  });

  it('lists every source and why it failed when none works', async () => {
    const { root, pull } = await setup({ sources: (f) => [`${deadBase}/${f}`, `${base}/status500/${f}`, `${base}/html/${f}`, `missing/${f}`] });
    const report = await pull();
    for (const o of report.outcomes) {
      expect(o.ok).toBe(false);
      if (o.ok) continue;
      expect(o.error.code).toBe('SPEC_NO_SOURCE');
      expect(o.error.failures.map((f) => f.code)).toEqual(['SPEC_NETWORK', 'SPEC_HTTP_STATUS', 'SPEC_NOT_PARSEABLE', 'SPEC_UNREADABLE']);
      for (const f of o.error.failures) expect(o.error.message).toContain(`- ${f.source}: ${f.reason}`);
      expect(o.error.message).toContain(`sha256 ${o.spec.sha256}`);
    }
    expect(formatReport(report)).toContain(`no such file ${join(root, 'missing', 'openapi.yaml')}`);
  });

  it.each([
    ['sends no headers', 'hang'],
    ['stops sending its body', 'stall'],
  ])('gives up on a URL that %s within the time limit', async (_name, variant) => {
    const { pull } = await setup();
    const report = await pull({ source: `${base}/${variant}`, timeoutMs: 200 });
    expect(report.outcomes.map((o) => !o.ok && [o.error.code, o.error.reason])).toEqual(
      FILES.map(() => ['SPEC_NETWORK', 'network error: no complete answer within 0.2 s']),
    );
  });

  it('--update takes the first working source and rewrites the lock', async () => {
    const { outDir, lockPath, pull } = await setup({ previous: true });
    const before = await readLock(lockPath);
    const report = await pull({ source: `${base}/other`, mode: 'update' });
    expect([report.ok, report.lockWritten, ...report.outcomes.map((o) => o.status)]).toEqual([true, true, 'updated', 'updated', 'updated']);
    const after = await readLock(lockPath);
    expect(after.specs).toEqual(
      before.specs.map((s) => {
        const body = VARIANTS.other[s.file] as Buffer;
        return { ...s, version: s.kind === 'xml' ? 'v1.01 (FIXT.1.1)' : '1.1.0', bytes: body.byteLength, sha256: sha(body) };
      }),
    );
    for (const file of FILES) expect(await readFile(join(outDir, file))).toEqual(VARIANTS.other[file]);
    const again = await pull({ source: deadBase });
    expect(again.outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('--update leaves the lock alone when nothing changed', async () => {
    const { lockPath, lockBytes, pull } = await setup();
    const report = await pull({ source: `${base}/good`, mode: 'update' });
    expect([report.lockWritten, ...report.outcomes.map((o) => o.status)]).toEqual([false, 'written', 'written', 'written']);
    expect(await readFile(lockPath)).toEqual(lockBytes);
  });

  it('--check verifies against the sources and writes nothing', async () => {
    const { outDir, lockPath, lockBytes, pull } = await setup({ previous: true });
    const ok = await pull({ source: `${base}/good`, mode: 'check' });
    expect(ok.outcomes.map((o) => o.status)).toEqual(['verified', 'verified', 'verified']);
    const drift = await pull({ source: `${base}/other`, mode: 'check' });
    expect(drift.outcomes.map((o) => !o.ok && o.error.code)).toEqual(['SPEC_MISMATCH', 'SPEC_MISMATCH', 'SPEC_MISMATCH']);
    for (const file of FILES) expect(await readFile(join(outDir, file))).toEqual(PREVIOUS);
    expect(await readFile(lockPath)).toEqual(lockBytes);
  });

  it.each([
    ['sha256 not hex', { entry: { sha256: 'XYZ' }, field: 'sha256' }],
    ['file with a folder in it', { entry: { file: '../escape.yaml' }, field: 'file' }],
    ['no sources', { entry: { sources: [] }, field: 'sources' }],
    ['unknown kind', { entry: { kind: 'json' }, field: 'kind' }],
    ['bytes not a count', { entry: { bytes: -1 }, field: 'bytes' }],
  ])('rejects a lock with %s', async (_name, { entry, field }) => {
    const { lockPath, pull } = await setup();
    const lock = JSON.parse(await readFile(lockPath, 'utf8')) as { specs: Record<string, unknown>[] };
    Object.assign(lock.specs[1] as object, entry);
    await writeFile(lockPath, JSON.stringify(lock));
    const error = await pull().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecsPullError);
    expect([(error as SpecsPullError).code, (error as SpecsPullError).message]).toEqual(['SPECS_LOCK_INVALID', expect.stringContaining(`specs[1].${field} must be`)]);
  });
});

describe('readSpecVersion', () => {
  it.each([
    ['YAML info.version', { kind: 'yaml', given: 'openapi: 3.0.0\ninfo:\n  version: 3.31.0\n', want: '3.31.0' }],
    ['YAML numeric info.version', { kind: 'yaml', given: 'info:\n  version: 2\n', want: '2' }],
    ['FIX comment and root attributes', { kind: 'xml', given: xmlSpec('v1.03'), want: 'v1.03 (FIXT.1.1)' }],
    ['FIX root attributes only', { kind: 'xml', given: "<fix type='FIX' major='5' minor='0'/>", want: 'FIX.5.0' }],
  ] as const)('reads %s', (_name, { kind, given, want }) => {
    expect(readSpecVersion(kind, Buffer.from(given))).toBe(want);
  });

  it.each([
    ['YAML without info.version', { kind: 'yaml', given: 'openapi: 3.0.0\n', want: /no info\.version/ }],
    ['a YAML scalar', { kind: 'yaml', given: 'just text\n', want: /no info\.version \(body starts "just text"\)$/ }],
    ['broken XML', { kind: 'xml', given: '<fix><header></fix>', want: /^not XML: / }],
    ['XML that is not a FIX dictionary', { kind: 'xml', given: '<html><body/></html>', want: /no <fix> root/ }],
    ['an empty body', { kind: 'yaml', given: '', want: /empty body/ }],
  ] as const)('rejects %s', (_name, { kind, given, want }) => {
    expect(() => readSpecVersion(kind, Buffer.from(given))).toThrow(want);
  });
});

// The real lock against the offline mirror that stands in for Kalshi's URLs.
const mirror = join(repoRoot, '..', 'shared', 'kalshi-specs');
describe.skipIf(!existsSync(mirror))('specs/specs.lock.json', () => {
  const lockPath = join(repoRoot, 'specs', 'specs.lock.json');

  it('lists Kalshi URL first and the mirror second, and the mirror matches it', async () => {
    const lock = await readLock(lockPath);
    expect(lock.specs.map((s) => [s.file, s.sources[0] === s.url, s.sources[1]])).toEqual(
      FILES.map((f) => [f, true, relative(repoRoot, join(mirror, f))]),
    );
    const outDir = await mkdtemp(join(scratch, 'real-'));
    const report = await pullSpecs({ lockPath, outDir, source: mirror });
    expect(report.outcomes.map((o) => [o.spec.file, o.status])).toEqual(FILES.map((f) => [f, 'written']));
    expect(report.outcomes.map((o) => o.spec.version)).toEqual(['3.31.0', '2.0.0', 'v1.03 (FIXT.1.1)']);
  });

  it('records the version each file declares', async () => {
    const lock = await readLock(lockPath);
    for (const s of lock.specs) expect(readSpecVersion(s.kind, await readFile(join(mirror, s.file)))).toBe(s.version);
  });

  it('CLI --check exits 0 on the mirror and 1 on a folder of other files', async () => {
    const run = (source: string) =>
      promisify(execFile)(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/specs-pull.ts', '--check'], {
        cwd: repoRoot,
        env: { ...process.env, KALSHI_SPECS_SOURCE: source, INIT_CWD: repoRoot },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const ok = await run(relative(repoRoot, mirror));
    expect([ok.code, ok.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])]).toEqual([0, FILES]);
    const { mirror: synthetic } = await setup();
    const bad = await run(synthetic);
    expect([bad.code, bad.stdout]).toEqual([1, expect.stringMatching(/^openapi\.yaml +FAILED +from .*sha256 mismatch: expected version 3\.31\.0/)]);
  });
});
