/**
 * Source maps that resolve: an error thrown inside a packed package, run with
 * `node --enable-source-maps` from an installed copy of the tarball, has a stack whose frame maps
 * to a `.ts` file that the tarball ships, at a line that holds the `throw`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { packPackage } from '../../packaging/pack.ts';
import { listPublishablePackages } from '../../packaging/workspace.ts';

const run = promisify(execFile);
let scratch: string;
let installed: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'release-source-maps-'));
  const [auth] = await listPublishablePackages(repoRoot, ['auth']);
  const tarball = await packPackage(auth!, scratch);
  await run('tar', ['-xzf', tarball, '-C', scratch]);
  installed = join(scratch, 'app', 'node_modules', '@kalshi-sdk', 'auth');
  await mkdir(join(installed, '..'), { recursive: true });
  await rename(join(scratch, 'package'), installed);
}, 60_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The first stack frame inside the installed package: its file and 1-based line. */
function frameInPackage(stack: string): { file: string; line: number } | undefined {
  for (const m of stack.matchAll(/\(?(\/[^\s():]+):(\d+):\d+\)?$/gm)) {
    if (m[1]!.startsWith(installed)) return { file: m[1]!, line: Number(m[2]) };
  }
  return undefined;
}

describe('source maps of a packed package', () => {
  it.each([
    ['import', 'stack.mjs', "const m = await import('@kalshi-sdk/auth');"],
    ['require', 'stack.cjs', "const m = require('@kalshi-sdk/auth');"],
  ])('map a thrown error (%s) back to a shipped .ts line', async (_how, script, load) => {
    const body = `${load}\ntry { m.loadPrivateKey(''); } catch (e) { process.stdout.write(e.stack); }\n`;
    await writeFile(join(scratch, 'app', script), script.endsWith('.cjs') ? `(async () => {\n${body}})();\n` : body);
    const { stdout } = await run(process.execPath, ['--enable-source-maps', script], { cwd: join(scratch, 'app') });
    expect(stdout).toMatch(/^KalshiAuthError/);
    const frame = frameInPackage(stdout);
    expect(frame, stdout).toBeDefined();
    expect(frame!.file).toBe(join(installed, 'src', 'load-private-key.ts'));
    expect(existsSync(frame!.file), `${frame!.file} is not in the tarball`).toBe(true);
    const line = (await readFile(frame!.file, 'utf8')).split('\n')[frame!.line - 1];
    expect(line).toContain("throw new KalshiAuthError('KEY_MALFORMED', 'The private key is empty");
  });
});
