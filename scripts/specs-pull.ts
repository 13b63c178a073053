/**
 * `pnpm specs:pull [--check | --update]`: pulls openapi.yaml, asyncapi.yaml and
 * kalshi-fix-dictionary.xml into specs/ and checks them against specs/specs.lock.json.
 * `KALSHI_SPECS_SOURCE` (a folder path or base URL) replaces the lock's sources.
 * Exit codes: 0 ok, 1 a spec failed or the lock is unreadable, 2 bad arguments.
 */
import { SpecsPullError } from './specs-pull/errors.ts';
import { pullSpecs, type PullMode } from './specs-pull/pull-specs.ts';
import { specsSourceFromEnv } from './specs-pull/read-source.ts';
import { formatReport } from './specs-pull/report.ts';

const USAGE = 'usage: specs-pull [--check | --update]   (env KALSHI_SPECS_SOURCE=<folder or base URL>)';

function parseMode(args: readonly string[]): PullMode | undefined {
  const unknown = args.filter((a) => a !== '--check' && a !== '--update');
  if (unknown.length > 0 || (args.includes('--check') && args.includes('--update'))) return undefined;
  return args.includes('--update') ? 'update' : args.includes('--check') ? 'check' : 'pull';
}

const mode = parseMode(process.argv.slice(2));
if (mode === undefined) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const source = specsSourceFromEnv();
  const report = await pullSpecs({ mode, ...(source === undefined ? {} : { source }) });
  console.log(formatReport(report));
  if (!report.ok) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof SpecsPullError)) throw error;
  console.error(`specs:pull: ${error.message}`);
  process.exitCode = 1;
}
