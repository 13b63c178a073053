import { describe, expect, it } from 'vitest';
import { KalshiWsError, type ReconnectOptions, reconnectDelay, resolveReconnect } from '../src/index.js';

describe('reconnectDelay', () => {
  const policy = resolveReconnect({ initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5 });

  it.each<[string, { attempt: number; random: number; want: number }]>([
    ['first attempt, no jitter drawn', { attempt: 1, random: 0, want: 100 }],
    ['first attempt, most jitter', { attempt: 1, random: 0.999, want: 50 }],
    ['grows by the factor', { attempt: 3, random: 0, want: 400 }],
    ['jitter is a fraction of the grown delay', { attempt: 3, random: 0.5, want: 300 }],
    ['capped', { attempt: 10, random: 0, want: 1000 }],
    ['capped, with jitter', { attempt: 10, random: 0.999, want: 501 }],
  ])('%s', (_name, { attempt, random, want }) => {
    expect(reconnectDelay(attempt, policy, random)).toBe(want);
  });

  it('spreads clients apart with Math.random by default', () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(4, policy)));
    expect(delays.size).toBeGreaterThan(1);
    for (const d of delays) expect(d >= 400 && d <= 800).toBe(true);
  });
});

describe('resolveReconnect', () => {
  it('fills in defaults', () => {
    expect(resolveReconnect()).toEqual({
      initialDelayMs: 500,
      maxDelayMs: 30_000,
      factor: 2,
      jitter: 0.5,
      maxAttempts: Number.POSITIVE_INFINITY,
      healthyAfterMs: 10_000,
      maxSubscribeRetries: 5,
    });
  });

  it.each<[string, ReconnectOptions]>([
    ['reconnect.initialDelayMs', { initialDelayMs: -1 }],
    ['reconnect.maxDelayMs', { initialDelayMs: 100, maxDelayMs: 50 }],
    ['reconnect.factor', { factor: 0.5 }],
    ['reconnect.jitter', { jitter: 1.5 }],
    ['reconnect.maxAttempts', { maxAttempts: 0 }],
    ['reconnect.healthyAfterMs', { healthyAfterMs: -1 }],
    ['reconnect.maxSubscribeRetries', { maxSubscribeRetries: 1.5 }],
  ])('refuses a bad %s', (option, given) => {
    try {
      resolveReconnect(given);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KalshiWsError);
      expect((error as KalshiWsError).code).toBe('WS_CONFIG_INVALID');
      expect((error as KalshiWsError).option).toBe(option);
    }
  });
});
