/**
 * Where things are in the repository: its root, whatever the working directory, and the pulled
 * specs under `specs/` (written by `pnpm specs:pull`), read with their sha256.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whatever the working directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A spec file's text with its sha256 (hex). `file` is the name generated headers and summaries cite. */
export interface SpecSource {
  readonly file: string;
  readonly text: string;
  readonly sha256: string;
}

/**
 * Reads `specs/<file>`, or the file at `file` when it is an absolute path (tests and older spec
 * versions); `SpecSource.file` is then its base name.
 * @throws Error naming the file when it cannot be read (for `specs/`: run `pnpm specs:pull`).
 */
export async function readSpec(file: string): Promise<SpecSource> {
  const absolute = isAbsolute(file);
  let text: string;
  try {
    text = await readFile(absolute ? file : join(repoRoot, 'specs', file), 'utf8');
  } catch (error) {
    if (absolute) throw new Error(`${file} cannot be read`, { cause: error });
    throw new Error(`specs/${file} is missing: run \`pnpm specs:pull\` first`);
  }
  return { file: absolute ? basename(file) : file, text, sha256: createHash('sha256').update(text).digest('hex') };
}
