// Where each pinned runtime's binary is: inside its platform package, installed by pnpm into
// runtimes/node_modules from runtimes/package.json (the one place the versions are pinned). No
// postinstall, no download. Looked up by path, not by module resolution, so nothing hoisted
// elsewhere (NODE_PATH) can stand in for a missing or different version.
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIMES_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The executable `binPath` inside the installed package `packageName` (a devDependency of
 * runtimes/package.json, possibly an `npm:` alias).
 * @throws Error naming the package when it is not pinned, not installed, of another version, or has no such executable.
 */
export function pinnedBinary(packageName: string, binPath: string): string {
  const pins = (readJson(join(RUNTIMES_DIR, 'package.json')) as { devDependencies: Record<string, string> }).devDependencies;
  const pin = pins[packageName];
  if (pin === undefined) throw new Error(`${packageName} is not pinned in runtimes/package.json`);
  const pinnedVersion = pin.slice(pin.lastIndexOf('@') + 1);
  const root = join(RUNTIMES_DIR, 'node_modules', packageName);
  let installed: string;
  try {
    installed = (readJson(join(root, 'package.json')) as { version: string }).version;
  } catch (error) {
    throw new Error(`${packageName}@${pinnedVersion} is not installed (run pnpm install): ${(error as Error).message}`);
  }
  if (installed !== pinnedVersion) throw new Error(`${packageName}: runtimes/package.json pins ${pinnedVersion} but ${installed} is installed (run pnpm install)`);
  const binary = join(root, binPath);
  try {
    accessSync(binary, constants.X_OK);
  } catch (error) {
    throw new Error(`${packageName}@${installed} has no executable ${binPath}: ${(error as Error).message}`);
  }
  return binary;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
