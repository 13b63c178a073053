// Guide code runs: every ```ts block of every README and guide compiles (strict, one TypeScript program,
// against the built packages), and every block marked `ts run` runs against a mock exchange started here.
// The markers are described in docs/guides/README.md.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockExchange } from '../../../packages/mock-exchange/dist/index.js';
import { compileSnippets, createSnippetWorkspace, type CompiledSnippet, type SnippetWorkspace } from '../../docs/snippets-program.ts';
import { runSnippet } from '../../docs/snippets-run.ts';
import { documentationFiles, extractSnippets, type Snippet } from '../../docs/snippets.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const snippets = documentationFiles(root).flatMap((file) => extractSnippets(readFileSync(join(root, file), 'utf8'), file));
const name = (s: Snippet): string => `${s.file}:${s.line}`;

/** Snippets that must fail, compiled in the same program: the test would pass nothing broken. */
const broken = {
  typeError: { file: 'broken.md', line: 10, mode: 'compile', code: "import { Dollars } from '@kalshi-sdk/fixed-point';\n\nconst n: number = Dollars.parse('1');" },
  fragment: { file: 'broken.md', line: 20, mode: 'fragment', prelude: 'declare const price: string;', code: 'const p: number = price;' },
  throws: { file: 'broken.md', line: 30, mode: 'run', code: "throw new Error('this program fails');" },
  env: { file: 'broken.md', line: 40, mode: 'run', code: "console.log(process.env['KALSHI_API_KEY_ID'], process.env['KALSHI_MOCK_REST_URL']);" },
} satisfies Record<string, Snippet>;

let workspace: SnippetWorkspace;
let compiled: Map<Snippet, CompiledSnippet>;

beforeAll(() => {
  workspace = createSnippetWorkspace(root, readFileSync(join(root, 'scripts/docs/snippets-ambient.d.ts'), 'utf8'));
  compiled = new Map(compileSnippets(workspace, [...snippets, ...Object.values(broken)]).map((c) => [c.snippet, c]));
}, 120_000);
afterAll(() => workspace?.remove());

/** The snippet user's key, one for every run. */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/**
 * Runs a compiled snippet against a fresh mock exchange (default markets, FIX on) with one funded user,
 * whose credentials reach the program as the SDK's own variables, with the mock's addresses.
 */
async function runAgainstMock(c: CompiledSnippet) {
  const apiKeyId = 'snippet-user';
  const mock = await startMockExchange({
    users: [{ apiKeyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '10000' }],
    fix: {},
  });
  const cwd = mkdtempSync(join(tmpdir(), 'kalshi-snippet-run-'));
  try {
    const keyPath = join(cwd, 'private-key.pem');
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), { mode: 0o600 });
    return await runSnippet(c.jsFile!, {
      cwd,
      timeoutMs: 30_000,
      env: {
        KALSHI_API_KEY_ID: apiKeyId,
        KALSHI_PRIVATE_KEY_PATH: keyPath,
        KALSHI_MOCK_REST_URL: mock.restUrl,
        KALSHI_MOCK_WS_URL: mock.wsUrl,
        KALSHI_MOCK_FIX_PORT: String(mock.fixPort),
      },
    });
  } finally {
    await mock.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe('the snippet test itself', () => {
  it('reports a type error at its markdown line', () => {
    expect(compiled.get(broken.typeError)!.errors).toEqual([
      "broken.md:13: TS2322 Type 'Dollars' is not assignable to type 'number'.",
    ]);
  });

  it('compiles a fragment after its prelude, and reports the fragment line', () => {
    expect(compiled.get(broken.fragment)!.errors).toEqual(["broken.md:21: TS2322 Type 'string' is not assignable to type 'number'."]);
  });

  it('fails a run snippet that throws, and passes a run the mock credentials', async () => {
    const failed = await runAgainstMock(compiled.get(broken.throws)!);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('this program fails');
    const env = await runAgainstMock(compiled.get(broken.env)!);
    expect(env.stdout).toMatch(/^snippet-user http:\/\/127\.0\.0\.1:\d+\/trade-api\/v2\n$/);
  }, 60_000);

  it('finds the README snippets and at least one runnable program in every guide', () => {
    expect(snippets.filter((s) => s.file.endsWith('README.md')).length).toBeGreaterThanOrEqual(33);
    const guides = documentationFiles(root).filter((f) => f.startsWith('docs/guides/') && !f.endsWith('README.md'));
    expect(guides.length).toBe(9);
    for (const guide of guides) expect(snippets.some((s) => s.file === guide && s.mode === 'run'), guide).toBe(true);
  });
});

describe('every snippet compiles', () => {
  it.each(snippets.map((s) => [name(s), s] as const))('%s', (_title, snippet) => {
    expect(compiled.get(snippet)!.errors).toEqual([]);
  });
});

// Up to vitest's maxConcurrency (5) at once: each waits mostly on its own process and simulator.
describe('every `ts run` snippet runs against the mock exchange and exits 0', () => {
  const programs = snippets.filter((s) => s.mode === 'run');
  it.concurrent.each(programs.map((s) => [name(s), s] as const))('%s', async (_title, snippet) => {
    const c = compiled.get(snippet)!;
    expect(c.jsFile, 'compiled').toBeDefined();
    const run = await runAgainstMock(c);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
  }, 60_000);
});
