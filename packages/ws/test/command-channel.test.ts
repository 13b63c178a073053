import { describe, expect, it } from 'vitest';
import type { ReplyFrame } from '../src/command-channel.js';
import { KalshiWsError } from '../src/errors.js';
import { commandChannel } from './support/command-channel.js';

const okOnce = (frame: ReplyFrame, settle: (v: unknown) => void): void => {
  if (frame.type === 'ok') settle(frame.msg);
};

describe('CommandChannel', () => {
  it('numbers commands from 1 and settles each on the reply with its id', async () => {
    const { commands, sent } = commandChannel();
    const a = commands.send('list_subscriptions', undefined, okOnce);
    const b = commands.send('update_subscription', { sids: [3] }, okOnce);
    expect(sent).toEqual([
      { id: 1, cmd: 'list_subscriptions' },
      { id: 2, cmd: 'update_subscription', params: { sids: [3] } },
    ]);
    expect(commands.reply({ type: 'ok', id: 2, msg: 'two' })).toBe(true);
    expect(commands.reply({ type: 'ok', id: 1, msg: 'one' })).toBe(true);
    expect(await Promise.all([a.promise, b.promise])).toEqual(['one', 'two']);
    expect(commands.reply({ type: 'ok', id: 1 })).toBe(false);
  });

  it.each<[string, { given: ReplyFrame; want: boolean }]>([
    ['an unknown id', { given: { type: 'ok', id: 99 }, want: false }],
    ['id 0 (server-initiated)', { given: { type: 'error', id: 0 }, want: false }],
    ['no id', { given: { type: 'error' }, want: false }],
  ])('does not take a reply with %s', (_name, { given, want }) => {
    const { commands } = commandChannel();
    void commands.send('list_subscriptions', undefined, okOnce).promise.catch(() => undefined);
    expect(commands.reply(given)).toBe(want);
  });

  it('times out on its clock after timeoutMs, not before', async () => {
    const { commands, clock } = commandChannel();
    let outcome: unknown;
    const done = commands.send('list_subscriptions', undefined, okOnce).promise.catch((e: unknown) => {
      outcome = e;
    });
    clock.advance(99);
    await Promise.resolve();
    expect(outcome).toBeUndefined();
    clock.advance(1);
    await done;
    expect(outcome).toMatchObject({ code: 'WS_REPLY_TIMEOUT', cmd: 'list_subscriptions', commandId: 1 });
    expect(clock.pending).toEqual([]);
  });

  it('fails without sending when not connected, and fails every pending command on failAll', async () => {
    const offline = commandChannel(false);
    await expect(offline.commands.send('subscribe', {}, okOnce).promise).rejects.toMatchObject({ code: 'WS_CONNECTION_LOST', cmd: 'subscribe' });
    expect([offline.sent, offline.clock.pending]).toEqual([[], []]);

    const { commands, clock } = commandChannel();
    const a = commands.send('subscribe', {}, okOnce).promise;
    const b = commands.send('unsubscribe', {}, okOnce).promise;
    commands.failAll(new KalshiWsError('WS_CONNECTION_LOST', 'gone'));
    await expect(a).rejects.toMatchObject({ code: 'WS_CONNECTION_LOST' });
    await expect(b).rejects.toMatchObject({ code: 'WS_CONNECTION_LOST' });
    expect(clock.pending).toEqual([]);
  });
});
