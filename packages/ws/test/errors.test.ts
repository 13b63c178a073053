import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KALSHI_WS_ERROR_NAMES, KalshiWsError, kalshiWsErrorName, TERMINAL_KALSHI_CODES } from '../src/index.js';

const spec = parse(readFileSync(fileURLToPath(new URL('../../../specs/asyncapi.yaml', import.meta.url)), 'utf8')) as {
  components: { schemas: { errorResponsePayload: { properties: { msg: { properties: { code: { enum: number[] } } } } } } };
};

describe('KALSHI_WS_ERROR_NAMES', () => {
  it('names every code the spec lets the server send, and no other', () => {
    const codes = spec.components.schemas.errorResponsePayload.properties.msg.properties.code.enum;
    expect(Object.keys(KALSHI_WS_ERROR_NAMES).map(Number)).toEqual([...codes].sort((a, b) => a - b));
  });

  it.each<[number, string]>([
    [1, 'UNABLE_TO_PROCESS_MESSAGE'],
    [9, 'AUTHENTICATION_REQUIRED'],
    [14, 'MARKET_TICKER_REQUIRED'],
    [21, 'SHARD_KEY_OUT_OF_RANGE'],
    [25, 'SUBSCRIPTION_BUFFER_OVERFLOW'],
    [28, 'UNDERLYING_TICKERS_REQUIRED'],
    [6, 'ALREADY_SUBSCRIBED'],
    [16, 'MARKET_NOT_FOUND'],
    [17, 'INTERNAL_ERROR'],
    [99, 'UNKNOWN'],
  ])('code %i is %s', (code, name) => {
    expect(kalshiWsErrorName(code)).toBe(name);
  });

  it('marks 10 and 25 terminal', () => {
    expect([...TERMINAL_KALSHI_CODES].sort((a, b) => a - b)).toEqual([10, 25]);
  });
});

describe('KalshiWsError.fromServer', () => {
  it('carries the code, its name and the facts', () => {
    const e = KalshiWsError.fromServer({ code: 26, msg: 'too many markets', market_tickers: ['A', 'B'] }, { commandId: 7, cmd: 'update_subscription', sid: 3 });
    expect({ ...e }).toEqual({
      name: 'KalshiWsError',
      code: 'WS_SERVER_ERROR',
      kalshiCode: 26,
      kalshiCodeName: 'SUBSCRIPTION_MARKET_LIMIT_EXCEEDED',
      kalshiMessage: 'too many markets',
      commandId: 7,
      cmd: 'update_subscription',
      sid: 3,
      marketTickers: ['A', 'B'],
    });
    expect(e.message).toBe('Kalshi error 26 SUBSCRIPTION_MARKET_LIMIT_EXCEEDED: too many markets');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('KalshiWsError');
  });
});
