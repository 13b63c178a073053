import { describe, expect, it } from 'vitest';
import { generateError, type ErrorInput } from '../src/error-factory.js';
import { KalshiApiError, KalshiNetworkError, KalshiResponseError, KalshiTimeoutError } from '../src/index.js';

const where = { operationId: 'GetMarket', method: 'GET', path: '/trade-api/v2/markets/KXA-1' } as const;
const reset = new TypeError('fetch failed');
const notJson = new SyntaxError('Unexpected token < in JSON');

describe('generateError: one factory picks the class', () => {
  it.each<[string, { given: ErrorInput; want: { class: Function; code: string; fields: Record<string, unknown> } }]>([
    [
      'a 404 answer',
      {
        given: { ...where, response: new Response('{}', { status: 404, headers: { 'x-request-id': 'r-1' } }), body: { error: { code: 'not_found', message: 'no market' } } },
        want: { class: KalshiApiError, code: 'REST_NOT_FOUND', fields: { status: 404, kind: 'not_found', kalshiCode: 'not_found', requestId: 'r-1', operationId: 'GetMarket' } },
      },
    ],
    [
      'a 503 answer whose body echoes a signature',
      {
        given: { ...where, response: new Response('x', { status: 503 }), body: 'sig-abc was refused', secrets: ['sig-abc'] },
        want: { class: KalshiApiError, code: 'REST_SERVER', fields: { status: 503, body: '[redacted] was refused' } },
      },
    ],
    [
      'a 2xx whose body does not parse',
      {
        given: { ...where, response: new Response('<html>', { status: 200 }), malformed: notJson },
        want: { class: KalshiResponseError, code: 'REST_RESPONSE_MALFORMED', fields: { status: 200, cause: notJson, path: where.path } },
      },
    ],
    [
      'no response, the per-attempt limit elapsed',
      { given: { ...where, attempts: 2, cause: reset, timeoutMs: 50 }, want: { class: KalshiTimeoutError, code: 'REST_TIMEOUT', fields: { attempts: 2, timeoutMs: 50 } } },
    ],
    [
      'no response, fetch threw',
      { given: { ...where, attempts: 3, cause: reset }, want: { class: KalshiNetworkError, code: 'REST_NETWORK', fields: { attempts: 3, cause: reset, method: 'GET' } } },
    ],
    [
      'no operation matched',
      { given: { method: 'GET', path: '/elsewhere', attempts: 1, cause: reset }, want: { class: KalshiNetworkError, code: 'REST_NETWORK', fields: { operationId: undefined, path: '/elsewhere' } } },
    ],
  ])('%s', (_, { given, want }) => {
    const error = generateError(given);
    expect(error).toBeInstanceOf(want.class);
    expect(error.code).toBe(want.code);
    expect(error).toMatchObject(want.fields);
  });
});
