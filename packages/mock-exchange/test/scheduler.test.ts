import { describe, expect, it } from 'vitest';
import { ManualClock, SystemClock, isSchedulingClock } from '../src/index.js';

describe('ManualClock', () => {
  it('runs due tasks in time order (ties in scheduling order), each seeing its own time', () => {
    const clock = new ManualClock(1_000);
    const seen: string[] = [];
    clock.at(1_300, () => seen.push(`c@${clock.now()}`));
    clock.at(1_100, () => seen.push(`a@${clock.now()}`));
    clock.at(1_300, () => seen.push(`d@${clock.now()}`));
    clock.at(1_200, () => seen.push(`b@${clock.now()}`));
    clock.advance(250);
    expect(seen).toEqual(['a@1100', 'b@1200']);
    expect(clock.now()).toBe(1_250);
    clock.advance(50);
    expect(seen).toEqual(['a@1100', 'b@1200', 'c@1300', 'd@1300']);
  });

  it('runs tasks scheduled by a task when they fall inside the same step, and skips canceled ones', () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    clock.at(10, () => clock.at(15, () => seen.push(clock.now())));
    const cancel = clock.at(12, () => seen.push(-1));
    cancel();
    clock.advance(20);
    expect(seen).toEqual([15]);
    expect(clock.pendingCount()).toBe(0);
  });

  it('refuses to go back in time or advance by a negative step', () => {
    const clock = new ManualClock(100);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advanceTo(99)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('is recognised as a scheduling clock; a plain now() object is not', () => {
    expect(isSchedulingClock(new ManualClock())).toBe(true);
    expect(isSchedulingClock(new SystemClock())).toBe(true);
    expect(isSchedulingClock({ now: () => 0 })).toBe(false);
  });
});

describe('SystemClock', () => {
  it('cancels a pending real timer so it never runs', async () => {
    const clock = new SystemClock();
    let ran = false;
    const cancel = clock.at(clock.now(), () => {
      ran = true;
    });
    cancel();
    // One turn of the event loop: a 0 ms timer would have fired by then (no behaviour waits on time).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ran).toBe(false);
  });
});
