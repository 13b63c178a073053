// Issue 13 against the mock exchange: one `credentials` option (item 1), the logger (item 6),
// and error 11 naming its market and command (item 7).
import { createPrivateKey, webcrypto } from 'node:crypto';
import { createWebCryptoSigner, type KalshiLogger } from '@kalshi-sdk/auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KalshiWsError, type WebSocketClientOptions } from '../../src/index.js';
import { testKeys, until } from '../support/fake-kalshi.js';
import { type Exchange, LINEAR, MAKER_KEY, startExchange } from './support.js';

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.close());

/** A maker's client without the deprecated top-level key options the support helper sets. */
const fresh = (options: Partial<WebSocketClientOptions> = {}) => ex.ws({ apiKeyId: undefined, privateKey: undefined, ...options } as unknown as Partial<WebSocketClientOptions>);

type Line = { level: string; fields: Record<string, unknown>; message?: string };
/** A pino-shaped logger: (fields, message), methods that read `this`. */
function capture(): KalshiLogger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) =>
    function (this: { lines: Line[] }, fields: object, message?: string) {
      this.lines.push({ level, fields: fields as Record<string, unknown>, ...(message === undefined ? {} : { message }) });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('credentials', () => {
  it('connects with every credentials form: PEM text, a KeyObject, a CryptoKey, a signer', async () => {
    const der = createPrivateKey(testKeys.privatePem).export({ type: 'pkcs8', format: 'der' });
    const cryptoKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
    const forms = [
      { apiKeyId: MAKER_KEY, privateKey: testKeys.privatePem },
      { apiKeyId: MAKER_KEY, privateKey: testKeys.privateKey },
      { apiKeyId: MAKER_KEY, privateKey: cryptoKey },
      { apiKeyId: MAKER_KEY, signer: await createWebCryptoSigner(testKeys.privatePem) },
    ];
    for (const credentials of forms) {
      const client = fresh({ credentials });
      await client.connect();
      const sub = await client.subscribe({ channel: 'ticker', market_tickers: [LINEAR] });
      expect(sub.sid).toBeGreaterThan(0);
      await client.close();
    }
  });

  it('reads KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY when no credentials are given', async () => {
    vi.stubEnv('KALSHI_API_KEY_ID', MAKER_KEY);
    vi.stubEnv('KALSHI_PRIVATE_KEY', testKeys.privatePem);
    vi.stubEnv('KALSHI_PRIVATE_KEY_PATH', '');
    try {
      const client = fresh();
      await client.connect();
      expect(client.state).toBe('open');
      await client.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses credentials together with the deprecated top-level key options', () => {
    expect(() => ex.ws({ credentials: { apiKeyId: MAKER_KEY, privateKey: testKeys.privatePem } })).toThrow(
      expect.objectContaining({ code: 'WS_CONFIG_INVALID', option: 'credentials' }),
    );
  });

  it('names the environment variable when KALSHI_* is half set, without the key', () => {
    vi.stubEnv('KALSHI_API_KEY_ID', '');
    vi.stubEnv('KALSHI_PRIVATE_KEY', testKeys.privatePem);
    vi.stubEnv('KALSHI_PRIVATE_KEY_PATH', '');
    try {
      let error: unknown;
      try {
        fresh();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'WS_CONFIG_INVALID', option: 'KALSHI_API_KEY_ID' });
      expect((error as Error).message).not.toContain(testKeys.privatePem.slice(40, 80));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('logger', () => {
  it('logs open at info, commands at debug, a lost connection and the reconnect at warn, nothing secret', async () => {
    const logger = capture();
    const client = fresh({ credentials: { apiKeyId: MAKER_KEY, privateKey: testKeys.privatePem }, logger });
    await client.connect();
    await client.subscribe({ channel: 'ticker', market_tickers: [LINEAR] });
    expect(ex.mock.exchange.faults.ws.dropConnections()).toBe(1);
    await until(() => logger.lines.filter((l) => l.message === 'WebSocket open').length === 2, 'the reconnect');
    await client.close();

    const seen = logger.lines.map((l) => `${l.level} ${l.message}`);
    expect(seen).toEqual(
      expect.arrayContaining(['debug Opening WebSocket', 'info WebSocket open', 'debug WebSocket command', 'warn WebSocket lost', 'warn WebSocket reconnecting']),
    );
    expect(seen.indexOf('warn WebSocket lost')).toBeLessThan(seen.lastIndexOf('info WebSocket open'));
    expect(logger.lines.find((l) => l.message === 'WebSocket command')?.fields).toMatchObject({ cmd: 'subscribe', params: { channels: ['ticker'], market_tickers: [LINEAR] } });
    expect(logger.lines.find((l) => l.message === 'WebSocket reconnecting')?.fields).toMatchObject({ attempt: 1, delayMs: expect.any(Number) });
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain(testKeys.privatePem.slice(40, 80));
    expect(text).not.toMatch(/KALSHI-ACCESS-SIGNATURE"\s*:\s*"[A-Za-z0-9+/]/);
  });
});

describe('error 11 names its cause', () => {
  it('subscribe to an unknown market: the market and the command are in the message and the fields', async () => {
    const client = ex.ws();
    await client.connect();
    const error = await client.subscribe({ channel: 'ticker', market_tickers: [LINEAR, 'KXNOPE-26DEC31-X'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiWsError);
    expect(error).toMatchObject({
      code: 'WS_SERVER_ERROR',
      kalshiCode: 11,
      kalshiCodeName: 'INVALID_PARAMETER',
      cmd: 'subscribe',
      channel: 'ticker',
      marketTickers: ['KXNOPE-26DEC31-X'],
      commandMarketTickers: [LINEAR, 'KXNOPE-26DEC31-X'],
    });
    expect((error as Error).message).toBe('Kalshi error 11 INVALID_PARAMETER: Invalid parameter (market KXNOPE-26DEC31-X in subscribe ticker)');
  });

  it('update_subscription add_markets with an unknown market names update_subscription', async () => {
    const client = ex.ws();
    await client.connect();
    const sub = await client.subscribe({ channel: 'ticker', market_tickers: [LINEAR] });
    const error = await sub.update({ action: 'add_markets', market_tickers: ['KXNOPE-26DEC31-Y'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kalshiCode: 11, cmd: 'update_subscription', marketTickers: ['KXNOPE-26DEC31-Y'] });
    expect((error as Error).message).toContain('(market KXNOPE-26DEC31-Y in update_subscription ticker)');
  });

  it('when Kalshi names no market, the message names the markets the command named', () => {
    const error = KalshiWsError.fromServer({ code: 11, msg: 'Invalid parameter' }, { cmd: 'subscribe', channel: 'orderbook_delta', marketTickers: ['A', 'B'] });
    expect(error.message).toBe('Kalshi error 11 INVALID_PARAMETER: Invalid parameter (subscribe orderbook_delta naming markets A, B)');
    expect(error.marketTickers).toBeUndefined();
  });
});
