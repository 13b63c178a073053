import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRequire } from '#package-require';
import type { Command } from 'commander';
import type { RunWith } from '../program.js';

/** The path of `@kalshi-sdk/mock-exchange`'s `kalshi-mock` bin, resolved from this package. */
export function kalshiMockBin(): string {
  const manifest = packageRequire.resolve('@kalshi-sdk/mock-exchange/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['kalshi-mock']!);
}

/**
 * `kalshi mock [kalshi-mock options]`: runs `@kalshi-sdk/mock-exchange`'s `kalshi-mock serve` (its
 * start-up: a generated key pair written to --keys-dir, the URLs printed, `ready`) in a child
 * process with the same stdio, forwards SIGINT/SIGTERM to it, and exits with its status.
 */
function runMock(args: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [kalshiMockBin(), ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
}

/** `kalshi mock`. */
export function registerMock(program: Command, run: RunWith): void {
  program
    .command('mock')
    .description('start the mock exchange on 127.0.0.1 (kalshi-mock serve): prints rest_url, ws_url, the key id and key file; Ctrl-C stops it. Options: kalshi mock --help')
    .argument('[options...]', 'kalshi-mock options (--port N, --seed N, --fixtures FILE, --keys-dir DIR, --balance DOLLARS, …)')
    .allowUnknownOption()
    .helpOption(false)
    .action(run((_ctx, args: string[]) => runMock(args)));
}
