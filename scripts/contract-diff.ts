/**
 * `pnpm contract:diff <old> <new> [--json out.json] [--markdown out.md] [--allow-breaking] [--changeset]`:
 * semantic, direction-aware diff of two Kalshi specs (OpenAPI, AsyncAPI or FIX dictionary).
 * The library lives in scripts/contract-diff/ (see its README.md for the classification rules).
 */
import { repoRoot } from './lib/repo.ts';
import { runCli } from './contract-diff/cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  repoRoot,
});
