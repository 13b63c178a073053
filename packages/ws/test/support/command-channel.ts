import { CommandChannel } from '../../src/command-channel.js';
import type { Connection } from '../../src/transport.js';
import { ManualClock } from './manual-clock.js';

/**
 * Command correlation alone: a `CommandChannel` on a recording connection (every sent command,
 * parsed, in `sent`) and a manual clock, replies handed in by hand; `connected: false` gives it no
 * connection.
 */
export function commandChannel(connected = true) {
  const sent: unknown[] = [];
  const connection: Connection = {
    send: (text) => sent.push(JSON.parse(text)),
    close: () => undefined,
    kill: () => undefined,
    closeAndWait: () => Promise.resolve(),
  };
  const clock = new ManualClock();
  const commands = new CommandChannel({ connection: () => (connected ? connection : undefined), clock, timeoutMs: 100 });
  return { commands, sent, clock };
}
