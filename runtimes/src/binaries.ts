// Where each pinned runtime's binary is: inside its platform package, installed by pnpm from
// runtimes/package.json (the one place the versions are pinned). No postinstall, no download.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIMES_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(RUNTIMES_DIR, 'package.json'));

/** The executable `binPath` inside the installed package `packageName`; throws naming the package when it is missing. */
export function pinnedBinary(packageName: string, binPath: string): string {
  let root: string;
  try {
    root = dirname(require.resolve(`${packageName}/package.json`));
  } catch (error) {
    throw new Error(`${packageName} is not installed (run pnpm install): ${(error as Error).message}`);
  }
  const binary = join(root, binPath);
  try {
    accessSync(binary, constants.X_OK);
  } catch (error) {
    throw new Error(`${packageName} has no executable ${binPath}: ${(error as Error).message}`);
  }
  return binary;
}
