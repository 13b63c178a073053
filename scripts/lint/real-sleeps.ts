/**
 * Finds tests that wait on real time: a promise resolved by a real timer, a `sleep`/`delay` helper,
 * `timers/promises`, vitest's real-time pollers, `Atomics.wait` and busy-waits on the wall clock.
 * Such a wait either checks a timing behaviour that belongs on an injected clock, or proves that
 * something did not happen by waiting "long enough" (a flaky check); issue #14 item 6 removed them.
 * Used by scripts/test/lint/no-real-sleeps.test.ts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** One way of waiting on real time, found line by line. */
export interface SleepPattern {
  readonly name: string;
  readonly regex: RegExp;
}

/** The forms a real-time wait takes in this repository's TypeScript. */
export const SLEEP_PATTERNS: readonly SleepPattern[] = [
  // new Promise((r) => setTimeout(r, 5)), setTimeout(resolve), setTimeout(() => resolve(), 10)
  { name: 'timer-resolved promise', regex: /setTimeout\(\s*(?:\(\)\s*=>\s*)?(?:r|res|resolve|done|next|wake)\s*(?:\(\s*\))?\s*[,)]/ },
  { name: 'sleep helper', regex: /\bawait\s+(?:sleep|delay|wait|pause|setTimeout)\s*\(/ },
  { name: 'timers/promises', regex: /from\s+['"](?:node:)?timers\/promises['"]/ },
  { name: 'real-time poller', regex: /\bvi\.(?:waitFor|waitUntil)\s*\(|\bexpect\.poll\s*\(/ },
  { name: 'Atomics.wait', regex: /\bAtomics\.wait\s*\(/ },
  { name: 'wall-clock busy-wait', regex: /\bwhile\s*\(\s*(?:Date\.now|performance\.now)\s*\(\s*\)/ },
];

/** A real-time wait at `file:line` (`file` relative to the scanned root, with `/`). */
export interface SleepHit {
  readonly file: string;
  readonly line: number;
  readonly pattern: string;
  readonly text: string;
}

/** The real-time waits in one file's text, in line order. */
export function findSleeps(file: string, text: string): SleepHit[] {
  const hits: SleepHit[] = [];
  text.split('\n').forEach((raw, i) => {
    const code = raw.trimStart();
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
    for (const p of SLEEP_PATTERNS) {
      if (p.regex.test(raw)) hits.push({ file, line: i + 1, pattern: p.name, text: raw.trim() });
    }
  });
  return hits;
}

const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;

/** Every TypeScript/JavaScript file under `dir` (recursively), skipping `node_modules` and `dist`. */
async function sourceFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (SOURCE.test(e.name)) out.push(path);
  }
  return out;
}

/**
 * The test code of the repository at `root`: `packages/<pkg>/test`, `scripts/test` and the
 * examples (`examples/<name>/test` and `examples/<name>/src`, which the example's test runs).
 */
export async function testCodeFiles(root: string): Promise<string[]> {
  const dirs = [join(root, 'scripts/test')];
  for (const group of ['packages', 'examples']) {
    const names = await readdir(join(root, group)).catch(() => [] as string[]);
    for (const name of names) {
      dirs.push(join(root, group, name, 'test'));
      if (group === 'examples') dirs.push(join(root, group, name, 'src'));
    }
  }
  const files = (await Promise.all(dirs.map(sourceFiles))).flat();
  return files.map((f) => relative(root, f).split('\\').join('/')).sort();
}

/** {@link findSleeps} over every file of {@link testCodeFiles}, except those in `skip`. */
export async function scanTestCode(root: string, skip: ReadonlySet<string> = new Set()): Promise<SleepHit[]> {
  const hits: SleepHit[] = [];
  for (const file of await testCodeFiles(root)) {
    if (skip.has(file)) continue;
    hits.push(...findSleeps(file, await readFile(join(root, file), 'utf8')));
  }
  return hits;
}
