/**
 * `pnpm nightly [--dry-run [--old <spec>]…] [--out <dir>] [--skip-tests]`: the nightly spec job
 * (pull → contract diff → changeset → regenerate → test → PR title and body). The library is in
 * scripts/nightly/; .github/workflows/nightly.yml opens the pull request.
 */
import { repoRoot } from './lib/repo.ts';
import { runNightlyCli } from './nightly/cli.ts';

process.exitCode = await runNightlyCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  repoRoot,
});
