// Bundles a smoke program the way an app's bundler does for a Worker or a page: esbuild, ESM, the
// packages' exports maps read with the given conditions (never `node`).
import { join } from 'node:path';
import { build } from 'esbuild';
import { RUNTIMES_DIR } from './binaries.js';

/**
 * Bundles `smoke/<entry>` to `outfile`, leaving `external` imports to the runtime; throws esbuild's
 * error, whose message lists what could not be resolved.
 */
export async function bundleSmoke(entry: string, outfile: string, platform: 'neutral' | 'browser', conditions: string[], external: string[] = []): Promise<void> {
  await build({
    entryPoints: [join(RUNTIMES_DIR, 'smoke', entry)],
    absWorkingDir: RUNTIMES_DIR,
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    conditions,
    mainFields: ['browser', 'module', 'main'],
    external,
    logLevel: 'silent',
  });
}

/** The first line of each esbuild error, joined: what a matrix cell can say. */
export function bundleFailure(error: unknown): string {
  const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors;
  if (!errors?.length) return (error as Error).message;
  return errors.map((e) => `${e.text}${e.location ? ` (${e.location.file})` : ''}`).join('; ');
}
