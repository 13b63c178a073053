// One logger interface (issue 13, item 6): pino argument order, console adapter, redaction.
import { describe, expect, it } from 'vitest';
import { consoleLogger, REDACTED, redactFields, redactingLogger, type KalshiLogger } from '../src/index.js';
import { keys } from './fixtures.js';

type Line = { level: string; fields: unknown; message: string | undefined };

/** Records calls in pino's shape; the methods read `this` like pino's do. */
function pinoShaped(): KalshiLogger & { lines: Line[] } {
  const lines: Line[] = [];
  function method(level: string) {
    return function (this: { lines: Line[] }, fields: object, message?: string) {
      this.lines.push({ level, fields, message });
    };
  }
  return { lines, debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}

describe('redactingLogger', () => {
  it('never passes a signature header value, a PEM, a passphrase or a key object to the logger', () => {
    const pino = pinoShaped();
    const log = redactingLogger(pino);
    const headers = new Headers({ 'KALSHI-ACCESS-SIGNATURE': 'c2lnbmF0dXJl', 'KALSHI-ACCESS-TIMESTAMP': '1700000000000', Accept: 'application/json' });
    log.debug(
      {
        operationId: 'GetBalance',
        attempt: 1,
        headers,
        request: { 'KALSHI-ACCESS-SIGNATURE': 'c2lnbmF0dXJl', nested: [{ note: keys.pkcs1 }] },
        passphrase: 'hunter2',
        key: keys.privateKey,
        authorization: 'Bearer tok',
      },
      'kalshi rest request',
    );
    expect(pino.lines).toHaveLength(1);
    const text = JSON.stringify(pino.lines);
    for (const secret of ['c2lnbmF0dXJl', 'BEGIN', 'hunter2', 'Bearer tok']) expect(text).not.toContain(secret);
    expect(pino.lines[0]).toEqual({
      level: 'debug',
      message: 'kalshi rest request',
      fields: {
        operationId: 'GetBalance',
        attempt: 1,
        headers: { 'kalshi-access-signature': REDACTED, 'kalshi-access-timestamp': '1700000000000', accept: 'application/json' },
        request: { 'KALSHI-ACCESS-SIGNATURE': REDACTED, nested: [{ note: REDACTED }] },
        passphrase: REDACTED,
        key: REDACTED,
        authorization: REDACTED,
      },
    });
  });

  it('calls each level in pino order (fields, message) with pino methods bound to their logger', () => {
    const pino = pinoShaped();
    const log = redactingLogger(pino);
    log.info({ a: 1 }, 'open');
    log.warn({ b: 2 });
    log.error({ c: 3 }, 'failed');
    expect(pino.lines).toEqual([
      { level: 'info', fields: { a: 1 }, message: 'open' },
      { level: 'warn', fields: { b: 2 }, message: undefined },
      { level: 'error', fields: { c: 3 }, message: 'failed' },
    ]);
  });

  it('keeps class instances other than keys and headers (errors, decimals) as they are', () => {
    const error = new Error('boom');
    expect(redactFields({ error }).error).toBe(error);
  });
});

describe('consoleLogger', () => {
  it('prints message then fields at and above its level, and nothing below', () => {
    const printed: unknown[][] = [];
    const sink = {
      debug: (...a: unknown[]) => printed.push(['debug', ...a]),
      info: (...a: unknown[]) => printed.push(['info', ...a]),
      warn: (...a: unknown[]) => printed.push(['warn', ...a]),
      error: (...a: unknown[]) => printed.push(['error', ...a]),
    };
    const asLogger: KalshiLogger = console; // console fits the interface as it is (checked by tsc)
    void asLogger;
    const log = consoleLogger('info', sink);
    log.debug({ x: 1 }, 'hidden');
    log.info({ x: 2 }, 'shown');
    log.error({ x: 3 });
    expect(printed).toEqual([
      ['info', 'shown', { x: 2 }],
      ['error', { x: 3 }],
    ]);
    const silent = consoleLogger('silent', sink);
    silent.error({ x: 4 }, 'never');
    expect(printed).toHaveLength(2);
  });
});
