import { describe, expect, it } from 'vitest';
import { Emitter } from '../src/emitter.js';

interface Events {
  tick: number;
  other: string;
}

describe('Emitter slots', () => {
  it('hands out one slot per event whose listeners follow on/off', () => {
    const emitter = new Emitter<Events>(() => undefined);
    const slot = emitter.slot('tick');
    expect(emitter.slot('tick')).toBe(slot);
    expect(slot.listeners).toHaveLength(0);
    const seen: number[] = [];
    const off = emitter.on('tick', (v) => seen.push(v));
    expect([slot.listeners.length, emitter.has('tick'), emitter.has('other')]).toEqual([1, true, false]);
    emitter.emitTo(slot, 1);
    emitter.emit('tick', 2);
    off();
    emitter.emitTo(slot, 3);
    expect([seen, slot.listeners.length, emitter.has('tick')]).toEqual([[1, 2], 0, false]);
  });

  it('reports what a listener throws with its event name and still calls the others', () => {
    const failures: Array<[unknown, keyof Events]> = [];
    const emitter = new Emitter<Events>((error, event) => failures.push([error, event]));
    const seen: number[] = [];
    const boom = new Error('boom');
    emitter.on('tick', () => {
      throw boom;
    });
    emitter.on('tick', (v) => seen.push(v));
    emitter.emitTo(emitter.slot('tick'), 7);
    expect([seen, failures]).toEqual([[7], [[boom, 'tick']]]);
  });

  it('lets a listener remove itself during an emit without disturbing that emit', () => {
    const emitter = new Emitter<Events>(() => undefined);
    const calls: string[] = [];
    const offA = emitter.on('other', () => {
      calls.push('a');
      offA();
    });
    emitter.on('other', () => calls.push('b'));
    emitter.emit('other', 'x');
    emitter.emit('other', 'y');
    expect(calls).toEqual(['a', 'b', 'b']);
  });
});
