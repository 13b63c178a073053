// The browser: Chromium from Debian (apt-get install chromium), headless, opens a page served on
// loopback that runs smoke/browser.mjs, bundled with esbuild for the browser as an app's bundler does.
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNTIMES_DIR } from './binaries.js';
import { bundleFailure, bundleSmoke } from './bundle.js';
import type { SmokeContext } from './mock.js';
import { allFailed, type Cell, parseResults, type RuntimeColumn, SMOKE_PACKAGES, type SmokePackage, uniformColumn } from './packages.js';
import { startPageServer } from './page-server.js';
import { runProgram, startProgram } from './spawn.js';

const CHROMIUM = '/usr/bin/chromium';
const DEADLINE_MS = 60_000;
const LABEL = 'Chromium';
const CONDITIONS = ['browser'];

/** Packages the page does not run, and why. */
export const BROWSER_NOT_APPLICABLE: Partial<Record<SmokePackage, string>> = {
  fix: 'FIX runs over TCP (node:net / node:tls), which a page cannot open',
};

export async function runBrowser(context: SmokeContext): Promise<RuntimeColumn> {
  const started = Date.now();
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch (error) {
    const detail = `Debian package chromium is not installed (apt-get install chromium): ${(error as Error).message}`;
    // .ci/run sets this when Debian's packages could not be reached: the column is reported as not
    // run, with the reason, rather than failing a CI machine that has only the npm registry.
    const unavailable = process.env['RUNTIMES_BROWSER_UNAVAILABLE'];
    if (unavailable) return uniformColumn(LABEL, 'not installed', { status: 'n/a', detail: `not run: ${unavailable}; ${detail}` }, started);
    return withNotApplicable(allFailed(LABEL, 'not installed', detail, started));
  }
  const version = (await runProgram(CHROMIUM, ['--version'], { cwd: RUNTIMES_DIR, deadlineMs: 15_000 })).stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-sdk-browser-'));
  const page = await startPageServer(dir, new URL(context.restUrl).origin, (origin) => ({
    ...context,
    restUrl: `${origin}${new URL(context.restUrl).pathname}`,
    controlUrl: `${origin}/__mock`,
    wsBundle: existsSync(join(dir, 'browser-ws.js')) ? '/browser-ws.js' : undefined,
  }));
  let browser: ReturnType<typeof startProgram> | undefined;
  try {
    await bundleSmoke('browser.mjs', join(dir, 'browser.js'), 'browser', CONDITIONS);
    let wsBundleError: string | undefined;
    try {
      await bundleSmoke('ws-browser.mjs', join(dir, 'browser-ws.js'), 'browser', CONDITIONS);
    } catch (error) {
      wsBundleError = `esbuild cannot bundle @kalshi-sdk/ws for the browser: ${bundleFailure(error)}`;
    }
    const profile = join(dir, 'profile');
    browser = startProgram(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, page.origin], dir);
    const answer = await Promise.race([
      page.results,
      browser.exited.then(() => `chromium exited: ${browser!.output().trim().split('\n').slice(-3).join(' ')}`),
      new Promise<string>((resolve) => setTimeout(() => resolve(`no results from the page within ${DEADLINE_MS / 1000} s`), DEADLINE_MS).unref()),
    ]);
    const reported = parseResults(answer);
    const cells = Object.fromEntries(
      SMOKE_PACKAGES.map((name): [SmokePackage, Cell] => {
        const reason = BROWSER_NOT_APPLICABLE[name];
        if (reason) return [name, { status: 'n/a', detail: reason }];
        if (name === 'ws' && wsBundleError) return [name, { status: 'fail', detail: wsBundleError }];
        return [name, reported.get(name) ?? { status: 'fail', detail: `no result from the page: ${answer.slice(0, 300)}` }];
      }),
    ) as Record<SmokePackage, Cell>;
    return { label: LABEL, version, cells, ms: Date.now() - started };
  } catch (error) {
    return withNotApplicable(allFailed(LABEL, version, bundleFailure(error), started));
  } finally {
    browser?.stop();
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function withNotApplicable(column: RuntimeColumn): RuntimeColumn {
  for (const [name, reason] of Object.entries(BROWSER_NOT_APPLICABLE)) column.cells[name as SmokePackage] = { status: 'n/a', detail: reason };
  return column;
}
