/**
 * Issue #14 item 6: no test sleeps on real time to check behaviour. A timing behaviour (backoff,
 * keepalive, timeouts, pacing) runs on the package's injected clock; "nothing else happened" is
 * proved by a round-trip marker or by advancing a manual clock, never by waiting a while; a wait
 * for an event over a real socket awaits the event. The few real-time waits left are listed below,
 * each with the reason it must stay.
 */
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { findSleeps, scanTestCode, type SleepHit } from '../../lint/real-sleeps.ts';

/** This file: its table below holds the patterns as sample text. */
const SELF = 'scripts/test/lint/no-real-sleeps.test.ts';

interface Allowed {
  readonly file: string;
  /** A fragment of the allowed line (robust to line moves). */
  readonly line: string;
  readonly reason: string;
}

/** The real-time waits that stay, each for a stated reason. Every entry must still match a line. */
const ALLOWED: readonly Allowed[] = [
  {
    // The unit under test is SystemClock, the mock's wrapper of the runtime's real timers. A real
    // 0 ms timer queued after the cancelled 0 ms one is the marker: had the cancel failed, the
    // cancelled task would have run before it (same delay, insertion order). Not a "long enough" wait.
    file: 'packages/mock-exchange/test/scheduler.test.ts',
    line: 'await new Promise((resolve) => setTimeout(resolve, 0));',
    reason: 'real timers are the subject; the 0 ms timer is an ordering marker',
  },
  {
    // The CLI tests wait on another process: a spawned `kalshi` (its output, the pages it writes to a
    // file) or a tmux pane showing `book --watch`. A file or a terminal screen has no in-process event
    // and no clock to inject; `until` re-reads it every 20 ms up to a deadline and checks no timing.
    file: 'packages/cli/test/support/cli.ts',
    line: 'await new Promise((r) => setTimeout(r, 20));',
    reason: 'polls another process (its output, a file it writes, a tmux screen); a file or a screen has no event to await',
  },
];

const isAllowed = (hit: SleepHit): boolean => ALLOWED.some((a) => a.file === hit.file && hit.text.includes(a.line));

describe('findSleeps', () => {
  it.each<[string, { given: string; want: string[] }]>([
    ['a promise resolved by a timer', { given: 'await new Promise((r) => setTimeout(r, 5));', want: ['timer-resolved promise'] }],
    ['a named resolver', { given: 'await new Promise((resolve) => setTimeout(resolve, 50));', want: ['timer-resolved promise'] }],
    ['a resolver called from an arrow', { given: 'await new Promise((done) => setTimeout(() => done(), 10));', want: ['timer-resolved promise'] }],
    ['a sleep helper', { given: '  await sleep(100);', want: ['sleep helper'] }],
    ['a delay helper', { given: 'await delay(20)', want: ['sleep helper'] }],
    ['timers/promises', { given: "import { setTimeout as wait } from 'node:timers/promises';", want: ['timers/promises'] }],
    ['the promise setTimeout', { given: 'await setTimeout(10);', want: ['sleep helper'] }],
    ['vi.waitFor', { given: 'await vi.waitFor(() => expect(x).toBe(1));', want: ['real-time poller'] }],
    ['expect.poll', { given: 'await expect.poll(() => n).toBe(2);', want: ['real-time poller'] }],
    ['Atomics.wait', { given: 'Atomics.wait(view, 0, 0, 50);', want: ['Atomics.wait'] }],
    ['a busy-wait', { given: 'while (Date.now() < end) {}', want: ['wall-clock busy-wait'] }],
    ['a manual clock sleep', { given: 'await clock.sleep(r.delay);', want: [] }],
    ['a clock adapter over real timers', { given: 'setTimeout: (fn, ms) => setTimeout(fn, ms),', want: [] }],
    ['an event-loop turn', { given: 'await new Promise((resolve) => setImmediate(resolve));', want: [] }],
    ['a safety timeout that rejects', { given: 'const timer = setTimeout(() => reject(new Error("timeout")), 5000);', want: [] }],
    ['a comment', { given: '// never: await new Promise((r) => setTimeout(r, 5));', want: [] }],
  ])('%s', (_name, { given, want }) => {
    expect(findSleeps('t.ts', given).map((h) => h.pattern)).toEqual(want);
  });

  it('names the file and line', () => {
    expect(findSleeps('a/b.test.ts', 'x\n\n  await sleep(5);\n')).toEqual([{ file: 'a/b.test.ts', line: 3, pattern: 'sleep helper', text: 'await sleep(5);' }]);
  });
});

describe('test code of the repository', async () => {
  const hits = await scanTestCode(repoRoot, new Set([SELF]));

  it('waits on real time only where the allow-list says why', () => {
    const bad = hits.filter((h) => !isAllowed(h)).map((h) => `${h.file}:${h.line} (${h.pattern}): ${h.text}`);
    expect(bad, 'replace with the injected clock, a round-trip marker, or await the event itself').toEqual([]);
  });

  it('has no stale allow-list entries, and a reason for each', () => {
    const stale = ALLOWED.filter((a) => !hits.some((h) => h.file === a.file && h.text.includes(a.line))).map((a) => `${a.file}: ${a.line}`);
    expect(stale).toEqual([]);
    expect(ALLOWED.filter((a) => a.reason.trim() === '').map((a) => a.file)).toEqual([]);
  });
});
