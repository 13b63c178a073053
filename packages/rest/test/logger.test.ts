// Issue 13, item 6: the `logger` option: one debug line per attempt with operation, attempt,
// status and latency, in pino's (fields, message) order, with nothing secret in it.
import type { KalshiLogger } from '@kalshi-sdk/auth';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { makeKeyPair, startLoopback, type Loopback } from './helpers/loopback-server.js';
import { ManualClock } from './helpers/manual-clock.js';

const KEY = makeKeyPair();
const KEY_ID = '44444444-4444-4444-8444-444444444444';

/** A pino-shaped logger: (fields, message), methods that need their `this`. */
function capture(): KalshiLogger & { lines: { level: string; fields: Record<string, unknown>; message?: string }[] } {
  const lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const at = (level: string) =>
    function (this: { lines: typeof lines }, fields: object, message?: string) {
      this.lines.push({ level, fields: fields as Record<string, unknown>, ...(message === undefined ? {} : { message }) });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createClient({ logger })', () => {
  it('logs each attempt at debug: operationId, attempt, status, latencyMs', async () => {
    let calls = 0;
    server = await startLoopback({
      keys: { [KEY_ID]: KEY.publicKey },
      handler: () => (++calls === 1 ? { status: 503, json: { error: { code: 'unavailable', message: 'try again' } } } : { json: { balance: 1, portfolio_value: 0, updated_ts: 1 } }),
    });
    const clock = new ManualClock();
    const logger = capture();
    const kalshi = createClient({
      baseUrl: server.baseUrl,
      rateLimit: false,
      retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
      credentials: { apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem },
      logger,
      clock: { now: () => clock.now(), sleep: async () => {} },
      fetch: async (request) => {
        await clock.advance(7); // the loopback "takes" 7 ms on the injected clock
        return fetch(request);
      },
    });
    await kalshi.GET('/portfolio/balance');
    expect(logger.lines).toEqual([
      { level: 'debug', message: 'kalshi rest request', fields: { operationId: 'GetBalance', method: 'GET', path: '/portfolio/balance', attempt: 1, status: 503, error: undefined, latencyMs: 7 } },
      { level: 'debug', message: 'kalshi rest request', fields: { operationId: 'GetBalance', method: 'GET', path: '/portfolio/balance', attempt: 2, status: 200, error: undefined, latencyMs: 7 } },
    ]);
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain(String(server.requests[0]?.headers['kalshi-access-signature']));
    expect(text).not.toContain('BEGIN');
  });

  it('names the error code of an attempt that got no response', async () => {
    const logger = capture();
    const kalshi = createClient({
      baseUrl: 'http://127.0.0.1:9/trade-api/v2',
      rateLimit: false,
      retry: false,
      logger,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(kalshi.GET('/exchange/status')).rejects.toMatchObject({ code: 'REST_NETWORK' });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]?.fields).toMatchObject({ operationId: 'GetExchangeStatus', attempt: 1, status: undefined, error: 'REST_NETWORK' });
  });
});
