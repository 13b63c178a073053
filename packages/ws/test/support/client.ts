import { createWebSocketClient, type KalshiWebSocketClient, type WebSocketClientEvents, type WebSocketClientOptions } from '../../src/index.js';
import { API_KEY_ID, type FakeKalshi, testKeys } from './fake-kalshi.js';
import { ManualClock } from './manual-clock.js';

/**
 * A client for `fake` with no keepalive unless `overrides` say otherwise. Its timers run on a
 * {@link ManualClock} (a fresh one unless `overrides.clock` is given), so no reconnect, retry or
 * timeout ever fires on real time: a test that needs one passes its own clock and advances it,
 * or hands it to {@link playBackoff}.
 */
export function clientFor(fake: FakeKalshi, overrides: Partial<WebSocketClientOptions> = {}): KalshiWebSocketClient {
  return createWebSocketClient({
    apiKeyId: API_KEY_ID,
    privateKey: testKeys.privatePem,
    url: fake.url,
    commandTimeoutMs: 3000,
    reconnect: { initialDelayMs: 5, maxDelayMs: 40 },
    keepalive: false,
    clock: new ManualClock(),
    ...overrides,
  } as WebSocketClientOptions);
}

/**
 * For tests about recovery, not its timing: each time `client` schedules a reconnect or a
 * resubscribe, moves `clock` on by that delay as soon as the timer is set, so the attempt starts
 * at once without any real waiting. Returns a function that stops it.
 */
export function playBackoff(client: KalshiWebSocketClient, clock: ManualClock): () => void {
  // The event is emitted just before the timer is set: advance once the emitting code has run.
  const play = ({ delayMs }: { readonly delayMs: number }): void => queueMicrotask(() => clock.advance(delayMs));
  const offs = [client.on('reconnecting', play), client.on('subscriptionRetry', play)];
  return () => {
    for (const off of offs) off();
  };
}

/** The next `event` of `client` (optionally the next one `match` accepts). */
export function nextEvent<K extends keyof WebSocketClientEvents>(
  client: KalshiWebSocketClient,
  event: K,
  match: (value: WebSocketClientEvents[K]) => boolean = () => true,
): Promise<WebSocketClientEvents[K]> {
  return new Promise((resolve) => {
    const off = client.on(event, (value) => {
      if (!match(value)) return;
      off();
      resolve(value);
    });
  });
}

/** Records every client event, in order. */
export function recordEvents(client: KalshiWebSocketClient): Array<{ [K in keyof WebSocketClientEvents]: [K, WebSocketClientEvents[K]] }[keyof WebSocketClientEvents]> {
  const log: Array<[keyof WebSocketClientEvents, unknown]> = [];
  for (const event of ['open', 'reconnecting', 'resubscribed', 'close', 'error'] as const) {
    client.on(event, (value) => log.push([event, value]));
  }
  return log as ReturnType<typeof recordEvents>;
}
