/** Writing a generator's output folder (`packages/<pkg>/src/generated/`) all at once. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Replaces `outDir` with exactly `files` (relative name → contents). Writes to a sibling temp
 * folder first and renames, so a failed generation never leaves a half-written folder.
 */
export async function writeGeneratedDir(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  for (const [name, contents] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(tmp, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents);
  }
  await rm(outDir, { recursive: true, force: true });
  await rename(tmp, outDir);
}
