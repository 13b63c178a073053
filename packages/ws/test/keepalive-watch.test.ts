import { describe, expect, it } from 'vitest';
import { KeepaliveWatch } from '../src/keepalive.js';
import { ManualClock } from './support/manual-clock.js';

// Time moves only by ManualClock.advance: each case steps 1 ms at a time and records when the
// watch declares the connection dead.
describe('KeepaliveWatch', () => {
  it.each<[string, { given: { intervalMs: number; deadAfter: number; lifeAt: number[]; until: number }; want: { deadAt: number | undefined; silent?: number } }]>([
    ['silent from the start: dead at the N-th check', { given: { intervalMs: 10, deadAfter: 3, lifeAt: [], until: 100 }, want: { deadAt: 30, silent: 3 } }],
    ['life in the first interval: the count starts at the next check', { given: { intervalMs: 10, deadAfter: 3, lifeAt: [5], until: 100 }, want: { deadAt: 40, silent: 3 } }],
    ['life just before each check: never dead', { given: { intervalMs: 10, deadAfter: 2, lifeAt: [9, 19, 29, 39, 49, 59], until: 69 }, want: { deadAt: undefined } }],
    ['life stops: dead N checks after the last sign', { given: { intervalMs: 10, deadAfter: 2, lifeAt: [9, 19], until: 100 }, want: { deadAt: 40, silent: 2 } }],
    ['deadAfter 1: one silent interval is enough', { given: { intervalMs: 25, deadAfter: 1, lifeAt: [], until: 100 }, want: { deadAt: 25, silent: 1 } }],
  ])('%s', (_name, { given, want }) => {
    const clock = new ManualClock();
    const start = clock.now();
    let dead: { at: number; silent: number } | undefined;
    const watch = new KeepaliveWatch({
      intervalMs: given.intervalMs,
      deadAfter: given.deadAfter,
      clock,
      dead: (silent) => {
        dead = { at: clock.now() - start, silent };
      },
    });
    watch.start();
    for (let t = 1; t <= given.until && dead === undefined; t++) {
      clock.advance(1);
      if (given.lifeAt.includes(t)) watch.alive();
    }
    expect(dead === undefined ? undefined : dead.at).toBe(want.deadAt);
    if (want.silent !== undefined) expect(dead?.silent).toBe(want.silent);
    expect(clock.pending).toHaveLength(dead === undefined ? 1 : 0);
  });

  it('stops: no check runs after stop()', () => {
    const clock = new ManualClock();
    let dead = false;
    const watch = new KeepaliveWatch({ intervalMs: 10, deadAfter: 1, clock, dead: () => (dead = true) });
    watch.start();
    watch.stop();
    clock.advance(1000);
    expect([dead, clock.pending]).toEqual([false, []]);
  });
});
