/**
 * Issue #13: a command's wait for its reply takes an `AbortSignal`. An abort rejects with the signal's
 * reason, clears the reply timer and the pending entry, removes its listener, and the reply that comes
 * later is dropped (not taken for a stray frame).
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ReplyFrame } from '../src/command-channel.js';
import { KalshiWsError } from '../src/errors.js';
import { commandChannel } from './support/command-channel.js';

const okOnce = (frame: ReplyFrame, settle: (v: unknown) => void): void => {
  if (frame.type === 'ok') settle(frame.msg);
};

describe('CommandChannel.send(…, signal)', () => {
  it('an already aborted signal: rejects with its reason, sends nothing, arms no timer', async () => {
    const { commands, sent, clock } = commandChannel();
    const reason = new Error('gave up');
    await expect(commands.send('list_subscriptions', undefined, okOnce, AbortSignal.abort(reason)).promise).rejects.toBe(reason);
    expect(sent).toEqual([]);
    expect(clock.pending).toEqual([]);
    expect(commands.waiting).toEqual({ pending: 0, abandoned: 0 });
  });

  it('an abort while waiting: rejects at once with the reason, releases the timer, the entry and the listener; the late reply is dropped once', async () => {
    const { commands, sent, clock } = commandChannel();
    const controller = new AbortController();
    const handle = commands.send('list_subscriptions', undefined, okOnce, controller.signal);
    expect(sent).toEqual([{ id: 1, cmd: 'list_subscriptions' }]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await expect(handle.promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pending).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(commands.waiting).toEqual({ pending: 0, abandoned: 1 });
    // The reply comes after all: taken (so the client does not treat it as a stray frame) and dropped.
    expect(commands.reply({ type: 'error', id: 1, msg: { code: 7, msg: 'Subscription not found' } })).toBe(true);
    expect(commands.waiting).toEqual({ pending: 0, abandoned: 0 });
    expect(commands.reply({ type: 'ok', id: 1 })).toBe(false);
  });

  it('a reply before the abort: settles, and the signal keeps no listener', async () => {
    const { commands } = commandChannel();
    const controller = new AbortController();
    const handle = commands.send('list_subscriptions', undefined, okOnce, controller.signal);
    commands.reply({ type: 'ok', id: 1, msg: ['x'] });
    expect(await handle.promise).toEqual(['x']);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    controller.abort();
    expect(commands.waiting).toEqual({ pending: 0, abandoned: 0 });
  });

  it('a timeout removes the listener too; a lost connection forgets the abandoned ids', async () => {
    const { commands, clock } = commandChannel();
    const timed = new AbortController();
    const timing = commands.send('list_subscriptions', undefined, okOnce, timed.signal).promise.catch((e: unknown) => e);
    clock.advance(100);
    expect(await timing).toMatchObject({ code: 'WS_REPLY_TIMEOUT' });
    expect(getEventListeners(timed.signal, 'abort')).toHaveLength(0);

    const aborted = new AbortController();
    const waiting = commands.send('list_subscriptions', undefined, okOnce, aborted.signal).promise.catch((e: unknown) => e);
    aborted.abort();
    await waiting;
    expect(commands.waiting.abandoned).toBe(1);
    commands.failAll(new KalshiWsError('WS_CONNECTION_LOST', 'gone'));
    expect(commands.waiting).toEqual({ pending: 0, abandoned: 0 });
  });
});
