/**
 * The mock exchange as it was at {@link BASELINE_COMMIT}, before the throughput work of issue #11,
 * measured beside today's engine in the same run so the table can give ratios. Its sources are
 * extracted at run time with `git archive` into `packages/mock-exchange/.bench-baseline/` (git-
 * ignored), where its imports of `@kalshi-sdk/*` resolve through the package's own node_modules,
 * and imported through tsx like the current src. No copy of the old engine lives in the repo.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Today's engine before the work: the commit the issue's 23–47k orders/s were measured on. */
export const BASELINE_COMMIT = 'edb7e6e';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'packages', 'mock-exchange', '.bench-baseline');
const marker = join(target, 'COMMIT');

/** What the bench uses of a mock-exchange module (today's or the baseline's). */
export type MockExchangeModule = typeof import('../../packages/mock-exchange/src/index.ts');

/** The baseline's module, or why it could not be had (no git, a shallow clone without the commit). */
export type Baseline = { readonly module: MockExchangeModule } | { readonly skipped: string };

/** Extracts (once per commit) and imports the baseline's `src/index.ts`. Never throws: a failure is `skipped`. */
export async function loadBaseline(): Promise<Baseline> {
  try {
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== BASELINE_COMMIT) {
      const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', BASELINE_COMMIT, 'packages/mock-exchange/src'], { maxBuffer: 1 << 28 });
      if (archive.status !== 0) {
        return { skipped: `git archive ${BASELINE_COMMIT} failed (${archive.error?.message ?? archive.stderr.toString().trim()}): baseline cases skipped` };
      }
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      const untar = spawnSync('tar', ['-x', '-C', target, '--strip-components=2'], { input: archive.stdout });
      if (untar.status !== 0) return { skipped: `tar failed (${untar.stderr.toString().trim()}): baseline cases skipped` };
      writeFileSync(marker, BASELINE_COMMIT);
    }
    return { module: (await import(pathToFileURL(join(target, 'src', 'index.ts')).href)) as MockExchangeModule };
  } catch (error) {
    return { skipped: `baseline ${BASELINE_COMMIT} could not be loaded (${(error as Error).message}): baseline cases skipped` };
  }
}
