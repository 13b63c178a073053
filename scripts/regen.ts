/**
 * `pnpm regen`, the main job: specs:pull → `turbo run generate build typecheck` → a summary of
 * spec versions and generated counts read from each generator's `src/generated/summary.json`,
 * plus the time taken. Exits 1 if any step fails or a summary is missing or stale.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/repo.ts';
import { SpecsPullError } from './specs-pull/errors.ts';
import { pullSpecs } from './specs-pull/pull-specs.ts';
import { specsSourceFromEnv } from './specs-pull/read-source.ts';
import { formatReport } from './specs-pull/report.ts';

/** Packages with a `generate` task, in summary order. */
export const GENERATED_PACKAGES = ['rest', 'ws', 'fix'] as const;

/** What every generator writes to `src/generated/summary.json`. */
export interface GeneratedSummary {
  /** Spec file name under specs/, e.g. `openapi.yaml`. */
  readonly spec: string;
  readonly version: string;
  /** sha256 of the spec the code was generated from. */
  readonly sha256: string;
  /** What was generated, e.g. `{ operations: 117, schemas: 151 }`. */
  readonly counts: Readonly<Record<string, number>>;
}

/** One package's summary, or why it is unusable. */
export type SummaryRow =
  | { readonly pkg: string; readonly path: string; readonly summary: GeneratedSummary }
  | { readonly pkg: string; readonly path: string; readonly problem: string };

/**
 * Reads `packages/<pkg>/src/generated/summary.json` for each of {@link GENERATED_PACKAGES} under
 * `root`. A row gets a `problem` when the file is missing, is not a summary, or names a spec
 * sha256 other than the one pulled (`pulled`: spec file → sha256), which means stale output.
 */
export async function readGeneratedSummaries(root: string, pulled: ReadonlyMap<string, string>): Promise<SummaryRow[]> {
  return Promise.all(
    GENERATED_PACKAGES.map(async (pkg): Promise<SummaryRow> => {
      const path = `packages/${pkg}/src/generated/summary.json`;
      let text: string;
      try {
        text = await readFile(join(root, path), 'utf8');
      } catch {
        return { pkg, path, problem: `${path} is missing: the @kalshi-sdk/${pkg} generator did not write it` };
      }
      let summary: unknown;
      try {
        summary = JSON.parse(text);
      } catch {
        summary = undefined;
      }
      if (!isSummary(summary)) return { pkg, path, problem: `${path} is not { spec, version, sha256, counts }` };
      const want = pulled.get(summary.spec);
      if (want === undefined) return { pkg, path, problem: `${path} names spec ${summary.spec}, which specs:pull did not pull` };
      if (want !== summary.sha256) {
        return { pkg, path, problem: `${path} was generated from ${summary.spec} sha256 ${summary.sha256}, but specs/${summary.spec} is sha256 ${want} (stale output)` };
      }
      return { pkg, path, summary };
    }),
  );
}

function isSummary(v: unknown): v is GeneratedSummary {
  const s = v as Partial<GeneratedSummary> | null | undefined;
  return (
    typeof s?.spec === 'string' &&
    typeof s.version === 'string' &&
    typeof s.sha256 === 'string' &&
    typeof s.counts === 'object' &&
    s.counts !== null &&
    Object.values(s.counts).every((n) => Number.isInteger(n))
  );
}

/** The closing table: one line per package (spec, version, counts, or its problem), then the time. */
export function formatRegenSummary(rows: readonly SummaryRow[], timings: { readonly totalMs: number; readonly pullMs: number; readonly turboMs: number }): string {
  const lines = ['regen summary:'];
  const w = (f: (r: SummaryRow) => string) => Math.max(...rows.map((r) => f(r).length));
  const pkgW = w((r) => `@kalshi-sdk/${r.pkg}`);
  const specW = w((r) => ('summary' in r ? r.summary.spec : ''));
  const verW = w((r) => ('summary' in r ? r.summary.version : ''));
  for (const r of rows) {
    const pkg = `@kalshi-sdk/${r.pkg}`.padEnd(pkgW);
    if (!('summary' in r)) {
      lines.push(`  ${pkg}  ${r.problem}`);
      continue;
    }
    const counts = Object.entries(r.summary.counts).map(([name, n]) => `${n} ${name}`).join(', ');
    lines.push(`  ${pkg}  ${r.summary.spec.padEnd(specW)}  ${r.summary.version.padEnd(verW)}  ${counts}`);
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  lines.push(`time: ${s(timings.totalMs)} (specs:pull ${s(timings.pullMs)}, turbo ${s(timings.turboMs)})`);
  return lines.join('\n');
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs the main job; resolves to the process exit code. */
export async function regen(): Promise<number> {
  const started = performance.now();
  console.log('regen: specs:pull');
  let pulled: Map<string, string>;
  try {
    const source = specsSourceFromEnv();
    const report = await pullSpecs(source === undefined ? {} : { source });
    console.log(formatReport(report));
    if (!report.ok) {
      console.error('regen: specs:pull failed; nothing was generated');
      return 1;
    }
    pulled = new Map(report.outcomes.flatMap((o) => (o.ok ? [[o.spec.file, o.facts.sha256] as const] : [])));
  } catch (error) {
    if (!(error instanceof SpecsPullError)) throw error;
    console.error(`regen: specs:pull: ${error.message}`);
    return 1;
  }
  const pullMs = performance.now() - started;

  const turbo = ['exec', 'turbo', 'run', 'generate', 'build', 'typecheck', '--output-logs=errors-only'];
  console.log(`regen: pnpm ${turbo.join(' ')}`);
  const code = await run('pnpm', turbo, { ...process.env, TURBO_TELEMETRY_DISABLED: '1' });
  const turboMs = performance.now() - started - pullMs;
  if (code !== 0) {
    console.error(`regen: turbo run generate build typecheck failed (exit ${code}); see the errors above`);
    return 1;
  }

  const rows = await readGeneratedSummaries(repoRoot, pulled);
  console.log(formatRegenSummary(rows, { totalMs: performance.now() - started, pullMs, turboMs }));
  const problems = rows.filter((r) => 'problem' in r).length;
  if (problems > 0) console.error(`regen: ${problems} of ${rows.length} generated summaries missing or stale (see above)`);
  return problems > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await regen();
}
